// DL3061: an instruction other than ARG before the first FROM.

#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3061",
    .name = "instruction-before-from",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment",
    .docs = {.what = "Reports every instruction other than `ARG` that comes before the first `FROM` (parser "
                     "directives, comments and blank lines may come first too), at its keyword. A misspelt "
                     "keyword is a parse error already and is not reported again.",
             .why = "Only `ARG` may precede the first `FROM`, to parametrise the base image; any other "
                    "instruction there has no stage to act on and the build fails.",
             .bad = "LABEL org.opencontainers.image.authors=\"team@example.com\"\nFROM alpine:3.20\n",
             .good = "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"team@example.com\"\n",
             .references =
                 "https://github.com/hadolint/hadolint/wiki/DL3061\n"
                 "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact"},
};

class InstructionBeforeFrom final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    // Every kind: anything but ARG and FROM is wrong before the first FROM.
    void check(const Instruction& ins, Context& context) override {
        // A trigger is part of its ONBUILD, which is reported itself.
        if (context.stage() || context.in_onbuild())
            return;
        if (ins.is(InstructionKind::Arg) || ins.is(InstructionKind::From) || ins.is(InstructionKind::Unknown))
            return;
        context.report(ins.keyword.range,
                       "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` "
                       "or comment: `" +
                           ins.keyword.raw + "` comes before the first `FROM`");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3061, drydock::rules::rule_meta, drydock::rules::InstructionBeforeFrom)
