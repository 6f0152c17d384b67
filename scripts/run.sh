#!/usr/bin/env bash
# Quick start: install what is missing, build drydock in Release, and run it on the samples.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_missing "${BUILD_PACKAGES[@]}"
configure_and_build "$ROOT/build" -DCMAKE_BUILD_TYPE=Release -- drydock

DRYDOCK="$ROOT/build/cli/drydock"
echo "==> $DRYDOCK --version: $("$DRYDOCK" --version)"
echo "==> drydock lint samples/"
# Findings are the point of the demo: exit 1 (findings) is success here, 2 (usage or I/O error) is not.
status=0
"$DRYDOCK" lint "$ROOT/samples" || status=$?
[ "$status" -le 1 ] || exit "$status"
