// DL1001: an inline `# hadolint ignore=` pragma (off by default: a policy of no inline suppressions).

#include "rule_support.hpp"

#include <drydock/checks/suppression.hpp>

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL1001",
    .name = "inline-ignore-pragma",
    .severity = Severity::Info, // hadolint's `ignore`: off until selected; info once it is
    .category = Category::Maintainability,
    .enabled_by_default = false,
    .summary = "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`",
    .docs =
        {.what =
             "Reports every inline ignore pragma: a `# hadolint ignore=…` (or `# drydock ignore=…`) comment "
             "that silences findings on the instruction below it. File-wide (`# hadolint global ignore=…`) "
             "and stage (`# hadolint stage ignore=…`) pragmas are not reported, nor are BuildKit "
             "`# check=skip=…` comments. A pragma that suppresses nothing because it is malformed or not "
             "directly above an instruction is `invalid-suppression`'s finding, not this rule's.",
         .why = "Some teams want every exception to a lint rule decided centrally, in the configuration file "
                "or in one global pragma at the top of the Dockerfile, where reviewers see it, instead of "
                "scattered next to the lines they excuse.",
         .bad =
             "FROM ubuntu:24.04\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y curl\n",
         .good =
             "# hadolint global ignore=DL3008\nFROM ubuntu:24.04\nRUN apt-get update && apt-get install -y "
             "curl\n",
         .options = "Off by default (hadolint's severity `ignore`): enable it with `select`/`--select "
                    "DL1001` (it then reports at `info`) or by overriding its severity (`override: "
                    "{warning: [DL1001]}`).",
         .references = "https://github.com/hadolint/hadolint/wiki/DL1001\n"
                       "https://github.com/hadolint/hadolint#inline-ignores"},
};

class InlineIgnorePragma final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    // The pragmas live in comments, which are no instruction: everything happens at the end of the file.
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Unknown}; }
    void check(const Instruction&, Context&) override {}

    void end_file(Context& context) override {
        const Suppressions suppressions = collect_suppressions(context.file(), context.model());
        for (const Pragma& pragma : suppressions.pragmas) {
            if (pragma.scope != Pragma::Scope::NextInstruction || pragma.from_check_directive)
                continue;
            context.report(pragma.range, "Please refrain from using inline ignore pragmas: `" +
                                             std::string(context.text(pragma.range)) +
                                             "` excuses one instruction; decide exceptions in the "
                                             "configuration or a `global ignore` pragma");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl1001, drydock::rules::rule_meta, drydock::rules::InlineIgnorePragma)
