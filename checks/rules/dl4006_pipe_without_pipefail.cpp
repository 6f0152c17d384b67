// DL4006: a pipe in RUN without pipefail.

#include "base_images.hpp"
#include "fix_builders.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <array>
#include <set>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL4006",
    .name = "pipe-without-pipefail",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "Set the SHELL option -o pipefail before RUN with a pipe in it",
    .docs =
        {.what =
             "Reports the first pipe (`a | b`) of a `RUN` when the shell that runs it does not have "
             "`pipefail` on. `pipefail` is on after a `SHELL` instruction (in the stage, or in the stage it "
             "builds `FROM`) whose shell is POSIX and gets `-o pipefail` (`SHELL [\"/bin/bash\", \"-o\", "
             "\"pipefail\", \"-c\"]`, also `-eo pipefail`), or within a script after `set -o pipefail` (also "
             "`set -euo pipefail`), for example as the first line of a heredoc. Heredoc bodies read by a "
             "shell "
             "and `ONBUILD RUN` are checked. A heredoc that is the whole command (`RUN <<EOF`) runs in the "
             "`SHELL`; one with a shebang (`#!/bin/sh`), or fed to a program (`RUN bash <<EOF`), runs in a "
             "new "
             "shell that does not get the `SHELL`'s options, unless it is started with `-o pipefail` itself. "
             "Pipes inside `$(…)` and in strings run by `sh -c` are not seen. Under a non-POSIX `SHELL` "
             "(PowerShell, cmd) or a Windows base image nothing is reported.\n\n"
             "Unlike hadolint, `sh`, `dash` and busybox count as shells that can take `-o pipefail` (busybox "
             "ash and dash ≥ 0.5.12 support it; an older shell fails the build loudly instead of silently), "
             "and `set -o pipefail` inside the RUN counts.",
         .why = "A pipeline's exit status is that of its last command, so `curl -fsSL https://example.com/x "
                "| tar xz` succeeds when the download fails, and the build goes on with a broken image. With "
                "`pipefail` the pipeline fails when any of its commands does.",
         .bad = "FROM debian:12\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt\n",
         .good = "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                 "RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt\n",
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`): `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` "
             "is inserted on a new line above the first reported `RUN` of the stage (above its comments), "
             "in the file's keyword casing and line terminator. Offered only when no `SHELL` applies to the "
             "stage yet and its base image is known to have bash: an official Debian or Ubuntu image, or a "
             "language image (python, node, golang, ruby, php, openjdk, eclipse-temurin, …) in a "
             "Debian/Ubuntu variant; never on Alpine, BusyBox, distroless, scratch or an unknown image. "
             "Later `RUN`s of the stage, and stages built on it, are covered by the same `SHELL` and get no "
             "fix of their own. A `RUN` whose finding is suppressed is left alone: the `SHELL` goes above "
             "the next reported one. Not offered for `ONBUILD RUN`, nor when the pipe is in a heredoc that "
             "does not run in the `SHELL`.\n\nIt is unsafe because it changes more than this pipe: every "
             "later `RUN` of the stage, shell-form `CMD`/`ENTRYPOINT`, stages built `FROM` this one and "
             "images built on the result run under bash instead of `/bin/sh` (dash on Debian: `echo "
             "'a\\nb'` prints differently, bash-only syntax now works), and with `pipefail` a pipeline "
             "whose first command fails only because the second stopped reading (`yes | head`, SIGPIPE) or "
             "because it found nothing (`grep x file | wc -l`) now fails the build.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL4006\n"
                       "https://docs.docker.com/build/building/best-practices/#using-pipes\n"
                       "https://docs.docker.com/reference/dockerfile/#shell"},
};

// How a command is named in the message: its program, else its first assignment (`OUT=…`).
std::string label(const shell::Command& command) {
    if (!command.name().empty())
        return std::string(command.name());
    if (!command.assignments.empty()) {
        const std::string& first = command.assignments.front().value;
        return first.substr(0, first.find('=')) + "=…";
    }
    return "…";
}

class PipeWithoutPipefail final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const ShellInfo shell = context.shell();
        for (const RunScript& script : commands.scripts()) {
            const std::optional<Pipe> pipe =
                first_pipe_without_pipefail(*script.script, starts_with_pipefail(script, shell));
            if (!pipe)
                continue;
            const std::string left = label(*pipe->left);
            const std::string right = label(*pipe->right);
            context.report(
                {pipe->left->range.begin, pipe->right->range.end},
                "Set the SHELL option -o pipefail before RUN with a pipe in it (`" + left + " | " + right +
                    "`). If you are using /bin/sh in an alpine image or if your shell is symlinked to "
                    "busybox then consider explicitly setting your SHELL to /bin/ash, or disable this "
                    "check",
                shell_fix(ins, script, {pipe->left->range.begin, pipe->right->range.end}, context));
            return;
        }
    }

private:
    // `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` above the first RUN of the stage that needs it, when the
    // stage has no SHELL yet and its base image has bash. Later RUNs of the stage, and stages built on it,
    // are covered by the same SHELL, so they get no fix of their own.
    std::optional<Fix> shell_fix(const Instruction& ins, const RunScript& script, TextRange range,
                                 Context& context) {
        if (context.in_onbuild() || !context.stage() || !script.in_run_shell || context.shell().declared_at)
            return std::nullopt;
        if (stage_base_family(context.file(), context.model(), *context.stage()) != BaseFamily::Debian)
            return std::nullopt;
        // A stage inherits the SHELL of the stage it builds on: one that gets the fix covers this one too.
        for (std::optional<std::size_t> base = context.model().stages()[*context.stage()].base_stage; base;
             base = context.model().stages()[*base].base_stage)
            if (fixed_stages_.count(*base))
                return std::nullopt;
        if (fixed_stages_.count(*context.stage()))
            return std::nullopt;
        // A RUN whose finding is suppressed is not the place for the SHELL: a later RUN of the stage may be.
        if (is_suppressed_at(context, rule_meta, range))
            return std::nullopt;
        fixed_stages_.insert(*context.stage());
        const std::array<std::string, 4> bash = {"/bin/bash", "-o", "pipefail", "-c"};
        const std::string line = cased_like("SHELL", ins.keyword.raw) + " " + json_array(bash);
        return Fix{"Insert `" + line + "` above the RUN",
                   {insert_line_before(context.file(), context.index(), line)},
                   Applicability::Unsafe};
    }

    std::set<std::size_t> fixed_stages_; // stages whose first eligible RUN already carries the fix
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl4006, drydock::rules::rule_meta, drydock::rules::PipeWithoutPipefail)
