#pragma once
// What the OS package-manager rules (apt-get/apt/aptitude, apk, yum, dnf/microdnf, zypper) ask about RUN
// commands, answered from the shell model: which package manager and subcommand a command runs; its options
// read the way that program's own parser reads them (combined short options such as `-qy`, attached and
// separate values, `-q=2`, `--`); the packages it names; whether it answers its prompts by itself; whether a
// package cache is removed after it in the same RUN or kept out of the layer by a cache/tmpfs mount; and
// which stages carry a directory into another image.

#include "shell_queries.hpp"

#include <drydock/checks/rule.hpp>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// ---- Commands in the order they run

// The commands of a RUN (RunCommands::all()) in the order they run: the command line's commands in source
// order, each heredoc body right after the command-line command that reads it (`RUN bash <<EOF && rm …`), and
// a heredoc that is the whole command (`RUN <<EOF`) in place of the empty command line. Pointers into
// `commands`.
std::vector<const RunCommand*> commands_in_run_order(const Instruction& run, const RunCommands& commands);

// ---- Package-manager commands

enum class PackageManager { AptGet, Apt, Aptitude, Apk, Yum, Dnf, Microdnf, Zypper };

// The package manager a program name runs: apt-get, apt, aptitude, apk, yum, dnf (also dnf5, dnf-3),
// microdnf, zypper.
std::optional<PackageManager> package_manager_of(std::string_view program);

// One option as the program reads it.
struct CommandOption {
    std::string name;                 // a letter ("y") or a long name ("assume-yes"), without dashes
    std::optional<std::string> value; // `-q=2`, `-oA=1`, `-o A=1`, `--option=A=1`, `--option A=1`
    bool is_long = false;
    std::size_t word = 0;            // index into Command::words of the word it is written in
    std::size_t operands_before = 0; // operands before it: 0 means before the subcommand
};

// A command of a package manager, with its options and operands separated.
struct PackageCommand {
    PackageManager manager = PackageManager::AptGet;
    const shell::Command* command = nullptr;
    std::vector<CommandOption> options;
    std::vector<shell::Word> operands; // the subcommand first; words after `--` included

    // The first operand (`install`), empty when there is none.
    std::string_view subcommand() const;
    // The operand after the subcommand (`install` in `dnf module install`), empty when there is none.
    std::string_view action() const;
    // Whether an option with one of these names (letters or long names) is given.
    bool has_option(std::initializer_list<std::string_view> names) const;
    // The last option with one of these names, or nullptr.
    const CommandOption* option(std::initializer_list<std::string_view> names) const;
    // Operands after the first `skip` operands (`skip` = 1: the packages of `apk add curl`).
    std::vector<shell::Word> operands_after(std::size_t skip) const;
    // From the program word to the subcommand (`apt-get -q install`), or to the `count`-th operand
    // (`dnf module install` for 2): where a missing option belongs.
    TextRange head(std::size_t count = 1) const;
    // `apt-get install` (the program and the subcommand, as a label for messages).
    std::string label() const;
};

// The command read as a package-manager command, or nullopt when its program is not one.
std::optional<PackageCommand> read_package_command(const shell::Command& command);

// Whether an option value means yes (`1`, `true`, `yes`, `on`, `with`, `enable`) or no (`0`, `false`, `no`,
// `off`, `without`, `disable`), case-insensitive, as apt and dnf read booleans. nullopt for anything else.
std::optional<bool> boolean_value(std::string_view value);

// `NAME=value` given to apt with `-o`/`--option` (NAME case-insensitive), or to dnf/yum with `--setopt`.
std::optional<std::string> config_option(const PackageCommand& command, std::string_view name);

