#!/usr/bin/env bash
# The image test stage (issue 7, "Proof: real builds"): for every sample app with a golden rewrite
# (samples/<app>/Dockerfile.fixed), run `drydock fix --unsafe-fixes` on a copy and compare the result with the
# golden byte for byte, then build the original and the rewritten Dockerfile with buildah, run both, and check that
# both build, the app answers the same, the rewritten image runs as a non-root uid and, when the rewrite is
# multi-stage, that it is smaller. Prints a table and exits non-zero when any check fails.
#
# Rootful podman/buildah with a private configuration under .ctr/ (nothing global is changed); the recipe and the
# two workarounds this machine needs (runc instead of crun, explicit ulimits) are in
# ../shared/reference/image-builds.md. No registry is used: the base image comes from debootstrap (cached as a tar in
# .ctr/) and the official images the samples start from are stand-ins built from Debian packages
# (scripts/image-test/standins/). Where podman cannot run, the stage says "image tests skipped: <reason>" and exits 0.
#
# Environment: DRYDOCK (default build/cli/drydock); IMAGE_TEST_SKIP_FIX=1 uses the goldens as the rewrite without
# running drydock (debugging); IMAGE_TEST_UPDATE_GOLDENS=1 writes drydock's rewrite into the goldens (review the diff),
# then tests it; IMAGE_TEST_SAMPLES="go-service c-service" runs only those; IMAGE_TEST_KEEP=1 keeps the work folder.
# Clean up with `podman system reset -f` under the same configuration, or `rm -rf .ctr`.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CTR=$ROOT/.ctr
STANDINS=$ROOT/scripts/image-test/standins
DRYDOCK=${DRYDOCK:-$ROOT/build/cli/drydock}
SKIP_FIX=${IMAGE_TEST_SKIP_FIX:-0}
UPDATE_GOLDENS=${IMAGE_TEST_UPDATE_GOLDENS:-0}
# The fix under test. base-image-eol is left out: the stand-ins are Debian bookworm's toolchains (Node.js 18, Go 1.19,
# Rust 1.63), past their upstream end of support, and the newer tags that rule moves to cannot be built here.
FIX=(fix --no-config --unsafe-fixes --ignore base-image-eol)
# Timeouts in seconds: a run that prints and exits, and the wait for an HTTP answer.
RUN_TIMEOUT=60
HTTP_TIMEOUT=60
# The path each HTTP sample is asked for; the port is the one its image exposes. Samples not listed print their
# answer and exit.
declare -A HTTP_PATH=(
    [backend-flask]=/api/health
    [frontend-react-js]=/
    [go-service]=/
    [rust-service]=/
    [node-api]=/api/items
)

skip() {
    echo "image tests skipped: $*"
    exit 0
}

# The stage needs rootful podman: that is what was tested (rootless would need subordinate ids and another
# storage set-up).
[ "$(id -u)" -eq 0 ] || skip "needs root (rootful podman)"
install_missing podman buildah runc debootstrap curl || skip "could not install podman, buildah, runc, debootstrap"
if [ "$SKIP_FIX" != 1 ] && [ ! -x "$DRYDOCK" ]; then
    echo "image tests: $DRYDOCK not found (build it first, or set DRYDOCK)" >&2
    exit 2
fi

# --- Private configuration --------------------------------------------------------------------------------------
mkdir -p "$CTR/cache" "$CTR/logs"
cat >"$CTR/storage.conf" <<EOF
[storage]
driver = "overlay"
runroot = "$CTR/run"
graphroot = "$CTR/storage"
EOF
cat >"$CTR/containers.conf" <<EOF
[containers]
netns = "none"
# This machine's root lacks CAP_SYS_RESOURCE: podman's default rlimits would fail with EPERM.
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
# Debian's crun rejects the host's hybrid cgroup layout.
runtime = "runc"
tmp_dir = "$CTR/tmp"

[network]
network_config_dir = "$CTR/networks"
EOF
export CONTAINERS_CONF=$CTR/containers.conf CONTAINERS_STORAGE_CONF=$CTR/storage.conf
if ! info=$(podman info --format '{{.Store.GraphDriverName}} {{.Host.OCIRuntime.Name}}' 2>&1); then
    skip "podman info failed: $(echo "$info" | tail -n 1)"
fi
echo "==> podman $(podman --version | awk '{print $3}'), buildah $(buildah --version | awk '{print $3}'): $info"

