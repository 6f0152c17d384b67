#!/usr/bin/env bash
# The GitHub Action's logic (scripts/github-action.sh lint), run locally with the inputs a workflow would give it
# (INPUT_* variables, GITHUB_WORKSPACE, GITHUB_OUTPUT), plus a check that action.yml hands every input to it.
# The SARIF it writes is validated against the SARIF 2.1.0 schema with tests/sarif/validate.js when node and
# tests/sarif/node_modules are there (`npm ci --prefix tests/sarif`), else that one check is skipped.
#
#   tests/integration/github_action_test.sh DRYDOCK_BINARY
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BINARY=$(realpath "${1:?usage: github_action_test.sh DRYDOCK_BINARY}")
[ -x "$BINARY" ] || { echo "FAIL: no drydock binary at $BINARY"; exit 1; }
ACTION=$ROOT/scripts/github-action.sh

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

failures=0
pass() { echo "ok - $1"; }
fail() {
    echo "not ok - $1"
    failures=$((failures + 1))
}
expect_eq() { # NAME ACTUAL EXPECTED
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', want '$3'"; fi
}
expect_contains() { # NAME TEXT NEEDLE
    if grep -qF -- "$3" <<<"$2"; then pass "$1"; else fail "$1: '$3' not in: $2"; fi
}
expect_absent() { # NAME TEXT NEEDLE
    if grep -qF -- "$3" <<<"$2"; then fail "$1: '$3' in output"; else pass "$1"; fi
}
# The value of output NAME in a GITHUB_OUTPUT file (NAME<<DELIM ... DELIM blocks).
output_value() {
    awk -v name="$2" '
        !in_value && index($0, name "<<") == 1 { delim = substr($0, length(name) + 3); in_value = 1; next }
        in_value && $0 == delim { in_value = 0; next }
        in_value { print }' "$1"
}

# A workspace: a bad Dockerfile at the root, more below, and a clean one.
WS=$WORK/workspace
mkdir -p "$WS/services/api" "$WS/services/web" "$WS/.git"
printf 'FROM debian:12 as build\nADD run.sh /usr/local/bin/\n' >"$WS/Dockerfile"
printf 'FROM alpine:3.19\nCOPY a.txt b.txt /opt\n' >"$WS/services/api/Dockerfile"
printf 'FROM alpine:3.19 as base\n' >"$WS/services/web/Dockerfile.prod"
printf 'FROM alpine:3.19\n' >"$WS/services/web/clean.Dockerfile"
# Only the rules the test is about, so that new rules do not change its expectations.
printf 'shellcheck: false\nselect: [DD1002, DL3020, DL3021]\n' >"$WS/.drydock.yaml"
printf 'shellcheck: false\nselect: [DD1002, DL3020, DL3021]\nignored: [DL3020]\n' >"$WS/ignore-add.yaml"

status=0
run_action() { # VAR=VALUE... : runs the action's lint in the workspace; stdout in $out, outputs in $WORK/output
    : >"$WORK/output"
    set +e
    out=$(env -i PATH="$PATH" HOME="$HOME" GITHUB_WORKSPACE="$WS" GITHUB_OUTPUT="$WORK/output" \
        DRYDOCK_BINARY="$BINARY" "$@" bash "$ACTION" lint 2>&1)
    status=$?
    set -e
}

echo "# defaults: Dockerfile, github annotations"
run_action
expect_eq "fails on findings" "$status" 1
expect_contains "annotation for DD1002" "$out" "::notice file=Dockerfile,line=1,col=16,endLine=1,endColumn=18,title=DD1002::"
expect_contains "annotation for DL3020" "$out" "::error file=Dockerfile,line=2,col=5,endLine=2,endColumn=11,title=DL3020::"
expect_contains "full list in a log group" "$out" "::group::drydock: all findings"
expect_contains "tty list" "$out" "Dockerfile:2:5 DL3020"
expect_absent "only the given file" "$out" "services/"
expect_eq "exit-code output" "$(output_value "$WORK/output" exit-code)" 1
expect_contains "results output" "$(output_value "$WORK/output" results)" "title=DL3020::"

echo "# recursive, several patterns"
run_action INPUT_DOCKERFILE=$'Dockerfile\nDockerfile.*  *.Dockerfile' INPUT_RECURSIVE=true INPUT_FORMAT=gnu
expect_eq "fails on findings" "$status" 1
expect_contains "root Dockerfile" "$out" "Dockerfile:1:16:"
expect_contains "nested Dockerfile" "$out" "services/api/Dockerfile:2:18:"
expect_contains "Dockerfile.* pattern" "$out" "services/web/Dockerfile.prod:1:18:"
expect_absent "no tty group for other formats" "$out" "::group::"

