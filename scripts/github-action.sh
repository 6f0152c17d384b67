#!/usr/bin/env bash
# The logic of the GitHub Action in action.yml, kept here so tests can run it without GitHub.
#
#   scripts/github-action.sh build      install missing Debian/Ubuntu packages, build drydock (cached build dir)
#   scripts/github-action.sh cache-key  write `key=...` (hash of the sources that make the binary) to $GITHUB_OUTPUT
#   scripts/github-action.sh lint       lint the inputs' Dockerfiles
#
# Inputs come as the runner gives them to actions, in INPUT_* variables (action.yml maps them explicitly):
#   INPUT_DOCKERFILE         paths, separated by spaces or new lines (default: Dockerfile); folders are searched
#   INPUT_RECURSIVE          true: each non-folder entry is a file name pattern searched for from the workspace
#                            root (e.g. 'Dockerfile*'), as in hadolint's action
#   INPUT_FORMAT             output format on stdout (default: github, i.e. annotations)
#   INPUT_FAILURE_THRESHOLD  error | warning | info | style | ignore | none (default: the config's, else info)
#   INPUT_CONFIG             config file (default: discovered per Dockerfile)
#   INPUT_SARIF_FILE         when set, also write SARIF there (for github/codeql-action/upload-sarif)
#   INPUT_NO_FAIL            true: exit 0 even with findings
# Environment: GITHUB_WORKSPACE (where paths are relative to; default .), GITHUB_OUTPUT (outputs: exit-code,
# results, sarif-file), DRYDOCK_BINARY (default: the build below), DRYDOCK_ACTION_BUILD_DIR (default:
# <action>/.action-build).
# Exit status of `lint`: drydock's (0 clean, 1 findings at or above the threshold, 2 usage/config/I-O error).
set -euo pipefail

ACTION_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${DRYDOCK_ACTION_BUILD_DIR:-$ACTION_ROOT/.action-build}

set_output() { # NAME VALUE (multi-line values use a heredoc delimiter, as the runner expects)
    [ -n "${GITHUB_OUTPUT:-}" ] || return 0
    local delimiter="drydock_${RANDOM}${RANDOM}${RANDOM}"
    printf '%s<<%s\n%s\n%s\n' "$1" "$delimiter" "$2" "$delimiter" >>"$GITHUB_OUTPUT"
}

is_true() {
    case "${1,,}" in
    true | yes | 1 | on) return 0 ;;
    *) return 1 ;;
    esac
}

build() {
    # shellcheck source=scripts/common.sh
    source "$ACTION_ROOT/scripts/common.sh"
    install_missing "${BUILD_PACKAGES[@]}"
    # Paths relative to the checkout in ccache's keys: a restored cache hits even if the action moved.
    export CCACHE_BASEDIR=$ACTION_ROOT
    configure_and_build "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DDRYDOCK_BUILD_TESTS=OFF -- drydock
    "$BUILD_DIR/cli/drydock" --version
}

cache_key() {
    local hash
    hash=$(cd "$ACTION_ROOT" &&
        find CMakeLists.txt parser fixers checks cli -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum |
        sha256sum | cut -c1-16)
    echo "key=$hash"
    set_output key "$hash"
}

lint() {
    local drydock=${DRYDOCK_BINARY:-$BUILD_DIR/cli/drydock}
    if [ ! -x "$drydock" ]; then
        echo "::error title=drydock::no drydock binary at $drydock (run '$0 build' first)"
        return 2
    fi
    cd "${GITHUB_WORKSPACE:-.}"

    local format=${INPUT_FORMAT:-github}
    local entries=() paths=() entry found
    # Split on white space without glob expansion: patterns are for `recursive`, not for the shell.
    set -f
    # shellcheck disable=SC2206
    entries=(${INPUT_DOCKERFILE:-Dockerfile})
    set +f
    for entry in "${entries[@]}"; do
        if is_true "${INPUT_RECURSIVE:-false}" && [ ! -d "$entry" ]; then
            mapfile -t found < <(find . -name .git -prune -o -type f -name "$entry" -print | sed 's|^\./||' |
                LC_ALL=C sort)
            paths+=("${found[@]}")
        else
            paths+=("$entry")
        fi
    done
    if [ ${#paths[@]} -eq 0 ]; then
        echo "::error title=drydock::no file matches '${INPUT_DOCKERFILE:-Dockerfile}'"
        set_output exit-code 2
        return 2
    fi

    local options=()
    [ -n "${INPUT_FAILURE_THRESHOLD:-}" ] && options+=(--failure-threshold "$INPUT_FAILURE_THRESHOLD")
    [ -n "${INPUT_CONFIG:-}" ] && options+=(--config "$INPUT_CONFIG")
    is_true "${INPUT_NO_FAIL:-false}" && options+=(--no-fail)

    local results status=0
    results=$("$drydock" lint --format "$format" "${options[@]}" -- "${paths[@]}") || status=$?
    [ -n "$results" ] && printf '%s\n' "$results"
    if [ "$format" = github ] && [ "$status" -ne 2 ]; then
        # GitHub shows at most 10 annotations of each level per step: the whole list goes in the log too.
        echo "::group::drydock: all findings"
        "$drydock" lint --no-color --no-fail "${options[@]}" -- "${paths[@]}" || true
        echo "::endgroup::"
    fi

    if [ -n "${INPUT_SARIF_FILE:-}" ] && [ "$status" -ne 2 ]; then
        mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
        local sarif_status=0
        "$drydock" lint --format sarif --no-fail "${options[@]}" -- "${paths[@]}" >"$INPUT_SARIF_FILE" ||
            sarif_status=$?
        if [ "$sarif_status" -ne 0 ]; then
            echo "::error title=drydock::writing SARIF to $INPUT_SARIF_FILE failed (exit $sarif_status)"
            status=2
        else
            echo "drydock: SARIF written to $INPUT_SARIF_FILE"
            set_output sarif-file "$INPUT_SARIF_FILE"
        fi
    fi
    set_output results "$results"
    set_output exit-code "$status"
    return "$status"
}

case "${1:-}" in
build) build ;;
cache-key) cache_key ;;
lint) lint ;;
*)
    echo "usage: $0 build|cache-key|lint" >&2
    exit 2
    ;;
esac