# Every build: the layer cache, never a registry, host networking for apt and npm.
BUD=(buildah bud --layers --force-rm --pull=never --network=host)

# build LOG TAG... -- BUD ARGS: builds quietly into $CTR/logs/LOG; on failure shows the log's end.
build() {
    local log=$CTR/logs/$1.log tags=()
    shift
    while [ "$1" != "--" ]; do
        tags+=(-t "$1")
        shift
    done
    shift
    if "${BUD[@]}" "${tags[@]}" "$@" >"$log" 2>&1; then
        return 0
    fi
    echo "--- build failed, end of $log:" >&2
    tail -n 25 "$log" >&2
    return 1
}

# --- Base image and stand-ins -----------------------------------------------------------------------------------
stage_start=$SECONDS
BASE=docker.io/library/debian:bookworm
if ! podman image exists "$BASE"; then
    tarball=$CTR/cache/debian-bookworm-minbase.tar
    if [ ! -s "$tarball" ]; then
        mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
        [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
        mirror=${mirror:-http://deb.debian.org/debian}
        echo "==> debootstrap --variant=minbase bookworm from $mirror"
        start=$SECONDS
        rm -rf "$CTR/rootfs"
        debootstrap --variant=minbase bookworm "$CTR/rootfs" "$mirror" >"$CTR/logs/debootstrap.log" 2>&1 || {
            tail -n 25 "$CTR/logs/debootstrap.log" >&2
            exit 1
        }
        rm -rf "$CTR"/rootfs/var/cache/apt/archives/*.deb "$CTR"/rootfs/var/lib/apt/lists/*
        tar -C "$CTR/rootfs" -cf "$tarball.part" .
        mv "$tarball.part" "$tarball"
        rm -rf "$CTR/rootfs"
        echo "    $((SECONDS - start)) s, $(du -h "$tarball" | cut -f1) cached in ${tarball#"$ROOT"/}"
    fi
    echo "==> podman import $tarball"
    podman import -q --change 'CMD ["bash"]' "$tarball" "$BASE" >/dev/null
fi
# Every name the samples and stand-ins use for Debian bookworm (the minbase image is already "slim").
for tag in bookworm-slim 12 12-slim; do
    podman tag "$BASE" "docker.io/library/debian:$tag"
done
for dockerfile in "$STANDINS"/*.Dockerfile; do
    name=$(basename "$dockerfile" .Dockerfile)
    read -r -a tags <<<"$(sed -n 's/^# tags: //p' "$dockerfile")"
    start=$SECONDS
    build "standin-$name" "${tags[@]}" -- -f "$dockerfile" "$STANDINS" || exit 1
    echo "==> stand-in ${tags[*]} ($((SECONDS - start)) s)"
done
echo "==> base and stand-ins ready in $((SECONDS - stage_start)) s"
# The samples' builds also see the host's CA bundle: the sandbox's HTTPS egress presents certificates only the host
# trusts, and npm needs it. Not for the stand-ins: installing ca-certificates there would fail on the read-only file.
[ -f /etc/ssl/certs/ca-certificates.crt ] &&
    BUD+=(-v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)

# --- Samples ----------------------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/drydock-image-test.XXXXXX")
containers=()
cleanup() {
    local id
    for id in "${containers[@]}"; do podman rm -f -t 0 "$id" >/dev/null 2>&1 || true; done
    if [ "${IMAGE_TEST_KEEP:-0}" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Time stamps in an answer differ between two runs: compare them as <time>.
normalize() {
    sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?/<time>/g'
}

# answer IMAGE OUT: what the app answers, into OUT. An image exposing a port gets an HTTP GET of its sample's path
# on that port, from inside the container's network namespace (no port on the host: no clash with anything else
# on the machine, and no HTTP client needed in the image); its answer is the status code and the body. Otherwise
# the answer is the exit code and standard output of a run.
answer() {
    local image=$1 out=$2 port id pid status deadline
    port=$(podman image inspect --format '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}' "$image" |
        awk '{print $1}')
    port=${port%/tcp}
    if [ -z "$port" ] || [ -z "${HTTP_PATH[$sample]:-}" ]; then
        # Named, so that a run the timeout ends is removed too.
        id=drydock-image-test-$sample-$(basename "$out" .answer)
        podman rm -f -t 0 "$id" >/dev/null 2>&1 || true
        containers+=("$id")
        status=0
        timeout "$RUN_TIMEOUT" podman run --rm --name "$id" --network=none "$image" >"$out.raw" 2>"$out.err" ||
            status=$?
        { normalize <"$out.raw"; echo "exit code $status"; } >"$out"
        podman rm -f -t 0 "$id" >/dev/null 2>&1 || true
        return 0
    fi
    if ! id=$(podman run -d --network=none "$image" 2>"$out.err"); then
        echo "podman run failed" >"$out"
        return 0
    fi
    containers+=("$id")
    pid=$(podman inspect --format '{{.State.Pid}}' "$id")
    deadline=$((SECONDS + HTTP_TIMEOUT))
    status=000
    while [ "$SECONDS" -lt "$deadline" ]; do
        status=$(nsenter --net="/proc/$pid/ns/net" \
            curl -s --max-time 5 -o "$out.raw" -w '%{http_code}' "http://127.0.0.1:$port${HTTP_PATH[$sample]}") &&
            break
        [ "$(podman inspect --format '{{.State.Running}}' "$id")" = true ] || break
        sleep 0.5
    done
    { normalize <"$out.raw" 2>/dev/null; echo "HTTP $status GET ${HTTP_PATH[$sample]}"; } >"$out"
    echo ":$port" >"$out.port"
    podman logs "$id" >"$out.err" 2>&1 || true
    podman rm -f -t 0 "$id" >/dev/null 2>&1 || true
}

# uid IMAGE: the uid the image's processes run as: `id -u` where the image has it, else its configured numeric user.
uid() {
    local user
    if user=$(timeout "$RUN_TIMEOUT" podman run --rm --network=none --entrypoint id "$1" -u 2>/dev/null); then
        echo "$user"
        return
    fi
    user=$(podman image inspect --format '{{.Config.User}}' "$1")
    user=${user%%:*}
    echo "${user:-0}"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }

samples=()
if [ -n "${IMAGE_TEST_SAMPLES:-}" ]; then
    read -r -a samples <<<"$IMAGE_TEST_SAMPLES"
else
    for golden in "$ROOT"/samples/*/Dockerfile.fixed; do samples+=("$(basename "$(dirname "$golden")")"); done
fi

failed=0
rows=()
fail() {
    echo "    FAIL: $*" >&2
    failed=1
}
for sample in "${samples[@]}"; do
    src=$ROOT/samples/$sample
    echo "==> $sample"
    mkdir -p "$WORK/$sample/before" "$WORK/$sample/after"
    # The app as it is, without the goldens or anything a local build left behind.
    for side in before after; do
        tar -C "$src" --exclude='*.fixed' --exclude=node_modules --exclude=dist --exclude=target -cf - . |
            tar -C "$WORK/$sample/$side" -xf -
    done

    # The rewrite: drydock's, compared with the golden; or the golden itself.
    after=$WORK/$sample/after
    if [ "$SKIP_FIX" = 1 ]; then
        cp "$src/Dockerfile.fixed" "$after/Dockerfile"
        [ ! -f "$src/docker-entrypoint.sh.fixed" ] || cp "$src/docker-entrypoint.sh.fixed" "$after/docker-entrypoint.sh"
        fix=golden
    else
        status=0
        # A fixed date for the date-dependent base image rules, so the goldens do not age.
        (cd "$after" && DRYDOCK_TODAY=2026-12-01 "$DRYDOCK" "${FIX[@]}" Dockerfile) >"$CTR/logs/$sample-fix.log" 2>&1 ||
            status=$?
        fix=ok
        if [ "$status" -gt 1 ]; then
            fix=ERROR
            fail "drydock fix exited with $status (.ctr/logs/$sample-fix.log)"
            tail -n 10 "$CTR/logs/$sample-fix.log" | sed 's/^/    /' >&2
        elif [ "$UPDATE_GOLDENS" = 1 ]; then
            fix=update
            cp "$after/Dockerfile" "$src/Dockerfile.fixed"
            if [ -f "$after/docker-entrypoint.sh" ]; then
                cp "$after/docker-entrypoint.sh" "$src/docker-entrypoint.sh.fixed"
            else
                rm -f "$src/docker-entrypoint.sh.fixed"
            fi
        fi
        if ! cmp -s "$after/Dockerfile" "$src/Dockerfile.fixed"; then
            fix=DIFF
            fail "drydock fix differs from samples/$sample/Dockerfile.fixed:"
            diff -u "$src/Dockerfile.fixed" "$after/Dockerfile" | sed 's/^/    /' >&2 || true
        fi
        if [ -f "$src/docker-entrypoint.sh.fixed" ] || [ -f "$after/docker-entrypoint.sh" ]; then
            if [ ! -f "$after/docker-entrypoint.sh" ]; then
                fix=DIFF
                fail "drydock fix did not create docker-entrypoint.sh"
            elif [ ! -f "$src/docker-entrypoint.sh.fixed" ]; then
                fix=DIFF
                fail "drydock fix created docker-entrypoint.sh, and there is no golden for it"
            elif ! cmp -s "$after/docker-entrypoint.sh" "$src/docker-entrypoint.sh.fixed"; then
                fix=DIFF
                fail "docker-entrypoint.sh differs from samples/$sample/docker-entrypoint.sh.fixed:"
                diff -u "$src/docker-entrypoint.sh.fixed" "$after/docker-entrypoint.sh" | sed 's/^/    /' >&2 || true
            fi
        fi
    fi

    declare -A built=() seconds=() size=() user=()
    for side in before after; do
        image=localhost/drydock-sample/$sample:$side
        start=$SECONDS
        if build "$sample-$side" "$image" -- "$WORK/$sample/$side"; then
            built[$side]=ok
            seconds[$side]=$((SECONDS - start))
            size[$side]=$(podman image inspect --format '{{.Size}}' "$image")
            answer "$image" "$WORK/$sample/$side.answer"
            user[$side]=$(uid "$image")
        else
            built[$side]=FAILED
            seconds[$side]=$((SECONDS - start))
            fail "$side build failed (.ctr/logs/$sample-$side.log)"
        fi
    done

    same=-
    if [ "${built[before]}" = ok ] && [ "${built[after]}" = ok ]; then
        if cmp -s "$WORK/$sample/before.answer" "$WORK/$sample/after.answer"; then
            # e.g. "yes: HTTP 200 GET / :3000 :8080 <!DOCTYPE html>..."
            same="yes: $(tail -n 1 "$WORK/$sample/after.answer")"
            for side in before after; do
                [ ! -f "$WORK/$sample/$side.answer.port" ] || same+=" $(cat "$WORK/$sample/$side.answer.port")"
            done
            same+=" $(head -n 1 "$WORK/$sample/after.answer")"
            [ "${#same}" -le 50 ] || same="${same:0:47}..."
        else
            same=NO
            fail "the answers differ:"
            diff -u "$WORK/$sample/before.answer" "$WORK/$sample/after.answer" | sed 's/^/    /' >&2 || true
            for side in before after; do
                echo "    $side's output:" >&2
                tail -n 10 "$WORK/$sample/$side.answer.err" | sed 's/^/      /' >&2
            done
        fi
        if ! grep -qE '^(HTTP 200 GET |exit code 0$)' <(tail -n 1 "$WORK/$sample/before.answer"); then
            same=NO
            fail "the original does not answer: $(tail -n 1 "$WORK/$sample/before.answer")"
        fi
        if ! [[ ${user[after]} =~ ^[0-9]+$ ]] || [ "${user[after]}" -eq 0 ]; then
            fail "the rewrite runs as uid ${user[after]}"
        fi
        if [ "$(grep -ciE '^[[:space:]]*FROM[[:space:]]' "$after/Dockerfile")" -gt 1 ] &&
            [ "${size[after]}" -ge "${size[before]}" ]; then
            fail "the multi-stage rewrite is not smaller"
        fi
    fi
    sizes=-
    [ -z "${size[after]:-}" ] || sizes="$(mb "${size[before]}") -> $(mb "${size[after]}")"
    rows+=("$sample|$fix|${built[before]} ${seconds[before]}s|${built[after]} ${seconds[after]}s|$same|${user[before]:--} -> ${user[after]:--}|$sizes")
    unset built seconds size user
done

echo
format='%-17s | %-6s | %-12s | %-12s | %-50s | %-10s | %s\n'
# shellcheck disable=SC2059 # the format is ours
printf "$format" sample fix "before build" "after build" "same output" uid "size before -> after"
for row in "${rows[@]}"; do
    IFS='|' read -r -a cells <<<"$row"
    # shellcheck disable=SC2059
    printf "$format" "${cells[@]}"
done
echo
echo "==> image tests: $((SECONDS - stage_start)) s, .ctr uses $(du -sh "$CTR" | cut -f1)"
if [ "$failed" -ne 0 ]; then
    echo "image tests FAILED"
    exit 1
fi
echo "image tests passed"
