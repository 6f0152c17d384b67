// DD5010: a database port published on every interface of the host.

#include "compose_rule_support.hpp"
#include "yaml_edits.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"451d79dc-0588-476a-ad03-3c7f0320abb3"}; // KICS

constexpr RuleMeta rule_meta{
    .code = "DD5010",
    .name = "database-port-exposed",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "Database port published on all interfaces instead of 127.0.0.1",
    .docs =
        {.what =
             "Reports a `ports:` entry without a host IP (or with `0.0.0.0` or `::`) that publishes a "
             "database: its container port is a well-known database port (5432 PostgreSQL, 3306 "
             "MySQL/MariaDB, 6379 Redis, 27017 MongoDB, 1433 SQL Server, 1521 Oracle, 9042 Cassandra, 11211 "
             "Memcached, 5984 CouchDB, 9200 Elasticsearch), or the service runs a database image "
             "(`postgres`, `mysql`, `mariadb`, `mongo`, `redis`, `amazon/dynamodb-local` on 8000, …).",
         .why = "Docker publishes a port without a host IP on every interface of the host, and its iptables "
                "rules bypass host firewalls such as ufw: a development database with a default password is "
                "then reachable from the whole network (or the internet, on a cloud machine). Bind it to "
                "127.0.0.1; the other services reach it by its service name anyway.",
         .bad = "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"\n",
         .good = "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"127.0.0.1:5432:5432\"\n",
         .fix_safety = "Unsafe: the fix binds the port to 127.0.0.1 (`127.0.0.1:` before the short syntax, "
                       "`host_ip: 127.0.0.1` in the long one), so clients on other machines (or in a VM "
                       "around Docker Desktop's engine) can no longer connect.",
         .references = "https://docs.docker.com/reference/compose-file/services/#ports\n"
                       "https://docs.docker.com/engine/network/packet-filtering-firewalls/\n"
                       "KICS: Container Traffic Not Bound To Host Interface "
                       "(451d79dc-0588-476a-ad03-3c7f0320abb3)"},
};

bool all_interfaces(std::string_view host_ip) {
    return host_ip.empty() || host_ip == "0.0.0.0" || host_ip == "::";
}

std::optional<Fix> bind_to_loopback(const yaml::Document& doc, const PublishedPort& port) {
    std::optional<Edit> edit;
    if (port.long_syntax) {
        const yaml::Entry ip = doc.find(port.node, "host_ip");
        if (ip.key == yaml::no_node)
            edit = append_entry(doc, port.node, {"host_ip: 127.0.0.1"});
        else if (doc.is_scalar(ip.value) && !ip.merged)
            edit = replace_range(doc.node(doc.resolve(ip.value)).range, "127.0.0.1");
    } else if (port.insert_at) {
        if (!port.host_ip.empty())
            edit = replace_range(
                {*port.insert_at, *port.insert_at + static_cast<TextSize>(port.host_ip.size())}, "127.0.0.1");
        else if (doc.scalar(port.node).find(':') == std::string_view::npos)
            edit = insert_at(*port.insert_at, "127.0.0.1::"); // `5432`: a random host port
        else
            edit = insert_at(*port.insert_at, "127.0.0.1:");
    }
    if (!edit)
        return std::nullopt;
    return Fix{"Bind the port to 127.0.0.1", {*edit}, Applicability::Unsafe};
}

class DatabasePortExposed final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const yaml::Document& doc = context.yaml();
        const std::string& repository = context.image(service).repository;
        for (const PublishedPort& port : published_ports(context.file(), service)) {
            if (port.container_port == 0 || !all_interfaces(port.host_ip))
                continue;
            std::string what;
            if (is_database_port(port.container_port))
                what = std::string(database_of_port(port.container_port));
            else if (is_database_image(repository))
                what = "`" + repository + "`";
            else
                continue;
            context.report(doc.node(port.node).range,
                           "Port " + std::to_string(port.container_port) + " of service `" + service.name +
                               "` (" + what + ") is published on all interfaces: bind it to 127.0.0.1",
                           bind_to_loopback(doc, port));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5010, drydock::rules::rule_meta, drydock::rules::DatabasePortExposed)
