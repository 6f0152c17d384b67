#!/bin/sh
set -e
# The official node image's entrypoint: run node when the first argument is an option or not a command.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
    set -- node "$@"
fi
exec "$@"
