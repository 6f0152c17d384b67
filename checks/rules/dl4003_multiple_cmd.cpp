// DL4003: more than one CMD in a stage.

#include "repeated_in_stage.hpp"
#include "rule_support.hpp"

#include <drydock/parser/line_index.hpp>

#include <array>
#include <string>

namespace drydock::rules {
namespace {

// BuildKit's MultipleInstructionsDisallowed covers CMD, ENTRYPOINT and HEALTHCHECK: all three rules carry it.
constexpr std::array<std::string_view, 1> aliases{"MultipleInstructionsDisallowed"};

constexpr RuleMeta rule_meta{
    .code = "DL4003",
    .name = "multiple-cmd",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Multiple CMD instructions found; only the last one takes effect",
    .docs =
        {.what =
             "Reports every `CMD` after the first one in the same stage, as hadolint does. `CMD` "
             "triggers inside `ONBUILD` are not counted: they belong to the images built from this one.\n\n"
             "BuildKit's MultipleInstructionsDisallowed covers `CMD`, `ENTRYPOINT` and `HEALTHCHECK` "
             "together and reports the earlier, ignored instruction; drydock reports the later one. "
             "MultipleInstructionsDisallowed is an alias of DL4003, DL4004 and DL3012 alike, so `# "
             "check=skip=MultipleInstructionsDisallowed` or `--ignore MultipleInstructionsDisallowed` turns "
             "off all three and the problem is reported once; a per-instruction `# check=skip=` goes above "
             "the later instruction, where drydock reports it.",
         .why = "Only the last `CMD` of a stage ends up in the image; the earlier ones are dead code that "
                "misleads readers about what the container runs.",
         .bad = "FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"http.server\"]\nCMD [\"python\", "
                "\"app.py\"]\n",
         .good = "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL4003\n"
                       "https://docs.docker.com/reference/dockerfile/#cmd\n"
                       "https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/"},
};

class MultipleCmd final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Cmd}; }
    void check(const Instruction& ins, Context& context) override {
        if (const std::optional<std::uint32_t> earlier = first_.earlier_line(ins, context))
            context.report(
                ins.keyword.range,
                "Multiple `CMD` instructions found. If you list more than one `CMD` then only the last "
                "`CMD` will take effect (an earlier `CMD` is on line " +
                    std::to_string(*earlier) + ")");
    }

private:
    FirstInStage first_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl4003, drydock::rules::rule_meta, drydock::rules::MultipleCmd)
