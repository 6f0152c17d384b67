#pragma once
// Which image a multi-stage rewrite runs the application on, per ecosystem, chosen from the toolchain image
// the build stage keeps (`golang:1.22` -> distroless static, `rust:1.80-bookworm` -> `debian:bookworm-slim`,
// `maven:3.9-eclipse-temurin-17` -> `eclipse-temurin:17-jre`), keeping the C library family (an Alpine
// builder gets an Alpine runtime) and, for binaries linked against glibc, a Debian or Ubuntu release no older
// than the builder's. Also which OS packages a runtime stage needs instead of the build stage's: the runtime
// library of each development package (`libssl-dev` -> `libssl3` on bookworm). Official images only; anything
// else has no answer, never a guess.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// What a runtime image is built on: how packages are installed in it and what they are called.
enum class RuntimeDistro {
    Debian,     // apt-get; `release` is the Debian code name
    Ubuntu,     // apt-get; `release` is the Ubuntu code name
    Alpine,     // apk
    Distroless, // no package manager, no shell
};

struct RuntimeImage {
    std::string image; // as FROM writes it
    RuntimeDistro distro = RuntimeDistro::Debian;
    std::string release; // Debian/Ubuntu code name ("bookworm", "noble"); empty for Alpine and distroless
};

// A runtime image, or why none is known for the builder.
struct RuntimeChoice {
    std::optional<RuntimeImage> runtime;
    std::string why;
};

// The runtime of each ecosystem for the builder image `builder` (as FROM names it, variables replaced):
// * Go (a static binary): `gcr.io/distroless/static-debian12:nonroot`; an Alpine builder: Alpine.
// * Rust and C/C++ (binaries linked against the builder's C library): `debian:<code name>-slim` for `rust`,
//   `gcc`, `debian`, `buildpack-deps` and the other Debian-based language images (the code name the tag
//   names, else the current Debian release, which the untagged variants are built on); `ubuntu:X` and Ubuntu
//   `buildpack-deps` stay on that Ubuntu release; builders that are already small (`-slim`, Alpine) are kept.
// * Java: `eclipse-temurin:<jdk>-jre[-alpine]`, the JDK version read from the builder's tag.
// * Node.js servers: `node:<tag>-slim` (an Alpine or slim tag is kept).
// * Python: `python:<version>-slim[-<code name>]` (an Alpine or slim tag is kept, digest included).
// * .NET: `mcr.microsoft.com/dotnet/aspnet` with the SDK's tag.
RuntimeChoice go_runtime(std::string_view builder);
RuntimeChoice native_runtime(std::string_view builder);
RuntimeChoice java_runtime(std::string_view builder);
RuntimeChoice node_runtime(std::string_view builder);
RuntimeChoice python_runtime(std::string_view builder);
RuntimeChoice dotnet_runtime(std::string_view builder);
// A static single-page app: nginx without root, listening on `static_site_port`.
RuntimeImage static_site_runtime();
inline constexpr std::string_view static_site_port = "8080";
inline constexpr std::string_view static_site_root = "/usr/share/nginx/html";

// The package a runtime stage on `runtime` installs for development package `dev` (`libssl-dev` ->
// `libssl3` on bookworm, `libssl3t64` on trixie; `openssl-dev` -> `libssl3` on Alpine); an empty string for
// headers that need nothing at run time (`libc6-dev`, `linux-headers`, `python3-dev`); nullopt when not
// known.
std::optional<std::string> runtime_library(std::string_view dev, const RuntimeImage& runtime);

// Whether an OS package only serves the build: compilers and development packages (is_build_package) and the
// usual build and download tools (git, curl, wget, pkg-config, autoconf, …).
bool is_build_only_package(std::string_view name);

// The directories of the default PATH of the runtime images (`/usr/local/bin`, `/usr/bin`, …): a bare
// program name in a start command is found there.
bool on_default_path(std::string_view directory);

} // namespace drydock::rules
