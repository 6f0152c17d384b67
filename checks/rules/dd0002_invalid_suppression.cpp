// The suppression collector finds malformed pragmas while it reads the comments (see
// checks/src/suppression.cpp); this file holds the rule's metadata and documentation, and its check does
// nothing.

#include "rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD0002",
    .name = "invalid-suppression",
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .summary = "A suppression comment is malformed, misplaced or names an unknown rule",
    .docs =
        {.what =
             "Reports `# hadolint …` / `# drydock …` pragmas and `# check=` comments that cannot work: a "
             "misspelt keyword (`# hadolint ignor=DL3008`), a rule id that no rule has, text after the rule "
             "list that is not a `# reason`, an `ignore=` that is not directly above an instruction, a "
             "`stage ignore=` that is not directly above a `FROM`, or an invalid `check=` option.\n\n"
             "\"Directly above\" allows other pragma lines in between: every `# hadolint`, `# drydock` and "
             "`# check=` line of a stack right above an instruction applies to it (hadolint honours only the "
             "last). A blank line or an ordinary comment in between makes a `# hadolint`/`# drydock` pragma "
             "misplaced; a `# check=` comment, as in BuildKit, applies to the next instruction across other "
             "comments and blank lines.",
         .why =
             "hadolint silently drops a pragma it cannot read, so the finding it was meant to silence comes "
             "back, or a typo hides that nothing is suppressed at all. Saying so points at the line to fix.",
         .bad = "FROM alpine:3.20\n# hadolint ignor=DL3000\nWORKDIR app\n",
         .good =
             "FROM alpine:3.20\n# hadolint ignore=DL3000 # relative to the base image's WORKDIR on purpose\n"
             "WORKDIR app\n"},
};

class InvalidSuppression final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Unknown}; }
    void check(const Instruction&, Context&) override {}
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd0002, drydock::rules::rule_meta, drydock::rules::InvalidSuppression)
