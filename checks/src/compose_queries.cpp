#include "compose_queries.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace drydock::rules {
namespace {

using yaml::no_node;
using yaml::NodeId;

std::optional<std::uint32_t> leading_number(std::string_view text) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data())
        return std::nullopt;
    return value;
}

// A scalar's value with Compose's interpolation applied; the value as written when a variable is unknown.
std::string interpolated_or_raw(const yaml::Document& doc, NodeId node) {
    const std::string_view raw = doc.scalar(node);
    return compose::interpolate(raw).value_or(std::string(raw));
}

PublishedPort short_port(const yaml::Document& doc, NodeId item) {
    PublishedPort port;
    port.node = item;
    const std::optional<std::string> value = compose::interpolate(doc.scalar(item));
    if (!value)
        return port;
    std::string_view spec = *value;
    port.protocol = "tcp";
    if (const std::size_t slash = spec.rfind('/'); slash != std::string_view::npos) {
        port.protocol = std::string(spec.substr(slash + 1));
        spec = spec.substr(0, slash);
    }
    std::string_view rest = spec;
    if (rest.starts_with("[")) { // [::1]:5432:5432
        const std::size_t close = rest.find(']');
        if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
            return port;
        port.host_ip = std::string(rest.substr(1, close - 1));
        rest = rest.substr(close + 2);
        const std::size_t colon = rest.find(':');
        if (colon == std::string_view::npos)
            return port;
        port.host_port = std::string(rest.substr(0, colon));
        rest = rest.substr(colon + 1);
    } else {
        std::vector<std::string_view> parts;
        std::size_t start = 0;
        for (std::size_t colon = rest.find(':'); colon != std::string_view::npos;
             colon = rest.find(':', start)) {
            parts.push_back(rest.substr(start, colon - start));
            start = colon + 1;
        }
        parts.push_back(rest.substr(start));
        if (parts.size() > 3)
            return port; // an IPv6 address without brackets: not Compose syntax
        if (parts.size() == 3)
            port.host_ip = std::string(parts[0]);
        if (parts.size() >= 2)
            port.host_port = std::string(parts[parts.size() - 2]);
        rest = parts.back();
    }
    port.container_port = leading_number(rest).value_or(0);
    if (value == doc.scalar(item))
        port.insert_at = scalar_offset(doc, item, 0);
    return port;
}

PublishedPort long_port(const yaml::Document& doc, NodeId item) {
    PublishedPort port;
    port.node = item;
    port.long_syntax = true;
    port.protocol = "tcp";
    if (const NodeId target = doc.get(item, "target"); doc.is_scalar(target))
        port.container_port = leading_number(interpolated_or_raw(doc, target)).value_or(0);
    if (const NodeId published = doc.get(item, "published"); doc.is_scalar(published))
        port.host_port = interpolated_or_raw(doc, published);
    if (const NodeId ip = doc.get(item, "host_ip"); doc.is_scalar(ip))
        port.host_ip = interpolated_or_raw(doc, ip);
    if (const NodeId protocol = doc.get(item, "protocol"); doc.is_scalar(protocol))
        port.protocol = interpolated_or_raw(doc, protocol);
    return port;
}

bool is_host_path(std::string_view source) {
    return source.starts_with("/") || source.starts_with("./") || source.starts_with("../") ||
           source.starts_with("~") || source == "." || source == "..";
}

} // namespace

bool is_true(const yaml::Document& doc, NodeId node) {
    const std::string_view value = doc.scalar(node);
    return doc.is_scalar(node) && (value == "true" || value == "True" || value == "TRUE");
}

std::optional<TextSize> scalar_offset(const yaml::Document& doc, NodeId scalar, std::size_t value_offset) {
    scalar = doc.resolve(scalar);
    if (scalar == no_node || doc.node(scalar).kind != yaml::NodeKind::Scalar)
        return std::nullopt;
    const yaml::Node& node = doc.node(scalar);
    TextRange inner = node.range;
    if (node.style == yaml::Style::SingleQuoted || node.style == yaml::Style::DoubleQuoted) {
        if (inner.size() < 2)
            return std::nullopt;
        inner = {inner.begin + 1, inner.end - 1};
    } else if (node.style != yaml::Style::Plain) {
        return std::nullopt;
    }
    if (doc.text(inner) != node.value || value_offset > node.value.size())
        return std::nullopt;
    return inner.begin + static_cast<TextSize>(value_offset);
}

