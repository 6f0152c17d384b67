// DL3032: `yum install` without `yum clean all` afterwards in the same RUN.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3032",
    .name = "yum-clean-all-missing",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
    .summary = "`yum clean all` missing after yum command",
    .docs =
        {.what =
             "Reports a yum command that downloads packages (`install`, `groupinstall`, `localinstall`, "
             "`reinstall`, `update`/`upgrade`, `downgrade`, `distro-sync`, `group install`, `module "
             "install`) when the same `RUN` does not clean the cache after it: `yum clean all` (or `dnf "
             "clean all`, which on current distributions is the same program), or removing the cache "
             "folder (`rm -rf /var/cache/yum`, `/var/cache/dnf` — where yum 4 keeps it — or their "
             "contents). A cleanup that runs before the install does not count. Not reported when a "
             "`--mount=type=cache` or `--mount=type=tmpfs` of the `RUN` has its target at one of those "
             "folders or an ancestor. Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are "
             "checked.",
         .why = "yum keeps the repository metadata and the downloaded packages under `/var/cache/yum` "
                "(`/var/cache/dnf` with yum 4). Left in the layer, they add tens to hundreds of megabytes "
                "that nothing needs at run time; cleaned in a later `RUN`, they still take space in the "
                "earlier layer.",
         .bad = "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
         .good = "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
         .fix_safety =
             "Safe: `yum clean all` is appended to the end of the script that runs the last yum download of "
             "the `RUN`: ` && yum clean all` at the end of the command line (on a new continuation line in "
             "the file's own style when the `RUN` spans lines), or a new last line of a heredoc body. It "
             "runs after every yum command of the script and only removes what yum can download again: a "
             "later `RUN` that installs fetches fresh metadata by itself. No fix when the script ends in the "
             "background, with `;`, inside `if`/`for`/a subshell or with `exit`, in exec form, or when yum "
             "runs through `sudo`/`doas` (the `RUN` then runs as a user that could not clean the cache).",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3032\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

class YumCleanAllMissing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const auto downloads = [](const RunCommand& c) {
            const std::optional<PackageCommand> pc = read_package_command(c.command);
            return pc && pc->manager == PackageManager::Yum && rpm_downloads(*pc);
        };
        const std::optional<MissingCleanup> missing =
            find_missing_cleanup(ins, context, commands, downloads, PackageManager::Yum);
        if (!missing)
            return;
        const std::optional<PackageCommand> pc = read_package_command(missing->install->command);
        context.report(
            pc->head(),
            "`yum clean all` missing after yum command: `" + pc->label() +
                "` is not followed by `yum clean all` in the same RUN",
            append_cleanup(context.file(), ins, missing->uses, "yum clean all", "Append yum clean all"));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3032, drydock::rules::rule_meta, drydock::rules::YumCleanAllMissing)
