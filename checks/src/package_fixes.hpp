#pragma once
// Fixes of the OS package-manager rules (DL3009, DL3014, DL3015, DL3019, DL3027, DL3030, DL3032, DL3034,
// DL3036, DL3038, DL3040): a missing option inserted next to the subcommand, a cache cleanup appended to the
// end of a RUN's script, and the preconditions they share.

#include "package_managers.hpp"
#include "shell_queries.hpp"

#include <drydock/checks/rule.hpp>
#include <drydock/fixers/fix.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// Inserts `option` (a plain word such as `-y`) as a new argument right after `word` of `command`: ` -y` in
// shell text, `, "-y"` in an exec-form array.
Fix insert_option(const RunCommand& command, const shell::Word& word, std::string_view option,
                  std::string title);

// Whether `command` is written behind `sudo` or `doas`: the RUN then runs as another user, and a cleanup
// appended without them would fail for lack of permission.
bool runs_through_sudo(const RunCommand& command);

// Appends `cleanup` (`yum clean all`) to the end of the script of `run` that runs the last of `uses` (in run
// order, see commands_in_run_order): ` && cleanup` at the end of the command line, on a new continuation line
// in the file's own style when the RUN spans lines, or a new last line of a heredoc body. It then runs after
// every command that fills or reads the cache. nullopt when that is not possible without changing what runs:
// exec form, a script that ends in the background, with `;`, inside `if`/`for`/a subshell or with `exit`, or
// a use written behind `sudo`/`doas`.
std::optional<Fix> append_cleanup(const Dockerfile& file, const Instruction& run,
                                  const std::vector<const RunCommand*>& uses, std::string_view cleanup,
                                  std::string title, Applicability applicability = Applicability::Safe);

// Whether apt-get's own options answer the confirmation prompt with no (`--assume-no`, `--yes=no`,
// `-o APT::Get::Assume-Yes=false`): a `-y` added next to `install` might not win over them.
bool apt_refuses_yes(const PackageCommand& command);

// Whether a yum/dnf/microdnf command answers its prompt with no by itself (`--assumeno`,
// `--setopt=assumeyes=0`): a `-y` added next to the subcommand might not win over that.
bool rpm_refuses_yes(const PackageCommand& command);

// Whether the author turned apt's recommends on explicitly for `command`: `--install-recommends`,
// `-o APT::Install-Recommends=true`, or `APT::Install-Recommends "true";` written into apt's configuration
// earlier (apt_conf_value). `--no-install-recommends` is not added against that.
bool apt_wants_recommends(const Context& context, const RunCommands& commands, const RunCommand& command,
                          const PackageCommand& package_command);

// Whether an apt-get or apt install of the RUN installs a program that speaks HTTPS with the certificates it
// only recommends (`curl`, `wget` and `git` recommend `ca-certificates`), while no install of the RUN names
// `ca-certificates`: `--no-install-recommends` would then leave the program without certificates, unless the
// base image has them.
bool relies_on_recommended_certificates(const RunCommands& commands);

// A RUN whose package downloads are not followed by a cleanup of `cleaner`'s cache (DL3032, DL3036, DL3040).
struct MissingCleanup {
    const RunCommand* install = nullptr; // the first download no cleanup follows
    std::vector<const RunCommand*> uses; // every download, in run order: the cleanup goes after the last
};

// nullopt when every download is cleaned up after, or a cache/tmpfs mount covers the cache.
std::optional<MissingCleanup> find_missing_cleanup(const Instruction& run, const Context& context,
                                                   const RunCommands& commands,
                                                   const std::function<bool(const RunCommand&)>& downloads,
                                                   PackageManager cleaner);

} // namespace drydock::rules
