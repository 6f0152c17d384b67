# Shared by run.sh and test.sh: install what is missing (Debian 12 packages only), configure and build.
# Sourced, not executed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBS=${JOBS:-$(nproc)}
# ccache keys with paths relative to the checkout: builds of another clone (CI's, the pre-commit hook's) reuse
# the objects.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}

# What building drydock needs.
BUILD_PACKAGES=(cmake g++ ninja-build ccache libboost-dev libfmt-dev nlohmann-json3-dev libcli11-dev libgtest-dev
    libyaml-cpp-dev)
# What the full test run needs on top: clang and its sanitizer/fuzzer runtime, ShellCheck, Google Benchmark,
# pre-commit (the hooks' test). Node.js and npm are installed by test.sh only when missing (a machine may have
# them from elsewhere, and Debian's npm package would conflict with that nodejs).
TEST_PACKAGES=(clang libclang-rt-14-dev shellcheck libbenchmark-dev pre-commit)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the packages that are not installed yet; does nothing (and needs no root) when all are there.
install_missing() {
    local missing=()
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "==> installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# configure_and_build BUILD_DIR [cmake args...] -- [targets...]
configure_and_build() {
    local dir=$1
    shift
    local args=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        args+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    cmake -S "$ROOT" -B "$dir" -G Ninja "${args[@]}" >/dev/null
    if [ $# -gt 0 ]; then
        cmake --build "$dir" -j "$JOBS" --target "$@"
    else
        cmake --build "$dir" -j "$JOBS"
    fi
}
