// DD1001: BuildKit's StageNameCasing — stage names should be lower case.

#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"StageNameCasing"};

constexpr RuleMeta rule_meta{
    .code = "DD1001",
    .name = "stage-name-casing",
    .aliases = aliases,
    .severity = Severity::Style,
    .category = Category::Style,
    .summary = "Stage names should be lowercase",
    .docs =
        {.what =
             "Reports a stage name after `AS` that has upper-case letters (`FROM golang:1.23 AS Builder`), "
             "as BuildKit's StageNameCasing check does. Names written with a variable are not checked.",
         .why = "BuildKit lower-cases stage names, so `Builder` and `builder` are the same stage: `COPY "
                "--from=builder` works even though the spelling differs. Writing names in lower case keeps "
                "references and definitions visibly the same.",
         .bad = "FROM golang:1.23 AS Builder\nRUN go version\n",
         .good = "FROM golang:1.23 AS builder\nRUN go version\n",
         .references = "https://docs.docker.com/reference/build-checks/stage-name-casing/"},
};

class StageNameCasing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (!ins.from || !ins.from->stage_name || !ins.from->stage_name->variables.empty())
            return;
        const Word& name = *ins.from->stage_name;
        const bool has_upper = std::any_of(name.value.begin(), name.value.end(),
                                           [](unsigned char c) { return std::isupper(c); });
        if (has_upper)
            context.report(name.range, "Stage name '" + name.value + "' should be lowercase");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1001, drydock::rules::rule_meta, drydock::rules::StageNameCasing)
