// DL3004: RUN uses sudo.

#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3004",
    .name = "sudo-in-run",
    .severity = Severity::Error,
    .category = Category::Security,
    .summary = "Do not use sudo as it leads to unpredictable behavior",
    .docs = {.what = "Reports each `sudo` a `RUN` runs: as the command, or as a wrapper behind another one "
                     "(`env DEBIAN_FRONTEND=noninteractive sudo apt-get …`), in the shell-form command line, "
                     "heredoc bodies read by a shell, exec form and `ONBUILD RUN`.",
             .why =
                 "Build steps run as the current `USER`, and `root` needs no `sudo`. Under another user, "
                 "`sudo` needs a sudoers entry that gives that user root, asks for a password or a TTY where "
                 "there is none, and changes the environment and signal handling of what it runs. Switch "
                 "with `USER root` around the steps that need it, and use `gosu` or `su-exec` when an "
                 "entrypoint must drop privileges at run time.",
             .bad = "FROM debian:12\nUSER app\nRUN sudo apt-get update\n",
             .good = "FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3004"},
};

bool is_sudo(const shell::Word& word) {
    const std::string_view value = word.value;
    return value == "sudo" || value.ends_with("/sudo");
}

class SudoInRun final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& run : commands.all())
            check_command(run.written, run.command, context);
    }

private:
    // `written` is the command as written, `program` the same command with its wrappers removed: sudo is
    // one of the wrapper words before the program, or the program itself.
    static void check_command(const shell::Command& written, const shell::Command& program,
                              Context& context) {
        for (const shell::Word& word : written.words) {
            const bool last = program.words.empty() || word.range == program.words.front().range;
            if (is_sudo(word) && !word.dynamic) {
                context.report(word.range, "Do not use sudo as it leads to unpredictable behavior. Use a "
                                           "tool like gosu to enforce root (`" +
                                               word.value + "`)");
                return;
            }
            if (last)
                return;
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3004, drydock::rules::rule_meta, drydock::rules::SudoInRun)
