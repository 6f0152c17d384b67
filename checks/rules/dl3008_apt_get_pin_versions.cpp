// DL3008: `apt-get install` of a package without a pinned version.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3008",
    .name = "apt-get-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Pin versions in apt-get install",
    .docs =
        {.what =
             "Reports each package of an `apt-get install` that has no `=version`, in every command a "
             "`RUN` runs: the shell-form command line, heredoc bodies read by a shell, exec form, `ONBUILD "
             "RUN`, and behind wrappers such as `sudo` or `env`. Not reported: `.deb` files and paths "
             "(anything with a `/`, which also covers `package/release`), the value of `-t` / "
             "`--target-release` and of apt-get's other value-taking options (`-o`, `-c`, `-a`, `-P`), and "
             "packages given by a variable (`$PACKAGES`), whose value is not known statically.",
         .why =
             "Without a version, `apt-get install` takes whatever the archive offers on the day of the "
             "build: two builds of the same Dockerfile get different software, and an update can break the "
             "image with no change to the Dockerfile. Pinned versions make the build repeatable and changes "
             "visible in review.\n\n"
             "Pins do rot: Debian and Ubuntu archives drop old versions, so a pinned build fails once its "
             "version is gone. Pair pins with a snapshot mirror or a regular update, or switch the rule off "
             "where that trade-off is not worth it.",
         .bad = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
         .good = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends "
                 "curl=7.88.1-10+deb12u8\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3008\n"
                       "https://docs.docker.com/build/building/best-practices/#apt-get"},
};

class AptGetPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<std::vector<shell::Word>> packages =
                apt_get_install_packages(command.command);
            if (!packages)
                continue;
            for (const shell::Word& package : *packages) {
                if (package.dynamic || package.value.empty() || apt_package_pinned(package.value))
                    continue;
                context.report(package.range,
                               "Pin versions in apt get install. Instead of `apt-get install " +
                                   package.value + "` use `apt-get install " + package.value + "=<version>`");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3008, drydock::rules::rule_meta, drydock::rules::AptGetPinVersions)
