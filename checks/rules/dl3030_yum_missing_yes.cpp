// DL3030: `yum install` without `-y`.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3030",
    .name = "yum-missing-yes",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "Use the -y switch to avoid manual input `yum install -y <package>`",
    .docs =
        {.what =
             "Reports a yum command that installs packages (`install`, `groupinstall`, `localinstall`, "
             "`reinstall`, `group install`, `module install`) without answering the confirmation prompt by "
             "itself: `-y` (also in a cluster such as `-qy`), `--assumeyes`, or `--setopt=assumeyes=1`, "
             "anywhere on the command line; `yes | yum install …` is accepted too. The values of yum's "
             "value-taking options (`-c`, `-d`, `-e`, `-x`, `--enablerepo`, `--setopt`, …) are never "
             "mistaken for flags. Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are "
             "checked.",
         .why = "A `docker build` has no terminal to answer `Is this ok [y/N]`: yum reads end of input, "
                "takes the default answer (no) and exits with `Operation aborted`, failing the build.",
         .bad = "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n",
         .good = "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
         .fix_safety =
             "Safe: `-y` is inserted right after the subcommand (`install -y`, `group install -y`; as a JSON "
             "element in exec form). It only answers the confirmation prompt that a build cannot answer: yum "
             "installs what it would install after a `y`. No fix when the command answers no itself "
             "(`--assumeno`, `--setopt=assumeyes=0`): that is a choice, and an added `-y` would not always "
             "win over it.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3030\n"
                       "https://man7.org/linux/man-pages/man8/yum.8.html"},
};

class YumMissingYes final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Yum || !rpm_installs(*pc) || answers_yes(*pc) ||
                piped_from_yes(commands, command))
                continue;
            const bool two_words =
                pc->subcommand() == "group" || pc->subcommand() == "groups" || pc->subcommand() == "module";
            const std::size_t head_words = two_words ? 2 : 1;
            std::optional<Fix> fix;
            if (!rpm_refuses_yes(*pc))
                fix = insert_option(command, pc->operands[head_words - 1], "-y", "Add -y");
            context.report(pc->head(head_words),
                           "Use the -y switch to avoid manual input `yum install -y <package>`",
                           std::move(fix));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3030, drydock::rules::rule_meta, drydock::rules::YumMissingYes)
