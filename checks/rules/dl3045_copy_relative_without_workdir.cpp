// DL3045: COPY to a relative destination before any WORKDIR of the stage.

#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3045",
    .name = "copy-relative-without-workdir",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "`COPY` to a relative destination without `WORKDIR` set",
    .docs =
        {.what =
             "Reports a `COPY` (or `ADD`, which hadolint does not check) whose destination is relative "
             "(`app/`, `.`) when no `WORKDIR` comes before it in the stage, nor anywhere in the earlier "
             "stages it builds on (`FROM build`). A stage built on `scratch` (directly or through earlier "
             "stages) is exempt: its working directory is always `/`. Absolute paths "
             "(`/app`, Windows `C:\\app` or `C:/app`) pass. A destination given by a variable is judged by "
             "its `ARG`/`ENV` default (hadolint accepts any destination that starts with `$`); one without "
             "a default is not reported. `COPY` triggers inside `ONBUILD` run in a downstream build, whose "
             "`WORKDIR` is unknown here, and are not checked.",
         .why = "Without a `WORKDIR` of your own, a relative destination depends on the working directory "
                "of the base image, often `/`: files land somewhere other than intended, and move when the "
                "base image changes it.",
         .bad = "FROM python:3.12-slim\nCOPY requirements.txt .\n",
         .good = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3045\n"
                       "https://docs.docker.com/reference/dockerfile/#workdir"},
};

bool is_absolute(std::string_view path) {
    if (path.starts_with('/'))
        return true;
    // A Windows drive: `C:\app`, `C:/app`.
    return path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
           (path[2] == '\\' || path[2] == '/');
}

class CopyRelativeWithoutWorkdir final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    // ADD copies the same way, and a fix that turns ADD into COPY must not be what reveals the problem.
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Copy, InstructionKind::Add};
    }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild() || !context.stage() || ins.arguments.size() < 2)
            return;
        const Word& dest = ins.arguments.back();
        const std::optional<std::string> value =
            default_value(dest, context.model().scope_at(context.index()));
        if (!value || is_absolute(*value) || workdir_known(context))
            return;
        std::string message = "`" + std::string(keyword_name(ins.kind)) +
                              "` to a relative destination without `WORKDIR` set: `";
        message += dest.variables.empty() ? *value + "`" : dest.raw + "` (`" + *value + "` by default)";
        message += " is relative to the base image's working directory";
        context.report(dest.range, message);
    }

private:
    // Whether the working directory is the stage's own choice: a WORKDIR comes before the current
    // instruction in its stage, or anywhere in the stages it builds on, or the stages go back to `scratch`,
    // whose working directory is always `/`.
    static bool workdir_known(const Context& context) {
        const SemanticModel& model = context.model();
        const std::vector<Instruction>& instructions = context.file().instructions;
        std::optional<std::size_t> stage = context.stage();
        std::size_t until = context.index();
        for (std::size_t depth = 0; stage && depth < model.stages().size(); ++depth) {
            const Stage& s = model.stages()[*stage];
            for (std::size_t i = s.from + 1; i < until && i < s.end; ++i)
                if (instructions[i].is(InstructionKind::Workdir))
                    return true;
            if (!s.base_stage)
                return iequals(s.base, "scratch");
            stage = s.base_stage;
            until = model.stages()[*stage].end;
        }
        return false;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3045, drydock::rules::rule_meta, drydock::rules::CopyRelativeWithoutWorkdir)
