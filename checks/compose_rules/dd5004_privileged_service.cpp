// DD5004: a service that runs privileged.

#include "compose_rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"ae5b6871-7f45-42e0-bb4c-ab300c4d2026"}; // KICS

constexpr RuleMeta rule_meta{
    .code = "DD5004",
    .name = "privileged-service",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Service runs privileged (`privileged: true`)",
    .docs =
        {.what = "Reports `privileged: true` on a service.",
         .why = "A privileged container gets every capability, every host device and no seccomp, AppArmor or "
                "SELinux confinement: root in it is root on the host, one `mount` away. Grant the one "
                "capability or device the service needs instead (`cap_add: [NET_ADMIN]`, `devices: "
                "[/dev/fuse]`).",
         .bad = "services:\n  vpn:\n    image: example/vpn:1.4\n    privileged: true\n",
         .good =
             "services:\n  vpn:\n    image: example/vpn:1.4\n    cap_drop: [ALL]\n    cap_add: [NET_ADMIN]\n"
             "    devices: [/dev/net/tun]\n",
         .references =
             "https://docs.docker.com/reference/compose-file/services/#privileged\n"
             "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities\n"
             "KICS: Privileged Containers Enabled (ae5b6871-7f45-42e0-bb4c-ab300c4d2026); Semgrep: "
             "privileged-service"},
};

class PrivilegedService final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const yaml::Document& doc = context.yaml();
        const yaml::Entry entry = doc.find(service.value, "privileged");
        if (entry.key == yaml::no_node || !is_true(doc, entry.value))
            return;
        context.report({doc.node(entry.key).range.begin, doc.node(doc.resolve(entry.value)).range.end},
                       "Service `" + service.name +
                           "` runs privileged: it has every capability and device of the host");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5004, drydock::rules::rule_meta, drydock::rules::PrivilegedService)
