#include "base_image_tags.hpp"

#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock::rules {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

bool starts_with_digit(std::string_view word) {
    return !word.empty() && std::isdigit(static_cast<unsigned char>(word.front()));
}

bool all_digits(std::string_view word) {
    return !word.empty() &&
           std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; });
}

// `20240110`, `20240904.1`: the dated snapshots of the Debian and Ubuntu images.
bool is_snapshot(std::string_view word) {
    return word.size() >= 8 && all_digits(word) && word.substr(0, 8).find('.') == std::string_view::npos;
}

std::vector<std::string> split_words(std::string_view tag) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t dash = tag.find('-', start);
        out.emplace_back(
            tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
        if (dash == std::string_view::npos)
            return out;
        start = dash + 1;
    }
}

// Tags that name no fixed release: the OS or runtime moves with them, so no end of support applies.
bool is_floating(std::string_view word) {
    constexpr std::array<std::string_view, 13> words = {
        "latest", "lts",  "current", "stable", "oldstable", "testing", "unstable",
        "sid",    "edge", "rolling", "devel",  "mainline",  "rawhide"};
    return std::find(words.begin(), words.end(), word) != words.end();
}

// A code name of a Debian or Ubuntu release, in whichever product has it.
std::pair<const Product*, const Release*> codename_release(const BaseImageTable& table,
                                                           std::string_view word) {
    for (const Product& p : table.products)
        if (p.is_os)
            if (const Release* r = p.release_for_codename(word))
                return {&p, r};
    return {nullptr, nullptr};
}

struct OsWord {
    const Product* product = nullptr;
    const Release* release = nullptr;
    std::string prefix;
    bool by_codename = false;
    bool spans_previous = false; // `cbl-mariner2.0`: the name starts in the word before
};

// An OS named by a word after the version: `buster`, `alpine3.17`, `alpine`, `al2023`, `ltsc2022`,
// `azurelinux3.0`, `ubi9`; `mariner2.0` after `cbl`.
std::optional<OsWord> os_word(const BaseImageTable& table, std::string_view word, std::string_view previous) {
    if (const auto [product, release] = codename_release(table, word); release)
        return OsWord{product, release, "", true};
    auto versioned = [&](std::string_view prefix, std::string_view product_id) -> std::optional<OsWord> {
        if (!word.starts_with(prefix))
            return std::nullopt;
        const std::string_view version = word.substr(prefix.size());
        const Product* product = table.product(product_id);
        if (!product)
            return std::nullopt;
        if (version.empty())
            return OsWord{product, nullptr, std::string(prefix), false};
        if (!starts_with_digit(version))
            return std::nullopt;
        return OsWord{product, product->release_for_version(version), std::string(prefix), false};
    };
    if (word == "alpine" || (word.starts_with("alpine") && starts_with_digit(word.substr(6))))
        return versioned("alpine", "alpine");
    if (word.starts_with("al2") && all_digits(word.substr(2)))
        return versioned("al", "amazonlinux");
    if (word.starts_with("azurelinux"))
        return versioned("azurelinux", "azurelinux");
    if (previous == "cbl" && word.starts_with("mariner")) {
        std::optional<OsWord> out = versioned("mariner", "azurelinux");
        if (out) {
            out->prefix = "azurelinux"; // the successor of CBL-Mariner 2.0 is tagged `azurelinux3.0`
            out->spans_previous = true;
        }
        return out;
    }
    if (word.starts_with("ubi") && starts_with_digit(word.substr(3)))
        return versioned("ubi", "rhel");
    if (word.starts_with("ltsc") ||
        ((previous == "nanoserver" || previous == "windowsservercore") && starts_with_digit(word))) {
        const Product* windows = table.product("windows-server");
        if (const Release* r = windows ? windows->release_for_version(word) : nullptr)
            return OsWord{windows, r, "", false};
    }
    return std::nullopt;
}

// `eclipse-temurin-17`, `amazoncorretto-21`, `openjdk-11`, `sapmachine-21` inside a maven tag: the JDK.
void read_jdk_words(const BaseImageTable& table, BaseImageTag& out, const std::vector<std::string>& words) {
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string w = lower(words[i]);
        std::size_t version = i + 1;
        const char* product = nullptr;
        if (w == "eclipse" && lower(words[i + 1]) == "temurin") {
            product = "eclipse-temurin";
            version = i + 2;
        } else if (w == "amazoncorretto") {
            product = "amazoncorretto";
        }
        if (!product || version >= words.size() || !starts_with_digit(words[version]))
            continue;
        out.runtime = table.product(product);
        out.runtime_release = out.runtime ? out.runtime->release_for_version(words[version]) : nullptr;
        out.runtime_word = version;
        return;
    }
}

