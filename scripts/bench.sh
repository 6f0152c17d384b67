#!/usr/bin/env bash
# Benchmarks, one command: in-process micro-benchmarks (Google Benchmark: parse, lint, fix on small, median,
# large and editor-sized files and on the whole corpus), then whole-process figures over the shared corpus —
# per-file latency (one process per file, median and p95 over 200 files), whole-corpus lint and fix
# throughput with 1 and 2 threads, peak RSS — printed as a table. Needs ../shared/corpus beside the checkout.
#   scripts/bench.sh            everything
#   BENCH_QUICK=1 scripts/bench.sh   fewer runs (a rough table in about a minute)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_missing "${BUILD_PACKAGES[@]}" libbenchmark-dev hyperfine time
configure_and_build "$ROOT/build" -DCMAKE_BUILD_TYPE=Release -- drydock drydock_bench

CORPUS="$ROOT/../shared/corpus/dockerfiles"
[ -d "$CORPUS" ] || { echo "shared corpus not found at $CORPUS" >&2; exit 2; }
DRYDOCK="$ROOT/build/cli/drydock"
RUNS=10
MIN_TIME=1
if [ -n "${BENCH_QUICK:-}" ]; then RUNS=3; MIN_TIME=0.2; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "==> In-process benchmarks (Google Benchmark)"
"$ROOT/build/tests/bench/drydock_bench" --benchmark_min_time="$MIN_TIME"

mapfile -d '' files < <(find "$CORPUS" -type f -print0 | sort -z)
count=${#files[@]}
bytes=$(cat "${files[@]}" | wc -c)
megabytes=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')

# 200 files spread evenly over the corpus (sorted by path, so a mix of sizes and projects).
sample=()
for ((i = 0; i < 200 && i < count; i++)); do sample+=("${files[i * count / 200]}"); done
printf '%s\n' "${sample[@]}" >"$WORK/sample.txt"

echo "==> Per-file latency: drydock lint --no-shellcheck FILE, one process per file, ${#sample[@]} files"
# hyperfine's -L takes a comma-separated list; corpus paths contain no commas.
hyperfine -N -i --style none --warmup 1 --runs "$RUNS" --export-csv "$WORK/per_file.csv" \
    -L file "$(IFS=,; echo "${sample[*]}")" "$DRYDOCK lint --no-shellcheck --no-config {file}" >/dev/null 2>&1
# Column 4 is each file's median time in seconds.
per_file=$(tail -n +2 "$WORK/per_file.csv" | awk -F, '{ print $4 * 1000 }' | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.2f ms median, %.2f ms p95", v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)] }')

throughput() { # label, command...: mean seconds over RUNS, as files/s and MB/s
    local label=$1; shift
    hyperfine -N -i --style none --warmup 1 --runs "$RUNS" --export-csv "$WORK/t.csv" "$*" >/dev/null 2>&1
    tail -n +2 "$WORK/t.csv" | awk -F, -v n="$count" -v b="$bytes" -v l="$label" \
        '{ printf "| %-28s | %7.3f s | %7.0f files/s | %6.2f MB/s |\n", l, $2, n / $2, b / $2 / 1e6 }'
}

# A fresh copy of the corpus for each fix run, made by a script: with -N hyperfine runs commands without a
# shell, so an inline "rm … && cp …" would hand every word, the corpus path included, to rm.
# `sync` after the copy: drydock fsyncs each file it writes, and without it that waited for the writeback of
# the whole fresh copy, the benchmark's own work.
printf 'rm -rf "%s/copy" && cp -r "%s" "%s/copy" && sync\n' "$WORK" "$CORPUS" "$WORK" >"$WORK/prepare.sh"
bash "$WORK/prepare.sh"
find "$WORK/copy" -type f -print0 | sort -z >"$WORK/copies.list"

fix_throughput() { # label, jobs: fixes the copy of the corpus (writes included)
    local label=$1 jobs=$2
    hyperfine -N -i --style none --warmup 1 --runs "$RUNS" --export-csv "$WORK/t.csv" \
        --prepare "bash $WORK/prepare.sh" \
        "xargs -0 -a $WORK/copies.list $DRYDOCK fix --no-shellcheck --no-config -j $jobs" >/dev/null 2>&1
    tail -n +2 "$WORK/t.csv" | awk -F, -v n="$count" -v b="$bytes" -v l="$label" \
        '{ printf "| %-28s | %7.3f s | %7.0f files/s | %6.2f MB/s |\n", l, $2, n / $2, b / $2 / 1e6 }'
}

peak_rss() { # command...: peak resident set size in MB
    /usr/bin/time -f %M "$@" >/dev/null 2>"$WORK/rss.txt" || true
    awk 'END { printf "%.1f MB", $1 / 1024 }' "$WORK/rss.txt"
}

echo "==> Whole corpus: ${count} files, ${megabytes} MB"
echo "| what                         |   time    |   throughput    |   bytes    |"
echo "|------------------------------|-----------|-----------------|------------|"
# Corpus files are named like `project/variant__Dockerfile`, which folder discovery does not pick up (it
# looks for Dockerfile, Dockerfile.*, *.Dockerfile…), so every file is passed by name, through xargs (one
# invocation: the list is far below ARG_MAX, but too long for a single hyperfine argument).
printf '%s\0' "${files[@]}" >"$WORK/files.list"
throughput "lint, 1 thread" xargs -0 -a "$WORK/files.list" "$DRYDOCK" lint --no-shellcheck --no-config -j 1
throughput "lint, 2 threads" xargs -0 -a "$WORK/files.list" "$DRYDOCK" lint --no-shellcheck --no-config -j 2
fix_throughput "fix (safe), 1 thread" 1
fix_throughput "fix (safe), 2 threads" 2
echo
echo "per-file process (lint):      $per_file"
echo "peak RSS, lint one file:      $(peak_rss "$DRYDOCK" lint --no-shellcheck --no-config "${sample[100]}")"
echo "peak RSS, lint whole corpus:  $(peak_rss "$DRYDOCK" lint --no-shellcheck --no-config -j 2 "${files[@]}")"
bash "$WORK/prepare.sh"
echo "peak RSS, fix whole corpus:   $(peak_rss xargs -0 -a "$WORK/copies.list" "$DRYDOCK" fix --no-shellcheck --no-config -j 2)"
