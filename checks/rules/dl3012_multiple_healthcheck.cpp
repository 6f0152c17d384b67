// DL3012: more than one HEALTHCHECK in a stage.

#include "instruction_queries.hpp"
#include "repeated_in_stage.hpp"
#include "rule_support.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

// BuildKit's MultipleInstructionsDisallowed covers CMD, ENTRYPOINT and HEALTHCHECK: all three rules carry it.
constexpr std::array<std::string_view, 1> aliases{"MultipleInstructionsDisallowed"};

constexpr RuleMeta rule_meta{
    .code = "DL3012",
    .name = "multiple-healthcheck",
    .aliases = aliases,
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "Multiple `HEALTHCHECK` instructions",
    .docs = {.what =
                 "Reports every `HEALTHCHECK` after the first one in the same stage (`HEALTHCHECK NONE` "
                 "included), as hadolint does. `HEALTHCHECK` triggers inside `ONBUILD` are not counted: "
                 "they belong to the images built from this one.\n\n"
                 "BuildKit's MultipleInstructionsDisallowed covers `CMD`, `ENTRYPOINT` and `HEALTHCHECK` "
                 "together and reports the earlier, ignored instruction; drydock reports the later one. "
                 "MultipleInstructionsDisallowed is an alias of DL4003, DL4004 and DL3012 alike, so `# "
                 "check=skip=MultipleInstructionsDisallowed` or `--ignore MultipleInstructionsDisallowed` "
                 "turns off all three and the problem is reported once; a per-instruction `# check=skip=` "
                 "goes above the later instruction, where drydock reports it.",
             .why = "Only the last `HEALTHCHECK` of a stage ends up in the image; the earlier ones are dead "
                    "code that misleads readers about how the container's health is checked.",
             .bad = "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD "
                    "curl -f http://localhost/health || exit 1\n",
             .good = "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/health || exit 1\n",
             .references =
                 "https://github.com/hadolint/hadolint/wiki/DL3012\n"
                 "https://docs.docker.com/reference/dockerfile/#healthcheck\n"
                 "https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/"},
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
