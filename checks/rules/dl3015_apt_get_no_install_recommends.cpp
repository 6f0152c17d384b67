// DL3015: `apt-get install` without `--no-install-recommends`.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3015",
    .name = "apt-get-no-install-recommends",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
    .summary = "Avoid additional packages by specifying `--no-install-recommends`",
    .docs = {.what =
                 "Reports an `apt-get install` that installs recommended packages: it has no "
                 "`--no-install-recommends` (nor `--install-recommends=false`) and no "
                 "`-o APT::Install-Recommends=false` (`0`, `no` and `off` count too; the option name is "
                 "case-insensitive, the value may be attached: `-oAPT::Install-Recommends=0`). Not reported "
                 "either when `APT::Install-Recommends \"false\";` was written into `/etc/apt/apt.conf` or "
                 "`/etc/apt/apt.conf.d/` by `echo`/`printf` (redirected or piped into `tee`) earlier in the "
                 "stage, in a stage it builds on, or earlier in the same `RUN`; nor for a simulation (`-s`). "
                 "Shell-form commands, heredoc bodies, exec form and `ONBUILD RUN` are checked.",
             .why =
                 "By default apt-get also installs every package the requested ones recommend: "
                 "documentation, optional tools, sometimes whole desktop libraries. They make the image "
                 "larger, add attack surface and slow down builds and pulls, while the image needs none of "
                 "them. Recommends that are really needed can be listed explicitly.",
             .bad = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
             .good =
                 "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
             .fix_safety =
                 "Safe: `--no-install-recommends` is inserted right after `install`, or after a `-y` that "
                 "directly follows it (`install -y --no-install-recommends`; a JSON element in exec form). "
                 "The requested packages and everything they depend on are still installed; only the "
                 "packages they merely recommend are left out. Rarely, the image relied on a recommended "
                 "package without naming it; name such packages in the install. The usual one is "
                 "`ca-certificates`, which `curl`, `wget` and `git` only recommend: without it their HTTPS "
                 "downloads fail certificate checks. So when the `RUN` installs one of them and no install "
                 "of that `RUN` names `ca-certificates`, the fix is unsafe (the base image may or may not "
                 "have the certificates). No fix when recommends were turned on explicitly "
                 "(`--install-recommends`, `-o APT::Install-Recommends=true`, or `APT::Install-Recommends "
                 "\"true\";` written into apt's configuration): that is the author's choice.",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3015\n"
                           "https://docs.docker.com/build/building/best-practices/#apt-get"},
};

// Where `--no-install-recommends` goes: right after `install`, or after a `-y` right behind it, which gives
// `install -y --no-install-recommends`, the order Docker's documentation and most Dockerfiles use.
const shell::Word& insertion_word(const shell::Command& command, const shell::Word& install) {
    const std::vector<shell::Word>& words = command.words;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i].range != install.range)
            continue;
        const std::string& next = words[i + 1].value;
        if (next == "-y" || next == "--yes" || next == "--assume-yes")
            return words[i + 1];
        break;
    }
    return install;
}

class AptGetNoInstallRecommends final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        std::optional<bool> certificates; // relies_on_recommended_certificates, read once per RUN if needed
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::AptGet || pc->subcommand() != "install" ||
                apt_simulates(*pc))
                continue;
            const std::optional<bool> off = apt_recommends_off(*pc);
            if (off.value_or(false))
                continue;
            if (!off) {
                const std::optional<std::string> conf =
                    apt_conf_value(context, commands, &command, "APT::Install-Recommends");
                if (conf && !boolean_value(*conf).value_or(true))
                    continue;
            }
            std::optional<Fix> fix;
            if (!apt_wants_recommends(context, commands, command, *pc)) {
                fix = insert_option(command, insertion_word(command.command, pc->operands.front()),
                                    "--no-install-recommends", "Add --no-install-recommends");
                if (!certificates)
                    certificates = relies_on_recommended_certificates(commands);
                if (*certificates) {
                    fix->title += " (HTTPS may then lack the recommended ca-certificates)";
                    fix->applicability = Applicability::Unsafe;
                }
            }
            context.report(pc->head(), "Avoid additional packages by specifying `--no-install-recommends`",
                           std::move(fix));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3015, drydock::rules::rule_meta, drydock::rules::AptGetNoInstallRecommends)
