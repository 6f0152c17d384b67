#!/usr/bin/env bash
# Benchmarks: in-process parser throughput (Google Benchmark) and whole-process figures over the corpus
# (one process for all files, one process per file). Prints a table; needs the shared corpus beside the checkout.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_missing "${BUILD_PACKAGES[@]}" libbenchmark-dev hyperfine
configure_and_build "$ROOT/build" -DCMAKE_BUILD_TYPE=Release -- drydock drydock_bench

CORPUS="$ROOT/../shared/corpus/dockerfiles"
[ -d "$CORPUS" ] || { echo "shared corpus not found at $CORPUS" >&2; exit 2; }
DRYDOCK="$ROOT/build/cli/drydock"

echo "==> In-process parser benchmarks"
"$ROOT/build/tests/bench/drydock_bench" --benchmark_min_time=1

mapfile -d '' files < <(find "$CORPUS" -type f -print0 | sort -z)
bytes=$(cat "${files[@]}" | wc -c)
count=${#files[@]}

echo "==> drydock parse, one process per file (${count} files, ${bytes} bytes)"
start=$(date +%s.%N)
for f in "${files[@]}"; do "$DRYDOCK" parse --format text "$f" >/dev/null 2>&1 || true; done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$count" -v b="$bytes" 'BEGIN {
    t = e - s; printf "   %.2f s total, %.2f ms per file, %.0f files/s, %.2f MB/s\n", t, 1000 * t / n, n / t, b / t / 1e6 }'

echo "==> per-file latency (hyperfine, median file)"
median=$(for f in "${files[@]}"; do printf '%s %s\n' "$(wc -c <"$f")" "$f"; done | sort -n | awk -v m=$((count / 2)) 'NR == m { print $2 }')
hyperfine --warmup 5 --runs 200 -N --style basic "$DRYDOCK parse --format text $median" 2>/dev/null | grep -E "Time|Range"