// An image whose name carries the OS version: `registry.access.redhat.com/ubi9/ubi-minimal`, `redhat/ubi8`.
void read_version_in_name(const BaseImageTable& table, BaseImageTag& out) {
    for (const ImageInfo& image : table.images) {
        if (!image.version_in_name)
            continue;
        std::vector<std::string> prefixes = image.aliases;
        prefixes.push_back(image.name);
        for (const std::string& prefix : prefixes) {
            if (!out.name.starts_with(prefix) || !starts_with_digit(out.name.substr(prefix.size())))
                continue;
            std::string_view rest = std::string_view(out.name).substr(prefix.size());
            const std::size_t end = rest.find_first_not_of("0123456789");
            out.image = &image;
            out.os = image.os;
            out.os_release = image.os->release_for_version(rest.substr(0, end));
            return;
        }
    }
}

} // namespace

std::string normalize_image_name(std::string_view name) {
    std::string out(docker_hub_path(lower(name)));
    // The official images built for one architecture live under these namespaces.
    for (const std::string_view arch : {"amd64/", "arm32v5/", "arm32v6/", "arm32v7/", "arm64v8/", "i386/",
                                        "ppc64le/", "s390x/", "riscv64/", "mips64le/", "windows-amd64/"})
        if (out.starts_with(arch) && out.find('/', arch.size()) == std::string::npos) {
            out.erase(0, arch.size());
            break;
        }
    return out;
}

std::string
BaseImageTag::tag_with(const std::vector<std::pair<std::size_t, std::string>>& replacements) const {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string word = words[i];
        for (const auto& [index, text] : replacements)
            if (index == i)
                word = text;
        if (word.empty() && words[i] != word)
            continue;
        if (!out.empty() || i > 0)
            out += '-';
        out += word;
    }
    return out;
}

BaseImageTag read_base_image(std::string_view reference) {
    const BaseImageTable& table = base_image_table();
    const ImageName parts = split_image(reference);
    BaseImageTag out;
    out.name = normalize_image_name(parts.name);
    out.tag = parts.tag;
    out.digest = parts.digest;
    out.image = table.image(out.name);
    if (!out.image)
        read_version_in_name(table, out);
    if (!out.image || out.tag.empty())
        return out;
    out.words = split_words(out.tag);
    const ImageInfo& image = *out.image;
    std::size_t next = 0;
    const std::string first = lower(out.words.front());

    if (image.tag_names_os && !image.version_in_name) {
        // `debian:12`, `ubuntu:bionic`, `alpine:3.12.1`, `centos:centos7`, `quay.io/centos/centos:stream9`.
        next = 1;
        std::string_view version = first;
        if (version.starts_with(image.os->id) && starts_with_digit(version.substr(image.os->id.size())))
            version.remove_prefix(image.os->id.size());
        if (version.starts_with("stream") && starts_with_digit(version.substr(6)))
            version.remove_prefix(6);
        if (const auto [product, release] = codename_release(table, first); release) {
            out.os = product;
            out.os_release = release;
            out.os_by_codename = true;
            out.os_word = 0;
        } else if (starts_with_digit(version) || image.os->release_for_version(version)) {
            out.os = image.os;
            out.os_release = image.os->release_for_version(version);
            out.os_prefix = std::string(std::string_view(first).substr(0, first.size() - version.size()));
            out.os_word = 0;
        }
    } else if (image.runtime) {
        // `3.10-slim-buster`, `16.18-alpine3.17`, `iron-alpine`, `lts-slim`, `alpine`.
        if (starts_with_digit(first)) {
            out.runtime = image.runtime;
            out.runtime_release = image.runtime->release_for_version(first);
            out.runtime_word = 0;
            next = 1;
        } else if (const Release* r = image.runtime->release_for_codename(first)) {
            out.runtime = image.runtime;
            out.runtime_release = r;
            out.runtime_word = 0;
            next = 1;
        }
    } else if (image.name == "maven") {
        read_jdk_words(table, out, out.words);
    }

    for (std::size_t i = next; i < out.words.size(); ++i) {
        const std::string word = lower(out.words[i]);
        if (out.os_word && i == *out.os_word + 1 && is_snapshot(word)) {
            out.os_snapshot = true;
            continue;
        }
        if (out.os_word || is_floating(word))
            continue;
        const std::string previous = i > 0 ? lower(out.words[i - 1]) : std::string();
        if (const std::optional<OsWord> os = os_word(table, word, previous)) {
            out.os = os->product;
            out.os_release = os->release;
            out.os_prefix = os->prefix;
            out.os_by_codename = os->by_codename;
            out.os_word = i;
            if (os->spans_previous) {
                out.os_word = i - 1;
                out.os_extra_word = i;
            }
        }
    }
    return out;
}

std::optional<FromImage> from_image(const Dockerfile& file, const SemanticModel& model, std::size_t index,
                                    std::optional<std::size_t> stage) {
    const Instruction& ins = file.instructions[index];
    if (!ins.from || !stage)
        return std::nullopt;
    const Word& word = ins.from->image.word;
    const std::optional<std::string> image = default_value(word, model.scope_at(index));
    if (!image || image->empty() || iequals(*image, "scratch"))
        return std::nullopt;
    if (const Stage* earlier = model.stage_named(*image); earlier && earlier->index < *stage)
        return std::nullopt;
    return FromImage{*image, !word.variables.empty() || word.raw != word.value};
}

} // namespace drydock::rules
