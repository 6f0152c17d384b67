#include "runtime_images.hpp"

#include "build_toolchain.hpp"
#include "instruction_queries.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock::rules {
namespace {

// The images the rewrite names that do not follow from the builder's tag. Each is supported (not past its
// end of life in checks/data/base_images.json) when this table was last reviewed; the multi-stage fixture
// test lints every rewrite with base-image-eol to keep it so.
constexpr std::string_view distroless_static = "gcr.io/distroless/static-debian12:nonroot";
constexpr std::string_view alpine_image = "alpine:3.23";
constexpr std::string_view static_site_image = "nginxinc/nginx-unprivileged:1.28-alpine";
// The Debian release the untagged variants of the official images (`gcc:14`, `rust:1.85`, `python:3.13`)
// are built on. A runtime on this release is never older than the builder, so the binary finds the glibc
// symbols it was linked against.
constexpr std::string_view current_debian = "trixie";
constexpr std::string_view current_ubuntu = "noble";

struct Release {
    std::string_view version;
    std::string_view codename;
};
constexpr std::array<Release, 6> debian_releases = {{{"9", "stretch"},
                                                     {"10", "buster"},
                                                     {"11", "bullseye"},
                                                     {"12", "bookworm"},
                                                     {"13", "trixie"},
                                                     {"14", "forky"}}};
constexpr std::array<Release, 8> ubuntu_releases = {{{"16.04", "xenial"},
                                                     {"18.04", "bionic"},
                                                     {"20.04", "focal"},
                                                     {"22.04", "jammy"},
                                                     {"23.10", "mantic"},
                                                     {"24.04", "noble"},
                                                     {"24.10", "oracular"},
                                                     {"25.04", "plucky"}}};

template <std::size_t N>
std::optional<std::string_view> codename_of(const std::array<Release, N>& releases, std::string_view word) {
    for (const Release& release : releases)
        if (word == release.codename || word == release.version ||
            (word.starts_with(release.version) && word.size() > release.version.size() &&
             word[release.version.size()] == '.'))
            return release.codename;
    return std::nullopt;
}

// An image reference read for its name and tag words: `docker.io/library/rust:1.80-slim-bookworm` ->
// `rust`, {`1.80`, `slim`, `bookworm`}.
struct ImageParts {
    std::string name;
    std::string tag;
    std::string digest;
    std::vector<std::string> words; // the tag split at `-`

    bool has_word(std::string_view word) const {
        return std::find(words.begin(), words.end(), word) != words.end();
    }
    bool alpine() const {
        return name == "alpine" || std::any_of(words.begin(), words.end(),
                                               [](const std::string& w) { return w.starts_with("alpine"); });
    }
    bool slim() const { return has_word("slim"); }
    // The Debian code name among the tag's words.
    std::optional<std::string_view> debian() const {
        for (const std::string& word : words)
            for (const Release& release : debian_releases)
                if (word == release.codename)
                    return release.codename;
        return std::nullopt;
    }
};

ImageParts read_image(std::string_view reference) {
    const ImageName split = split_image(to_lower(reference));
    ImageParts out;
    out.name = std::string(docker_hub_path(split.name));
    out.tag = split.tag == "latest" ? std::string() : split.tag;
    out.digest = split.digest;
    for (std::size_t begin = 0; begin < out.tag.size();) {
        const std::size_t dash = std::min(out.tag.find('-', begin), out.tag.size());
        out.words.push_back(out.tag.substr(begin, dash - begin));
        begin = dash + 1;
    }
    return out;
}

RuntimeChoice choose(std::string image, RuntimeDistro distro, std::string_view release = {}) {
    return {RuntimeImage{std::move(image), distro, std::string(release)}, {}};
}

RuntimeChoice refuse(std::string why) {
    return {std::nullopt, std::move(why)};
}

RuntimeChoice debian_slim(std::string_view codename) {
    return choose("debian:" + std::string(codename) + "-slim", RuntimeDistro::Debian, codename);
}

// The builder itself, for builders that are already small: the point of the split is dropping the compilers.
RuntimeChoice same_image(std::string_view builder, const ImageParts& parts) {
    if (parts.alpine())
        return choose(std::string(builder), RuntimeDistro::Alpine);
    if (parts.name == "ubuntu")
        return choose(std::string(builder), RuntimeDistro::Ubuntu,
                      parts.tag.empty() ? current_ubuntu
                                        : codename_of(ubuntu_releases, parts.words.front()).value_or(""));
    return choose(std::string(builder), RuntimeDistro::Debian, parts.debian().value_or(current_debian));
}

// Debian-based official images whose untagged variants carry compilers.
constexpr std::array<std::string_view, 8> debian_language_images = {"gcc",  "rust", "golang", "python",
                                                                    "node", "ruby", "perl",   "openjdk"};

std::string no_runtime(std::string_view builder) {
    return "no runtime image is known for the builder `" + std::string(builder) + "`";
}

} // namespace

