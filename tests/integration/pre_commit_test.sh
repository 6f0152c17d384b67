#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (Debian's 3.0.4 is enough) on a
# scratch repository with bad Dockerfiles. Works offline: the hooks are `system` / `script` hooks, nothing is
# downloaded.
#
#   tests/integration/pre_commit_test.sh DRYDOCK_BINARY
#
# With `pre-commit try-repo` and drydock on PATH: `drydock` fails and names the findings in Dockerfile,
# svc/Containerfile and app.dockerfile (and only Dockerfiles); `drydock-fix` fixes them in place and fails because
# it changed files; `drydock` then passes.
# With DRYDOCK_TEST_HOOK_BUILD=1 (scripts/test.sh sets it, after the Release build has filled ccache), also the
# build-on-first-use hooks, through `pre-commit run` and a .pre-commit-config.yaml as a user has them: without
# drydock on PATH, `drydock-from-source` builds drydock in pre-commit's clone of the hook repository and lints, and
# `drydock-fix-from-source` reuses that build (try-repo would clone, and so build, afresh on every call).
# Exits 77 (skipped) when pre-commit or git is not installed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BINARY=${1:?usage: pre_commit_test.sh DRYDOCK_BINARY}

for tool in pre-commit git; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed (Debian: apt-get install pre-commit)"
        exit 77
    fi
done
BINARY=$(realpath "$BINARY")
[ -x "$BINARY" ] || { echo "FAIL: no drydock binary at $BINARY"; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A private git and pre-commit set-up: no user config (signing, hooks, templates) gets in the way.
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME=$WORK/pre-commit-cache
git config --global user.name "drydock test"
git config --global user.email "test@drydock.invalid"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

failures=0
status=0
output=
pass() { echo "ok - $1"; }
fail() {
    echo "not ok - $1"
    failures=$((failures + 1))
}
expect_status() { # NAME WANTED: checks $status, shows $output when it is wrong
    if [ "$status" -eq "$2" ]; then
        pass "$1"
    else
        fail "$1: exit status $status, want $2"
        echo "$output"
    fi
}
expect_contains() { # NAME TEXT NEEDLE
    if grep -qF -- "$3" <<<"$2"; then pass "$1"; else fail "$1: '$3' not in output"; fi
}
expect_absent() { # NAME TEXT NEEDLE
    if grep -qF -- "$3" <<<"$2"; then fail "$1: '$3' in output"; else pass "$1"; fi
}
expect_file() { # NAME FILE CONTENT
    if [ "$(cat "$2")" = "$3" ]; then
        pass "$1"
    else
        fail "$1"
        diff -u <(printf '%s\n' "$3") "$2" || true
    fi
}

# The hook repository: a committed copy of this checkout's sources, as a user's `rev:` would be (try-repo would
# leave out files that are not committed yet).
HOOKS=$WORK/hooks
mkdir -p "$HOOKS"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
        tar --null -T - -cf -) | tar -C "$HOOKS" -xf -
else
    tar -C "$ROOT" --exclude='./build*' --exclude=node_modules --exclude=.git --exclude=.pre-commit-build -cf - . |
        tar -C "$HOOKS" -xf -
fi
git -C "$HOOKS" init -q
git -C "$HOOKS" add -A
git -C "$HOOKS" commit -q -m "hooks under test"

# The user's repository.
REPO=$WORK/repo
mkdir -p "$REPO/svc"
printf 'FROM debian:12 as build\nADD run.sh /usr/local/bin/\n' >"$REPO/Dockerfile"
printf 'FROM alpine:3.19\nCOPY a.txt b.txt /opt\n' >"$REPO/svc/Containerfile"
printf 'FROM alpine:3.19 as base\n' >"$REPO/app.dockerfile"
printf 'FROM debian:12 as nolint\n' >"$REPO/notes.txt"
# Only the rules the test is about, so that new rules do not change its expectations.
printf 'shellcheck: false\nselect: [DD1002, DL3020, DL3021]\n' >"$REPO/.drydock.yaml"
git -C "$REPO" init -q
git -C "$REPO" add -A
git -C "$REPO" commit -q -m "bad Dockerfiles"

