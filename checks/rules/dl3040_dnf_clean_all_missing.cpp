// DL3040: `dnf install` / `microdnf install` without `dnf clean all` afterwards in the same RUN.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3040",
    .name = "dnf-clean-all-missing",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
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
         .references = "https://github.com/hadolint/hadolint/wiki/DL3040\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

class DnfCleanAllMissing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands commands(context.file(), ins);
        const RunCommand* install = first_not_cleaned_up(
            commands_in_run_order(ins, commands),
            [](const RunCommand& c) {
                const std::optional<PackageCommand> pc = read_package_command(c.command);
                return pc &&
                       (pc->manager == PackageManager::Dnf || pc->manager == PackageManager::Microdnf) &&
                       rpm_downloads(*pc);
            },
            [](const RunCommand& c) { return cleans_cache(c.command, PackageManager::Dnf); });
        if (!install)
            return;
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (std::string_view dir : cache_directories(PackageManager::Dnf))
            if (has_cache_mount(ins, scope, dir))
                return;
        const std::optional<PackageCommand> pc = read_package_command(install->command);
        const std::string program(install->command.name());
        context.report(pc->head(), "`" + program + " clean all` missing after " + program + " command: `" +
                                       pc->label() + "` is not followed by `" + program +
                                       " clean all` in the same RUN");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3040, drydock::rules::rule_meta, drydock::rules::DnfCleanAllMissing)
