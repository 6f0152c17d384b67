// Which base images the fixes treat as having bash and GNU wget (Debian/Ubuntu), BusyBox, or unknown.

#include "checks/src/base_images.hpp"

#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <gtest/gtest.h>

namespace drydock::rules {
namespace {

TEST(BaseImages, OfficialDebianAndUbuntuVariants) {
    for (const char* image :
         {"debian:12", "debian:bookworm-slim", "ubuntu", "ubuntu:24.04", "ubuntu:noble-20240801",
          "python:3.12-slim-bookworm", "docker.io/library/node:22", "node:lts-slim", "golang:1.22-bookworm",
          "ruby:3.3", "php:8.3-fpm", "php:8.3-apache-bullseye", "openjdk:17-jdk-slim",
          "eclipse-temurin:21.0.2_13-jre-jammy", "buildpack-deps:bookworm-scm", "python:3.12@sha256:0a4e"})
        EXPECT_EQ(image_family(image), BaseFamily::Debian) << image;
}

TEST(BaseImages, AlpineAndBusyBox) {
    for (const char* image : {"alpine", "alpine:3.20", "busybox:1.36-glibc", "python:3.12-alpine3.20",
                              "node:22-alpine", "php:8.3-fpm-alpine"})
        EXPECT_EQ(image_family(image), BaseFamily::BusyBox) << image;
}

TEST(BaseImages, UnknownImages) {
    // Other registries and namespaces, Windows and other variants, a digest that may pin any variant.
    for (const char* image : {"gcr.io/distroless/base-debian12", "myorg/python:3.12", "scratch",
                              "golang:1.22-windowsservercore-ltsc2022", "python:3.12-nanoserver",
                              "eclipse-temurin:21-jdk-ubi9-minimal", "debian@sha256:0a4e", "centos:7", ""})
        EXPECT_EQ(image_family(image), BaseFamily::Unknown) << image;
}

TEST(BaseImages, StagesFollowTheirBaseAndArgDefaults) {
    const Dockerfile file = parse("ARG BASE=ubuntu:24.04\nARG UNSET\n"
                                  "FROM $BASE AS one\nFROM one AS two\nFROM ${UNSET} AS three\n"
                                  "FROM alpine:3.20 AS four\nFROM four\n");
    const SemanticModel model(file);
    EXPECT_EQ(stage_base_family(file, model, 0), BaseFamily::Debian);
    EXPECT_EQ(stage_base_family(file, model, 1), BaseFamily::Debian);
    EXPECT_EQ(stage_base_family(file, model, 2), BaseFamily::Unknown);
    EXPECT_EQ(stage_base_family(file, model, 3), BaseFamily::BusyBox);
    EXPECT_EQ(stage_base_family(file, model, 4), BaseFamily::BusyBox);
}

} // namespace
} // namespace drydock::rules
