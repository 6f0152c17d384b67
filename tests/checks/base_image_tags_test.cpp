// The base image lifecycle table (checks/data/base_images.json) and the tag reader built on it: the table is
// well-formed and sorted, and tags name the runtime and OS releases they should.

#include "checks/src/base_image_table.hpp"
#include "checks/src/base_image_table_codegen.hpp"
#include "checks/src/base_image_tags.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

namespace drydock::rules {
namespace {

TEST(BaseImageTable, EmbeddedTableIsTheFileInTheRepository) {
    std::ifstream in(std::string(DRYDOCK_SOURCE_DIR) + "/checks/data/base_images.json", std::ios::binary);
    const std::string file{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(base_image_table_json(), file) << "re-run cmake: the embedded table is stale";
}

TEST(BaseImageTable, CompiledTableIsTheParsedJson) {
    // The binary carries the table as generated C++; it must say exactly what the JSON says.
    EXPECT_EQ(base_image_table_as_cpp(base_image_table()),
              base_image_table_as_cpp(parse_base_image_table(base_image_table_json())));
}

TEST(BaseImageTable, GeneratedSourceEscapesEveryString) {
    BaseImageTable table = parse_base_image_table(base_image_table_json());
    table.products.front().name = "a \"quoted\" \\ name?\n\x01"
                                  "9";
    const std::string source = base_image_table_as_cpp(table);
    EXPECT_NE(source.find(R"(p.name = "a \"quoted\" \\ name\077\012\0019";)"), std::string::npos);
}

TEST(BaseImageTable, IsWellFormedAndSorted) {
    const BaseImageTable& table = base_image_table();
    EXPECT_EQ(table.schema, 1);
    EXPECT_TRUE(parse_date(table.date));
    EXPECT_FALSE(table.version.empty());
    ASSERT_FALSE(table.products.empty());
    for (std::size_t i = 1; i < table.products.size(); ++i)
        EXPECT_LT(table.products[i - 1].id, table.products[i].id);
    for (const Product& p : table.products) {
        EXPECT_TRUE(p.source.starts_with("https://")) << p.id;
        ASSERT_FALSE(p.releases.empty()) << p.id;
        for (std::size_t i = 0; i < p.releases.size(); ++i) {
            const Release& r = p.releases[i];
            EXPECT_FALSE(r.version.empty()) << p.id;
            if (r.eol) {
                EXPECT_GT(days_between(r.released, *r.eol), 0) << p.id << " " << r.version;
            }
            if (i > 0) {
                EXPECT_GE(days_between(p.releases[i - 1].released, r.released), 0)
                    << p.id << ": " << r.version << " is listed before an older release";
            }
        }
    }
    for (std::size_t i = 1; i < table.images.size(); ++i)
        EXPECT_LT(table.images[i - 1].name, table.images[i].name);
    // Every OS or runtime product is named by some image.
    for (const Product& p : table.products) {
        bool used = false;
        for (const ImageInfo& image : table.images)
            used = used || image.os == &p || image.runtime == &p;
        EXPECT_TRUE(used) << p.id << " is named by no image";
    }
}

TEST(BaseImageTable, RejectsMalformedTables) {
    const std::string head =
        R"({"schema": 1, "version": "t", "date": "2026-01-01", "images": [], "products": [)";
    const std::string product =
        R"({"id": "x", "name": "X", "kind": "os", "source": "https://example.com", "upgrade": "any", "releases": )";
    EXPECT_THROW(parse_base_image_table("{"), std::runtime_error);
    EXPECT_THROW(parse_base_image_table(head + product +
                                        R"([{"version": "2", "released": "2020-01-01", "eol": null},
                                            {"version": "1", "released": "2019-01-01", "eol": null}]}]})"),
                 std::runtime_error)
        << "releases out of order";
    EXPECT_THROW(
        parse_base_image_table(head + product +
                               R"([{"version": "1", "released": "2020-01-01", "eol": "2019-01-01"}]}]})"),
        std::runtime_error)
        << "end before release";
    EXPECT_THROW(parse_base_image_table(head + product +
                                        R"([{"version": "1", "released": "2020-02-30", "eol": null}]}]})"),
                 std::runtime_error)
        << "not a date";
    EXPECT_NO_THROW(parse_base_image_table(
        head + product + R"([{"version": "1", "released": "2020-01-01", "eol": null}]}]})"));
}

TEST(BaseImageTable, DatesAndVersions) {
    EXPECT_EQ(format_date(*parse_date("2026-11-28")), "2026-11-28");
    EXPECT_FALSE(parse_date("2026-2-28"));
    EXPECT_FALSE(parse_date("2026-02-29"));
    EXPECT_TRUE(parse_date("2028-02-29"));
    EXPECT_EQ(days_between(*parse_date("2026-11-28"), *parse_date("2026-12-31")), 33);
    const Product* python = base_image_table().product("python");
    ASSERT_NE(python, nullptr);
    EXPECT_EQ(python->release_for_version("3.10.4")->version, "3.10");
    EXPECT_EQ(python->release_for_version("3.1"), nullptr);
    EXPECT_EQ(python->release_for_version("3"), nullptr);
    const Product* windows = base_image_table().product("windows-server");
    EXPECT_EQ(windows->release_for_version("1809")->version, "ltsc2019");
}

