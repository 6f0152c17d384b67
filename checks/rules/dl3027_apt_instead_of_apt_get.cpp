// DL3027: `apt` in RUN instead of apt-get / apt-cache.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

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

class AptInsteadOfAptGet final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands commands(context.file(), ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Apt)
                continue;
            std::string message =
                "Do not use apt as it is meant to be a end-user tool, use apt-get or apt-cache instead";
            const std::string replacement = equivalent(pc->subcommand());
            if (!replacement.empty())
                message += ": `" + pc->label() + "` is `" + replacement + "`";
            context.report(command.command.words.front().range, message);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3027, drydock::rules::rule_meta, drydock::rules::AptInsteadOfAptGet)
