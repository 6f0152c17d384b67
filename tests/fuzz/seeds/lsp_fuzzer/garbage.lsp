garbage

Content-Length: 99999999999

{}Content-Length: 2

[]Content-Length: 12

{"jsonrpc":1Content-Length: 65

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}