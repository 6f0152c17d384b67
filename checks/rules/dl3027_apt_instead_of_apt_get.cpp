// DL3027: `apt` in RUN instead of apt-get / apt-cache.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <drydock/checks/linter.hpp>
#include <drydock/fixers/text_edits.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3027",
    .name = "apt-instead-of-apt-get",
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .fix = FixAvailability::Sometimes,
    .summary = "Do not use apt as it is meant to be a end-user tool, use apt-get or apt-cache instead",
    .docs =
        {.what =
             "Reports every `apt` command a `RUN` runs (the program `apt`, also as `/usr/bin/apt` or behind "
             "`sudo`/`env`), in shell-form commands, heredoc bodies, exec form and `ONBUILD RUN`. `apt-get`, "
             "`apt-cache`, `apt-key` and `apt-mark` are different programs and are not reported, nor is "
             "the word `apt` as an argument (`echo apt`).",
         .why = "`apt` is the interactive front end: its output (progress bars, colours, columns) and "
                "behaviour may change between releases, and it warns that it \"does not have a stable CLI "
                "interface\" when used in scripts. `apt-get` and `apt-cache` keep their interface stable for "
                "scripts: `apt install` becomes `apt-get install`, `apt search`/`apt show` become "
                "`apt-cache search`/`apt-cache show`.",
         .bad = "FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl\n",
         .good = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
         .fix_safety =
             "Safe for the subcommands that apt-get runs the same way: `install`, `remove`, `purge`, "
             "`update`, `dist-upgrade`, `autoremove`, `clean` and `autoclean`. `apt` becomes `apt-get` (a "
             "path such as `/usr/bin/apt` keeps its folder); the rest of the command stays. One difference "
             "remains: apt deletes the `.deb` files it downloaded, apt-get keeps them in "
             "`/var/cache/apt/archives` (the official Debian and Ubuntu images delete them anyway, through "
             "`/etc/apt/apt.conf.d/docker-clean`).\n\n"
             "Unsafe for `upgrade`: `apt upgrade` also installs the new packages that upgrades depend on, "
             "`apt-get upgrade` keeps such upgrades back. No fix for the subcommands that apt-get does not "
             "have (`list`, `search`, `show`, …) or spells differently (`full-upgrade`, `reinstall`). No fix "
             "either for an `install` that, as `apt-get install`, would be reported by a rule that is "
             "enabled and only reads apt-get: DL3008 (a package without a pinned version), DL3014 (the "
             "command says no to `-y`) or DL3015 (it asks for recommends, or adding "
             "`--no-install-recommends` would be unsafe). The fix would trade this finding for one that no "
             "safe fix removes.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3027\n"
                       "https://manpages.debian.org/bookworm/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_"
                       "FROM_OTHER_APT_TOOLS"},
};

// The apt-get or apt-cache command that does what `apt SUBCOMMAND` does, when there is one.
std::string equivalent(std::string_view sub) {
    static constexpr std::array<std::string_view, 16> apt_get = {
        "update", "upgrade",   "install",  "remove",    "purge",   "autoremove", "source",    "build-dep",
        "clean",  "autoclean", "download", "changelog", "satisfy", "check",      "distclean", "autopurge"};
    static constexpr std::array<std::string_view, 7> apt_cache = {"search",   "show",    "policy", "depends",
                                                                  "rdepends", "showsrc", "showpkg"};
    if (std::find(apt_get.begin(), apt_get.end(), sub) != apt_get.end())
        return "apt-get " + std::string(sub);
    if (sub == "full-upgrade")
        return "apt-get dist-upgrade";
    if (sub == "reinstall")
        return "apt-get install --reinstall";
    if (std::find(apt_cache.begin(), apt_cache.end(), sub) != apt_cache.end())
        return "apt-cache " + std::string(sub);
    return {};
}

// Whether the rule with this code runs under the configuration.
bool enabled(const Context& context, std::string_view code) {
    const RuleEntry* entry = find_rule(code);
    return entry && effective_severity(*entry->meta, context.config()).has_value();
}

// Whether `apt install …` can become `apt-get install …` without raising a finding of the rules that only
// read apt-get (DL3008, DL3014, DL3015) that no safe fix removes in turn. `certificates` is
// relies_on_recommended_certificates(commands), filled on first use (once per RUN, however many installs).
bool install_converts_cleanly(const Context& context, const RunCommands& commands, const RunCommand& command,
                              const PackageCommand& pc, std::optional<bool>& certificates) {
    if (enabled(context, "DL3008")) {
        shell::Command converted = command.command;
        converted.words.front().value = "apt-get";
        const std::vector<shell::Word> packages =
            apt_get_install_packages(converted).value_or(std::vector<shell::Word>{});
        for (const shell::Word& package : packages)
            if (!package.dynamic && !package.value.empty() && !apt_package_pinned(package.value))
                return false;
    }
    if (enabled(context, "DL3014") && apt_refuses_yes(pc))
        return false;
    if (enabled(context, "DL3015") && !apt_recommends_off(pc).value_or(false)) {
        if (apt_wants_recommends(context, commands, command, pc))
            return false;
        if (!certificates)
            certificates = relies_on_recommended_certificates(commands);
        if (*certificates)
            return false;
    }
    return true;
}

// `apt` -> `apt-get`: `-get` inserted after the program word's `apt` (`/usr/bin/apt`, `"apt"` in exec form).
std::optional<Fix> apt_get_fix(const Context& context, const RunCommands& commands, const RunCommand& command,
                               const PackageCommand& pc, std::optional<bool>& certificates) {
    constexpr std::array<std::string_view, 8> same_in_apt_get = {
        "install", "remove", "purge", "update", "dist-upgrade", "autoremove", "clean", "autoclean"};
    const std::string_view sub = pc.subcommand();
    Applicability applicability = Applicability::Safe;
    if (sub == "upgrade")
        applicability = Applicability::Unsafe; // apt-get keeps back upgrades that need new packages
    else if (std::find(same_in_apt_get.begin(), same_in_apt_get.end(), sub) == same_in_apt_get.end())
        return std::nullopt;
    if (sub == "install" && !install_converts_cleanly(context, commands, command, pc, certificates))
        return std::nullopt;
    const shell::Word& program = command.command.words.front();
    const std::string_view raw = context.text(program.range);
    const std::size_t at = raw.rfind("apt");
    if (at == std::string_view::npos || raw.substr(at + 3).find_first_not_of("\"'") != std::string_view::npos)
        return std::nullopt; // spelled in a way that a plain insertion would not keep
    const std::string title = applicability == Applicability::Safe
                                  ? "Replace apt with apt-get"
                                  : "Replace apt with apt-get (apt-get upgrade keeps back upgrades that need "
                                    "new packages)";
    return Fix{
        title, {insert_at(program.range.begin + static_cast<TextSize>(at) + 3, "-get")}, applicability};
}

class AptInsteadOfAptGet final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        std::optional<bool> certificates; // see install_converts_cleanly
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Apt)
                continue;
            std::string message =
                "Do not use apt as it is meant to be a end-user tool, use apt-get or apt-cache instead";
            const std::string replacement = equivalent(pc->subcommand());
            if (!replacement.empty())
                message += ": `" + pc->label() + "` is `" + replacement + "`";
            context.report(command.command.words.front().range, message,
                           apt_get_fix(context, commands, command, *pc, certificates));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3027, drydock::rules::rule_meta, drydock::rules::AptInsteadOfAptGet)