FIXED_DOCKERFILE=$'FROM debian:12 AS build\nCOPY run.sh /usr/local/bin/'
FIXED_CONTAINERFILE=$'FROM alpine:3.19\nCOPY a.txt b.txt /opt/'
FIXED_APP=$'FROM alpine:3.19 AS base'

BIN=$WORK/bin
mkdir -p "$BIN"
ln -s "$BINARY" "$BIN/drydock"

try_repo() { # HOOK-ID: output in $output, exit status in $status; the drydock under test on PATH
    set +e
    output=$(cd "$REPO" && PATH=$BIN:$PATH pre-commit try-repo "$HOOKS" "$1" --all-files 2>&1)
    status=$?
    set -e
}

echo "# drydock (lint, drydock on PATH)"
try_repo drydock
expect_status "drydock fails on bad Dockerfiles" 1
expect_contains "Dockerfile finding" "$output" "Dockerfile:1:16 DD1002"
expect_contains "Dockerfile ADD finding" "$output" "Dockerfile:2:5 DL3020"
expect_contains "Containerfile linted" "$output" "svc/Containerfile:2:18 DL3021"
expect_contains "*.dockerfile linted" "$output" "app.dockerfile:1:18 DD1002"
expect_absent "other files left alone" "$output" "notes.txt"

echo "# drydock-fix"
try_repo drydock-fix
expect_status "drydock-fix fails when it changed files" 1
expect_contains "pre-commit saw the changes" "$output" "files were modified by this hook"
expect_file "Dockerfile fixed" "$REPO/Dockerfile" "$FIXED_DOCKERFILE"
expect_file "Containerfile fixed" "$REPO/svc/Containerfile" "$FIXED_CONTAINERFILE"
expect_file "app.dockerfile fixed" "$REPO/app.dockerfile" "$FIXED_APP"
expect_file "notes.txt untouched" "$REPO/notes.txt" "FROM debian:12 as nolint"

try_repo drydock
expect_status "drydock passes on the fixed files" 0

if [ "${DRYDOCK_TEST_HOOK_BUILD:-0}" = 1 ]; then
    git -C "$REPO" checkout -q -- .
    {
        echo "repos:"
        echo "  - repo: $HOOKS"
        echo "    rev: $(git -C "$HOOKS" rev-parse HEAD)"
        echo "    hooks:"
        echo "      - id: drydock-from-source"
        echo "      - id: drydock-fix-from-source"
    } >"$REPO/.pre-commit-config.yaml"
    git -C "$REPO" add .pre-commit-config.yaml
    git -C "$REPO" commit -q -m "pre-commit config"
    run_hook() { # HOOK-ID: output in $output, exit status in $status; no drydock on PATH
        set +e
        output=$(cd "$REPO" && PATH=/usr/local/bin:/usr/bin:/bin pre-commit run "$1" --all-files 2>&1)
        status=$?
        set -e
    }
    echo "# drydock-from-source (builds drydock in pre-commit's clone of the hook repository)"
    started=$SECONDS
    run_hook drydock-from-source
    echo "# built and linted in $((SECONDS - started)) s"
    expect_status "drydock-from-source fails on bad Dockerfiles" 1
    expect_contains "built on first use" "$output" "building drydock from"
    expect_contains "from-source finding" "$output" "Dockerfile:1:16 DD1002"

    run_hook drydock-fix-from-source
    expect_status "drydock-fix-from-source fails when it changed files" 1
    expect_absent "the build is reused" "$output" "building drydock from"
    expect_file "Dockerfile fixed from source" "$REPO/Dockerfile" "$FIXED_DOCKERFILE"
else
    echo "# SKIP the build-on-first-use hooks (a whole build): set DRYDOCK_TEST_HOOK_BUILD=1 (scripts/test.sh does)"
fi

if [ "$failures" -gt 0 ]; then
    echo "FAIL: $failures check(s) failed"
    exit 1
fi
echo "PASS: pre-commit hooks"
