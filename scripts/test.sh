#!/usr/bin/env bash
# Everything CI checks: install what is missing, build in Release, package the VS Code extension (.vsix) and run
# the whole test suite (with the GitHub Action, pre-commit and LSP integration tests), then run the unit
# tests again under AddressSanitizer + UndefinedBehaviorSanitizer, then the image tests (scripts/image-test.sh: the
# sample apps built and run before and after `drydock fix --unsafe-fixes`, skipped where podman cannot run), then
# the fuzz targets for a bounded time.
# FUZZ_SECONDS (default 60) sets how long the parser, config and LSP fuzzers mutate inputs; the lint and fix fuzzers replay their
# regressions and the corpus (deterministic), and fuzz for as long only when FUZZ_ALL=1.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FUZZ_SECONDS=${FUZZ_SECONDS:-60}

install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

# Node.js and npm: Debian's, only when the machine has none.
command -v npm >/dev/null || install_missing nodejs npm

# npm ci in DIR unless its node_modules was installed from the same package-lock.json already.
npm_ci() {
    local stamp=$1/node_modules/.drydock-installed-lock
    if cmp -s "$1/package-lock.json" "$stamp"; then
        echo "==> ${1#"$ROOT"/}/node_modules is up to date"
        return 0
    fi
    echo "==> npm ci --prefix ${1#"$ROOT"/}"
    npm ci --prefix "$1" --no-audit --no-fund --loglevel=error
    cp "$1/package-lock.json" "$stamp"
}

# Pinned by their package-lock.json: the SARIF schema validator (ajv + the SARIF 2.1.0 schema) and the VS Code
# extension's toolchain (TypeScript, esbuild, vsce, the LSP client libraries its protocol test uses). Without
# node/npm the tests that need them skip with a message.
if command -v npm >/dev/null; then
    npm_ci "$ROOT/tests/sarif"
    npm_ci "$ROOT/vscode-extension"
fi

echo "==> Release build"
configure_and_build "$ROOT/build" -DCMAKE_BUILD_TYPE=Release
if command -v npm >/dev/null; then
    echo "==> VS Code extension: vscode-extension/drydock-linux-x64.vsix"
    (cd "$ROOT/vscode-extension" && DRYDOCK_BINARY="$ROOT/build/cli/drydock" npm run --silent package)
fi
echo "==> Full test suite (GoogleTest, integrations: GitHub Action, pre-commit, VS Code LSP)"
# DRYDOCK_TEST_HOOK_BUILD: the pre-commit test also builds drydock the way its build-on-first-use hooks do (ccache
# hits after the build above).
DRYDOCK_TEST_HOOK_BUILD=1 ctest --test-dir "$ROOT/build" --output-on-failure -j "$JOBS"

echo "==> Sanitized build (ASan + UBSan) and unit tests"
configure_and_build "$ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRYDOCK_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$ROOT/build-asan" --output-on-failure -j "$JOBS"

echo "==> Image tests (samples built and run before and after drydock fix --unsafe-fixes)"
DRYDOCK="$ROOT/build/cli/drydock" "$ROOT/scripts/image-test.sh"

if command -v clang++ >/dev/null; then
    echo "==> Fuzz targets (${FUZZ_SECONDS}s each)"
    CXX=clang++ configure_and_build "$ROOT/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRYDOCK_FUZZ=ON \
        -DDRYDOCK_BUILD_TESTS=OFF -- parse_fuzzer lint_fuzzer fix_fuzzer config_fuzzer lsp_fuzzer
    "$ROOT/scripts/fuzz.sh" "$ROOT/build-fuzz" "$FUZZ_SECONDS" parse_fuzzer config_fuzzer lsp_fuzzer
    if [ "${FUZZ_ALL:-0}" = 1 ]; then
        "$ROOT/scripts/fuzz.sh" "$ROOT/build-fuzz" "$FUZZ_SECONDS" lint_fuzzer fix_fuzzer
    else
        "$ROOT/scripts/fuzz.sh" "$ROOT/build-fuzz" 0 lint_fuzzer fix_fuzzer
    fi
else
    echo "==> clang++ not found: fuzz targets skipped"
fi
