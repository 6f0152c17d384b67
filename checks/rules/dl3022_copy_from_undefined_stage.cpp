// DL3022: COPY --from names neither an earlier stage nor an image reference.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3022",
    .name = "copy-from-undefined-stage",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "COPY --from should reference a previously defined FROM alias",
    .docs =
        {.what =
             "Reports `COPY --from=X` where X is neither the name (any case) or index of an earlier stage "
             "nor an image reference with a `:` (a tag, a digest or a registry port, as in "
             "`--from=nginx:1.27`). A stage defined only later and an index past the last stage are "
             "reported too, with what they name. BuildKit refuses variables in `--from` and the parser "
             "reports them, so they are not judged here. A reference to the stage the `COPY` is in "
             "is DL3023's finding, and `ONBUILD COPY --from` is left alone: it names a stage of the image "
             "that will be built from this one.",
         .why = "A `--from` that names no earlier stage is taken as an image to pull from a registry: a typo "
                "in a stage name (`--from=biuld`) turns into a pull of an unknown, untagged image, which "
                "fails or, worse, copies files from somebody else's image.",
         .bad = "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY "
                "--from=builder /out/app /usr/local/bin/app\n",
         .good = "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY "
                 "--from=build /out/app /usr/local/bin/app\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3022\n"
                       "https://docs.docker.com/reference/dockerfile/#copy---from"},
};

// "earlier stages: `build`, stage 1" (or a note that there is none), to help spot a typo.
std::string earlier_stages(const SemanticModel& model, std::size_t current) {
    if (current == 0)
        return "this is the first stage";
    std::string out = "earlier stages: ";
    for (std::size_t i = 0; i < current; ++i)
        out += (i ? ", " : "") + stage_label(model.stages()[i]);
    return out;
}

class CopyFromUndefinedStage final : public Rule {
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
        const SemanticModel& model = context.model();
        const std::size_t current = *context.stage();
        const std::string prefix =
            "COPY --from should reference a previously defined FROM alias: `" + word.value + "`";
        if (const std::optional<std::size_t> stage = named_stage(model, word.value)) {
            if (*stage <= current)
                return; // an earlier stage, or this one (DL3023)
            if (*stage < model.stages().size()) {
                const Stage& later = model.stages()[*stage];
                const TextSize at = context.file().instructions[later.from].range.begin;
                context.report(word.range, prefix + " names " + stage_label(later) +
                                               ", which is defined later (line " +
                                               std::to_string(context.line_of(at)) +
                                               "); a stage can only copy from earlier stages");
            } else {
                context.report(word.range,
                               prefix + " is not a stage index (" + earlier_stages(model, current) + ")");
            }
            return;
        }
        if (word.value.find(':') != std::string::npos)
            return; // an image reference such as `nginx:1.27`
        context.report(word.range, prefix + " is neither an earlier stage nor a tagged image (" +
                                       earlier_stages(model, current) + ")");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3022, drydock::rules::rule_meta, drydock::rules::CopyFromUndefinedStage)