// Whether the command answers its confirmation prompt by itself:
// * apt-get/apt/aptitude: `-y`, `--yes`, `--assume-yes` (also in clusters: `-qy`), quiet level 2 (`-qq`,
//   `-q -q`, `-q=2`, `--quiet=2`), `-o APT::Get::Assume-Yes=true`;
// * yum/dnf/microdnf: `-y`, `--assumeyes`, `--setopt=assumeyes=1`;
// * zypper: `-n`/`--non-interactive` before the subcommand, `--non-interactive`, `-y`/`--no-confirm`;
// * apk never asks.
bool answers_yes(const PackageCommand& command);

// Whether the command reads the output of `yes` (`yes | apt-get install curl`), which answers every prompt.
bool piped_from_yes(const RunCommands& commands, const RunCommand& command);

// For apt-get/apt: whether the command only simulates (`-s`, `--simulate`, `--dry-run`, `--just-print`,
// `--recon`, `--no-act`): it changes nothing and never asks.
bool apt_simulates(const PackageCommand& command);

// For apt-get/apt: what the command's own options say about recommended packages, the last one winning as in
// apt-get: true = off (`--no-install-recommends`, `--install-recommends=false`,
// `-o APT::Install-Recommends=0`), false = explicitly on (`--install-recommends`), nullopt = not said.
std::optional<bool> apt_recommends_off(const PackageCommand& command);

// Whether an `apt-get install` operand needs no pin: it carries a version (`curl=8.5.0-2`) or names a file
// (`./x.deb`, a path).
bool apt_package_pinned(std::string_view package);

// The value of an apt configuration option (`APT::Install-Recommends`, case-insensitive) that a RUN of the
// current stage, or of a stage it builds on, wrote into /etc/apt/apt.conf or /etc/apt/apt.conf.d/ before the
// current command, with `echo`/`printf` redirected (`> /etc/apt/apt.conf.d/99norecommends`) or piped into
// `tee`: `echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends`. The last write wins.
// `commands` are those of the RUN being checked and `before` the command the question is about: commands of
// that RUN written before it count too.
std::optional<std::string> apt_conf_value(const Context& context, const RunCommands& commands,
                                          const RunCommand* before, std::string_view option);

// Whether a package name carries a version the way rpm spells it: `name-version[-release]`, where the part
// after a `-` is made of letters, digits and `.~^_:+` and some part starts with a digit (`nginx-1.20.1`,
// `python3-devel-3.9.18-1.el9`); `.rpm` files count as pinned.
bool rpm_name_has_version(std::string_view package);

// The operands of a yum/dnf/microdnf/zypper package list that can carry a version at all: not given by a
// variable, not a path, URL or file (`/`), not a group, module or pattern (`@…`), not a capability
// (`pkgconfig(x)`), not a glob (`php-*`).
bool is_versionable_rpm_operand(const shell::Word& operand);

// What a yum/dnf/microdnf `install` names without a version: packages of `install` without
// `-version` (rpm_name_has_version; only is_versionable_rpm_operand() ones), and modules of `module install`
// without a `:stream`. Groups (`group install`, `groupinstall`) and `localinstall` files are not judged.
struct UnpinnedRpm {
    shell::Word word;
    bool module = false;
};
std::vector<UnpinnedRpm> unpinned_rpm_packages(const PackageCommand& command);

// Whether a yum/dnf/microdnf command installs packages: `install`, `groupinstall`, `localinstall`,
// `reinstall`, `group install`, `module install`.
bool rpm_installs(const PackageCommand& command);

// Whether a yum/dnf/microdnf command downloads packages into its cache: rpm_installs(), or an upgrade
// (`update`, `upgrade`, `downgrade`, `distro-sync`, `group upgrade`, `module update`, …).
bool rpm_downloads(const PackageCommand& command);

// Whether a zypper command downloads packages into its cache: `install`/`in`, `update`/`up`, `patch`,
// `dist-upgrade`/`dup`, `install-new-recommends`/`inr`.
bool zypper_downloads(const PackageCommand& command);

// ---- Cleaning a cache

