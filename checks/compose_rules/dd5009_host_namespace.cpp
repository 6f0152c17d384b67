// DD5009: a service that shares the host's network, process, IPC or user namespace.

#include "compose_rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 3> aliases{
    "071a71ff-f868-47a4-ac0b-3c59e4ab5443", // KICS: Shared Host Network Namespace / Network Mode Host Exists
    "4f31dd9f-2cc3-4751-9b53-67e4af83dac0", // KICS: Host Namespace is Shared (pid)
    "baa3890f-bed7-46f5-ab8f-1da8fc91c729", // KICS: Shared Host IPC Namespace
};

constexpr RuleMeta rule_meta{
    .code = "DD5009",
    .name = "host-namespace",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Service shares a host namespace (`network_mode`, `pid`, `ipc` or `userns_mode: host`)",
    .docs =
        {.what = "Reports `network_mode: host`, `pid: host`, `ipc: host` and `userns_mode: host`.",
         .why =
             "Each one removes a wall between the container and the host. With the host's network the "
             "container can bind any host port and reach services that listen on localhost only; with its "
             "process namespace it sees (and, as root, can signal or trace) every host process; with its "
             "IPC namespace it shares memory segments with host processes; with its user namespace root in "
             "the container is root on the host even where the daemon remaps users. Publish ports instead "
             "of using the host network.",
         .bad = "services:\n  app:\n    image: example/app:2.1\n    network_mode: host\n",
         .good =
             "services:\n  app:\n    image: example/app:2.1\n    ports:\n      - \"127.0.0.1:8080:8080\"\n",
         .references =
             "https://docs.docker.com/reference/compose-file/services/#network_mode\n"
             "https://docs.docker.com/reference/compose-file/services/#pid\n"
             "https://docs.docker.com/reference/compose-file/services/#ipc\n"
             "KICS: Shared Host Network Namespace (071a71ff-f868-47a4-ac0b-3c59e4ab5443), Host "
             "Namespace is Shared (4f31dd9f-2cc3-4751-9b53-67e4af83dac0), Shared Host IPC Namespace "
             "(baa3890f-bed7-46f5-ab8f-1da8fc91c729)"},
};

class HostNamespace final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const yaml::Document& doc = context.yaml();
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> keys{{
            {"network_mode", "network"},
            {"pid", "process"},
            {"ipc", "IPC"},
            {"userns_mode", "user"},
        }};
        for (const auto& [key, what] : keys) {
            const yaml::Entry entry = doc.find(service.value, key);
            if (entry.key == yaml::no_node || compose::interpolate(doc.scalar(entry.value)) != "host")
                continue;
            context.report({doc.node(entry.key).range.begin, doc.node(doc.resolve(entry.value)).range.end},
                           "Service `" + service.name + "` shares the host's " + std::string(what) +
                               " namespace (`" + std::string(key) + ": host`)");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5009, drydock::rules::rule_meta, drydock::rules::HostNamespace)
