#!/usr/bin/env bash
# The VS Code extension's protocol test (vscode-extension/test/lsp.test.mjs, node:test) against `drydock lsp`.
#
#   tests/integration/vscode_lsp_test.sh DRYDOCK_BINARY
#
# Exits 77 (skipped) without node or without vscode-extension/node_modules (`npm ci --prefix vscode-extension`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BINARY=$(realpath "${1:?usage: vscode_lsp_test.sh DRYDOCK_BINARY}")
EXTENSION=$ROOT/vscode-extension

if ! command -v node >/dev/null; then
    echo "SKIP: node is not installed"
    exit 77
fi
if [ ! -d "$EXTENSION/node_modules/vscode-languageserver-protocol" ]; then
    echo "SKIP: run 'npm ci --prefix vscode-extension' first"
    exit 77
fi
help=$("$BINARY" --help)
if ! grep -qE '^\s+lsp\s' <<<"$help"; then
    echo "SKIP: $BINARY has no 'lsp' subcommand"
    exit 77
fi
cd "$EXTENSION"
DRYDOCK_BINARY=$BINARY exec node --test --test-reporter=spec test/
