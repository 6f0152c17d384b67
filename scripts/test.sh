#!/usr/bin/env bash
# Everything CI checks: install what is missing, build in Release and run the whole test suite, then run the unit
# tests again under AddressSanitizer + UndefinedBehaviorSanitizer, then the fuzz targets for a bounded time.
# FUZZ_SECONDS (default 60) sets how long the parser fuzzer mutates inputs; the lint and fix fuzzers replay their
# regressions and the corpus (deterministic), and fuzz for as long only when FUZZ_ALL=1.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FUZZ_SECONDS=${FUZZ_SECONDS:-60}

install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

# The SARIF schema validator (ajv + the SARIF 2.1.0 schema, pinned by tests/sarif/package-lock.json). Without
# node/npm the SARIF validation test skips with a message.
if command -v npm >/dev/null; then
    echo "==> npm ci --prefix tests/sarif"
    npm ci --prefix "$ROOT/tests/sarif" --no-audit --no-fund --loglevel=error
fi

echo "==> Release build and full test suite"
configure_and_build "$ROOT/build" -DCMAKE_BUILD_TYPE=Release
ctest --test-dir "$ROOT/build" --output-on-failure -j "$JOBS"

echo "==> Sanitized build (ASan + UBSan) and unit tests"
configure_and_build "$ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRYDOCK_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$ROOT/build-asan" --output-on-failure -j "$JOBS"

if command -v clang++ >/dev/null; then
    echo "==> Fuzz targets (${FUZZ_SECONDS}s each)"
    CXX=clang++ configure_and_build "$ROOT/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRYDOCK_FUZZ=ON \
        -DDRYDOCK_BUILD_TESTS=OFF -- parse_fuzzer lint_fuzzer fix_fuzzer
    "$ROOT/scripts/fuzz.sh" "$ROOT/build-fuzz" "$FUZZ_SECONDS" parse_fuzzer
    if [ "${FUZZ_ALL:-0}" = 1 ]; then
        "$ROOT/scripts/fuzz.sh" "$ROOT/build-fuzz" "$FUZZ_SECONDS" lint_fuzzer fix_fuzzer
    else
        "$ROOT/scripts/fuzz.sh" "$ROOT/build-fuzz" 0 lint_fuzzer fix_fuzzer
    fi
else
    echo "==> clang++ not found: fuzz targets skipped"
fi
