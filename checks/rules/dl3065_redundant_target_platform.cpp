// DL3065: FROM --platform=$TARGETPLATFORM says what is the default anyway.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"RedundantTargetPlatform"};

constexpr RuleMeta rule_meta{
    .code = "DL3065",
    .name = "redundant-target-platform",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Style,
    .summary =
        "Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant as this is the default "
        "behavior",
    .docs = {.what = "Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`): a value that is "
                     "exactly that one variable. A value that only contains it (`${TARGETPLATFORM:-linux/"
                     "amd64}`) is left alone. Same check as BuildKit's RedundantTargetPlatform.",
             .why = "Every stage is built for the target platform unless `--platform` says otherwise, so the "
                    "flag adds nothing but noise, and suggests to readers that it changes something.",
             .bad = "FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN echo hello\n",
             .good = "FROM alpine:3.20\nRUN echo hello\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3065\n"
                           "https://docs.docker.com/reference/build-checks/redundant-target-platform/"},
};

class RedundantTargetPlatform final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        const Flag* platform = ins.flag("platform");
        if (context.in_onbuild() || !platform || !platform->value)
            return;
        const Word value = with_variables(*platform->value, context.file().escape);
        if (value.variables.size() != 1)
            return;
        // The value (quotes removed) is the variable and nothing else; an escaped `\$` makes no variable.
        if (value.variables.front().name != "TARGETPLATFORM" ||
            (value.value != "$TARGETPLATFORM" && value.value != "${TARGETPLATFORM}"))
            return;
        context.report(value.range, "Setting `FROM --platform` to predefined `" + value.raw +
                                        "` is redundant as this is the default behavior");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3065, drydock::rules::rule_meta, drydock::rules::RedundantTargetPlatform)
