#pragma once
// Which build toolchain a stage uses and keeps: the commands that compile or bundles (`go build`, `cargo
// build`, `mvn package`, `make`, `npm run build`, `pip install` with compilers around, …), the compiler
// packages installed and never removed, and the toolchains base images ship. The single-stage-build rule
// (DD2002) reports a single-stage image that keeps its toolchain; a multi-stage rewrite needs the same facts
// to know what to move into a build stage. Answered from the shell model, never from raw text.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

enum class Toolchain { Go, Rust, Maven, Gradle, Dotnet, Node, Cpp, Python };

// How messages name a toolchain: "Go", "Rust", "Maven", "Gradle", ".NET SDK", "Node.js", "C/C++",
// "Python build".
std::string_view toolchain_name(Toolchain toolchain);

// A command that compiles or bundles.
struct BuildCommand {
    Toolchain toolchain = Toolchain::Cpp;
    std::size_t instruction = 0; // the RUN (top level)
    TextRange range;   // the command as written, from its program word (after wrappers) to its last word
    std::string label; // "go build", "cargo build", "mvn package", "gradle build", "dotnet publish",
                       // "npm run build", "yarn build", "pnpm build", "make", "gcc", "cmake",
                       // "pip install", "pip wheel"
    // Whether an OS package removal (`apt-get purge`, `apk del`, `dnf remove`, …) runs after it in the stage:
    // the install-build-remove pattern, which takes a toolchain installed as packages out again.
    bool packages_removed_after = false;
};

// The build commands the RUNs of `stage` run (not those of the stages it builds on), in source order:
// * Go: `go build`, `go install`; Rust: `cargo build`, `cargo install`;
// * Maven: `mvn`/`mvnw` with a goal `package`, `install`, `verify` or `compile`; Gradle: `gradle`/`gradlew`
//   with a task `build`, `assemble`, `jar`, `war`, `bootJar`, `bootWar`, `shadowJar`, `installDist`,
//   `distTar` or `distZip` (also `:module:build`);
// * .NET: `dotnet build`, `dotnet publish`;
// * Node.js: `npm run build…`, `npm run-script build…`, `yarn build…`, `yarn run build…`, `pnpm build…`,
//   `pnpm run build…` (a script whose name starts with `build`, such as `build:prod`);
// * C/C++: `gcc`, `g++`, `cc`, `c++`, `clang`, `clang++`, `make`, `cmake`;
// * Python: `pip install` with packages or `-r` (also `python -m pip`) other than packaging tools alone
//   (`pip install --upgrade pip setuptools wheel` builds nothing), `pip wheel`.
// A command only counts as a build by itself for the first six; C/C++ and Python commands need a compiler in
// the image (see kept_build_packages and image_toolchain), which the caller judges.
std::vector<BuildCommand> build_commands(const Dockerfile& file, const SemanticModel& model,
                                         std::size_t stage);

// A compiler or development package an OS package manager installs.
struct BuildPackage {
    std::string name;            // as written: `build-essential`, `gcc`, `libpq-dev`, `python3-devel`
    std::size_t instruction = 0; // the RUN
    TextRange range;             // the package operand
};

// Whether a package name is a compiler or development package: build-essential, build-base, alpine-sdk, gcc,
// g++, gcc-c++, clang, make, cmake, musl-dev, `*-dev` and `*-devel` (`libssl-dev`, `python3-devel`).
bool is_build_package(std::string_view name);

// The build packages that `apt-get`/`apt`, `apk`, `yum`/`dnf`/`microdnf` or `zypper` install in `stage` and
// the stages it builds on, unless some package removal runs after them in the same lineage (`apt-get
// purge|remove|autoremove`, `apk del`, `yum`/`dnf remove|erase|autoremove`, `zypper remove`): the usual
// install-build-remove pattern (`apk add --virtual .build-deps … && apk del .build-deps`) keeps nothing.
std::vector<BuildPackage> kept_build_packages(const Dockerfile& file, const SemanticModel& model,
                                              std::size_t stage);

// What a base image ships for building.
struct ImageToolchain {
    std::optional<Toolchain> toolchain; // golang, rust, maven, gradle, gcc, the .NET SDK, node
    bool c_compiler = false; // gcc, buildpack-deps, and the variants of golang, rust, python, node, ruby and
                             // perl built on buildpack-deps (not `-slim` or `-alpine`)
};

// The toolchain of an image reference as written in FROM, variables replaced (`golang:1.22-bookworm`,
// `mcr.microsoft.com/dotnet/sdk:8.0`). Official images only; anything else ships nothing known.
ImageToolchain image_toolchain(std::string_view image);

// The image that `stage` starts from, following `FROM <stage>` back to an image and replacing variables by
// their ARG defaults; nullopt when it is not known statically.
std::optional<std::string> stage_base_image(const Dockerfile& file, const SemanticModel& model,
                                            std::size_t stage);

} // namespace drydock::rules
