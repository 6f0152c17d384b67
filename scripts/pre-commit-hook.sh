#!/usr/bin/env bash
# Entry of the *-from-source pre-commit hooks (.pre-commit-hooks.yaml): runs `drydock "$@"` with a drydock built
# from this checkout, building it on first use. pre-commit keeps one clone of the hook repository per revision, so
# the binary cached in that clone (.pre-commit-build/) always matches the revision the user pinned.
#
# Building needs cmake, ninja, g++ and the libraries in scripts/common.sh's BUILD_PACKAGES; this script never
# installs anything, it says what is missing. DRYDOCK_PRE_COMMIT_BUILD_DIR overrides where the build goes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${DRYDOCK_PRE_COMMIT_BUILD_DIR:-$ROOT/.pre-commit-build}
BINARY=$BUILD_DIR/cli/drydock

build() {
    local tool missing=()
    for tool in cmake ninja c++; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "drydock: cannot build drydock for this hook: ${missing[*]} not found." >&2
        echo "drydock: on Debian/Ubuntu: apt-get install cmake ninja-build g++ libboost-dev libfmt-dev" \
            "nlohmann-json3-dev libcli11-dev libyaml-cpp-dev (or use the 'drydock' hook with drydock on PATH)" >&2
        exit 2
    fi
    echo "drydock: building drydock from $ROOT (first run of this hook revision; later runs reuse it)" >&2
    # With ccache, paths relative to the checkout let this build reuse objects compiled in another checkout.
    export CCACHE_BASEDIR=$ROOT
    local log=$BUILD_DIR/build.log
    mkdir -p "$BUILD_DIR"
    if ! { cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRYDOCK_BUILD_TESTS=OFF &&
        cmake --build "$BUILD_DIR" --target drydock; } >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "drydock: the build failed; full log: $log" >&2
        exit 2
    fi
}

if [ ! -x "$BINARY" ]; then
    mkdir -p "$BUILD_DIR"
    # pre-commit may start several batches of files at once: one builds, the others wait for it.
    exec 9>"$BUILD_DIR/.lock"
    flock 9
    [ -x "$BINARY" ] || build
    flock -u 9
    exec 9>&-
fi
exec "$BINARY" "$@"
