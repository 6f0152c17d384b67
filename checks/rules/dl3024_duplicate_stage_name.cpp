// DL3024: two stages share a name.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"DuplicateStageName"};

constexpr RuleMeta rule_meta{
    .code = "DL3024",
    .name = "duplicate-stage-name",
    .aliases = aliases,
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "FROM aliases (stage names) must be unique",
    .docs = {.what = "Reports a `FROM … AS name` whose name an earlier stage already has, compared without "
                     "regard to case as BuildKit compares stage names (`AS Build` and `AS build` clash). "
                     "Same check as BuildKit's DuplicateStageName.",
             .why = "`COPY --from=name`, `FROM name` and `--target name` can only mean one of the stages; "
                    "BuildKit refuses to build, and a reader cannot tell which stage was meant.",
             .bad = "FROM golang:1.23 AS build\nRUN go build -o /out/api ./cmd/api\nFROM golang:1.23 AS "
                    "build\nRUN go build -o /out/worker ./cmd/worker\n",
             .good = "FROM golang:1.23 AS build-api\nRUN go build -o /out/api ./cmd/api\nFROM golang:1.23 "
                     "AS build-worker\nRUN go build -o /out/worker ./cmd/worker\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3024\n"
                           "https://docs.docker.com/reference/build-checks/duplicate-stage-name/"},
};

class DuplicateStageName final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild() || !context.stage() || !ins.from || !ins.from->stage_name)
            return;
        const Word& name = *ins.from->stage_name;
        const std::vector<Stage>& stages = context.model().stages();
        for (std::size_t i = 0; i < *context.stage(); ++i) {
            if (stages[i].name.empty() || !iequals(stages[i].name, name.value))
                continue;
            const Instruction& first = context.file().instructions[stages[i].from];
            context.report(name.range, "FROM aliases (stage names) must be unique: `" + name.value +
                                           "` already names the stage on line " +
                                           std::to_string(context.line_of(first.range.begin)));
            return;
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3024, drydock::rules::rule_meta, drydock::rules::DuplicateStageName)
