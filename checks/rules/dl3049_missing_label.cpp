// DL3049: a stage whose image ships lacks a label that `label-schema` requires.

#include "label_values.hpp"
#include "rule_support.hpp"
#include "stage_uses.hpp"

#include <set>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3049",
    .name = "missing-label",
    .severity = Severity::Info,
    .category = Category::Maintainability,
    .summary = "A label required by label-schema is missing",
    .docs =
        {.what =
             "Reports, at its `FROM`, a stage that lacks a label named in `label-schema`, once per missing "
             "label. Labels set by an earlier stage the stage builds on (`FROM <stage>`) count, since the "
             "image inherits them. Stages that a later stage builds on, copies from (`COPY --from`, `ADD "
             "--from`) or mounts (`RUN --mount=from=`) are exempt: their image is an ingredient, not what "
             "ships. A label key given by a variable is judged by its default; a stage with a key whose "
             "value is unknown is not reported, as that key may be the required one. Labels of `ONBUILD "
             "LABEL` belong to a later image and don't count. Without `label-schema` the rule does "
             "nothing.\n\n"
             "Unlike hadolint, which only exempts stages copied from, stages used as the base of a later "
             "stage are exempt too: the later stage is the one reported.",
         .why = "Tools that inventory images (registries, scanners, license and provenance checks) read "
                "labels such as `org.opencontainers.image.source`; an image without them can't be traced "
                "back to its source, owner or version.",
         .bad = "#! config: {label-schema: {org.opencontainers.image.source: url}}\n"
                "FROM alpine:3.20\nLABEL org.opencontainers.image.title=app\n",
         .good = "#! config: {label-schema: {org.opencontainers.image.source: url}}\n"
                 "FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n",
         .options = "`label-schema` (map of label name to type): the labels every shipped stage must have. "
                    "Also set from the command line with `--require-label name:type` and from "
                    "`HADOLINT_REQUIRE_LABELS`.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3049\n"
                       "https://github.com/opencontainers/image-spec/blob/main/annotations.md"},
};

// What a stage says about its own labels.
struct StageLabels {
    std::set<std::string> keys;
    bool unknown_key = false; // a key held a variable without a default
};

StageLabels labels_of(const Stage& stage, const Dockerfile& file, const SemanticModel& model) {
    StageLabels out;
    for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
        const Instruction& ins = file.instructions[i];
        if (!ins.is(InstructionKind::Label))
            continue;
        for (const LabelPair& p : label_pairs(ins, i, model))
            out.keys.insert(p.key);
        out.unknown_key = out.unknown_key || has_unknown_label_key(ins, i, model);
    }
    return out;
}

std::string stage_description(const Stage& stage) {
    return stage.name.empty() ? "stage " + std::to_string(stage.index) : "stage `" + stage.name + "`";
}

class MissingLabel final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction&, Context&) override {}

    // Decided at the end: whether a stage is reused is only known once the later stages are read.
    void end_file(Context& context) override {
        const Config& config = context.config();
        const SemanticModel& model = context.model();
        if (config.label_schema.empty() || model.stages().empty())
            return;
        std::vector<StageLabels> labels;
        for (const Stage& stage : model.stages())
            labels.push_back(labels_of(stage, context.file(), model));
        const std::vector<bool> reused = reused_stages(context.file(), model);
        for (const Stage& stage : model.stages()) {
            if (reused[stage.index])
                continue;
            // The stage's own labels and those it inherits from the stages it builds on.
            StageLabels seen;
            for (const std::size_t s : stage_lineage(model, stage.index)) {
                seen.keys.insert(labels[s].keys.begin(), labels[s].keys.end());
                seen.unknown_key = seen.unknown_key || labels[s].unknown_key;
            }
            if (seen.unknown_key)
                continue;
            const Instruction& from = context.file().instructions[stage.from];
            for (const auto& [label, type] : config.label_schema)
                if (!seen.keys.contains(label))
                    context.report(from, "Label `" + label + "` is missing in " + stage_description(stage));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3049, drydock::rules::rule_meta, drydock::rules::MissingLabel)