echo "# a folder is searched without recursive"
run_action INPUT_DOCKERFILE=services/web INPUT_FORMAT=json
expect_eq "a style finding is below the default threshold (info)" "$status" 0
expect_contains "found in the folder" "$out" '"file":"services/web/Dockerfile.prod"'
expect_absent "clean file has no findings" "$out" 'clean.Dockerfile'

echo "# failure-threshold, config, no-fail"
run_action INPUT_DOCKERFILE=services/web/Dockerfile.prod INPUT_FAILURE_THRESHOLD=style
expect_eq "a style finding fails at threshold style" "$status" 1
run_action INPUT_DOCKERFILE=services/api/Dockerfile INPUT_FAILURE_THRESHOLD=error
expect_eq "an error fails at threshold error" "$status" 1
run_action INPUT_FAILURE_THRESHOLD=none INPUT_DOCKERFILE=services/web/clean.Dockerfile
expect_eq "a clean file passes" "$status" 0
run_action INPUT_DOCKERFILE=services/web/Dockerfile.prod INPUT_FAILURE_THRESHOLD=warning
expect_eq "a style finding passes at threshold warning" "$status" 0
expect_contains "and is still reported" "$out" "title=DD1002::"
run_action INPUT_CONFIG=ignore-add.yaml
expect_absent "config ignores DL3020" "$out" "DL3020"
expect_contains "other rules still run" "$out" "DD1002"
run_action INPUT_NO_FAIL=true
expect_eq "no-fail" "$status" 0
expect_eq "no-fail exit-code output" "$(output_value "$WORK/output" exit-code)" 0

echo "# errors"
run_action INPUT_DOCKERFILE='Nope*' INPUT_RECURSIVE=true
expect_eq "nothing matched is an error" "$status" 2
expect_contains "says so" "$out" "::error title=drydock::no file matches"
run_action INPUT_FORMAT=yaml
expect_eq "unknown format is an error" "$status" 2
run_action INPUT_CONFIG=missing.yaml
expect_eq "missing config is an error" "$status" 2

echo "# SARIF for code scanning"
run_action INPUT_DOCKERFILE='Dockerfile services' INPUT_SARIF_FILE=reports/drydock.sarif
expect_eq "fails on findings" "$status" 1
expect_eq "sarif-file output" "$(output_value "$WORK/output" sarif-file)" reports/drydock.sarif
SARIF=$WS/reports/drydock.sarif
if [ -s "$SARIF" ]; then
    pass "SARIF written"
    if command -v python3 >/dev/null; then
        summary=$(python3 - "$SARIF" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
results = run["results"]
print(len(results), sorted({r["ruleId"] for r in results}),
      all(r["ruleId"] in rules for r in results),
      sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}))
EOF
        )
        expect_eq "SARIF results, rules and repository-relative paths" "$summary" \
            "4 ['DD1002', 'DL3020', 'DL3021'] True ['Dockerfile', 'services/api/Dockerfile', 'services/web/Dockerfile.prod']"
    fi
    if command -v node >/dev/null && [ -d "$ROOT/tests/sarif/node_modules/@microsoft/jest-sarif" ]; then
        if node "$ROOT/tests/sarif/validate.js" "$SARIF"; then pass "SARIF valid against the 2.1.0 schema"; else
            fail "SARIF schema validation"; fi
    else
        echo "# SKIP SARIF schema validation: needs node and 'npm ci --prefix tests/sarif'"
    fi
else
    fail "SARIF written to $SARIF"
fi

echo "# action.yml hands every input to the script"
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
    problems=$(python3 - "$ROOT/action.yml" "$ACTION" <<'EOF'
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
script = open(sys.argv[2]).read()
steps = {s.get("id"): s for s in action["runs"]["steps"]}
env = steps["lint"].get("env", {})
for name in action["inputs"]:
    var = "INPUT_" + name.upper().replace("-", "_")
    if env.get(var) != "${{ inputs.%s }}" % name:
        print(f"{var} not mapped from inputs.{name}")
    if var not in script:
        print(f"{var} not read by the script")
for var in re.findall(r"\bINPUT_[A-Z_]+\b", script):
    if var not in env:
        print(f"the script reads {var}, which action.yml does not set")
for name, output in action["outputs"].items():
    if f"set_output {name} " not in script:
        print(f"output {name} never set")
EOF
    )
    if [ -z "$problems" ]; then pass "inputs and outputs match"; else fail "action.yml: $problems"; fi
else
    echo "# SKIP action.yml check: needs python3-yaml"
fi

if [ "$failures" -gt 0 ]; then
    echo "FAIL: $failures check(s) failed"
    exit 1
fi
echo "PASS: GitHub Action script"