std::vector<PublishedPort> published_ports(const compose::ComposeFile& file,
                                           const compose::Service& service) {
    std::vector<PublishedPort> out;
    const yaml::Document& doc = file.yaml;
    for (const NodeId item : doc.items(doc.get(service.value, "ports"))) {
        if (doc.is_scalar(item))
            out.push_back(short_port(doc, item));
        else if (doc.is_mapping(item))
            out.push_back(long_port(doc, item));
    }
    return out;
}

bool is_loopback(std::string_view host_ip) {
    return host_ip.starts_with("127.") || host_ip == "::1" || host_ip == "localhost";
}

std::vector<EnvironmentEntry> environment(const compose::ComposeFile& file, const compose::Service& service) {
    std::vector<EnvironmentEntry> out;
    const yaml::Document& doc = file.yaml;
    const NodeId env = doc.get(service.value, "environment");
    if (doc.is_mapping(env)) {
        for (const yaml::Entry& e : doc.entries(env)) {
            if (!doc.is_scalar(e.key))
                continue;
            EnvironmentEntry entry;
            entry.name = std::string(doc.scalar(e.key));
            entry.key = e.key;
            entry.name_range = doc.node(e.key).range;
            const NodeId value = doc.resolve(e.value);
            if (doc.is_scalar(value)) {
                entry.value = std::string(doc.scalar(value));
                entry.node = value;
                entry.value_range = doc.node(value).range;
            } else {
                entry.value_range = value == no_node ? TextRange{} : doc.node(value).range;
            }
            out.push_back(std::move(entry));
        }
        return out;
    }
    for (const NodeId item : doc.items(env)) {
        if (!doc.is_scalar(item))
            continue;
        const std::string_view text = doc.scalar(item);
        const std::size_t equals = text.find('=');
        EnvironmentEntry entry;
        entry.node = item;
        entry.name = std::string(text.substr(0, equals));
        const TextRange whole = doc.node(item).range;
        const std::optional<TextSize> start = scalar_offset(doc, item, 0);
        entry.name_range =
            start ? TextRange{*start, *start + static_cast<TextSize>(entry.name.size())} : whole;
        if (equals != std::string_view::npos) {
            entry.value = std::string(text.substr(equals + 1));
            const std::optional<TextSize> at = scalar_offset(doc, item, equals + 1);
            entry.value_range = at ? TextRange{*at, *at + static_cast<TextSize>(entry.value->size())} : whole;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

std::optional<std::string> environment_value(const compose::ComposeFile& file,
                                             const compose::Service& service, std::string_view name) {
    for (const EnvironmentEntry& entry : environment(file, service))
        if (entry.name == name && entry.value)
            return compose::interpolate(*entry.value);
    return std::nullopt;
}

std::vector<VolumeMount> volume_mounts(const compose::ComposeFile& file, const compose::Service& service) {
    std::vector<VolumeMount> out;
    const yaml::Document& doc = file.yaml;
    for (const NodeId item : doc.items(doc.get(service.value, "volumes"))) {
        VolumeMount mount;
        mount.node = item;
        if (doc.is_scalar(item)) {
            const std::string value = interpolated_or_raw(doc, item);
            std::vector<std::string> parts;
            std::size_t start = 0;
            for (std::size_t colon = value.find(':'); colon != std::string::npos;
                 colon = value.find(':', start)) {
                parts.push_back(value.substr(start, colon - start));
                start = colon + 1;
            }
            parts.push_back(value.substr(start));
            if (parts.size() == 1) {
                mount.target = parts[0];
            } else {
                mount.source = parts[0];
                mount.target = parts[1];
            }
            if (parts.size() >= 3) {
                const std::string& mode = parts[2];
                for (std::size_t p = 0; p <= mode.size();) {
                    const std::size_t comma = std::min(mode.find(',', p), mode.size());
                    if (mode.substr(p, comma - p) == "ro")
                        mount.read_only = true;
                    p = comma + 1;
                }
            }
            mount.bind = is_host_path(mount.source);
        } else if (doc.is_mapping(item)) {
            if (const NodeId source = doc.get(item, "source"); doc.is_scalar(source))
                mount.source = interpolated_or_raw(doc, source);
            if (const NodeId target = doc.get(item, "target"); doc.is_scalar(target))
                mount.target = interpolated_or_raw(doc, target);
            mount.read_only = is_true(doc, doc.get(item, "read_only"));
            mount.bind = doc.scalar(doc.get(item, "type")) == "bind" || is_host_path(mount.source);
        } else {
            continue;
        }
        out.push_back(std::move(mount));
    }
    return out;
}

HealthcheckState compose_healthcheck(const compose::ComposeFile& file, const compose::Service& service) {
    const yaml::Document& doc = file.yaml;
    const NodeId healthcheck = doc.get(service.value, "healthcheck");
    if (!doc.is_mapping(healthcheck))
        return HealthcheckState::Missing;
    if (is_true(doc, doc.get(healthcheck, "disable")))
        return HealthcheckState::Disabled;
    const NodeId test = doc.get(healthcheck, "test");
    if (doc.is_sequence(test)) {
        const std::vector<NodeId> items = doc.items(test);
        if (!items.empty() && doc.scalar(items.front()) == "NONE")
            return HealthcheckState::Disabled;
    }
    return HealthcheckState::Defined;
}

bool has_effective_healthcheck(const compose::ComposeFile& file, const compose::Service& service,
                               const ServiceImage& image) {
    switch (compose_healthcheck(file, service)) {
    case HealthcheckState::Defined: {
        // A mapping without `test:` only tunes the image's own check.
        const yaml::Document& doc = file.yaml;
        if (doc.get(doc.get(service.value, "healthcheck"), "test") != no_node)
            return true;
        return image.healthcheck.value_or(false) && !image.healthcheck_none.value_or(false);
    }
    case HealthcheckState::Disabled:
        return false;
    case HealthcheckState::Missing:
        return image.healthcheck.value_or(false) && !image.healthcheck_none.value_or(false);
    }
    return false;
}

Dependencies dependencies(const compose::ComposeFile& file, const compose::Service& service) {
    Dependencies out;
    const yaml::Document& doc = file.yaml;
    const yaml::Entry entry = doc.find(service.value, "depends_on");
    if (entry.key == no_node)
        return out;
    out.key = entry.key;
    out.value = doc.resolve(entry.value);
    if (doc.is_sequence(out.value)) {
        out.list_form = true;
        for (const NodeId item : doc.items(out.value))
            if (doc.is_scalar(item))
                out.items.push_back({std::string(doc.scalar(item)), item, no_node, "service_started"});
    } else if (doc.is_mapping(out.value)) {
        for (const yaml::Entry& e : doc.entries(out.value)) {
            if (!doc.is_scalar(e.key))
                continue;
            Dependency dependency{std::string(doc.scalar(e.key)), e.key, no_node, "service_started"};
            if (const NodeId condition = doc.get(e.value, "condition"); doc.is_scalar(condition)) {
                dependency.condition = condition;
                dependency.condition_value = std::string(doc.scalar(condition));
            }
            out.items.push_back(std::move(dependency));
        }
    }
    return out;
}

bool is_database_image(std::string_view repository) {
    static constexpr std::array<std::string_view, 24> names = {
        "postgres",       "postgresql",        "postgis",   "timescaledb", "mysql",   "mariadb",  "percona",
        "mongo",          "mongodb",           "redis",     "redis-stack", "valkey",  "keydb",    "memcached",
        "elasticsearch",  "opensearch",        "cassandra", "scylla",      "couchdb", "influxdb", "neo4j",
        "dynamodb-local", "clickhouse-server", "cockroach",
    };
    return std::find(names.begin(), names.end(), repository) != names.end();
}

std::string_view database_of_port(std::uint32_t port) {
    switch (port) {
    case 5432:
        return "PostgreSQL";
    case 3306:
        return "MySQL/MariaDB";
    case 6379:
        return "Redis";
    case 27017:
        return "MongoDB";
    case 1433:
        return "SQL Server";
    case 1521:
        return "Oracle Database";
    case 9042:
        return "Cassandra";
    case 11211:
        return "Memcached";
    case 5984:
        return "CouchDB";
    case 9200:
        return "Elasticsearch/OpenSearch";
    default:
        return {};
    }
}

bool is_database_port(std::uint32_t port) {
    return !database_of_port(port).empty();
}

} // namespace drydock::rules
