// DD5007: a service adds a dangerous capability and drops none.

#include "compose_rule_support.hpp"
#include "yaml_edits.hpp"

#include <algorithm>
#include <cctype>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"ce76b7d0-9e77-464d-b86f-c5c48e03e22d"}; // KICS

constexpr RuleMeta rule_meta{
    .code = "DD5007",
    .name = "dangerous-capability",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "Service adds a dangerous capability (`SYS_ADMIN`, `NET_ADMIN`, `ALL`, …) and drops none",
    .docs =
        {.what =
             "Reports each `cap_add:` entry that grants `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_MODULE`, "
             "`SYS_PTRACE`, `SYS_RAWIO` or `DAC_READ_SEARCH` (with or without the `CAP_` prefix, any case) "
             "on a service that has no `cap_drop:`.",
         .why =
             "`SYS_ADMIN` is close to full root (mount, namespaces, BPF); `NET_ADMIN` rewrites the host's "
             "firewall and routes when the network is shared; `SYS_MODULE` loads kernel modules; "
             "`SYS_PTRACE` reads other processes' memory; `DAC_READ_SEARCH` was the key to the \"shocker\" "
             "container escape; `ALL` is all of them. When a service needs one, drop every other "
             "capability so that it keeps only what it asked for.",
         .bad = "services:\n  vpn:\n    image: example/vpn:1.4\n    cap_add:\n      - NET_ADMIN\n",
         .good = "services:\n  vpn:\n    image: example/vpn:1.4\n    cap_drop: [ALL]\n    cap_add:\n"
                 "      - NET_ADMIN\n",
         .fix_safety = "Unsafe: the fix adds `cap_drop: [ALL]`, which keeps the capabilities of `cap_add:` "
                       "and removes Docker's other defaults (`CHOWN`, `SETUID`, `NET_BIND_SERVICE`, …) that "
                       "the service may need. There is no fix for `cap_add: [ALL]`.",
         .references = "https://docs.docker.com/reference/compose-file/services/#cap_add\n"
                       "https://man7.org/linux/man-pages/man7/capabilities.7.html\n"
                       "KICS: Container Capabilities Unrestricted (ce76b7d0-9e77-464d-b86f-c5c48e03e22d)"},
};

std::string canonical_capability(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (out.starts_with("CAP_"))
        out.erase(0, 4);
    return out;
}

bool is_dangerous(std::string_view capability) {
    static constexpr std::array<std::string_view, 7> names = {
        "ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH"};
    return std::find(names.begin(), names.end(), capability) != names.end();
}

class DangerousCapability final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const yaml::Document& doc = context.yaml();
        if (doc.get(service.value, "cap_drop") != yaml::no_node)
            return;
        for (const yaml::NodeId item : doc.items(doc.get(service.value, "cap_add"))) {
            const std::string capability = canonical_capability(doc.scalar(item));
            if (!doc.is_scalar(item) || !is_dangerous(capability))
                continue;
            std::optional<Fix> fix;
            if (capability != "ALL")
                if (const std::optional<Edit> edit = append_entry(doc, service.value, {"cap_drop: [ALL]"}))
                    fix = Fix{"Add `cap_drop: [ALL]`", {*edit}, Applicability::Unsafe};
            context.report(doc.node(item).range,
                           capability == "ALL"
                               ? "Service `" + service.name + "` adds every capability (`cap_add: ALL`)"
                               : "Service `" + service.name + "` adds `" + capability +
                                     "` and drops no capability: add `cap_drop: [ALL]`",
                           std::move(fix));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5007, drydock::rules::rule_meta, drydock::rules::DangerousCapability)
