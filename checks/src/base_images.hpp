#pragma once
// What a stage's base image is known to ship, for fixes whose safety depends on the programs in the image
// (`SHELL ["/bin/bash", …]` needs bash; `wget --progress` needs GNU wget). Only well-known official images
// are recognised, by name and tag; anything else is Unknown, never a guess.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <cstddef>
#include <string_view>

namespace drydock::rules {

enum class BaseFamily {
    Unknown,
    // A Debian or Ubuntu image, or an official language image built on one (python, node, golang, ruby,
    // php, openjdk, eclipse-temurin, rust, buildpack-deps) in a Debian/Ubuntu variant: bash at /bin/bash,
    // GNU coreutils, and GNU wget when wget is installed.
    Debian,
    // Alpine or BusyBox (also the `-alpine` variants of the language images): ash and BusyBox applets.
    BusyBox,
};

// The family of an image reference as written in FROM, with variables already replaced
// (`python:3.12-slim-bookworm`, `docker.io/library/node:22`).
BaseFamily image_family(std::string_view image);

// The family of the base image of `stage`, following stages built on earlier stages (`FROM build AS test`)
// and replacing variables in FROM by their ARG defaults.
BaseFamily stage_base_family(const Dockerfile& file, const SemanticModel& model, std::size_t stage);

} // namespace drydock::rules
