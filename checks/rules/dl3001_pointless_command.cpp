// DL3001: RUN invokes a command that makes no sense in an image build (ssh, vim, service, ps, …).

#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3001",
    .name = "pointless-command",
    .severity = Severity::Info,
    .category = Category::Maintainability,
    .summary = "For some bash commands it makes no sense running them in a Docker container",
    .docs =
        {.what =
             "Reports each command of a `RUN` that is pointless while an image is being built: `free`, "
             "`kill`, `mount`, `ps`, `service`, `shutdown`, `ssh`, `top` and `vim`. Every command a `RUN` "
             "runs is checked: the shell-form command line, heredoc bodies read by a shell, exec form, "
             "`ONBUILD RUN`, and behind wrappers such as `sudo` or `env`. Words that merely mention such a "
             "name are not commands (`apt-get install vim`, `command -v ps`).\n\n"
             "Unlike hadolint, `kill` is accepted after the same `RUN` has started a job in the background "
             "(`dockerd & … kill $!`): stopping a helper process the step itself started is the right thing "
             "to do.",
         .why = "A build step runs once, without a terminal, in a container that is thrown away: there is no "
                "one to look at `top` or `ps`, no editor session for `vim`, no running services to manage "
                "with `service` or `kill`, no host to `shutdown`, and mounting needs privileges the build "
                "does not have. Such commands either fail, hang the build, or do nothing useful; the work "
                "belongs in `CMD`/`ENTRYPOINT`, in configuration files, or outside the image.",
         .bad = "FROM debian:12\nRUN apt-get update && service nginx start\n",
         .good = "FROM debian:12\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3001"},
};

constexpr std::array<std::string_view, 9> pointless = {"free",     "kill", "mount", "ps", "service",
                                                       "shutdown", "ssh",  "top",   "vim"};

// Why the command is pointless, for the message.
std::string_view reason(std::string_view name) {
    if (name == "kill")
        return "there is no process to stop that the build did not start itself";
    if (name == "service")
        return "services do not keep running after the step";
    if (name == "mount")
        return "the build has no privileges to mount";
    if (name == "shutdown")
        return "there is no machine to shut down";
    if (name == "ssh")
        return "a build step has no terminal and should not depend on remote hosts";
    if (name == "vim")
        return "nobody can edit interactively during a build";
    return "nobody looks at its output during a build";
}

class PointlessCommand final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        bool background_job = false;
        for (const RunCommand& run : commands.all()) {
            const shell::Command& command = run.command;
            // `a & b`: `b` is preceded by `&`, so a job runs in the background from here on.
            background_job = background_job || command.preceded_by == shell::Operator::Background;
            const std::string_view name = command.name();
            if (name.empty() || command.words.front().dynamic ||
                std::find(pointless.begin(), pointless.end(), name) == pointless.end())
                continue;
            if (name == "kill" && background_job)
                continue;
            context.report(command.words.front().range,
                           "For some bash commands it makes no sense running them in a Docker container: `" +
                               std::string(name) + "` (" + std::string(reason(name)) + ")");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3001, drydock::rules::rule_meta, drydock::rules::PointlessCommand)
