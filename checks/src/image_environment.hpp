#pragma once
// The environment variables that well-known official images set with ENV, for rules that must know which
// `$VARIABLES` a base image defines (DD1009 undefined-var). BuildKit reads the pulled image's config; we
// cannot, so only images whose Dockerfiles we know are listed, and their lists are the union over all
// their variants and versions (a variable a tag may set counts as set).

#include <optional>
#include <string_view>
#include <vector>

namespace drydock::rules {

// The ENV names of `image` as written in FROM with variables replaced (`python:3.12-slim`,
// `docker.io/library/node:22`); an empty list for `scratch` and for plain OS images (`debian`, `alpine`);
// nullopt when the image is not known (another registry or namespace, a Windows variant, …).
std::optional<std::vector<std::string_view>> official_image_env(std::string_view image);

// Variables that are set by the builder itself or in nearly every image (PATH, HOME): never reported.
bool is_ubiquitous_variable(std::string_view name);

} // namespace drydock::rules
