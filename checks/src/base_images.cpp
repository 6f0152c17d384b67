#include "base_images.hpp"

#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

// Official images whose default variants are Debian or Ubuntu.
constexpr std::array<std::string_view, 12> debian_images = {
    "debian", "ubuntu",  "python",          "node", "golang",         "ruby",
    "php",    "openjdk", "eclipse-temurin", "rust", "buildpack-deps", "perl",
};

// Tag words of those images' Debian/Ubuntu variants: release code names, `slim`, the PHP and JDK flavours,
// node's LTS names and channels, buildpack-deps' `curl` and `scm`. A tag made only of these and version
// numbers is a Debian/Ubuntu variant; any other word (`windowsservercore`, `nanoserver`, `ubi9`,
// `oraclelinux8`, …) makes the image unknown.
constexpr std::array<std::string_view, 43> debian_tag_words = {
    "slim",  "wheezy",   "jessie",  "stretch",  "buster",    "bullseye",  "bookworm", "trixie",  "forky",
    "sid",   "stable",   "testing", "unstable", "oldstable", "backports", "bionic",   "focal",   "jammy",
    "noble", "oracular", "plucky",  "questing", "resolute",  "xenial",    "rolling",  "devel",   "latest",
    "lts",   "current",  "iron",    "hydrogen", "gallium",   "fermium",   "jod",      "krypton", "apache",
    "fpm",   "cli",      "zts",     "jdk",      "jre",       "scm",       "curl",
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        out.push_back(
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            return out;
        start = end + 1;
    }
}

// `docker.io/library/node` -> `node`; names with another registry or a user namespace stay as they are (and
// are then not official images).
std::string official_name(std::string_view name) {
    return std::string(docker_hub_path(name));
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

BaseFamily image_family(std::string_view image) {
    const ImageName parts = split_image(image);
    const std::string name = official_name(lower(parts.name));
    if (name == "alpine" || name == "busybox")
        return BaseFamily::BusyBox;
    if (!contains(debian_images, name))
        return BaseFamily::Unknown;
    if (parts.tag.empty())
        // `latest` is the Debian variant; a digest alone may pin any variant.
        return parts.digest.empty() ? BaseFamily::Debian : BaseFamily::Unknown;
    const std::string tag = lower(parts.tag);
    bool known = true;
    for (const std::string_view word : split(tag, '-')) {
        if (word.starts_with("alpine"))
            return BaseFamily::BusyBox;
        const bool version = !word.empty() && std::isdigit(static_cast<unsigned char>(word.front()));
        known = known && (version || contains(debian_tag_words, word));
    }
    return known ? BaseFamily::Debian : BaseFamily::Unknown;
}

BaseFamily stage_base_family(const Dockerfile& file, const SemanticModel& model, std::size_t stage) {
    // Each stage can only build on an earlier one, so this walk ends.
    while (stage < model.stages().size()) {
        const Stage& s = model.stages()[stage];
        if (s.base_stage && *s.base_stage < stage) {
            stage = *s.base_stage;
            continue;
        }
        const Instruction& from = file.instructions[s.from];
        if (!from.from)
            return BaseFamily::Unknown;
        const std::optional<std::string> image = default_value(from.from->image.word, model.scope_at(s.from));
        return image ? image_family(*image) : BaseFamily::Unknown;
    }
    return BaseFamily::Unknown;
}

} // namespace drydock::rules
