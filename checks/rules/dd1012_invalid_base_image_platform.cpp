// DD1012: BuildKit's InvalidBaseImagePlatform — the base image is not published for the platform FROM asks
// for. BuildKit compares with the pulled image; offline, only certain operating-system mismatches are known.

#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"InvalidBaseImagePlatform"};

constexpr RuleMeta rule_meta{
    .code = "DD1012",
    .name = "invalid-base-image-platform",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Base image platform does not match the platform FROM asks for",
    .docs =
        {.what =
             "Reports `FROM --platform=<os>/…` when the base image is certainly not published for that "
             "operating system: `windows/…` on an image family that only exists for Linux (the official "
             "Debian, Ubuntu, Alpine, BusyBox, CentOS, Fedora, nginx, postgres, redis, node, php, ruby, "
             "rust … images, and the tags of python, golang, openjdk, eclipse-temurin … that name a "
             "Linux distribution such as `3.12-slim-bookworm` or `1.23-alpine` — a plain `python:3.12` is "
             "shared with the Windows variants), or `linux/…` on a Windows image "
             "(`mcr.microsoft.com/windows/…`, "
             "`servercore`, `nanoserver`, and `*-windowsservercore-*` / `*-nanoserver-*` tags). Only a "
             "constant `--platform` is judged.\n\n"
             "This is an offline, partial version of BuildKit's InvalidBaseImagePlatform: BuildKit "
             "compares the platform of the image it pulled, which also catches missing architectures "
             "(`linux/s390x`, `linux/arm/v6`) and images drydock does not know. drydock never contacts "
             "a registry, so it reports only the operating-system mismatches it can be sure of.",
         .why = "The builder cannot pull an image for a platform it was never built for: the build fails at "
                "`FROM` (\"no match for platform in manifest\"), or with an older builder runs an image of "
                "the wrong platform.",
         .bad = "FROM --platform=windows/amd64 debian:12-slim\nRUN echo hello\n",
         .good = "FROM --platform=linux/amd64 debian:12-slim AS linux-amd64\nRUN echo hello\n",
         .references = "https://docs.docker.com/reference/build-checks/\n"
                       "https://docs.docker.com/build/building/multi-platform/"},
};

enum class ImageOs { Unknown, Linux, Windows };

std::string lower(std::string_view text) {
    return to_lower(text);
}

// `docker.io/library/nginx` -> `nginx`; names with another registry or a namespace stay as they are.
std::string_view official_name(std::string_view name) {
    return docker_hub_path(name);
}

// Official images that exist only for Linux, whatever the tag.
constexpr std::array<std::string_view, 33> linux_only_images{
    "alpine",         "busybox",   "debian",      "ubuntu",    "centos",   "fedora",    "amazonlinux",
    "rockylinux",     "almalinux", "oraclelinux", "archlinux", "photon",   "nginx",     "httpd",
    "redis",          "postgres",  "mysql",       "mariadb",   "ruby",     "php",       "rust",
    "buildpack-deps", "perl",      "haproxy",     "memcached", "rabbitmq", "wordpress", "drupal",
    "ghost",          "node",      "gcc",         "bash",      "clojure"};

// Tag words of Linux-only variants of the official images.
constexpr std::array<std::string_view, 21> linux_tag_words{
    "alpine",      "slim",        "bookworm", "bullseye",   "buster",    "stretch", "jessie",
    "trixie",      "jammy",       "focal",    "noble",      "bionic",    "xenial",  "ubi",
    "oraclelinux", "amazonlinux", "centos",   "rockylinux", "almalinux", "sid",     "plucky"};

ImageOs image_os(std::string_view image) {
    const std::string reference = lower(image);
    const ImageName parts = split_image(reference);
    const std::string_view name = official_name(parts.name);
    // Windows: Microsoft's Windows base images and the Windows variants of other images.
    if (name.starts_with("mcr.microsoft.com/windows") || name == "microsoft/windowsservercore" ||
        name == "microsoft/nanoserver" || parts.tag.find("windowsservercore") != std::string::npos ||
        parts.tag.find("nanoserver") != std::string::npos)
        return ImageOs::Windows;
    if (name == "scratch")
        return ImageOs::Unknown;
    if (std::find(linux_only_images.begin(), linux_only_images.end(), name) != linux_only_images.end())
        return ImageOs::Linux;
    // Images published for both (python, golang, openjdk, …): only a tag naming a Linux distribution is
    // Linux-only; a plain version tag such as `3.12` is shared with the Windows variants.
    if (name.find('/') == std::string_view::npos) {
        std::size_t start = 0;
        while (start <= parts.tag.size()) {
            const std::size_t dash = std::min(parts.tag.find('-', start), parts.tag.size());
            const std::string_view word = std::string_view(parts.tag).substr(start, dash - start);
            for (const std::string_view distro : linux_tag_words)
                if (word.starts_with(distro))
                    return ImageOs::Linux;
            start = dash + 1;
        }
    }
    return ImageOs::Unknown;
}

class InvalidBaseImagePlatform final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        const Flag* platform = ins.flag("platform");
        if (context.in_onbuild() || !ins.from || !platform || !platform->value)
            return;
        const Word value = with_variables(*platform->value, context.file().escape);
        if (!value.variables.empty() || value.value.empty())
            return;
        const std::string wanted = lower(value.value);
        const std::string os = wanted.substr(0, wanted.find('/'));
        if (os != "linux" && os != "windows")
            return;
        const Word& word = ins.from->image.word;
        if (context.model().stage_named(word.value))
            return; // an earlier stage: its own FROM is judged
        const std::optional<std::string> image =
            default_value(word, context.model().scope_at(context.index()));
        if (!image || context.model().stage_named(*image))
            return;
        const ImageOs found = image_os(*image);
        if (found == ImageOs::Windows && os == "linux")
            context.report(value.range, "Base image `" + *image + "` is a Windows image, but `--platform=" +
                                            value.value + "` asks for Linux: no such image can be pulled");
        else if (found == ImageOs::Linux && os == "windows")
            context.report(value.range, "Base image `" + *image +
                                            "` is only published for Linux, but `--platform=" + value.value +
                                            "` asks for Windows: no such image can be pulled");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1012, drydock::rules::rule_meta, drydock::rules::InvalidBaseImagePlatform)
