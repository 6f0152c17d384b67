// Which base images run as a non-root user by default, and which are Windows images (missing-user, DD2001).

#include "checks/src/image_users.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

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

TEST(ImageUsers, DistroFamilies) {
    const std::vector<std::pair<const char*, DistroFamily>> cases = {
        {"debian:bookworm-slim", DistroFamily::Debian},
        {"python:3.12-slim", DistroFamily::Debian},
        {"gcc:12-bookworm", DistroFamily::Debian},
        {"maven:3.9-eclipse-temurin-21", DistroFamily::Debian},
        {"mcr.microsoft.com/dotnet/aspnet:8.0", DistroFamily::Debian},
        {"registry.example.com/team/app:1.0-bookworm", DistroFamily::Debian},
        {"alpine:3.20", DistroFamily::Alpine},
        {"node:22-alpine3.20", DistroFamily::Alpine},
        {"maven:3.9-eclipse-temurin-21-alpine", DistroFamily::Alpine},
        {"rockylinux:9", DistroFamily::Rhel},
        {"registry.access.redhat.com/ubi9/ubi:9.4", DistroFamily::Rhel},
        {"amazoncorretto:21", DistroFamily::Rhel},
        {"registry.access.redhat.com/ubi9/ubi-minimal:9.4", DistroFamily::RhelMinimal},
        {"gcr.io/distroless/static-debian12", DistroFamily::Distroless},
        {"mcr.microsoft.com/dotnet/runtime:8.0-noble-chiseled", DistroFamily::Distroless},
        {"scratch", DistroFamily::Scratch},
        {"example.com/team/base:1.0", DistroFamily::Unknown},
    };
    for (const auto& [image, family] : cases)
        EXPECT_EQ(distro_family(image), family) << image;
}

TEST(ImageUsers, AppUsersImagesShip) {
    const auto node = image_app_user("node:22-bookworm-slim");
    ASSERT_TRUE(node);
    EXPECT_EQ(node->uid, 1000);
    EXPECT_EQ(node->name, "node");
    const auto dotnet = image_app_user("mcr.microsoft.com/dotnet/aspnet:8.0");
    ASSERT_TRUE(dotnet);
    EXPECT_EQ(dotnet->uid, 1654);
    EXPECT_EQ(image_app_user("gcr.io/distroless/base-debian12")->uid, 65532);
    EXPECT_FALSE(image_app_user("mcr.microsoft.com/dotnet/aspnet:6.0"));
    EXPECT_FALSE(image_app_user("mcr.microsoft.com/dotnet/sdk:8.0"));
    EXPECT_FALSE(image_app_user("python:3.12"));
    EXPECT_TRUE(image_server_needs_root("nginx:1.27"));
    EXPECT_TRUE(image_server_needs_root("php:8.3-apache"));
    EXPECT_FALSE(image_server_needs_root("php:8.3-fpm"));
    EXPECT_FALSE(image_server_needs_root("nginxinc/nginx-unprivileged:1.27"));
}

} // namespace
} // namespace drydock::rules
