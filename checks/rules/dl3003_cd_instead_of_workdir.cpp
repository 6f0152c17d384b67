// DL3003: RUN changes directory with `cd` instead of using WORKDIR.

#include "fix_builders.hpp"
#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3003",
    .name = "cd-instead-of-workdir",
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .fix = FixAvailability::Sometimes,
    .summary = "Use WORKDIR to switch to a directory",
    .docs =
        {.what =
             "Reports each `cd` command of a `RUN`: in the shell-form command line, in heredoc bodies read "
             "by a shell, in exec form and behind wrappers. As in hadolint, the `RUN` of an `ONBUILD` "
             "trigger is not checked.",
         .why = "A `cd` lasts only until the end of its `RUN`, so the next instruction silently runs in "
                "another directory, and a reader has to trace `cd`s through shell text to know where files "
                "go. `WORKDIR` sets the directory for every following instruction (including `CMD` and "
                "`ENTRYPOINT`), creates it when missing, and documents it in one visible place.",
         .bad = "FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build -o /usr/local/bin/app .\n",
         .good = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\n",
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`): each `RUN` of the stage whose command line starts "
             "with `cd DIR &&`, where `DIR` is a literal absolute path (no quotes, escapes or variables) "
             "and the `cd` has no options or redirects, loses `cd DIR && `, and `WORKDIR DIR` is inserted "
             "above it (above its comments) unless the stage's working directory is `DIR` already; one fix "
             "covers the whole stage, so no `WORKDIR` is written twice; it comes with the stage's first "
             "finding, and the others point to it (display-only). The rest of each `RUN` runs in the "
             "same directory as before, but a `WORKDIR` lasts: every later instruction of the stage (`RUN`, "
             "relative `COPY` destinations, `CMD`, `ENTRYPOINT`) and the image's working directory change, "
             "and `WORKDIR` creates a missing directory where `cd` would have failed the build. Not offered "
             "for a `RUN` with a `--mount` whose target is relative (it would move with the working "
             "directory), when removing the `cd` would remove a comment line, or when its finding is "
             "suppressed (an ignore pragma keeps the `RUN` as it is).",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3003\n"
                       "https://docs.docker.com/build/building/best-practices/#workdir"},
};

// `cd DIR && ` at the start of a RUN's command line: the directory, and the text to remove.
struct LeadingCd {
    std::string dir;
    TextRange removal; // from `cd` to the next command
};

class CdInsteadOfWorkdir final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return; // hadolint does not apply DL3003 to ONBUILD triggers
        const RunCommands& commands = run_commands(context, ins);
        const std::optional<LeadingCd> leading = leading_cd(context.file(), ins);
        for (const shell::Command* cd : commands.named("cd")) {
            const std::vector<shell::Word> arguments = cd->arguments();
            const std::string target = arguments.empty() ? std::string() : " " + arguments.back().value;
            const bool fixable = leading && context.stage() && leading->removal.begin == cd->range.begin;
            context.report(cd->words.front().range,
                           "Use WORKDIR to switch to a directory instead of `cd" + target + "`",
                           fixable ? fix_for(context, cd->words.front().range) : std::nullopt);
        }
    }

private:
    // `cd DIR && …` at the start of the RUN's command line, with DIR a literal absolute path; nullopt when
    // the RUN does not start that way or the `cd` cannot be moved out (see fix_safety).
    static std::optional<LeadingCd> leading_cd(const Dockerfile& file, const Instruction& run) {
        if (!run.valid || !run.command || !run.command->script || !run.command->script->errors.empty())
            return std::nullopt;
        const shell::Script& script = *run.command->script;
        if (script.commands.size() < 2)
            return std::nullopt;
        const shell::Command& cd = script.commands.front();
        if (cd.name() != "cd" || cd.depth != 0 || cd.in_pipeline || !cd.assignments.empty() ||
            !cd.redirects.empty() || cd.words.size() != 2)
            return std::nullopt;
        const shell::Word& dir = cd.words[1];
        if (dir.dynamic || dir.quoted || !dir.value.starts_with("/"))
            return std::nullopt;
        // A relative mount target resolves against the working directory, which the WORKDIR would change.
        const std::vector<RunMount> mounts = run_mounts(run);
        if (std::any_of(mounts.begin(), mounts.end(),
                        [](const RunMount& m) { return !m.target.starts_with("/"); }))
            return std::nullopt;
        const std::optional<TextSize> end = after_and(file, cd.range.end, run.command->range.end);
        if (!end || drops_comments(run, {cd.range.begin, *end}))
            return std::nullopt;
        return LeadingCd{dir.value, {cd.range.begin, *end}};
    }

    // The stage's fix goes with its first finding that is not suppressed; the later ones point to it. Giving
    // every finding a copy of a fix that touches every RUN of the stage would take memory quadratic in the
    // number of RUNs (2,000 such RUNs took 450 MB).
    std::optional<Fix> fix_for(const Context& context, TextRange finding) {
        const std::size_t stage_index = *context.stage();
        std::optional<Fix> fix = stage_fix(context);
        if (!fix || is_suppressed_at(context, rule_meta, finding))
            return fix;
        if (!delivered_.insert(stage_index).second)
            return Fix{
                "Fixed with the stage's first `cd` finding: " + fix->title, {}, Applicability::DisplayOnly};
        return fix;
    }

    // One fix for the whole stage: each RUN that starts with `cd DIR &&` loses it, and `WORKDIR DIR` goes
    // above it unless the stage's working directory is DIR already (an earlier WORKDIR, or one this fix
    // inserts). Working out the stage at once keeps the WORKDIRs from repeating, and applies all or nothing.
    std::optional<Fix> stage_fix(const Context& context) {
        const std::size_t stage_index = *context.stage();
        if (const auto it = stage_fixes_.find(stage_index); it != stage_fixes_.end())
            return it->second;
        const Dockerfile& file = context.file();
        const Stage& stage = context.model().stages()[stage_index];
        std::optional<std::string> workdir; // the stage's working directory so far, when literal and known
        Fix fix{"", {}, Applicability::Unsafe};
        std::size_t moved = 0;
        std::string first;
        for (std::size_t i = stage.from; i < stage.end; ++i) {
            const Instruction& ins = file.instructions[i];
            if (ins.is(InstructionKind::Workdir)) {
                const bool literal = !ins.arguments.empty() && ins.arguments.front().variables.empty() &&
                                     ins.arguments.front().value.starts_with("/");
                workdir = literal ? std::optional(ins.arguments.front().value) : std::nullopt;
                continue;
            }
            if (!ins.is(InstructionKind::Run))
                continue;
            const std::optional<LeadingCd> cd = leading_cd(file, ins);
            // A RUN whose finding is suppressed keeps its `cd`; a WORKDIR it would have needed is not added.
            if (!cd || is_suppressed_at(context, rule_meta, {cd->removal.begin, cd->removal.begin + 2}))
                continue;
            if (workdir != cd->dir) {
                const std::string line = cased_like("WORKDIR", ins.keyword.raw) + " " + cd->dir;
                fix.edits.push_back(insert_line_before(file, i, line));
                workdir = cd->dir;
            }
            fix.edits.push_back(delete_range(cd->removal));
            if (moved++ == 0)
                first = cd->dir;
        }
        fix.title = moved == 1
                        ? "Replace `cd " + first + "` with WORKDIR"
                        : "Replace the leading `cd` of " + std::to_string(moved) + " RUNs with WORKDIR";
        std::optional<Fix> out = moved > 0 ? std::optional(std::move(fix)) : std::nullopt;
        stage_fixes_[stage_index] = out;
        return out;
    }

    // The offset of the command after `&&` when the text at `offset` is blanks, `&&` and blanks (line
    // continuations allowed among the blanks); nullopt for any other operator, or when a comment line or an
    // empty line comes before the next command.
    static std::optional<TextSize> after_and(const Dockerfile& file, TextSize offset, TextSize limit) {
        const std::string_view text = file.source;
        const auto skip_blanks = [&](TextSize p) {
            while (p < limit) {
                if (text[p] == ' ' || text[p] == '\t') {
                    ++p;
                    continue;
                }
                // A line continuation: the escape character, trailing blanks, the line terminator.
                std::size_t q = p;
                if (text[q] != file.escape)
                    break;
                ++q;
                while (q < limit && (text[q] == ' ' || text[q] == '\t'))
                    ++q;
                if (q < limit && text[q] == '\r')
                    ++q;
                if (q >= limit || text[q] != '\n')
                    break;
                p = static_cast<TextSize>(q + 1);
            }
            return p;
        };
        const TextSize op = skip_blanks(offset);
        if (text.substr(op, 2) != "&&" || op + 2 > limit)
            return std::nullopt;
        const TextSize next = skip_blanks(op + 2);
        // The next command must follow: not an interior comment line or an empty continuation line.
        if (next >= limit || text[next] == '#' || text[next] == '\r' || text[next] == '\n')
            return std::nullopt;
        return next;
    }

    std::map<std::size_t, std::optional<Fix>> stage_fixes_; // by stage, worked out at its first finding
    std::set<std::size_t> delivered_;                       // stages whose fix a finding carries already
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3003, drydock::rules::rule_meta, drydock::rules::CdInsteadOfWorkdir)
