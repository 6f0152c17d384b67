// DL3033: `yum install` of a package without a version.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3033",
    .name = "yum-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Specify version with `yum install -y <package>-<version>`",
    .docs =
        {.what =
             "Reports each package of a `yum install` that names no version, and each module of a `yum "
             "module install` that names no stream. A package is pinned when a `-` is followed by a "
             "version: parts made of letters, digits and `.~^_:+`, one of them starting with a digit "
             "(`httpd-2.4.6`, `python3-devel-3.9.18-1.el9`); `python3-devel` or `gcc-c++` are not. A module "
             "is pinned by `:stream` (`nodejs:18`). Not reported: `.rpm` files, paths and URLs (anything "
             "with a `/`), groups and module specs (`@…`), capabilities (`pkgconfig(glib-2.0)`), globs, "
             "packages given by a variable (`$PACKAGES`, `httpd-$HTTPD_VERSION`: their value is not known "
             "statically), and the values of yum's value-taking options (`--enablerepo`, `-x`, `--setopt`, "
             "…). Groups (`groupinstall`, `group install`) are not judged. Shell-form commands, heredoc "
             "bodies, exec form and `ONBUILD RUN` are checked.",
         .why = "Without a version, `yum install` takes whatever the repositories offer on the day of the "
                "build: two builds of the same Dockerfile get different software, and an update can break "
                "the image with no change in review. A module without a stream follows the distribution's "
                "default stream, which changes between minor releases.",
         .bad = "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
         .good = "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3033\n"
                       "https://man7.org/linux/man-pages/man8/yum.8.html"},
};

class YumPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Yum)
                continue;
            for (const UnpinnedRpm& u : unpinned_rpm_packages(*pc)) {
                if (u.module)
                    context.report(u.word.range, "Specify version with `yum module install -y "
                                                 "<module>:<stream>`: `" +
                                                     u.word.value + "` has no stream");
                else
                    context.report(u.word.range, "Specify version with `yum install -y <package>-<version>`: "
                                                 "`yum install " +
                                                     u.word.value + "`");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3033, drydock::rules::rule_meta, drydock::rules::YumPinVersions)
