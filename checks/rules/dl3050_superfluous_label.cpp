// DL3050: with `strict-labels`, a label that `label-schema` does not name.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3050",
    .name = "superfluous-label",
    .severity = Severity::Info,
    .category = Category::Maintainability,
    .summary = "Superfluous label present (strict-labels)",
    .docs =
        {.what = "With `strict-labels: true`, reports each `LABEL` key that `label-schema` does not name, at "
                 "the key. A key given by a variable is judged by its default, and not at all when it has "
                 "none. Labels of `ONBUILD LABEL` belong to a later image and are not checked. Without "
                 "`strict-labels` the rule does nothing; with it and an empty schema, every label is "
                 "reported (as in hadolint).",
         .why = "A team that fixes the set of labels its images carry keeps them consistent across "
                "images: a misspelt or ad-hoc label (`org.opencontainers.image.licence`) is caught instead "
                "of silently missing from every inventory that looks for the real one.",
         .bad = "#! config: {label-schema: {org.opencontainers.image.source: url}, strict-labels: true}\n"
                "FROM alpine:3.20\n"
                "LABEL org.opencontainers.image.source=https://github.com/acme/app team=payments\n",
         .good = "#! config: {label-schema: {org.opencontainers.image.source: url}, strict-labels: true}\n"
                 "FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n",
         .options = "`strict-labels` (bool, default false): turns the rule on; also `--strict-labels` and "
                    "`HADOLINT_STRICT_LABELS`. `label-schema` (map of label name to type): the labels "
                    "allowed.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3050"},
};

class SuperfluousLabel final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        if (!context.config().strict_labels || context.in_onbuild())
            return;
        for (const LabelPair& p : label_pairs(ins, context.index(), context.model()))
            if (!schema_type(context.config(), p.key))
                context.report(p.pair->key.range, "Superfluous label `" + p.key + "`: not in label-schema");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3050, drydock::rules::rule_meta, drydock::rules::SuperfluousLabel)
