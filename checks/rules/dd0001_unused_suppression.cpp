// The engine itself finds unused suppressions (it knows which pragma silenced what); this file holds the
// rule's metadata and documentation, and its check does nothing.

#include "rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD0001",
    .name = "unused-suppression",
    .severity = Severity::Info,
    .category = Category::Maintainability,
    .enabled_by_default = false,
    .summary = "An ignore pragma suppresses nothing",
    .docs =
        {.what = "Reports `# hadolint ignore=…` / `# drydock ignore=…` pragmas (next-instruction, stage and "
                 "global) that did not suppress any finding.",
         .why =
             "A stale suppression hides the next real finding of that rule on the same line without anyone "
             "noticing. Remove it once the code it excused is gone.",
         .bad = "# hadolint ignore=DL3008\nRUN echo nothing to install\n",
         .good = "RUN echo nothing to install\n",
         .options =
             "Off by default: enable with `select`/`--select unused-suppression`, a severity override, "
             "or `report-unused-suppressions: true`."},
};

class UnusedSuppression final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Unknown}; }
    void check(const Instruction&, Context&) override {}
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd0001, drydock::rules::rule_meta, drydock::rules::UnusedSuppression)