RuntimeChoice go_runtime(std::string_view builder) {
    if (read_image(builder).alpine())
        return choose(std::string(alpine_image), RuntimeDistro::Alpine);
    return choose(std::string(distroless_static), RuntimeDistro::Distroless);
}

RuntimeChoice native_runtime(std::string_view builder) {
    const ImageParts parts = read_image(builder);
    if (parts.alpine())
        return parts.name == "alpine" ? same_image(builder, parts)
                                      : choose(std::string(alpine_image), RuntimeDistro::Alpine);
    if (parts.slim())
        return same_image(builder, parts);
    if (parts.name == "ubuntu")
        return same_image(builder, parts);
    if (parts.name == "debian" || parts.name == "buildpack-deps") {
        const std::string_view first = parts.words.empty() ? std::string_view() : parts.words.front();
        if (parts.name == "buildpack-deps" && codename_of(ubuntu_releases, first))
            return choose("ubuntu:" + std::string(first), RuntimeDistro::Ubuntu, first);
        if (first.empty() || first == "stable" || first == "curl" || first == "scm")
            return debian_slim(current_debian);
        if (const std::optional<std::string_view> codename = codename_of(debian_releases, first))
            return debian_slim(*codename);
        return refuse(no_runtime(builder));
    }
    if (std::find(debian_language_images.begin(), debian_language_images.end(), parts.name) !=
        debian_language_images.end())
        return debian_slim(parts.debian().value_or(current_debian));
    return refuse(no_runtime(builder));
}

RuntimeChoice java_runtime(std::string_view builder) {
    const ImageParts parts = read_image(builder);
    // `maven:3.9-eclipse-temurin-17`, `gradle:8-jdk21-alpine`, `eclipse-temurin:17-jdk`, `openjdk:17`.
    std::string jdk;
    auto major = [](std::string_view word) {
        std::size_t n = 0;
        while (n < word.size() && std::isdigit(static_cast<unsigned char>(word[n])))
            ++n;
        return std::string(word.substr(0, n));
    };
    for (std::size_t i = 0; i < parts.words.size() && jdk.empty(); ++i) {
        const std::string_view word = parts.words[i];
        if (word.starts_with("jdk"))
            jdk = major(word.substr(3));
        else if ((word == "temurin" || word == "openjdk" || word == "corretto" || word == "amazoncorretto" ||
                  word == "sapmachine") &&
                 i + 1 < parts.words.size())
            jdk = major(parts.words[i + 1]);
    }
    const bool jdk_image = parts.name == "eclipse-temurin" || parts.name == "openjdk" ||
                           parts.name == "amazoncorretto" || parts.name == "sapmachine";
    if (jdk.empty() && jdk_image && !parts.words.empty())
        jdk = major(parts.words.front());
    if (jdk.empty())
        return refuse("cannot tell the JDK version of `" + std::string(builder) + "`");
    return choose("eclipse-temurin:" + jdk + "-jre" + (parts.alpine() ? "-alpine" : ""),
                  parts.alpine() ? RuntimeDistro::Alpine : RuntimeDistro::Ubuntu);
}

RuntimeChoice node_runtime(std::string_view builder) {
    const ImageParts parts = read_image(builder);
    if (parts.name != "node")
        return refuse(no_runtime(builder));
    if (parts.alpine() || parts.slim())
        return same_image(builder, parts);
    return choose("node:" + (parts.tag.empty() ? std::string("slim") : parts.tag + "-slim"),
                  RuntimeDistro::Debian, parts.debian().value_or(current_debian));
}

RuntimeChoice python_runtime(std::string_view builder) {
    const ImageParts parts = read_image(builder);
    if (parts.name != "python" || parts.has_word("windowsservercore") || parts.has_word("nanoserver"))
        return refuse(no_runtime(builder));
    if (parts.alpine() || parts.slim())
        return same_image(builder, parts);
    // `3.12` -> `3.12-slim`, `3.12-bookworm` -> `3.12-slim-bookworm`: the same minor version and Debian
    // release, since the virtualenv links against the builder's interpreter.
    std::string version;
    std::string codename;
    for (const std::string& word : parts.words) {
        if (codename_of(debian_releases, word) && !std::isdigit(static_cast<unsigned char>(word.front())))
            codename = word;
        else if (version.empty() && codename.empty())
            version = word;
        else
            return refuse(no_runtime(builder));
    }
    const std::string tag =
        (version.empty() ? "" : version + "-") + "slim" + (codename.empty() ? "" : "-" + codename);
    return choose("python:" + tag, RuntimeDistro::Debian, codename.empty() ? current_debian : codename);
}

RuntimeChoice dotnet_runtime(std::string_view builder) {
    const ImageParts parts = read_image(builder);
    for (const std::string_view family : {"mcr.microsoft.com/dotnet/", "mcr.microsoft.com/dotnet/core/"})
        if (parts.name == std::string(family) + "sdk" && !parts.tag.empty())
            return choose(std::string(family) + "aspnet:" + parts.tag,
                          parts.alpine() ? RuntimeDistro::Alpine : RuntimeDistro::Debian,
                          parts.alpine() ? "" : parts.debian().value_or(current_debian));
    return refuse(no_runtime(builder));
}

