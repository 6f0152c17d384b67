// DL3012: more than one HEALTHCHECK in a stage.

#include "instruction_queries.hpp"
#include "repeated_in_stage.hpp"
#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3012",
    .name = "multiple-healthcheck",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "Multiple `HEALTHCHECK` instructions",
    .docs = {.what = "Reports every `HEALTHCHECK` after the first one in the same stage (`HEALTHCHECK NONE` "
                     "included), as hadolint does. `HEALTHCHECK` triggers inside `ONBUILD` are not counted: "
                     "they belong to the images built from this one. (BuildKit's "
                     "MultipleInstructionsDisallowed covers `CMD`, `ENTRYPOINT` and `HEALTHCHECK` together "
                     "and reports the earlier instructions instead, so it is not an alias of this rule.)",
             .why = "Only the last `HEALTHCHECK` of a stage ends up in the image; the earlier ones are dead "
                    "code that misleads readers about how the container's health is checked.",
             .bad = "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD "
                    "curl -f http://localhost/health || exit 1\n",
             .good = "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/health || exit 1\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3012\n"
                           "https://docs.docker.com/reference/dockerfile/#healthcheck"},
};

class MultipleHealthcheck final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Healthcheck}; }
    void check(const Instruction& ins, Context& context) override {
        if (const std::optional<std::uint32_t> earlier = first_.earlier_line(ins, context))
            context.report(ins.keyword.range,
                           "Multiple `HEALTHCHECK` instructions: only the last one takes effect (an earlier "
                           "`HEALTHCHECK` is on line " +
                               std::to_string(*earlier) + ")");
    }

private:
    FirstInStage first_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3012, drydock::rules::rule_meta, drydock::rules::MultipleHealthcheck)
