// DL3014: `apt-get install` without `-y`.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3014",
    .name = "apt-get-missing-yes",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "Use the `-y` switch to avoid manual input `apt-get -y install <package>`",
    .docs = {.what =
                 "Reports an `apt-get install` that does not answer apt-get's confirmation prompt by itself. "
                 "Options are read as apt-get reads them, anywhere on the command line: `-y`, `--yes`, "
                 "`--assume-yes`, also inside a cluster such as `-qy` or `-yq`; quiet level 2, which implies "
                 "`-y` (`-qq`, `-q -q`, `-q=2`, `--quiet=2`); `-o APT::Get::Assume-Yes=true`. Also accepted: "
                 "`yes | apt-get install …`, a simulation (`-s`, `--simulate`, `--dry-run`), and "
                 "`APT::Get::Assume-Yes \"true\";` written into `/etc/apt/apt.conf.d/` by `echo`/`printf` "
                 "earlier in the stage or in a stage it builds on. A single `-q` is not enough (hadolint "
                 "accepts it). The value of a value-taking option (`-o`, `-t`, `-c`) is never mistaken for a "
                 "flag. Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are checked.",
             .why =
                 "A `docker build` has no terminal to answer `Do you want to continue? [Y/n]`: apt-get reads "
                 "end of input and aborts, and the build fails whenever an install pulls in a dependency — "
                 "often only after a base-image update changes what is installed already.",
             .bad = "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl\n",
             .good =
                 "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
             .fix_safety =
                 "Safe: `-y` is inserted right after `install` (as a JSON element in exec form). It only "
                 "answers the confirmation prompt that a build cannot answer: the packages installed are the "
                 "ones apt-get would install after a `Y`, and apt-get still refuses what `-y` does not cover "
                 "(removing essential packages, downgrades, unauthenticated packages). No fix when the "
                 "command itself says no (`--assume-no`, `--yes=no`, `-o APT::Get::Assume-Yes=false`): that "
                 "is a choice, and an added `-y` would not always win over it.",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3014\n"
                           "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html"},
};

class AptGetMissingYes final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::AptGet || pc->subcommand() != "install")
                continue;
            if (answers_yes(*pc) || apt_simulates(*pc) || piped_from_yes(commands, command))
                continue;
            const std::optional<std::string> conf =
                apt_conf_value(context, commands, &command, "APT::Get::Assume-Yes");
            if (conf && boolean_value(*conf).value_or(false))
                continue;
            std::optional<Fix> fix;
            if (!apt_refuses_yes(*pc))
                fix = insert_option(command, pc->operands.front(), "-y", "Add -y");
            context.report(pc->head(),
                           "Use the `-y` switch to avoid manual input `apt-get -y install <package>`",
                           std::move(fix));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3014, drydock::rules::rule_meta, drydock::rules::AptGetMissingYes)
