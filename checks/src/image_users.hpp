#pragma once
// Which user a base image runs as when a Dockerfile sets none: the images published to run as a non-root user
// (distroless `:nonroot`, `*-unprivileged`, Chainguard, Bitnami, …), and Windows images, whose users are not
// Unix users at all. Only names and tags are read; anything not recognised is assumed to run as root, as
// Docker's default is.

#include <optional>
#include <string_view>

namespace drydock::rules {

// Whether `image` (as written in FROM, variables already replaced) runs as a non-root user by default:
// * a tag with the word `nonroot` (distroless `:nonroot`, `:debug-nonroot`, `:latest-nonroot-amd64`) or
//   `rootless` (`docker:dind-rootless`);
// * a repository whose name ends in `-unprivileged` (`nginxinc/nginx-unprivileged`) or `-rootless`;
// * Chainguard images (`cgr.dev/<org>/…`), except the `-dev` variants (`:latest-dev`);
// * Bitnami images (`bitnami/…`, user 1001), except the `bitnami/minideb` base OS;
// * .NET's `chiseled` and `distroless` variants (`mcr.microsoft.com/dotnet/runtime:8.0-noble-chiseled`);
// * Jupyter's docker-stacks images (`jupyter/…`, `quay.io/jupyter/…`, user `jovyan`);
// * Selenium's images (`selenium/…`, user `seluser`).
bool image_runs_as_non_root(std::string_view image);

// Whether `image` is an official image whose entrypoint starts as root and drops to a service user with gosu
// or su-exec before it starts the service: postgres, redis, mongo, mysql, mariadb, rabbitmq, cassandra,
// couchdb, zookeeper, ghost. An image built on one keeps that entrypoint unless it replaces it.
bool image_entrypoint_drops_root(std::string_view image);

// Whether `image` is a Windows image (`mcr.microsoft.com/windows/…`, a `nanoserver`, `servercore` or
// `windowsservercore` tag or repository): its users are ContainerAdministrator and ContainerUser, not root.
bool is_windows_image(std::string_view image);

// The distribution family of an image, for the commands that create a user in it (the non-root rewrite) and
// whether it has a shell. Wider than base_images.hpp's BaseFamily, which vouches for the programs a Debian or
// BusyBox image ships and says Unknown for everything else; this one is built on it.
enum class DistroFamily {
    Debian,      // debian, ubuntu, buildpack-deps and the official images built on them (python, node, …)
    Alpine,      // alpine and every `*-alpine*` tag
    Rhel,        // fedora, centos, rockylinux, almalinux, oraclelinux, amazonlinux, UBI
    RhelMinimal, // UBI minimal/micro: no useradd
    Distroless,  // gcr.io/distroless/…, .NET chiseled: no shell
    Scratch,     // nothing at all
    Unknown,
};

// The family of `image` (as written in FROM, variables replaced): from the repository and tag words only.
DistroFamily distro_family(std::string_view image);

// A non-root user an image already has for running its application.
struct ImageUser {
    int uid = 0;
    int gid = 0;
    std::string_view name;
};

// The application user of `image`, when it has a well-known one: `node` (1000:1000) in the node images,
// `app` (1654:1654) in .NET 8+ runtime images, `nonroot` (65532:65532) in every distroless image.
std::optional<ImageUser> image_app_user(std::string_view image);

// Whether the server `image` starts needs root to start (binds port 80, writes its pid under /var/run):
// nginx, httpd and the php `-apache` images. A bare `USER` breaks them; their unprivileged variants are the
// fix.
bool image_server_needs_root(std::string_view image);

} // namespace drydock::rules