// Whether `command` removes directory `dir` or everything in it: `rm` with an operand that is `dir`, one of
// its ancestors, `dir/*` or a glob matching one of those (`rm -rf /var/cache/libdnf5*`), or `find DIR …
// -delete` with DIR `dir` or an ancestor. Operands with variables are unknown and never count.
bool removes_directory(const shell::Command& command, std::string_view dir);

// The folders where a package manager keeps what a RUN should not leave in its layer: apt's package lists
// (/var/lib/apt/lists), apk's index and package cache (/var/cache/apk, /etc/apk/cache), the rpm managers'
// caches (/var/cache/yum, /var/cache/dnf, /var/cache/libdnf5: yum, dnf 4 and dnf 5 use different ones) and
// zypper's (/var/cache/zypp).
std::vector<std::string_view> cache_directories(PackageManager manager);

// Whether `command` empties the cache of `manager`: removing one of its cache_directories(), or its own
// command for it: `apt-get distclean` (apt's lists), `yum`/`dnf`/`microdnf clean all`, `zypper clean`/`cc`.
bool cleans_cache(const shell::Command& command, PackageManager manager);

// In run order (commands_in_run_order), the first command for which `is_use` holds and after which no command
// for which `is_cleanup` holds runs: the command a "clean up after X in the same RUN" rule reports. A cleanup
// that runs before the command does not count. nullptr when every use is cleaned up after.
template <class Use, class Cleanup>
const RunCommand* first_not_cleaned_up(const std::vector<const RunCommand*>& ordered, Use is_use,
                                       Cleanup is_cleanup) {
    // Uses first: most RUNs have none, and recognising a cleanup costs more than recognising a use.
    const auto first_use =
        std::find_if(ordered.begin(), ordered.end(), [&](const RunCommand* c) { return is_use(*c); });
    if (first_use == ordered.end())
        return nullptr;
    // Then the last cleanup at or after the first use, searched from the end; a cleanup before every use
    // cleans nothing.
    auto candidates = first_use;
    for (auto it = ordered.end(); it != first_use;) {
        --it;
        if (is_cleanup(**it)) {
            candidates = it + 1;
            break;
        }
    }
    const auto found =
        candidates == first_use
            ? first_use
            : std::find_if(candidates, ordered.end(), [&](const RunCommand* c) { return is_use(*c); });
    return found == ordered.end() ? nullptr : *found;
}

// Whether a `--mount=type=cache` or `--mount=type=tmpfs` of `run` (a RUN or an ONBUILD RUN) has its target at
// `dir` or at one of its ancestors, so that what is written there never reaches the layer. Variables in the
// mount are replaced by their defaults from `scope`; a mount whose target stays unknown does not count.
bool has_cache_mount(const Instruction& run, const std::vector<Variable>& scope, std::string_view dir);

// Whether path `ancestor` is `path` or one of its ancestors (both absolute; trailing `/` ignored).
bool path_covers(std::string_view ancestor, std::string_view path);

// ---- Stages whose files reach another image

// The stage that a `COPY --from` / `ADD --from` instruction copies out of (by name or number); nullopt for an
// image, an unknown name, or an instruction without `--from`.
std::optional<std::size_t> copy_source_stage(const Instruction& copy, const SemanticModel& model);

// Whether a COPY/ADD instruction copies `dir`, part of it, or an ancestor of it (such as `/`), read in its
// source's root. Sources given by a variable are unknown and do not count.
bool copies_directory(const Instruction& copy, std::string_view dir);

// For each stage, whether what it leaves in `dir` can end up in an image: true for the final stage, for a
// stage that a later `FROM` builds on, and for a stage that `COPY --from` / `ADD --from` copies `dir` (or an
// ancestor of it, such as `/`) out of.
std::vector<bool> stages_carrying(const Dockerfile& file, const SemanticModel& model, std::string_view dir);

} // namespace drydock::rules
