Content-Length: 198

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///fuzz", "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 239

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "FROM ubuntu:22.04\nLABEL a=\"😀日本\"\nRUN echo é && sudo true\n"}}}Content-Length: 253

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile", "version": 2}, "contentChanges": [{"range": {"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 11}}, "text": "x"}]}}Content-Length: 254

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile", "version": 3}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "run"}]}}Content-Length: 224

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile", "version": 4}, "contentChanges": [{"text": "FROM alpine\n# hadolint ignore=DL3004\n  RUN sudo true\r\n"}]}}Content-Length: 164

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile"}, "position": {"line": 0, "character": 1}}}Content-Length: 164

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile"}, "position": {"line": 2, "character": 4}}}Content-Length: 245

{"jsonrpc": "2.0", "id": 7, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}