struct Expected {
    std::string_view reference;
    std::string_view image;   // normalized name, empty = unknown image
    std::string_view runtime; // "product release", empty = none
    std::string_view os;      // "product release", "product" for a family only, empty = none
};

std::string describe_runtime(const BaseImageTag& t) {
    if (!t.runtime_release)
        return "";
    return t.runtime->id + " " + t.runtime_release->version;
}

std::string describe_os(const BaseImageTag& t) {
    if (!t.os)
        return "";
    return t.os_release ? t.os->id + " " + t.os_release->version : t.os->id;
}

TEST(BaseImageTags, ReadsRuntimeAndOsFromTags) {
    const Expected cases[] = {
        {"python:3.10-slim-buster", "python", "python 3.10", "debian 10"},
        {"python:3.10.4-slim", "python", "python 3.10", ""},
        {"python:3-alpine", "python", "", "alpine"},
        {"python:3.14.7-alpine3.24@sha256:05b2", "python", "python 3.14", "alpine 3.24"},
        {"node:16.18-alpine3.17", "node", "node 16", "alpine 3.17"},
        {"node:16.18", "node", "node 16", ""},
        {"node:iron-alpine", "node", "node 20", "alpine"},
        {"node:lts-buster-slim", "node", "", "debian 10"},
        {"node:0.10.35", "node", "node 0.10", ""},
        {"golang:1.19-bullseye", "golang", "golang 1.19", "debian 11"},
        {"golang:alpine", "golang", "", "alpine"},
        {"docker.io/library/golang:1.26.6-bookworm", "golang", "golang 1.26", "debian 12"},
        {"ubuntu:18.04", "ubuntu", "", "ubuntu 18.04"},
        {"ubuntu:bionic", "ubuntu", "", "ubuntu 18.04"},
        {"ubuntu:noble-20240904.1", "ubuntu", "", "ubuntu 24.04"},
        {"debian:buster-slim", "debian", "", "debian 10"},
        {"debian:11", "debian", "", "debian 11"},
        {"docker.io/debian:bullseye-20260610-slim", "debian", "", "debian 11"},
        {"debian:sid", "debian", "", ""},
        {"debian:stable-slim", "debian", "", ""},
        {"alpine:3.12", "alpine", "", "alpine 3.12"},
        {"alpine:3.24.1", "alpine", "", "alpine 3.24"},
        {"alpine:edge", "alpine", "", ""},
        {"arm64v8/alpine:3.20", "alpine", "", "alpine 3.20"},
        {"centos:8", "centos", "", "centos 8"},
        {"centos:centos7", "centos", "", "centos 7"},
        {"centos:7.9.2009", "centos", "", "centos 7"},
        {"quay.io/centos/centos:stream9", "quay.io/centos/centos", "", "centos-stream 9"},
        {"rockylinux:9", "rockylinux", "", "rockylinux 9"},
        {"almalinux:8", "almalinux", "", "almalinux 8"},
        {"fedora:38", "fedora", "", "fedora 38"},
        {"amazonlinux:2", "amazonlinux", "", "amazonlinux 2"},
        {"amazonlinux:2023", "amazonlinux", "", "amazonlinux 2023"},
        {"amazonlinux:2.0.20230119.1", "amazonlinux", "", "amazonlinux 2"},
        {"oraclelinux:7-slim", "oraclelinux", "", "oraclelinux 7"},
        {"ghcr.io/oracle/oraclelinux:8", "oraclelinux", "", "oraclelinux 8"},
        {"registry.access.redhat.com/ubi8/ubi-minimal:8.10", "registry.access.redhat.com/ubi", "", "rhel 8"},
        {"redhat/ubi10-minimal", "registry.access.redhat.com/ubi", "", "rhel 10"},
        {"openjdk:11-jre-slim", "openjdk", "eclipse-temurin 11", ""},
        {"eclipse-temurin:17-jre-jammy", "eclipse-temurin", "eclipse-temurin 17", "ubuntu 22.04"},
        {"eclipse-temurin:24.0.2_12-jdk-noble", "eclipse-temurin", "eclipse-temurin 24", "ubuntu 24.04"},
        {"eclipse-temurin:21-jdk-ubi9-minimal", "eclipse-temurin", "eclipse-temurin 21", "rhel 9"},
        {"amazoncorretto:17-al2023", "amazoncorretto", "amazoncorretto 17", "amazonlinux 2023"},
        {"maven:3.9.16-eclipse-temurin-17", "maven", "eclipse-temurin 17", ""},
        {"maven:3-amazoncorretto-21-alpine", "maven", "amazoncorretto 21", "alpine"},
        {"mcr.microsoft.com/dotnet/aspnet:6.0", "mcr.microsoft.com/dotnet/aspnet", "dotnet 6.0", ""},
        {"mcr.microsoft.com/dotnet/sdk:8.0.30-bookworm-slim-amd64", "mcr.microsoft.com/dotnet/aspnet",
         "dotnet 8.0", "debian 12"},
        {"mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0-distroless",
         "mcr.microsoft.com/dotnet/aspnet", "dotnet 10.0", "azurelinux 3.0"},
        {"mcr.microsoft.com/dotnet/aspnet:8.0-cbl-mariner2.0", "mcr.microsoft.com/dotnet/aspnet",
         "dotnet 8.0", "azurelinux 2.0"},
        {"mcr.microsoft.com/dotnet/aspnet:9.0.19-nanoserver-ltsc2022", "mcr.microsoft.com/dotnet/aspnet",
         "dotnet 9.0", "windows-server ltsc2022"},
        {"mcr.microsoft.com/dotnet/core/aspnet:3.1-nanoserver-1809", "mcr.microsoft.com/dotnet/core/aspnet",
         "dotnet 3.1", "windows-server ltsc2019"},
        {"mcr.microsoft.com/dotnet/aspnet:11.0.0-preview.7-alpine3.24-amd64",
         "mcr.microsoft.com/dotnet/aspnet", "", "alpine 3.24"},
        {"mcr.microsoft.com/windows/servercore:ltsc2019", "mcr.microsoft.com/windows/servercore", "",
         "windows-server ltsc2019"},
        {"mcr.microsoft.com/windows/nanoserver:1809", "mcr.microsoft.com/windows/servercore", "",
         "windows-server ltsc2019"},
        {"mcr.microsoft.com/azurelinux/base/core:3.0", "mcr.microsoft.com/azurelinux/base/core", "",
         "azurelinux 3.0"},
        {"mcr.microsoft.com/mirror/docker/library/python:3.9-slim", "python", "python 3.9", ""},
        {"php:8.3-fpm-alpine3.23", "php", "php 8.3", "alpine 3.23"},
        {"php:8.0.9-apache", "php", "php 8.0", ""},
        {"ruby:4.0.5-alpine3.22", "ruby", "ruby 4.0", "alpine 3.22"},
        {"rust:1.64", "rust", "rust 1.64", ""},
        {"rust:1", "rust", "", ""},
        {"rust:1.89-slim-trixie", "rust", "rust 1.89", "debian 13"},
        {"nginx:1.27.4-alpine-slim", "nginx", "nginx 1.27", "alpine"},
        {"nginx:mainline-alpine", "nginx", "", "alpine"},
        {"amd64/buildpack-deps:jammy-curl", "buildpack-deps", "", "ubuntu 22.04"},
        {"buildpack-deps:bookworm-scm", "buildpack-deps", "", "debian 12"},
        {"Docker.io/Library/Node:22", "node", "node 22", ""},
        {"example.com/team/node:16", "", "", ""},
        {"myorg/python:3.7", "", "", ""},
    };
    for (const Expected& c : cases) {
        const BaseImageTag tag = read_base_image(c.reference);
        EXPECT_EQ(tag.image ? tag.image->name : std::string(), c.image) << c.reference;
        EXPECT_EQ(describe_runtime(tag), c.runtime) << c.reference;
        EXPECT_EQ(describe_os(tag), c.os) << c.reference;
    }
}

