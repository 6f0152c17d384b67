// DL3063: a stage is named `scratch` or `context`.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"ReservedStageName"};

constexpr RuleMeta rule_meta{
    .code = "DL3063",
    .name = "reserved-stage-name",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Stage name should not be a reserved word (`scratch`, `context`)",
    .docs = {.what = "Reports a stage named `scratch` or `context`, in any case (BuildKit lower-cases stage "
                     "names). Same check as BuildKit's ReservedStageName.",
             .why = "Both words already mean something to BuildKit: `scratch` is the empty image and "
                    "`context` the build context. A stage with one of these names cannot be referred to "
                    "reliably: `FROM scratch` or `COPY --from=context` may not mean the stage at all.",
             .bad = "FROM alpine:3.20 AS scratch\nRUN echo hello > /hello\nFROM alpine:3.20\nCOPY "
                    "--from=scratch /hello /hello\n",
             .good = "FROM alpine:3.20 AS hello\nRUN echo hello > /hello\nFROM alpine:3.20\nCOPY "
                     "--from=hello /hello /hello\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3063\n"
                           "https://docs.docker.com/reference/build-checks/reserved-stage-name/"},
};

class ReservedStageName final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild() || !ins.from || !ins.from->stage_name)
            return;
        const Word& name = *ins.from->stage_name;
        const std::string lowered = to_lower(name.value);
        std::string_view meaning;
        if (lowered == "scratch")
            meaning = "the empty base image";
        else if (lowered == "context")
            meaning = "the build context";
        else
            return;
        context.report(name.range, "Stage name should not be a reserved word: `" + name.value +
                                       "` is reserved, BuildKit uses it for " + std::string(meaning));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3063, drydock::rules::rule_meta, drydock::rules::ReservedStageName)
