// DD5015 (info): a service does not set `no-new-privileges`.

#include "compose_rule_support.hpp"
#include "yaml_edits.hpp"

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 2> aliases{"no-new-privileges",                     // Semgrep
                                                  "27fcc7d6-c49b-46e0-98f1-6c082a6a2750"}; // KICS

constexpr RuleMeta rule_meta{
    .code = "DD5015",
    .name = "no-new-privileges-missing",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Info,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "Service does not set `security_opt: [no-new-privileges:true]`",
    .docs =
        {.what = "Reports, at its name, a service that runs a container and has no `no-new-privileges` "
                 "(`no-new-privileges:true`, `no-new-privileges=true` or `no-new-privileges`) in "
                 "`security_opt:`. Privileged services are left to `privileged-service`; a service that "
                 "`extends:` "
                 "another is not judged (its `security_opt:` may be there).",
         .why =
             "`no-new-privileges` stops a process from gaining privileges through setuid or setgid "
             "binaries and file capabilities: an intruder who gets a shell as the application's user cannot "
             "become root with `su`, `sudo` or a vulnerable setuid program in the image.",
         .bad = "services:\n  api:\n    image: example/api:3.0\n",
         .good = "services:\n  api:\n    image: example/api:3.0\n    security_opt:\n      - "
                 "no-new-privileges:true\n",
         .fix_safety =
             "Unsafe: the fix adds `security_opt: [\"no-new-privileges:true\"]` (or the option to the "
             "existing list). A service that relies on a setuid program (`sudo`, `su`, `ping` on "
             "old images) to change user stops working; entrypoints that start as root and step down "
             "with `gosu` or `su-exec` are not affected.",
         .references = "https://docs.docker.com/reference/cli/docker/container/run/#security-opt\n"
                       "https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html\n"
                       "KICS: No New Privileges Not Set (27fcc7d6-c49b-46e0-98f1-6c082a6a2750); Semgrep: "
                       "no-new-privileges"},
};

bool sets_no_new_privileges(std::string_view option) {
    return option == "no-new-privileges" || option == "no-new-privileges:true" ||
           option == "no-new-privileges=true";
}

class NoNewPrivilegesMissing final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const compose::ComposeFile& file = context.file();
        const yaml::Document& doc = file.yaml;
        if (!file.fully_known(service) || is_true(doc, doc.get(service.value, "privileged")))
            return;
        const yaml::Entry options = doc.find(service.value, "security_opt");
        for (const yaml::NodeId item : doc.items(options.value))
            if (sets_no_new_privileges(doc.scalar(item)))
                return;
        std::optional<Edit> edit;
        if (options.key == yaml::no_node)
            edit = append_entry(doc, service.value, {"security_opt: [\"no-new-privileges:true\"]"});
        else if (doc.is_sequence(options.value) && !options.merged)
            edit = append_item(doc, options.value, "\"no-new-privileges:true\"");
        std::optional<Fix> fix;
        if (edit)
            fix = Fix{"Add `no-new-privileges:true` to `security_opt`", {*edit}, Applicability::Unsafe};
        context.report(doc.node(service.key).range,
                       "Service `" + service.name +
                           "` does not set `no-new-privileges`: a setuid program in the image can give root",
                       std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5015, drydock::rules::rule_meta, drydock::rules::NoNewPrivilegesMissing)
