#!/usr/bin/env bash
# Quick start: install what is missing, build drydock in Release, and run it on the samples.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_missing "${BUILD_PACKAGES[@]}"
configure_and_build "$ROOT/build" -DCMAKE_BUILD_TYPE=Release -- drydock

DRYDOCK="$ROOT/build/cli/drydock"
echo "==> $DRYDOCK --version: $("$DRYDOCK" --version)"
status=0
while IFS= read -r -d '' dockerfile; do
    echo "==> drydock parse --format text ${dockerfile#"$ROOT"/}"
    "$DRYDOCK" parse --format text "$dockerfile" || status=$?
done < <(find "$ROOT/samples" -type f \( -name 'Dockerfile' -o -name 'Dockerfile.*' \) -print0 | sort -z)
exit $status
