// DL3038: `dnf install` / `microdnf install` without `-y`.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3038",
    .name = "dnf-missing-yes",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "Use the -y switch to avoid manual input `dnf install -y <package>`",
    .docs =
        {.what = "Reports a `dnf` (also `dnf5`) or `microdnf` command that installs packages (`install`, "
                 "`groupinstall`, `localinstall`, `reinstall`, `group install`, `module install`) without "
                 "answering the confirmation prompt by itself: `-y` (also in a cluster such as `-qy`), "
                 "`--assumeyes`, or `--setopt=assumeyes=1`, anywhere on the command line; `yes | dnf install "
                 "…` is accepted too. The values of value-taking options (`-c`, `-x`, `--enablerepo`, "
                 "`--setopt`, `--installroot`, …) are never mistaken for flags. Shell-form commands, heredoc "
                 "bodies, exec form and `ONBUILD RUN` are checked.",
         .why = "A `docker build` has no terminal to answer `Is this ok [y/N]`: dnf reads end of input, "
                "takes the default answer (no) and aborts the transaction, failing the build. microdnf "
                "asks too since version 3.8 (UBI 9, Oracle Linux 9); older releases assumed yes, so the "
                "same Dockerfile breaks when the base image moves on.",
         .bad = "FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n",
         .good = "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
         .fix_safety =
             "Safe: `-y` is inserted right after the subcommand (`install -y`, `group install -y`; as a JSON "
             "element in exec form). It only answers the confirmation prompt that a build cannot answer: dnf "
             "(or microdnf) installs what it would install after a `y`. No fix when the command answers no "
             "itself (`--assumeno`, `--setopt=assumeyes=0`): that is a choice, and an added `-y` would not "
             "always win over it.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3038\n"
                       "https://dnf.readthedocs.io/en/latest/command_ref.html"},
};

class DnfMissingYes final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || (pc->manager != PackageManager::Dnf && pc->manager != PackageManager::Microdnf) ||
                !rpm_installs(*pc) || answers_yes(*pc) || piped_from_yes(commands, command))
                continue;
            const bool two_words =
                pc->subcommand() == "group" || pc->subcommand() == "groups" || pc->subcommand() == "module";
            const std::size_t head_words = two_words ? 2 : 1;
            std::optional<Fix> fix;
            if (!rpm_refuses_yes(*pc))
                fix = insert_option(command, pc->operands[head_words - 1], "-y", "Add -y");
            context.report(pc->head(head_words),
                           "Use the -y switch to avoid manual input `" + std::string(command.command.name()) +
                               " install -y <package>`",
                           std::move(fix));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3038, drydock::rules::rule_meta, drydock::rules::DnfMissingYes)
