// DD5006 (info): a stateless service whose root filesystem is writable.

#include "compose_rule_support.hpp"
#include "yaml_edits.hpp"

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"writable-filesystem-service"}; // Semgrep

constexpr RuleMeta rule_meta{
    .code = "DD5006",
    .name = "writable-root-filesystem",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Info,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "Stateless service without `read_only: true`",
    .docs =
        {.what =
             "Reports, at its name, a service that runs a container, keeps no state (no writable volume "
             "or bind mount, not a database image) and does not set `read_only: true`. Privileged services "
             "are left to `privileged-service`; a service that `extends:` another is not judged.",
         .why = "A read-only root filesystem stops an intruder from replacing the application's files, "
                "dropping tools or persisting anything, and catches code that writes where it should not. A "
                "stateless service is the one that can usually have it: give it a `tmpfs:` for the few "
                "scratch folders it writes (`/tmp`).",
         .bad = "services:\n  api:\n    image: example/api:3.0\n",
         .good =
             "services:\n  api:\n    image: example/api:3.0\n    read_only: true\n    tmpfs:\n      - /tmp\n",
         .fix_safety =
             "Unsafe: the fix adds `read_only: true`. A service that writes to its filesystem (caches, "
             "PID files, `/tmp`) then fails until those folders get a `tmpfs:` or a volume.",
         .references = "https://docs.docker.com/reference/compose-file/services/#read_only\n"
                       "Semgrep: writable-filesystem-service"},
};

class WritableRootFilesystem final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const compose::ComposeFile& file = context.file();
        const yaml::Document& doc = file.yaml;
        if (!file.fully_known(service) || doc.get(service.value, "read_only") != yaml::no_node ||
            is_true(doc, doc.get(service.value, "privileged")))
            return;
        if (is_database_image(context.image(service).repository))
            return;
        for (const VolumeMount& mount : volume_mounts(file, service))
            if (!mount.read_only)
                return; // it keeps state
        std::optional<Fix> fix;
        if (const std::optional<Edit> edit = append_entry(doc, service.value, {"read_only: true"}))
            fix = Fix{"Add `read_only: true`", {*edit}, Applicability::Unsafe};
        context.report(
            doc.node(service.key).range,
            "Service `" + service.name +
                "` keeps no state in volumes but its root filesystem is writable: set `read_only: true`",
            std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5006, drydock::rules::rule_meta, drydock::rules::WritableRootFilesystem)
