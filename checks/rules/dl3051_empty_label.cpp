// DL3051: a label that `label-schema` requires is set to an empty value.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3051",
    .name = "empty-label",
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .summary = "Label required by label-schema is empty",
    .docs = {.what =
                 "Reports a `LABEL` pair whose key `label-schema` names and whose value is empty "
                 "(`LABEL org.opencontainers.image.version=\"\"`), at the pair. A value given by a variable "
                 "is judged by its default (`ARG VERSION=` is empty), and not at all when the variable has "
                 "no default: the value then comes from `--build-arg`. Labels of `ONBUILD LABEL` belong to "
                 "a later image and are not checked. Without `label-schema` the rule does nothing.",
             .why = "An empty required label satisfies the presence check (DL3049) while carrying no "
                    "information: the tools that read it get nothing, and nobody notices.",
             .bad = "#! config: {label-schema: {org.opencontainers.image.version: semver}}\n"
                    "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"\"\n",
             .good = "#! config: {label-schema: {org.opencontainers.image.version: semver}}\n"
                     "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"1.4.2\"\n",
             .options = "`label-schema` (map of label name to type): the labels that must not be empty.",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3051"},
};

class EmptyLabel final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.config().label_schema.empty() || context.in_onbuild())
            return;
        for (const LabelPair& p : label_pairs(ins, context.index(), context.model())) {
            if (!schema_type(context.config(), p.key) || !p.value || !p.value->empty())
                continue;
            std::string message = "Label `" + p.key + "` is empty";
            if (p.pair->value && !p.pair->value->variables.empty())
                message += ": `" + p.pair->value->raw + "` is empty by default";
            context.report(p.pair->range, message);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3051, drydock::rules::rule_meta, drydock::rules::EmptyLabel)
