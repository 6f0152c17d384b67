// DL3035: `zypper dist-upgrade` in RUN.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3035",
    .name = "zypper-dist-upgrade",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Do not use `zypper dist-upgrade`",
    .docs =
        {.what =
             "Reports every `zypper dist-upgrade` (or its short form `zypper dup`) that a `RUN` runs, also "
             "with global options before it (`zypper -n dup`), in shell-form commands, heredoc bodies, "
             "exec form and `ONBUILD RUN`. `zypper update` and `zypper patch` are not reported.",
         .why = "`dist-upgrade` moves the whole system to whatever the repositories hold, possibly a newer "
                "distribution release, vendor changes and package removals included. What the image "
                "contains then depends on the day of the build rather than on the base image tag. Use a "
                "newer base image to move to a new release, and `zypper patch` (or `zypper update`) for "
                "fixes within one.",
         .bad = "FROM opensuse/leap:15.6\nRUN zypper --non-interactive dist-upgrade && zypper clean\n",
         .good = "FROM opensuse/leap:15.6\nRUN zypper --non-interactive patch && zypper clean\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3035\n"
                       "https://en.opensuse.org/SDB:Zypper_usage#Distribution_upgrade"},
};

class ZypperDistUpgrade final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Zypper ||
                (pc->subcommand() != "dist-upgrade" && pc->subcommand() != "dup"))
                continue;
            context.report(pc->head(), "Do not use `zypper dist-upgrade`: `" + pc->label() +
                                           "` upgrades the whole distribution; use a newer base image");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3035, drydock::rules::rule_meta, drydock::rules::ZypperDistUpgrade)
