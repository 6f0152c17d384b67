#pragma once
// What compose rules ask about a service, read the way Compose reads it: booleans, published ports (short
// `[IP:][HOST:]CONTAINER[/PROTO]` and long `{target, published, host_ip}` syntax), `environment:` (mapping or
// `KEY=value` list), volumes (short `SOURCE:TARGET[:MODE]` and long syntax), health checks and dependencies.
// Every answer keeps the YAML nodes it came from, so rules report at the exact text.

#include <drydock/checks/compose_rule.hpp>
#include <drydock/parser/compose.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// `true`, `True` or `TRUE` (YAML 1.2 booleans; Compose rejects `yes`/`on` for boolean keys).
bool is_true(const yaml::Document& doc, yaml::NodeId node);

// One entry of `ports:`.
struct PublishedPort {
    yaml::NodeId node = yaml::no_node; // the list item
    bool long_syntax = false;          // a mapping: `{target: 80, published: 8080, host_ip: 127.0.0.1}`
    std::string host_ip;               // empty: all interfaces
    std::string host_port;             // empty: a random port
    std::uint32_t container_port = 0;  // the first port of the container range; 0 when unknown
    std::string protocol;              // "tcp" when absent
    // Short syntax: where the host IP (or, without one, the host port or the container port) starts in the
    // source, when the item's text is its value (no escapes, one line); nullopt otherwise.
    std::optional<TextSize> insert_at;
};
std::vector<PublishedPort> published_ports(const compose::ComposeFile& file, const compose::Service& service);

// Whether a host IP binds to the loopback interface only (127.0.0.0/8, ::1).
bool is_loopback(std::string_view host_ip);

// One variable of `environment:`.
struct EnvironmentEntry {
    std::string name;
    std::optional<std::string> value;  // nullopt: `KEY` alone or `KEY:` (taken from the shell)
    yaml::NodeId node = yaml::no_node; // the list item, or the mapping's value (no_node for `KEY:`)
    yaml::NodeId key = yaml::no_node;  // the mapping's key; no_node in list form
    TextRange name_range;              // the name as written
    TextRange value_range;             // the value as written (inside the list item when it can be found)
};
std::vector<EnvironmentEntry> environment(const compose::ComposeFile& file, const compose::Service& service);
// The value of variable `name` in the service's `environment:`, interpolated; nullopt when absent or unknown.
std::optional<std::string> environment_value(const compose::ComposeFile& file,
                                             const compose::Service& service, std::string_view name);

// One entry of a service's `volumes:`.
struct VolumeMount {
    yaml::NodeId node = yaml::no_node;
    std::string source; // host path or volume name; empty for an anonymous volume
    std::string target;
    bool read_only = false;
    bool bind = false; // the source is a host path (`/…`, `./…`, `../…`, `~/…`) or `type: bind`
};
std::vector<VolumeMount> volume_mounts(const compose::ComposeFile& file, const compose::Service& service);

enum class HealthcheckState {
    Missing,  // no `healthcheck:` key
    Defined,  // a `test:` that runs something (or a mapping that only tunes the image's own check)
    Disabled, // `disable: true` or `test: ["NONE"]`
};
HealthcheckState compose_healthcheck(const compose::ComposeFile& file, const compose::Service& service);

// Whether the container will have a health check: the service defines one, or it does not and the image
// built from its Dockerfile does (`HEALTHCHECK NONE` does not count).
bool has_effective_healthcheck(const compose::ComposeFile& file, const compose::Service& service,
                               const ServiceImage& image);

// One dependency under `depends_on:`.
struct Dependency {
    std::string service;
    yaml::NodeId node = yaml::no_node;      // list item, or the mapping's key
    yaml::NodeId condition = yaml::no_node; // map form: the `condition:` value, when given
    std::string condition_value;            // "service_started" when not given
};
struct Dependencies {
    yaml::NodeId key = yaml::no_node;   // `depends_on`
    yaml::NodeId value = yaml::no_node; // the list or mapping
    bool list_form = false;
    std::vector<Dependency> items;
};
Dependencies dependencies(const compose::ComposeFile& file, const compose::Service& service);

// Where offset `value_offset` of a scalar's value is in the source, when the scalar's text is its value
// (plain, or quoted without escapes, on one line); nullopt otherwise.
std::optional<TextSize> scalar_offset(const yaml::Document& doc, yaml::NodeId scalar,
                                      std::size_t value_offset);

// Known database images (by repository, lower-cased: `postgres`, `mysql`, `mariadb`, `mongo`, `redis`, …) and
// well-known database ports.
bool is_database_image(std::string_view repository);
bool is_database_port(std::uint32_t port);
// The database usually behind `port` ("PostgreSQL"), or "" when none.
std::string_view database_of_port(std::uint32_t port);

} // namespace drydock::rules
