Content-Length: 198

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///fuzz", "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 184

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "FROM scratch\n"}}}Content-Length: 48

{"jsonrpc": "2.0", "id": 2, "method": "no/such"}Content-Length: 68

{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 2}}Content-Length: 139

{"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": "file:///fuzz/.hadolint.yaml", "type": 2}]}}Content-Length: 117

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///fuzz/Dockerfile"}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}