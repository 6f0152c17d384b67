Content-Length: 198

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///fuzz", "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 245

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "from ubuntu:latest as build\nMAINTAINER me\nRUN sudo apt-get install curl\n"}}}Content-Length: 280

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.drydock"]}}}Content-Length: 245

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile"}, "range": {"start": {"line": 2, "character": 5}, "end": {"line": 2, "character": 5}}, "context": {"diagnostics": []}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}