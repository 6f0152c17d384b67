// DL3041: `dnf install` / `microdnf install` of a package without a version.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3041",
    .name = "dnf-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Specify version with `dnf install -y <package>-<version>`",
    .docs =
        {.what =
             "Reports each package of a `dnf` (also `dnf5`) or `microdnf` `install` that names no version, "
             "and each module of a `module install` that names no stream. A package is pinned when a `-` "
             "is followed by a version: parts made of letters, digits and `.~^_:+`, one of them starting "
             "with a digit (`httpd-2.4.62`, `python3-devel-3.12.4-1.fc40`); `python3-devel` or `gcc-c++` "
             "are not. A module is pinned by `:stream` (`nodejs:20`, `nodejs:20/common`). Not reported: "
             "`.rpm` files, paths and URLs (anything with a `/`), groups and module specs (`@…`), "
             "capabilities (`pkgconfig(glib-2.0)`), globs, packages given by a variable (`$PACKAGES`, "
             "`mysql-shell-$MYSQL_SHELL_VERSION`: their value is not known statically), and the values of "
             "value-taking options (`--enablerepo`, `-x`, `--setopt`, …). Groups (`group install`) are not "
             "judged. Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are checked.",
         .why = "Without a version, `dnf install` takes whatever the repositories offer on the day of the "
                "build: two builds of the same Dockerfile get different software, and an update can break "
                "the image with no change in review. A module without a stream follows the distribution's "
                "default stream, which changes between releases.",
         .bad = "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
         .good = "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3041\n"
                       "https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label"},
};

class DnfPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || (pc->manager != PackageManager::Dnf && pc->manager != PackageManager::Microdnf))
                continue;
            const std::string program(command.command.name());
            for (const UnpinnedRpm& u : unpinned_rpm_packages(*pc)) {
                if (u.module)
                    context.report(u.word.range, "Specify version with `" + program +
                                                     " module install -y <module>:<stream>`: `" +
                                                     u.word.value + "` has no stream");
                else
                    context.report(u.word.range, "Specify version with `" + program +
                                                     " install -y <package>-<version>`: `" + program +
                                                     " install " + u.word.value + "`");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3041, drydock::rules::rule_meta, drydock::rules::DnfPinVersions)
