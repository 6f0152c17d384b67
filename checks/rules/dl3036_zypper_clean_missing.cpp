// DL3036: `zypper install` without `zypper clean` afterwards in the same RUN.

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
    .code = "DL3036",
    .name = "zypper-clean-missing",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
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
         .fix_safety =
             "Safe: `zypper clean` is appended to the end of the script that runs the last zypper download "
             "of the `RUN`: ` && zypper clean` at the end of the command line (on a new continuation line in "
             "the file's own style when the `RUN` spans lines), or a new last line of a heredoc body. It "
             "runs after every zypper command of the script and removes the downloaded packages, which "
             "zypper never reads again; the repository metadata stays, so a later `RUN` that installs works "
             "exactly as before (`zypper clean --all` also drops the metadata and can be written by hand). "
             "No fix when the script ends in the background, with `;`, inside `if`/`for`/a subshell or with "
             "`exit`, in exec form, or when zypper runs through `sudo`/`doas` (the `RUN` then runs as a user "
             "that could not clean the cache).",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3036\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

class ZypperCleanMissing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const auto downloads = [](const RunCommand& c) {
            const std::optional<PackageCommand> pc = read_package_command(c.command);
            return pc && pc->manager == PackageManager::Zypper && zypper_downloads(*pc);
        };
        const std::optional<MissingCleanup> missing =
            find_missing_cleanup(ins, context, commands, downloads, PackageManager::Zypper);
        if (!missing)
            return;
        const std::optional<PackageCommand> pc = read_package_command(missing->install->command);
        context.report(
            pc->head(),
            "`zypper clean` missing after zypper use: `" + pc->label() +
                "` is not followed by `zypper clean` in the same RUN",
            append_cleanup(context.file(), ins, missing->uses, "zypper clean", "Append zypper clean"));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3036, drydock::rules::rule_meta, drydock::rules::ZypperCleanMissing)