RuntimeImage static_site_runtime() {
    return {std::string(static_site_image), RuntimeDistro::Alpine, {}};
}

namespace {

// Development packages and the runtime library a program linked against them needs, per release ("*": every
// Debian and Ubuntu release; "alpine": Alpine's package names). One table for every ecosystem.
struct LibraryRow {
    std::string_view dev;
    std::string_view releases; // blank-separated code names, "*" or "alpine"
    std::string_view runtime;  // empty: nothing at run time (headers)
};
constexpr std::array<LibraryRow, 32> library_rows = {{
    {"libssl-dev", "stretch buster bullseye bionic focal", "libssl1.1"},
    {"libssl-dev", "bookworm jammy mantic", "libssl3"},
    {"libssl-dev", "trixie forky noble oracular plucky", "libssl3t64"},
    {"libpq-dev", "*", "libpq5"},
    {"zlib1g-dev", "*", "zlib1g"},
    {"libcurl4-openssl-dev", "stretch buster bullseye bookworm bionic focal jammy mantic", "libcurl4"},
    {"libcurl4-openssl-dev", "trixie forky noble oracular plucky", "libcurl4t64"},
    {"libsqlite3-dev", "*", "libsqlite3-0"},
    {"libpcre3-dev", "stretch buster bullseye bookworm bionic focal jammy mantic noble", "libpcre3"},
    {"libffi-dev", "stretch buster bionic", "libffi6"},
    {"libffi-dev", "bullseye focal", "libffi7"},
    {"libffi-dev", "bookworm trixie forky jammy mantic noble oracular plucky", "libffi8"},
    {"libyaml-dev", "*", "libyaml-0-2"},
    // Headers and link-time files only.
    {"libc6-dev", "*", ""},
    {"libc-dev", "*", ""},
    {"linux-libc-dev", "*", ""},
    {"python3-dev", "*", ""},
    {"python-dev", "*", ""},
    {"python3-dev", "alpine", ""},
    {"musl-dev", "alpine", ""},
    {"libc-dev", "alpine", ""},
    {"linux-headers", "alpine", ""},
    {"openssl-dev", "alpine", "libssl3"},
    {"libressl-dev", "alpine", "libressl"},
    {"zlib-dev", "alpine", "zlib"},
    {"libffi-dev", "alpine", "libffi"},
    {"postgresql-dev", "alpine", "libpq"},
    {"libpq-dev", "alpine", "libpq"},
    {"sqlite-dev", "alpine", "sqlite-libs"},
    {"curl-dev", "alpine", "libcurl"},
    {"yaml-dev", "alpine", "yaml"},
    {"pcre-dev", "alpine", "pcre"},
}};

bool lists(std::string_view releases, std::string_view release) {
    for (std::size_t begin = 0; begin < releases.size();) {
        const std::size_t blank = std::min(releases.find(' ', begin), releases.size());
        if (releases.substr(begin, blank - begin) == release)
            return true;
        begin = blank + 1;
    }
    return false;
}

// Tools that only build or download: they have no business in a runtime image.
constexpr std::array<std::string_view, 26> build_tools = {"git",
                                                          "curl",
                                                          "wget",
                                                          "pkg-config",
                                                          "pkgconf",
                                                          "pkgconfig",
                                                          "autoconf",
                                                          "automake",
                                                          "libtool",
                                                          "ninja",
                                                          "ninja-build",
                                                          "meson",
                                                          "scons",
                                                          "bison",
                                                          "flex",
                                                          "m4",
                                                          "patch",
                                                          "unzip",
                                                          "xz-utils",
                                                          "gnupg",
                                                          "dirmngr",
                                                          "apt-utils",
                                                          "apt-transport-https",
                                                          "software-properties-common",
                                                          "lsb-release",
                                                          "subversion"};

} // namespace

std::optional<std::string> runtime_library(std::string_view dev, const RuntimeImage& runtime) {
    const bool alpine = runtime.distro == RuntimeDistro::Alpine;
    for (const LibraryRow& row : library_rows) {
        if (row.dev != dev)
            continue;
        if (alpine ? row.releases == "alpine"
                   : row.releases != "alpine" &&
                         (row.releases == "*" ||
                          (!runtime.release.empty() && lists(row.releases, runtime.release))))
            return std::string(row.runtime);
    }
    return std::nullopt;
}

bool is_build_only_package(std::string_view name) {
    return is_build_package(name) ||
           std::find(build_tools.begin(), build_tools.end(), name) != build_tools.end();
}

bool on_default_path(std::string_view directory) {
    for (const std::string_view path :
         {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"})
        if (directory == path)
            return true;
    return false;
}

} // namespace drydock::rules
