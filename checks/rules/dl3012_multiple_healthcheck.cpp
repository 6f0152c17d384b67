// DL3012: more than one HEALTHCHECK in a stage.

#include "instruction_queries.hpp"
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
        if (context.in_onbuild() || !context.stage())
            return;
        if (stage_ != context.stage()) {
            stage_ = context.stage();
            first_ = ins.range.begin;
            return;
        }
        context.report(ins.keyword.range,
                       "Multiple `HEALTHCHECK` instructions: only the last one takes effect "
                       "(an earlier `HEALTHCHECK` is on line " +
                           std::to_string(line_number(context.file(), first_)) + ")");
    }

private:
    std::optional<std::size_t> stage_; // the stage whose first HEALTHCHECK is at first_
    TextSize first_ = 0;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3012, drydock::rules::rule_meta, drydock::rules::MultipleHealthcheck)
