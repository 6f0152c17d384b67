// What the single-stage-build rule (DD2002) and a multi-stage rewrite learn about a stage's toolchain: build
// commands, compiler packages kept in the image, toolchains of base images.

#include "checks/src/build_toolchain.hpp"

#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::rules {
namespace {

std::vector<std::string> labels(const std::string& text) {
    const Dockerfile file = parse(text);
    const SemanticModel model(file);
    std::vector<std::string> out;
    for (const BuildCommand& command : build_commands(file, model, model.stages().size() - 1))
        out.push_back(std::string(toolchain_name(command.toolchain)) + ": " + command.label + " @" +
                      std::string(file.text(command.range)));
    return out;
}

TEST(BuildToolchain, BuildCommands) {
    EXPECT_EQ(labels("FROM x\nRUN go mod download && go build -o /app .\n"),
              std::vector<std::string>{"Go: go build @go build -o /app ."});
    EXPECT_EQ(labels("FROM x\nRUN cargo build --release\nRUN ./mvnw -B package\nRUN gradle :app:bootJar\n"),
              (std::vector<std::string>{"Rust: cargo build @cargo build --release",
                                        "Maven: mvnw package @./mvnw -B package",
                                        "Gradle: gradle bootJar @gradle :app:bootJar"}));
    EXPECT_EQ(labels("FROM x\nRUN yarn build && pnpm run build:prod && npm run-script build\n"),
              (std::vector<std::string>{"Node.js: yarn build @yarn build",
                                        "Node.js: pnpm run build:prod @pnpm run build:prod",
                                        "Node.js: npm run build @npm run-script build"}));
    EXPECT_EQ(labels("FROM x\nRUN sudo make -j4 install && gcc --version\n"),
              std::vector<std::string>{"C/C++: make @make -j4 install"});
    EXPECT_EQ(
        labels("FROM x\nRUN python3 -m pip install -r req.txt && pip wheel . && dotnet publish -c Release\n"),
        (std::vector<std::string>{"Python build: pip install @python3 -m pip install -r req.txt",
                                  "Python build: pip wheel @pip wheel .",
                                  ".NET SDK: dotnet publish @dotnet publish -c Release"}));
    // Not builds: other subcommands, npm scripts that do not build, `npm build` (not a script run), versions.
    EXPECT_EQ(labels("FROM x\nRUN go mod download && go test ./... && npm ci && npm run lint && npm build && "
                     "mvn dependency:go-offline && pip install --upgrade && make --version\n"),
              std::vector<std::string>{});
}

TEST(BuildToolchain, PackageRemovalAfterABuild) {
    const Dockerfile file =
        parse("FROM debian\nRUN apt-get install -y golang-go && go build . && apt-get purge -y "
              "golang-go\nRUN cargo build\n");
    const SemanticModel model(file);
    const std::vector<BuildCommand> commands = build_commands(file, model, 0);
    ASSERT_EQ(commands.size(), 2U);
    EXPECT_TRUE(commands[0].packages_removed_after);
    EXPECT_FALSE(commands[1].packages_removed_after);
    EXPECT_EQ(labels("FROM x\nRUN pip install -U pip 'setuptools>=70' wheel && pip install --upgrade pip\n"),
              std::vector<std::string>{});
}

TEST(BuildToolchain, KeptBuildPackages) {
    const auto kept = [](const std::string& text) {
        const Dockerfile file = parse(text);
        const SemanticModel model(file);
        std::vector<std::string> out;
        for (const BuildPackage& package : kept_build_packages(file, model, model.stages().size() - 1))
            out.push_back(package.name);
        return out;
    };
    EXPECT_EQ(kept("FROM debian\nRUN apt-get install -y build-essential=12.9 curl libpq-dev\n"),
              (std::vector<std::string>{"build-essential", "libpq-dev"}));
    EXPECT_EQ(kept("FROM alpine AS a\nRUN apk add gcc musl-dev\nFROM a\nRUN dnf install -y python3-devel\n"),
              (std::vector<std::string>{"gcc", "musl-dev", "python3-devel"}));
    EXPECT_EQ(kept("FROM alpine\nRUN apk add --virtual .b gcc && make && apk del .b\n"),
              std::vector<std::string>{});
    EXPECT_EQ(kept("FROM debian\nRUN apt-get install -y gcc\nRUN apt-get purge -y --auto-remove gcc\n"),
              std::vector<std::string>{});
    EXPECT_TRUE(is_build_package("g++"));
    EXPECT_FALSE(is_build_package("curl"));
    EXPECT_FALSE(is_build_package("libpq5"));
}

TEST(BuildToolchain, ImageToolchains) {
    EXPECT_EQ(image_toolchain("golang:1.23").toolchain, Toolchain::Go);
    EXPECT_TRUE(image_toolchain("golang:1.23").c_compiler);
    EXPECT_FALSE(image_toolchain("golang:1.23-alpine").c_compiler);
    EXPECT_EQ(image_toolchain("docker.io/library/rust:1.82").toolchain, Toolchain::Rust);
    EXPECT_EQ(image_toolchain("maven:3.9-eclipse-temurin-21").toolchain, Toolchain::Maven);
    EXPECT_EQ(image_toolchain("mcr.microsoft.com/dotnet/sdk:8.0").toolchain, Toolchain::Dotnet);
    EXPECT_TRUE(image_toolchain("gcc:14").c_compiler);
    EXPECT_TRUE(image_toolchain("python:3.12").c_compiler);
    EXPECT_FALSE(image_toolchain("python:3.12-slim").c_compiler);
    EXPECT_FALSE(image_toolchain("buildpack-deps:bookworm-curl").c_compiler);
    EXPECT_TRUE(image_toolchain("buildpack-deps:bookworm").c_compiler);
    EXPECT_FALSE(image_toolchain("debian:12").toolchain.has_value());
    EXPECT_FALSE(image_toolchain("myorg/golang:1.23").toolchain.has_value());
}

TEST(BuildToolchain, StageBaseImage) {
    const Dockerfile file =
        parse("ARG GO=1.23\nFROM golang:${GO} AS build\nFROM build AS test\nARG X\nFROM $X\n");
    const SemanticModel model(file);
    EXPECT_EQ(stage_base_image(file, model, 1), "golang:1.23");
    EXPECT_EQ(stage_base_image(file, model, 2), std::nullopt);
}

} // namespace
} // namespace drydock::rules
