// DL3034: zypper install/remove/patch without a non-interactive switch.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3034",
    .name = "zypper-missing-non-interactive",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Always,
    .summary = "Non-interactive switch missing from `zypper` command: `zypper install -y`",
    .docs =
        {.what =
             "Reports a zypper command that changes packages (`install`/`in`, `remove`/`rm`, "
             "`source-install`/`si`, `patch`) without a switch that answers its prompts: the global "
             "`-n`/`--non-interactive` before the subcommand (`zypper -n install …`; after it, `-n` is "
             "`--name`), or the command's `-y`/`--no-confirm`. Options are read as zypper reads them, "
             "global ones before the subcommand and the command's after it, so `zypper -t in` or the value "
             "of `--repo` is never mistaken for a switch. `yes | zypper install …` is accepted too. "
             "Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are checked.",
         .why = "A `docker build` has no terminal to answer `Continue? [y/n/v/...? shows all options] (y)`: "
                "zypper reads end of input and aborts, failing the build.",
         .bad = "FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean\n",
         .good = "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean\n",
         .fix_safety =
             "Safe: the global `-n` (`--non-interactive`) is inserted right after `zypper`, before the "
             "subcommand (`zypper -n install …`; a JSON element in exec form). As a global option it works "
             "with every subcommand and makes zypper take the default answer to each question instead of "
             "waiting for input; after the subcommand, `-n` is another option (`--name` for `install`). "
             "Where a default answer is no (an untrusted repository key, a conflict with no default "
             "solution), zypper still stops, as the build did before.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3034\n"
                       "https://en.opensuse.org/SDB:Zypper_manual"},
};

bool changes_packages(std::string_view sub) {
    static constexpr std::array<std::string_view, 7> subcommands = {"install",        "in", "remove", "rm",
                                                                    "source-install", "si", "patch"};
    return std::find(subcommands.begin(), subcommands.end(), sub) != subcommands.end();
}

class ZypperMissingNonInteractive final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Zypper || !changes_packages(pc->subcommand()) ||
                answers_yes(*pc) || piped_from_yes(commands, command))
                continue;
            context.report(pc->head(),
                           "Non-interactive switch missing from `zypper` command: `zypper " +
                               std::string(pc->subcommand()) + " -y`",
                           insert_option(command, command.command.words.front(), "-n", "Add -n"));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3034, drydock::rules::rule_meta, drydock::rules::ZypperMissingNonInteractive)
