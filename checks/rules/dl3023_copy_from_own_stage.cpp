// DL3023: COPY --from names the stage it is in.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3023",
    .name = "copy-from-own-stage",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "`COPY --from` cannot reference its own `FROM` alias",
    .docs = {.what =
                 "Reports `COPY --from=X` where X names the stage the `COPY` is in: its name (in any case, "
                 "as BuildKit compares names) or its index. `ONBUILD COPY --from` names a stage "
                 "of a later build and is not checked.",
             .why =
                 "A stage cannot copy from itself: the build fails with a circular dependency. Usually the "
                 "wrong stage name was pasted, or the instruction belongs to the next stage.",
             .bad = "FROM golang:1.23 AS build\nCOPY --from=build /out/app /usr/local/bin/app\n",
             .good = "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY "
                     "--from=build /out/app /usr/local/bin/app\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3023\n"
                           "https://docs.docker.com/reference/dockerfile/#copy---from"},
};

class CopyFromOwnStage final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Copy}; }
    void check(const Instruction& ins, Context& context) override {
        const Flag* from = ins.flag("from");
        if (context.in_onbuild() || !context.stage() || !from || !from->value)
            return;
        const Word& word = *from->value;
        // BuildKit refuses variables in `--from`, and the parser reports that already.
        if (word.value.empty() || !with_variables(word, context.file().escape).variables.empty())
            return;
        const Stage& stage = context.model().stages()[*context.stage()];
        // By name, compare with this stage's own name: an earlier stage may carry the same name (DL3024).
        const bool by_name = !stage.name.empty() && iequals(word.value, stage.name);
        const bool by_index =
            is_decimal(word.value) && named_stage(context.model(), word.value) == stage.index;
        if (!by_name && !by_index)
            return;
        const TextSize at = context.file().instructions[stage.from].range.begin;
        context.report(word.range, "`COPY --from` cannot reference its own `FROM` alias: `" + word.value +
                                       "` is the stage this `COPY` is in (" + stage_label(stage) + ", line " +
                                       std::to_string(context.line_of(at)) + ")");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3023, drydock::rules::rule_meta, drydock::rules::CopyFromOwnStage)
