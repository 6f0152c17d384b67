// The tables and path rules behind the multi-stage rewrite (the fix of DD2002): which runtime image each
// builder gets, which runtime library each development package needs, how paths resolve, and that the images
// the rewrite picks by itself are supported. The rewrites themselves are fixture goldens
// (tests/fixtures/rules/single-stage-build/*.unsafe-fixed.Dockerfile).

#include "checks/src/multi_stage_artifacts.hpp"
#include "checks/src/runtime_images.hpp"

#include <drydock/checks/base_image_data.hpp>
#include <drydock/checks/config.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::rules {
namespace {

std::string image_of(const RuntimeChoice& choice) {
    return choice.runtime ? choice.runtime->image : "-";
}

TEST(MultiStageRuntimeImages, GoKeepsTheLibcFamily) {
    EXPECT_EQ(image_of(go_runtime("golang:1.22")), "gcr.io/distroless/static-debian12:nonroot");
    EXPECT_EQ(image_of(go_runtime("golang:1.22-bookworm")), "gcr.io/distroless/static-debian12:nonroot");
    EXPECT_EQ(image_of(go_runtime("golang:1.22-alpine3.20")), "alpine:3.23");
    EXPECT_EQ(image_of(go_runtime("docker.io/library/golang:1.22-alpine")), "alpine:3.23");
}

TEST(MultiStageRuntimeImages, NativeBinariesGetADebianNoOlderThanTheBuilder) {
    EXPECT_EQ(image_of(native_runtime("rust:1.63-bookworm")), "debian:bookworm-slim");
    EXPECT_EQ(image_of(native_runtime("rust:1.63-bullseye")), "debian:bullseye-slim");
    EXPECT_EQ(image_of(native_runtime("rust:1.80")), "debian:trixie-slim");
    EXPECT_EQ(image_of(native_runtime("rust:1.80-alpine3.20")), "alpine:3.23");
    EXPECT_EQ(image_of(native_runtime("rust:1.80-slim-bookworm")), "rust:1.80-slim-bookworm");
    EXPECT_EQ(image_of(native_runtime("gcc:12-bookworm")), "debian:bookworm-slim");
    EXPECT_EQ(image_of(native_runtime("gcc:14")), "debian:trixie-slim");
    EXPECT_EQ(image_of(native_runtime("debian:12")), "debian:bookworm-slim");
    EXPECT_EQ(image_of(native_runtime("debian:bookworm-20240110")), "debian:bookworm-slim");
    EXPECT_EQ(image_of(native_runtime("debian:bookworm-slim")), "debian:bookworm-slim");
    EXPECT_EQ(image_of(native_runtime("debian")), "debian:trixie-slim");
    EXPECT_EQ(image_of(native_runtime("buildpack-deps:bullseye-scm")), "debian:bullseye-slim");
    EXPECT_EQ(image_of(native_runtime("buildpack-deps:jammy")), "ubuntu:jammy");
    EXPECT_EQ(image_of(native_runtime("ubuntu:22.04")), "ubuntu:22.04");
    EXPECT_EQ(image_of(native_runtime("alpine:3.20")), "alpine:3.20");
    EXPECT_EQ(image_of(native_runtime("fedora:40")), "-");
    EXPECT_EQ(native_runtime("fedora:40").why, "no runtime image is known for the builder `fedora:40`");
    EXPECT_EQ(native_runtime("ubuntu:22.04").runtime->release, "jammy");
    EXPECT_EQ(native_runtime("gcc:14").runtime->release, "trixie");
}

TEST(MultiStageRuntimeImages, JavaReadsTheJdkFromTheTag) {
    EXPECT_EQ(image_of(java_runtime("maven:3.9-eclipse-temurin-17")), "eclipse-temurin:17-jre");
    EXPECT_EQ(image_of(java_runtime("maven:3.9.6-eclipse-temurin-21-alpine")),
              "eclipse-temurin:21-jre-alpine");
    EXPECT_EQ(image_of(java_runtime("maven:3-amazoncorretto-11")), "eclipse-temurin:11-jre");
    EXPECT_EQ(image_of(java_runtime("gradle:8-jdk21")), "eclipse-temurin:21-jre");
    EXPECT_EQ(image_of(java_runtime("gradle:8.10-jdk17-jammy")), "eclipse-temurin:17-jre");
    EXPECT_EQ(image_of(java_runtime("eclipse-temurin:17.0.12_7-jdk")), "eclipse-temurin:17-jre");
    EXPECT_EQ(image_of(java_runtime("openjdk:11")), "eclipse-temurin:11-jre");
    EXPECT_EQ(image_of(java_runtime("maven:3.9")), "-");
    EXPECT_EQ(java_runtime("maven:3.9").why, "cannot tell the JDK version of `maven:3.9`");
}

TEST(MultiStageRuntimeImages, NodePythonDotnet) {
    EXPECT_EQ(image_of(node_runtime("node:22")), "node:22-slim");
    EXPECT_EQ(image_of(node_runtime("node:22-bookworm")), "node:22-bookworm-slim");
    EXPECT_EQ(image_of(node_runtime("node:22-alpine")), "node:22-alpine");
    EXPECT_EQ(image_of(node_runtime("node")), "node:slim");
    EXPECT_EQ(image_of(node_runtime("node:lts-slim")), "node:lts-slim");
    EXPECT_EQ(image_of(node_runtime("mhart/alpine-node:16")), "-");
    EXPECT_EQ(image_of(python_runtime("python:3.12")), "python:3.12-slim");
    EXPECT_EQ(image_of(python_runtime("python:3.12.4-bookworm")), "python:3.12.4-slim-bookworm");
    EXPECT_EQ(image_of(python_runtime("python:bookworm")), "python:slim-bookworm");
    EXPECT_EQ(image_of(python_runtime("python:3.12-slim@sha256:abc")), "python:3.12-slim@sha256:abc");
    EXPECT_EQ(image_of(python_runtime("python:3.11-alpine3.20")), "python:3.11-alpine3.20");
    EXPECT_EQ(image_of(python_runtime("python:3.12-windowsservercore")), "-");
    EXPECT_EQ(python_runtime("python:3.12-bookworm").runtime->release, "bookworm");
    EXPECT_EQ(python_runtime("python:3.12").runtime->release, "trixie");
    EXPECT_EQ(image_of(dotnet_runtime("mcr.microsoft.com/dotnet/sdk:8.0")),
              "mcr.microsoft.com/dotnet/aspnet:8.0");
    EXPECT_EQ(image_of(dotnet_runtime("mcr.microsoft.com/dotnet/sdk:8.0-alpine")),
              "mcr.microsoft.com/dotnet/aspnet:8.0-alpine");
    EXPECT_EQ(image_of(dotnet_runtime("mcr.microsoft.com/dotnet/core/sdk:3.1")),
              "mcr.microsoft.com/dotnet/core/aspnet:3.1");
    EXPECT_EQ(image_of(dotnet_runtime("mcr.microsoft.com/dotnet/sdk")), "-");
}

TEST(MultiStageRuntimeImages, RuntimeLibrariesPerRelease) {
    const RuntimeImage bookworm{"debian:bookworm-slim", RuntimeDistro::Debian, "bookworm"};
    const RuntimeImage trixie{"debian:trixie-slim", RuntimeDistro::Debian, "trixie"};
    const RuntimeImage bullseye{"debian:bullseye-slim", RuntimeDistro::Debian, "bullseye"};
    const RuntimeImage jammy{"ubuntu:22.04", RuntimeDistro::Ubuntu, "jammy"};
    const RuntimeImage alpine{"alpine:3.23", RuntimeDistro::Alpine, ""};
    const RuntimeImage unknown_release{"eclipse-temurin:17-jre", RuntimeDistro::Ubuntu, ""};
    EXPECT_EQ(runtime_library("libssl-dev", bookworm), "libssl3");
    EXPECT_EQ(runtime_library("libssl-dev", trixie), "libssl3t64");
    EXPECT_EQ(runtime_library("libssl-dev", bullseye), "libssl1.1");
    EXPECT_EQ(runtime_library("libssl-dev", jammy), "libssl3");
    EXPECT_EQ(runtime_library("libpq-dev", trixie), "libpq5");
    EXPECT_EQ(runtime_library("zlib1g-dev", bookworm), "zlib1g");
    EXPECT_EQ(runtime_library("libcurl4-openssl-dev", bookworm), "libcurl4");
    EXPECT_EQ(runtime_library("libcurl4-openssl-dev", trixie), "libcurl4t64");
    EXPECT_EQ(runtime_library("libsqlite3-dev", bookworm), "libsqlite3-0");
    EXPECT_EQ(runtime_library("libpcre3-dev", bookworm), "libpcre3");
    EXPECT_EQ(runtime_library("libpcre3-dev", trixie), std::nullopt); // not in trixie
    EXPECT_EQ(runtime_library("libffi-dev", bookworm), "libffi8");
    EXPECT_EQ(runtime_library("libffi-dev", bullseye), "libffi7");
    EXPECT_EQ(runtime_library("libyaml-dev", jammy), "libyaml-0-2");
    EXPECT_EQ(runtime_library("libc6-dev", bookworm), "");
    EXPECT_EQ(runtime_library("libgeos-dev", bookworm), std::nullopt);
    EXPECT_EQ(runtime_library("libpq-dev", unknown_release), "libpq5");
    EXPECT_EQ(runtime_library("libssl-dev", unknown_release), std::nullopt);
    EXPECT_EQ(runtime_library("openssl-dev", alpine), "libssl3");
    EXPECT_EQ(runtime_library("libffi-dev", alpine), "libffi");
    EXPECT_EQ(runtime_library("musl-dev", alpine), "");
    EXPECT_EQ(runtime_library("libssl-dev", alpine), std::nullopt);
}

TEST(MultiStageRuntimeImages, BuildOnlyPackages) {
    for (const char* name : {"build-essential", "gcc", "make", "libssl-dev", "git", "curl", "pkg-config"})
        EXPECT_TRUE(is_build_only_package(name)) << name;
    for (const char* name : {"ca-certificates", "ffmpeg", "libpq5", "tzdata"})
        EXPECT_FALSE(is_build_only_package(name)) << name;
}

TEST(MultiStagePaths, JoinNormalises) {
    using multi_stage::join_path;
    EXPECT_EQ(join_path("/src", "bin/app"), "/src/bin/app");
    EXPECT_EQ(join_path("/src", "./bin//app/"), "/src/bin/app");
    EXPECT_EQ(join_path("/src/app", "../out/app"), "/src/out/app");
    EXPECT_EQ(join_path("/src", "/usr/local/bin/app"), "/usr/local/bin/app");
    EXPECT_EQ(join_path("/", "."), "/");
    EXPECT_EQ(join_path("/a", "../../.."), "/");
    EXPECT_EQ(multi_stage::dirname_of("/usr/local/bin/app"), "/usr/local/bin");
    EXPECT_EQ(multi_stage::dirname_of("/app"), "/");
    EXPECT_EQ(multi_stage::basename_of("/usr/local/bin/app"), "app");
    EXPECT_TRUE(on_default_path("/usr/local/bin"));
    EXPECT_FALSE(on_default_path("/usr/local/cargo/bin"));
}

// The images the rewrite chooses by itself (not derived from the builder's tag) are not past their end of
// support in the base-image table, on the table's own date: base-image-eol says nothing about them.
TEST(MultiStageRuntimeImages, ChosenImagesAreSupported) {
    const std::vector<std::string> images = {
        image_of(go_runtime("golang:1.22")), image_of(go_runtime("golang:1.22-alpine")),
        static_site_runtime().image,         image_of(native_runtime("gcc:14")),
        image_of(native_runtime("debian")),  image_of(python_runtime("python:3.12"))};
    Config config;
    config.select = {"base-image-eol"};
    config.today = base_image_data_summary().date;
    for (const std::string& image : images) {
        const std::vector<Diagnostic> found = lint(parse("FROM " + image + "\n"), config);
        EXPECT_TRUE(found.empty()) << image << ": " << (found.empty() ? "" : found.front().message);
    }
}

} // namespace
} // namespace drydock::rules
