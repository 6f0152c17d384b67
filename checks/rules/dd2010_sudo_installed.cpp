// DD2010: sudo installed into the image.

#include "installed_packages.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD2010",
    .name = "sudo-installed",
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Do not install sudo in an image",
    .docs = {.what = "Reports `sudo` (also Debian's `sudo-ldap`) installed by a package manager: `apt-get`/"
                     "`apt`/`aptitude install`, `apk add`, `yum`/`dnf`/`microdnf install`, `zypper install`. "
                     "Running `sudo` in a `RUN` is DL3004's. Commands in the RUN's command line, heredoc "
                     "bodies read by a shell, exec form and `ONBUILD RUN` are checked.",
             .why = "A container's user is set by `USER` at build time and by the runtime (`docker run "
                    "--user`, a pod's `securityContext`); `sudo` adds a setuid-root program and, to be of "
                    "use, a sudoers rule that lets the unprivileged user become root again — which undoes "
                    "running as a non-root user, the reason for the `USER` line. Run the steps that need "
                    "root before switching `USER`, and use `gosu` or `su-exec` when an entrypoint must drop "
                    "privileges.",
             .bad =
                 "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends sudo \\\n"
                 "    && rm -rf /var/lib/apt/lists/*\nUSER app\n",
             .good =
                 "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gosu \\\n"
                 "    && rm -rf /var/lib/apt/lists/*\nUSER app\n",
             .references = "https://docs.docker.com/build/building/best-practices/#user\n"
                           "https://github.com/tianon/gosu"},
};

class SudoInstalled final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& run : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(run.command);
            if (!pc)
                continue;
            for (const InstalledPackage& package : installed_packages(*pc)) {
                if (package.name == "sudo" || package.name == "sudo-ldap")
                    context.report(package.word.range,
                                   "`" + pc->label() + " " + package.word.value +
                                       "` installs sudo: switch users with `USER`, and use gosu or "
                                       "su-exec when an entrypoint must drop privileges");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2010, drydock::rules::rule_meta, drydock::rules::SudoInstalled)
