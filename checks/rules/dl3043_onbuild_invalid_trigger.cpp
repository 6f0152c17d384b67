// DL3043: ONBUILD wraps ONBUILD, FROM or MAINTAINER.

#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3043",
    .name = "onbuild-invalid-trigger",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction",
    .docs = {.what =
                 "Reports `ONBUILD ONBUILD …`, `ONBUILD FROM …` and `ONBUILD MAINTAINER …`, at the "
                 "trigger's keyword.\n\nThe builder rejects these triggers, so the parse error (DL1000, "
                 "`… isn't allowed as an ONBUILD trigger`) is reported at the same place: this rule keeps "
                 "hadolint's code so that configurations and pragmas naming DL3043 keep working, and says "
                 "why the trigger cannot work.",
             .why = "`ONBUILD` instructions run at the start of a downstream build, inside its stage: they "
                    "cannot start a stage (`FROM`), register triggers for yet another build (`ONBUILD`), or "
                    "set the deprecated `MAINTAINER`. Docker refuses to build such a Dockerfile.",
             .bad = "FROM node:22-slim\nONBUILD FROM node:22-slim\n",
             .good = "FROM node:22-slim\nONBUILD COPY package.json /app/\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3043\n"
                           "https://docs.docker.com/reference/dockerfile/#onbuild"},
};

// Why the builder refuses the trigger; empty for a trigger that is allowed.
std::string_view refusal(InstructionKind trigger) {
    switch (trigger) {
    case InstructionKind::Onbuild:
        return "a trigger cannot register triggers for yet another build";
    case InstructionKind::From:
        return "a trigger runs inside a downstream stage and cannot start a new one";
    case InstructionKind::Maintainer:
        return "`MAINTAINER` is deprecated and not allowed as a trigger; use `ONBUILD LABEL` instead";
    default:
        return {};
    }
}

class OnbuildInvalidTrigger final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Onbuild}; }
    void check(const Instruction& ins, Context& context) override {
        // The engine also hands the nested trigger of `ONBUILD ONBUILD` to this rule; judge each ONBUILD
        // once, from the top.
        if (context.in_onbuild() || ins.trigger.empty())
            return;
        const Instruction& trigger = ins.trigger.front();
        const std::string_view why = refusal(trigger.kind);
        if (why.empty())
            return;
        context.report(
            trigger.keyword.range,
            "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction (`ONBUILD " +
                trigger.keyword.raw + "`: " + std::string(why) + ")");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3043, drydock::rules::rule_meta, drydock::rules::OnbuildInvalidTrigger)
