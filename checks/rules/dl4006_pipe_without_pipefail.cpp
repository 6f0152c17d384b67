// DL4006: a pipe in RUN without pipefail.

#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL4006",
    .name = "pipe-without-pipefail",
    .severity = Severity::Warning,
    .category = Category::Correctness,
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
        const RunCommands commands(context.file(), ins);
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
                    "check");
            return;
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl4006, drydock::rules::rule_meta, drydock::rules::PipeWithoutPipefail)
