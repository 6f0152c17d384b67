// DL3040: `dnf install` / `microdnf install` without `dnf clean all` afterwards in the same RUN.

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
    .code = "DL3040",
    .name = "dnf-clean-all-missing",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
    .summary = "`dnf clean all` missing after dnf command",
    .docs =
        {.what =
             "Reports a `dnf` (also `dnf5`) or `microdnf` command that downloads packages (`install`, "
             "`groupinstall`, `localinstall`, `reinstall`, `update`/`upgrade`, `downgrade`, `distro-sync`, "
             "`group install`, `module install`) when the same `RUN` does not clean the cache after it: "
             "`dnf clean all` / `microdnf clean all` (`yum clean all` counts too), or removing a cache "
             "folder (`rm -rf /var/cache/dnf`, `/var/cache/libdnf5*` — dnf 5's — `/var/cache/yum`, or their "
             "contents). A cleanup that runs before the install does not count. Not reported when a "
             "`--mount=type=cache` or `--mount=type=tmpfs` of the `RUN` has its target at one of those "
             "folders or an ancestor. Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are "
             "checked.",
         .why = "dnf keeps the repository metadata and the downloaded packages under `/var/cache/dnf` "
                "(`/var/cache/libdnf5` with dnf 5). Left in the layer, they add tens to hundreds of "
                "megabytes that nothing needs at run time; cleaned in a later `RUN`, they still take space "
                "in the earlier layer.",
         .bad = "FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n",
         .good = "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
         .fix_safety =
             "Safe: `dnf clean all` (`microdnf clean all`, `dnf5 clean all`: the program of the last "
             "download) is appended to the end of the script that runs the last download of the `RUN`: ` && "
             "dnf clean all` at the end of the command line (on a new continuation line in the file's own "
             "style when the `RUN` spans lines), or a new last line of a heredoc body. It runs after every "
             "dnf command of the script and only removes what dnf can download again: a later `RUN` that "
             "installs fetches fresh metadata by itself. No fix when the script ends in the background, with "
             "`;`, inside `if`/`for`/a subshell or with `exit`, in exec form, or when dnf runs through "
             "`sudo`/`doas` (the `RUN` then runs as a user that could not clean the cache).",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3040\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

class DnfCleanAllMissing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const auto downloads = [](const RunCommand& c) {
            const std::optional<PackageCommand> pc = read_package_command(c.command);
            return pc && (pc->manager == PackageManager::Dnf || pc->manager == PackageManager::Microdnf) &&
                   rpm_downloads(*pc);
        };
        const std::optional<MissingCleanup> missing =
            find_missing_cleanup(ins, context, commands, downloads, PackageManager::Dnf);
        if (!missing)
            return;
        // The cleanup is done by the program of the last download (`microdnf clean all` where microdnf is the
        // one installed).
        const std::string cleanup = std::string(missing->uses.back()->command.name()) + " clean all";
        const std::optional<PackageCommand> pc = read_package_command(missing->install->command);
        const std::string program(missing->install->command.name());
        context.report(pc->head(),
                       "`" + program + " clean all` missing after " + program + " command: `" + pc->label() +
                           "` is not followed by `" + program + " clean all` in the same RUN",
                       append_cleanup(context.file(), ins, missing->uses, cleanup, "Append " + cleanup));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3040, drydock::rules::rule_meta, drydock::rules::DnfCleanAllMissing)
