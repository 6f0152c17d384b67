// DD5013: the top-level `version:` of a compose file, which Compose ignores.

#include "compose_rule_support.hpp"
#include "yaml_edits.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD5013",
    .name = "obsolete-version-key",
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .fix = FixAvailability::Always,
    .summary = "The top-level `version` key of a compose file is obsolete",
    .docs = {.what = "Reports the top-level `version:` key of a compose file.",
             .why =
                 "The Compose Specification made `version` informative only: Docker Compose v2 ignores it "
                 "and warns that the attribute is obsolete. It suggests a file format (2.x, 3.x) whose rules "
                 "no longer apply, and readers take it for a requirement.",
             .bad = "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n",
             .good = "services:\n  web:\n    image: nginx:1.27\n",
             .fix_safety =
                 "Safe: the fix deletes the key's lines, which Compose ignores anyway. Comments above it "
                 "stay.",
             .references = "https://docs.docker.com/reference/compose-file/version-and-name/"},
};

class ObsoleteVersionKey final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_file(ComposeContext& context) override {
        const yaml::Document& doc = context.yaml();
        for (const yaml::Entry& e : doc.own_entries(doc.root)) {
            if (!doc.is_scalar(e.key) || doc.scalar(e.key) != "version")
                continue;
            const TextRange key = doc.node(e.key).range;
            const TextRange value = doc.node(e.value).range;
            context.report({key.begin, std::max(key.end, value.end)},
                           "The top-level `version` key is obsolete: Compose ignores it",
                           Fix{"Remove the `version` key",
                               {delete_range(entry_lines(doc, e.key, e.value))},
                               Applicability::Safe});
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5013, drydock::rules::rule_meta, drydock::rules::ObsoleteVersionKey)
