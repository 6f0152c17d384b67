#!/usr/bin/env bash
# fuzz.sh BUILD_DIR SECONDS [TARGET...]: for each target (default: all), replays its saved regression inputs and
# every file of its seeds once, then fuzzes it for SECONDS (0: no fuzzing). Seeds are tests/fuzz/seeds/<target>/
# when that folder exists (configs, protocol messages), else the shared corpus of Dockerfiles; the dictionary is
# tests/fuzz/<target>.dict when present, else dockerfile.dict. A crash leaves its input in
# tests/fuzz/regressions/<target>/ and fails.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$1
SECONDS_PER_TARGET=$2
shift 2
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(parse_fuzzer lint_fuzzer fix_fuzzer config_fuzzer lsp_fuzzer)

for target in "${TARGETS[@]}"; do
    SEEDS="$ROOT/../shared/corpus/dockerfiles"
    [ -d "$ROOT/tests/fuzz/seeds/$target" ] && SEEDS="$ROOT/tests/fuzz/seeds/$target"
    dict="$ROOT/tests/fuzz/dockerfile.dict"
    [ -f "$ROOT/tests/fuzz/$target.dict" ] && dict="$ROOT/tests/fuzz/$target.dict"
    binary="$BUILD/tests/fuzz/$target"
    regressions="$ROOT/tests/fuzz/regressions/$target"
    mkdir -p "$regressions"
    if compgen -G "$regressions/*" >/dev/null; then
        echo "--> $target: replaying $(ls "$regressions" | wc -l) regression inputs"
        "$binary" -runs=0 "$regressions"/* 2>&1 | tail -n 1
    fi
    seed_dirs=()
    if [ -d "$SEEDS" ]; then
        seed_dirs+=("$SEEDS")
        echo "--> $target: every seed once ($SEEDS)"
        "$binary" -runs=0 -timeout=10 -rss_limit_mb=2048 -max_len=65536 "$SEEDS" 2>&1 | tail -n 1
    else
        echo "--> shared corpus not found at $SEEDS: fuzzing from an empty corpus"
    fi
    [ "$SECONDS_PER_TARGET" -gt 0 ] || continue
    work=$(mktemp -d)
    echo "--> $target: fuzzing for ${SECONDS_PER_TARGET}s"
    if ! "$binary" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -dict="$dict" -artifact_prefix="$regressions/" -print_final_stats=1 \
        "$work" "${seed_dirs[@]}" 2>"$work.log"; then
        tail -40 "$work.log"
        echo "--> $target: CRASH; the input is saved in $regressions/" >&2
        exit 1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$work.log" | sed "s/^/--> $target: /"
    rm -rf "$work" "$work.log"
done
