// DL3036: `zypper install` without `zypper clean` afterwards in the same RUN.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3036",
    .name = "zypper-clean-missing",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
    .summary = "`zypper clean` missing after zypper use",
    .docs =
        {.what =
             "Reports a zypper command that downloads packages (`install`/`in`, `update`/`up`, `patch`, "
             "`dist-upgrade`/`dup`, `install-new-recommends`/`inr`) when the same `RUN` does not clean the "
             "cache after it: `zypper clean` or `zypper cc` (with any options, such as `-a`), or removing "
             "`/var/cache/zypp` or its contents. A cleanup that runs before the install does not count. "
             "Not reported when a `--mount=type=cache` or `--mount=type=tmpfs` of the `RUN` has its target "
             "at `/var/cache/zypp` or an ancestor. Shell-form commands, heredoc bodies, exec form and "
             "`ONBUILD RUN` are checked.",
         .why = "zypper keeps repository metadata and downloaded packages under `/var/cache/zypp`. Left in "
                "the layer, they add megabytes that nothing needs at run time; cleaned in a later `RUN`, "
                "they still take space in the earlier layer.",
         .bad = "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0\n",
         .good = "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3036\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

class ZypperCleanMissing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands commands(context.file(), ins);
        const RunCommand* install = first_not_cleaned_up(
            commands_in_run_order(ins, commands),
            [](const RunCommand& c) {
                const std::optional<PackageCommand> pc = read_package_command(c.command);
                return pc && pc->manager == PackageManager::Zypper && zypper_downloads(*pc);
            },
            [](const RunCommand& c) { return cleans_cache(c.command, PackageManager::Zypper); });
        if (!install)
            return;
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (std::string_view dir : cache_directories(PackageManager::Zypper))
            if (has_cache_mount(ins, scope, dir))
                return;
        const std::optional<PackageCommand> pc = read_package_command(install->command);
        context.report(pc->head(), "`zypper clean` missing after zypper use: `" + pc->label() +
                                       "` is not followed by `zypper clean` in the same RUN");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3036, drydock::rules::rule_meta, drydock::rules::ZypperCleanMissing)
