// DL3057 (off by default): a stage whose image ships has no HEALTHCHECK, neither its own nor inherited.

#include "rule_support.hpp"
#include "stage_uses.hpp"

#include <algorithm>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3057",
    .name = "missing-healthcheck",
    .severity = Severity::Info,
    .category = Category::Maintainability,
    .enabled_by_default = false,
    .summary = "HEALTHCHECK instruction missing",
    .docs =
        {.what =
             "Reports, at its `FROM`, a stage with no `HEALTHCHECK`: neither its own nor one inherited from "
             "an earlier stage it builds on (`FROM <stage>`). `HEALTHCHECK NONE` counts as a decision and "
             "is not reported. Stages that a later stage builds on, copies from (`COPY --from`, `ADD "
             "--from`) or mounts (`RUN --mount=from=`) are exempt: their image is an ingredient, not what "
             "runs; a health check belongs to the stage that ships. A `HEALTHCHECK` inside `ONBUILD` is for "
             "a later image and doesn't count. A health check the base image defines cannot be seen, so "
             "such a stage is reported; silence it there.\n\n"
             "Off by default, as in hadolint (where its severity is `ignore`): select it, or give it a "
             "severity with `override`; selected, it reports at `info`. Unlike hadolint, which reports every "
             "stage without one (build stages included), "
             "stages used by later stages are exempt.",
         .why = "Without a health check, Docker and orchestrators only know whether the process runs, not "
                "whether it works: a server that hangs or lost its database connection keeps receiving "
                "traffic instead of being restarted.",
         .bad = "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n",
         .good = "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n"
                 "HEALTHCHECK CMD curl --fail http://localhost/ || exit 1\n",
         .options = "Off unless selected (`select: [DL3057]`, `--select DL3057`) or given a severity "
                    "(`override: {info: [DL3057]}`).",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3057\n"
                       "https://docs.docker.com/reference/dockerfile/#healthcheck"},
};

bool has_healthcheck(const Stage& stage, const Dockerfile& file) {
    const auto begin = file.instructions.begin() + static_cast<std::ptrdiff_t>(stage.from) + 1;
    const auto end = file.instructions.begin() + static_cast<std::ptrdiff_t>(stage.end);
    return std::any_of(begin, end,
                       [](const Instruction& ins) { return ins.is(InstructionKind::Healthcheck); });
}

class MissingHealthcheck final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction&, Context&) override {}

    // Decided at the end: whether a stage is reused is only known once the later stages are read.
    void end_file(Context& context) override {
        const SemanticModel& model = context.model();
        const Dockerfile& file = context.file();
        const std::vector<bool> reused = reused_stages(file, model);
        for (const Stage& stage : model.stages()) {
            if (reused[stage.index])
                continue;
            const std::vector<std::size_t> lineage = stage_lineage(model, stage.index);
            if (std::any_of(lineage.begin(), lineage.end(),
                            [&](std::size_t s) { return has_healthcheck(model.stages()[s], file); }))
                continue;
            const std::string which =
                stage.name.empty() ? "stage " + std::to_string(stage.index) : "stage `" + stage.name + "`";
            context.report(file.instructions[stage.from], "`HEALTHCHECK` instruction missing in " + which);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3057, drydock::rules::rule_meta, drydock::rules::MissingHealthcheck)