TEST(BaseImageTags, KeepsDigestAndRewritesWords) {
    const BaseImageTag tag = read_base_image("python:3.10-slim-buster@sha256:abcd");
    EXPECT_EQ(tag.digest, "sha256:abcd");
    EXPECT_EQ(tag.tag, "3.10-slim-buster");
    ASSERT_TRUE(tag.runtime_word && tag.os_word);
    EXPECT_EQ(tag.tag_with({{*tag.runtime_word, "3.11"}, {*tag.os_word, "bookworm"}}), "3.11-slim-bookworm");
    const BaseImageTag snapshot = read_base_image("debian:bullseye-20240110-slim");
    EXPECT_TRUE(snapshot.os_snapshot);
    const BaseImageTag alpine = read_base_image("node:16-alpine3.17");
    EXPECT_EQ(alpine.os_prefix, "alpine");
}

TEST(BaseImageTags, NormalizesNames) {
    EXPECT_EQ(normalize_image_name("docker.io/library/node"), "node");
    EXPECT_EQ(normalize_image_name("index.docker.io/library/Python"), "python");
    EXPECT_EQ(normalize_image_name("arm32v7/buildpack-deps"), "buildpack-deps");
    EXPECT_EQ(normalize_image_name("amd64/team/app"), "amd64/team/app");
    EXPECT_EQ(normalize_image_name("ghcr.io/oracle/oraclelinux"), "ghcr.io/oracle/oraclelinux");
}

} // namespace
} // namespace drydock::rules
