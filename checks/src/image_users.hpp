#pragma once
// Which user a base image runs as when a Dockerfile sets none: the images published to run as a non-root user
// (distroless `:nonroot`, `*-unprivileged`, Chainguard, Bitnami, …), and Windows images, whose users are not
// Unix users at all. Only names and tags are read; anything not recognised is assumed to run as root, as
// Docker's default is.

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

} // namespace drydock::rules
