// DL3037: `zypper install` of a package without a version.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3037",
    .name = "zypper-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Specify version with `zypper install -y <package>=<version>`",
    .docs =
        {.what =
             "Reports each package of a `zypper install` (`zypper in`) that has no version constraint: "
             "`=`, `>=`, `>`, `<=`, `<` (`curl=8.6.0`, `'curl>=8'`). Not reported: `.rpm` files, paths and "
             "URLs (anything with a `/`), capabilities (`pkgconfig(glib-2.0)`), globs, packages given by a "
             "variable (`$PACKAGES`: the value is not known statically), the values of zypper's "
             "value-taking options (`--repo`, `--from`, `-C`, …), and installs of other kinds than packages "
             "(`-t pattern`, `-t patch`, `-t product`). Shell-form commands, heredoc bodies, exec form and "
             "`ONBUILD RUN` are checked.",
         .why = "Without a version, `zypper install` takes whatever the repositories offer on the day of "
                "the build: two builds of the same Dockerfile get different software, and an update can "
                "break the image with no change in review.",
         .bad = "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl && zypper clean\n",
         .good = "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3037\n"
                       "https://en.opensuse.org/SDB:Zypper_manual"},
};

bool is_pinned_or_exempt(const shell::Word& package) {
    const std::string& v = package.value;
    return !is_versionable_rpm_operand(package) || v.find_first_of("=<>") != std::string::npos ||
           v.ends_with(".rpm");
}

class ZypperPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Zypper ||
                (pc->subcommand() != "install" && pc->subcommand() != "in"))
                continue;
            const CommandOption* type = pc->option({"t", "type"});
            if (type && type->operands_before > 0 && type->value && *type->value != "package")
                continue;
            for (const shell::Word& package : pc->operands_after(1)) {
                if (is_pinned_or_exempt(package))
                    continue;
                context.report(package.range, "Specify version with `zypper install -y <package>=<version>`: "
                                              "`zypper install " +
                                                  package.value + "`");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3037, drydock::rules::rule_meta, drydock::rules::ZypperPinVersions)
