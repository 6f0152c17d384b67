// Which base images run as a non-root user by default, and which are Windows images (missing-user, DD2001).

#include "checks/src/image_users.hpp"

#include <gtest/gtest.h>

namespace drydock::rules {
namespace {

TEST(ImageUsers, NonRootImages) {
    for (const char* image :
         {"gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/python3-debian12:debug-nonroot",
          "gcr.io/distroless/base:latest-nonroot-amd64@sha256:0a4e", "docker:27-dind-rootless",
          "nginxinc/nginx-unprivileged:1.27-alpine", "ghcr.io/nginxinc/nginx-unprivileged",
          "cgr.dev/chainguard/python", "cgr.dev/chainguard/node:latest", "bitnami/redis:7.4",
          "docker.io/bitnami/postgresql:16", "mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled",
          "mcr.microsoft.com/dotnet/runtime-deps:9.0-azurelinux3.0-distroless",
          "quay.io/jupyter/base-notebook", "jupyter/scipy-notebook:latest"})
        EXPECT_TRUE(image_runs_as_non_root(image)) << image;
}

TEST(ImageUsers, RootImages) {
    for (const char* image :
         {"debian:12", "python:3.12-slim", "node:22", "scratch", "gcr.io/distroless/static-debian12",
          "gcr.io/distroless/python3-debian12:debug", "cgr.dev/chainguard/python:latest-dev",
          "bitnami/minideb:bookworm", "mcr.microsoft.com/dotnet/aspnet:8.0", "nginx:1.27",
          "myorg/app:nonrootish", ""})
        EXPECT_FALSE(image_runs_as_non_root(image)) << image;
}

TEST(ImageUsers, EntrypointsThatDropRoot) {
    for (const char* image :
         {"postgres:16-alpine", "docker.io/library/redis", "rabbitmq:4.1-management-alpine"})
        EXPECT_TRUE(image_entrypoint_drops_root(image)) << image;
    for (const char* image : {"nginx", "myorg/postgres:16", "debian:12"})
        EXPECT_FALSE(image_entrypoint_drops_root(image)) << image;
}

TEST(ImageUsers, WindowsImages) {
    for (const char* image :
         {"mcr.microsoft.com/windows/servercore:ltsc2022", "mcr.microsoft.com/windows/nanoserver:1809",
          "golang:1.23-windowsservercore-ltsc2022", "python:3.12-windowsservercore",
          "mcr.microsoft.com/powershell:lts-nanoserver-1809"})
        EXPECT_TRUE(is_windows_image(image)) << image;
    for (const char* image : {"debian:12", "mcr.microsoft.com/dotnet/sdk:8.0", "node:22-alpine"})
        EXPECT_FALSE(is_windows_image(image)) << image;
}

} // namespace
} // namespace drydock::rules
