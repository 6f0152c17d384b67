#pragma once
// What an image reference says about its base, read with the lifecycle table (base_image_table.hpp):
// which runtime release and which operating system release its tag names. `python:3.10-slim-buster` is
// Python 3.10 on Debian 10; `node:16.18-alpine3.17` Node.js 16 on Alpine 3.17; `ubuntu:bionic` Ubuntu 18.04;
// `mcr.microsoft.com/dotnet/aspnet:6.0` .NET 6.0 on an OS the tag leaves open. A part the tag leaves open
// (`python:3`, `node:lts`, `golang:alpine`) stays unknown: nothing is guessed.

#include "base_image_table.hpp"

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// `Docker.io/library/Node` -> `node`, `amd64/buildpack-deps` -> `buildpack-deps`: lower case, without Docker
// Hub's host and `library/` namespace, and without the per-architecture namespaces of the official images.
std::string normalize_image_name(std::string_view name);

struct BaseImageTag {
    std::string name;                 // normalized image name
    std::string tag;                  // as written; empty when absent
    std::string digest;               // `sha256:…` as written; empty when absent
    const ImageInfo* image = nullptr; // nullptr: an image the table does not know

    // The runtime release the tag names, and the index of its word in `words`.
    const Product* runtime = nullptr;
    const Release* runtime_release = nullptr;
    std::optional<std::size_t> runtime_word;

    // The OS the tag names: product and release (the release is nullptr when the tag names only the family,
    // as `-alpine` does), the word, the word's prefix before the version (`alpine` in `alpine3.17`), and
    // whether the word is a code name (`buster`) rather than a version (`10`).
    const Product* os = nullptr;
    const Release* os_release = nullptr;
    std::optional<std::size_t> os_word;
    std::string os_prefix;
    bool os_by_codename = false;
    bool os_snapshot = false; // a dated snapshot follows (`bullseye-20240110`, `noble-20240904.1`)
    // A second word of the OS name, dropped when the OS is renamed (`mariner2.0` in `cbl-mariner2.0`, whose
    // successor is `azurelinux3.0`); `os_word` is then the first word (`cbl`).
    std::optional<std::size_t> os_extra_word;

    std::vector<std::string> words; // the tag split at `-`, as written

    // The tag with word `i` replaced by `text` for each given pair (an empty `text` drops the word).
    std::string tag_with(const std::vector<std::pair<std::size_t, std::string>>& replacements) const;
};

// Reads an image reference (variables already replaced): `python:3.10-slim-buster`,
// `docker.io/library/node:16@sha256:…`, `mcr.microsoft.com/dotnet/aspnet:6.0`.
BaseImageTag read_base_image(std::string_view reference);

// The base image a FROM names, with variables replaced by their ARG defaults: nullopt for `scratch`, for a
// stage built earlier in the file (`FROM builder`), and when a variable has no default.
struct FromImage {
    std::string reference;      // the image with variables replaced
    bool from_variable = false; // the image word holds variables (its text is elsewhere, in an ARG)
};
std::optional<FromImage> from_image(const Dockerfile& file, const SemanticModel& model, std::size_t index,
                                    std::optional<std::size_t> stage);

} // namespace drydock::rules
