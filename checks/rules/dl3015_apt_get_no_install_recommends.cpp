// DL3015: `apt-get install` without `--no-install-recommends`.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3015",
    .name = "apt-get-no-install-recommends",
    .severity = Severity::Info,
    .category = Category::ImageSize,
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
             .references = "https://github.com/hadolint/hadolint/wiki/DL3015\n"
                           "https://docs.docker.com/build/building/best-practices/#apt-get"},
};

// Whether the command's own options decide, the last one winning as in apt-get: true = recommends off,
// false = explicitly on, nullopt = not said.
std::optional<bool> recommends_off_by_options(const PackageCommand& pc) {
    std::optional<bool> off;
    for (const CommandOption& o : pc.options) {
        if (o.name == "no-install-recommends") {
            off = !o.value || boolean_value(*o.value).value_or(true);
        } else if (o.name == "install-recommends") {
            off = o.value && !boolean_value(*o.value).value_or(true);
        } else if ((o.name == "o" || o.name == "option") && o.value) {
            constexpr std::string_view key = "apt::install-recommends=";
            std::string lowered = *o.value;
            for (char& c : lowered)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lowered.starts_with(key))
                if (const std::optional<bool> b =
                        boolean_value(std::string_view(*o.value).substr(key.size())))
                    off = !*b;
        }
    }
    return off;
}

class AptGetNoInstallRecommends final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands commands(context.file(), ins);
        for (const RunCommand& command : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(command.command);
            if (!pc || pc->manager != PackageManager::AptGet || pc->subcommand() != "install" ||
                apt_simulates(*pc))
                continue;
            const std::optional<bool> off = recommends_off_by_options(*pc);
            if (off.value_or(false))
                continue;
            if (!off) {
                const std::optional<std::string> conf =
                    apt_conf_value(context, commands, &command, "APT::Install-Recommends");
                if (conf && !boolean_value(*conf).value_or(true))
                    continue;
            }
            context.report(pc->head(), "Avoid additional packages by specifying `--no-install-recommends`");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3015, drydock::rules::rule_meta, drydock::rules::AptGetNoInstallRecommends)
