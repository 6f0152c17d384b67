#pragma once
// A Compose file (compose.yaml, docker-compose.yml) over its YAML tree: the services, and what each one runs
// (an image, or a Dockerfile it builds). Values are read as Compose reads them with an empty environment:
// `${VAR:-default}` is its default, a variable without one is unknown.

#include <drydock/parser/yaml.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::compose {

struct Service {
    std::string name;
    yaml::NodeId key = yaml::no_node;   // the name as written under `services:`
    yaml::NodeId value = yaml::no_node; // its definition (aliases resolved); a mapping in a valid file
};

// What `build:` says: `build: ./dir`, or `build: {context: ./dir, dockerfile: Dockerfile.dev}`, or
// `build: {dockerfile_inline: "FROM …"}`.
struct BuildSpec {
    std::string context = ".";              // the folder, relative to the compose file's folder
    std::string dockerfile = "Dockerfile";  // relative to the context (or absolute)
    std::optional<std::string> inline_text; // `dockerfile_inline:`, which takes the place of a file
    bool remote = false;                    // a Git or HTTP(S) URL context: nothing to read locally
    yaml::NodeId node = yaml::no_node;      // the `build:` value
};

struct ComposeFile {
    yaml::Document yaml;
    std::vector<Service> services; // in file order

    const std::string& source() const { return yaml.source; }
    std::string_view text(TextRange range) const { return yaml.text(range); }
    const Service* service(std::string_view name) const;
    // The service's `build:`, when it has one and its folder and file names are known.
    std::optional<BuildSpec> build(const Service& service) const;
    // The service's `image:` with variables replaced by their defaults; nullopt when absent or unknown.
    std::optional<std::string> image(const Service& service) const;
    // Whether the service says what it runs (`image:` or `build:`). An override file's partial service
    // (`compose.override.yaml` that only adds `ports:`) or one that `extends:` another does not.
    bool defines_container(const Service& service) const;
    // Whether everything the service says is in this file: it defines its container and does not `extends:`
    // another service (whose keys, perhaps in another file, drydock does not read). Rules about what a
    // service lacks only judge these.
    bool fully_known(const Service& service) const;
};

// Parses a compose file. YAML errors, a top level that is not a mapping and a `services:` that is not one are
// ParseErrors in yaml.errors; the file's services are read whenever the YAML is.
ComposeFile parse_compose(std::string source);

// Compose's interpolation without an environment: `$$` is `$`, `${VAR:-default}` and `${VAR-default}` give
// their default (itself interpolated); nullopt when any variable has no default (`$VAR`, `${VAR}`,
// `${VAR:?message}`, `${VAR:+alternative}`).
std::optional<std::string> interpolate(std::string_view value);

} // namespace drydock::compose
