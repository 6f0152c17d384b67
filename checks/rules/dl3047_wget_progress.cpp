// DL3047: `wget` without `--progress` fills the build log with progress output.

#include "base_images.hpp"
#include "fix_builders.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3047",
    .name = "wget-progress",
    .severity = Severity::Info,
    .category = Category::Maintainability,
    .fix = FixAvailability::Sometimes,
    .summary = "Avoid use of wget without progress bar",
    .docs =
        {.what = "Reports a `wget` command without `--progress=…`, in every command a `RUN` runs, `ONBUILD "
                 "RUN` included. Not reported when wget is quiet or logs elsewhere: `-q`/`--quiet`, "
                 "`-nv`/`--no-verbose`, `-o`/`--output-file` and `-a`/`--append-output`.",
         .why = "Without a terminal, wget falls back to its `dot` progress display, which prints a line for "
                "every few kilobytes: a large download floods the build log with thousands of lines and "
                "hides the output that matters. `--progress=dot:giga` prints one dot per megabyte; `-nv` "
                "prints one line per file. BusyBox wget (Alpine) has no `--progress`; use `-q` there.",
         .bad = "FROM debian:12\nRUN wget https://example.com/tool.tar.gz\n",
         .good = "FROM debian:12\nRUN wget --progress=dot:giga https://example.com/tool.tar.gz\n",
         .fix_safety =
             "`--progress=dot:giga` is inserted right after `wget` (as a JSON element in exec form); it "
             "only changes how much progress output wget writes. Only GNU wget has the option: BusyBox wget "
             "fails on it. So the fix is safe when the stage's base image is an official Debian or Ubuntu "
             "image, or a language image in a Debian/Ubuntu variant (`python:3.12-slim`, "
             "`node:22-bookworm`, …), whose wget is GNU wget; unsafe when the base image is not known (a "
             "variable without default, another registry, a distribution drydock does not know); and not "
             "offered on Alpine or BusyBox bases, whose wget is BusyBox's.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3047\n"
                       "https://www.gnu.org/software/wget/manual/wget.html"},
};

// Options that quieten wget or send its log elsewhere, so progress output does not reach the build log.
bool is_quiet(const shell::Command& wget) {
    const std::vector<shell::Word> arguments = wget.arguments();
    const bool no_verbose = std::any_of(arguments.begin(), arguments.end(),
                                        [](const shell::Word& word) { return word.value == "-nv"; });
    return no_verbose || wget.has_any_flag({"progress", "q", "quiet", "no-verbose", "o", "output-file", "a",
                                            "append-output"});
}

class WgetProgress final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const BaseFamily family = context.stage()
                                      ? stage_base_family(context.file(), context.model(), *context.stage())
                                      : BaseFamily::Unknown;
        for (const RunCommand& run : commands.all()) {
            const shell::Command& wget = run.command;
            if (wget.name() != "wget" || is_quiet(wget))
                continue;
            context.report(wget.words.front().range,
                           "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or "
                           "consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`)",
                           progress_fix(wget, run.source, family));
        }
    }

private:
    // GNU wget has `--progress`; BusyBox wget rejects it and fails the build.
    static std::optional<Fix> progress_fix(const shell::Command& wget, CommandSource source,
                                           BaseFamily family) {
        switch (family) {
        case BaseFamily::Debian:
            return insert_argument_after(wget.words.front(), source, "--progress=dot:giga",
                                         "Add --progress=dot:giga");
        case BaseFamily::Unknown:
            return insert_argument_after(wget.words.front(), source, "--progress=dot:giga",
                                         "Add --progress=dot:giga (needs GNU wget, not BusyBox's)",
                                         Applicability::Unsafe);
        case BaseFamily::BusyBox:
            break;
        }
        return std::nullopt;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3047, drydock::rules::rule_meta, drydock::rules::WgetProgress)
