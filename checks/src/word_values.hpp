#pragma once
// The values Dockerfile words have in a build that passes no `--build-arg`: variables replaced by the ARG/ENV
// defaults in scope, so that rules about images, sources and users can judge `FROM $BASE` by `ARG
// BASE=ubuntu` instead of skipping or guessing. A value that cannot be known statically is nullopt, never a
// guess.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// `word`'s value with every variable replaced by its default from `scope` (as SemanticModel::scope_at gives
// it, latest declaration last). Handles `$X`, `${X}` and the `:-`, `-`, `:+`, `+` modifiers. nullopt when a
// variable has no default (an `ARG` that must come from the command line), is automatic (`TARGETARCH`) or
// predefined
// (`HTTP_PROXY`), when a default itself holds a variable, for other modifiers, and for words with quotes or
// continuations inside.
std::optional<std::string> default_value(const Word& word, const std::vector<Variable>& scope);

// An image reference split as Docker's reference package does: `registry/path:tag@digest`.
struct ImageName {
    std::string name;   // registry and path
    std::string tag;    // empty when absent
    std::string digest; // empty when absent
};
ImageName split_image(std::string_view reference);

// An image name without Docker Hub's registry host and its `library/` namespace (`docker.io/library/node` ->
// `node`, `index.docker.io/bitnami/redis` -> `bitnami/redis`): how the official images and Hub namespaces are
// named everywhere else. Names on other registries are returned as they are.
std::string_view docker_hub_path(std::string_view name);

} // namespace drydock::rules
