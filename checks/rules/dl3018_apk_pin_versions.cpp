// DL3018: `apk add` of a package without a version constraint.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3018",
    .name = "apk-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`",
    .docs =
        {.what =
             "Reports each package of an `apk add` that has no version constraint: `=` (`curl=8.5.0-r0`), "
             "`~` (`curl~8.5`, a fuzzy pin), `>`, `<` (`curl>8`, `curl<=9`). Not reported: `.apk` files and "
             "paths (anything with a `/`), negated names (`!pyc`), provider names (`so:libssl.so.3`, "
             "`cmd:bash`, `pc:zlib`: they name a library or command, not a package), packages given by a "
             "variable "
             "(`$PACKAGES`, whose value is not known statically), and the values of apk's value-taking "
             "options, whether before or after `add`: `-t`/`--virtual` (the name of a virtual package), "
             "`-X`/`--repository`, `-p`/`--root`, `--arch`, `--cache-dir`, `--keys-dir`, "
             "`--repositories-file`. Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are "
             "checked.",
         .why = "Without a version, `apk add` installs whatever the repository holds on the day of the "
                "build: two builds of the same Dockerfile get different software, and a new package can "
                "break the image with no change in review. Alpine keeps only the current version of each "
                "package per release branch, so pin with `~` to a minor version (`curl~8.5`) where exact "
                "pins rot too quickly.",
         .bad = "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
         .good = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3018\n"
                       "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage"},
};

bool is_pinned_or_exempt(const shell::Word& package) {
    const std::string& v = package.value;
    return package.dynamic || v.empty() || v.find_first_of("=~<>/:") != std::string::npos ||
           v.ends_with(".apk") || v.starts_with('!');
}

class ApkPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::Apk || pc->subcommand() != "add")
                continue;
            for (const shell::Word& package : pc->operands_after(1)) {
                if (is_pinned_or_exempt(package))
                    continue;
                context.report(package.range, "Pin versions in apk add. Instead of `apk add " +
                                                  package.value + "` use `apk add " + package.value +
                                                  "=<version>`");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3018, drydock::rules::rule_meta, drydock::rules::ApkPinVersions)
