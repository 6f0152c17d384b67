// DD2008: a whole-system package upgrade in RUN (`apt-get upgrade`, `apk upgrade`, `yum update`, …).

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

// Trivy's id, Semgrep's rule names, dockerfilelint's and dockerfile_lint's keys for the same check.
constexpr std::array<std::string_view, 9> aliases{
    "DS-0024",          "avoid-apt-get-upgrade", "avoid-apk-upgrade",
    "avoid-dnf-update", "avoid-yum-update",      "avoid-zypper-update",
    "apt-get-upgrade",  "apt-get-dist-upgrade",  "yum_update_all"};

constexpr RuleMeta rule_meta{
    .code = "DD2008",
    .name = "package-upgrade",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Do not upgrade every package of the base image in RUN",
    .docs = {.what =
                 "Reports a package-manager command that upgrades every installed package: `apt-get`/`apt` "
                 "`upgrade`, `dist-upgrade` and `full-upgrade` (aptitude: also `safe-upgrade`), `apk "
                 "upgrade`, `yum`/`dnf`/`microdnf` `update`, `upgrade`, `up`, `update-minimal`, "
                 "`upgrade-minimal` and `distro-sync`, `zypper update`/`up`. An upgrade that names the "
                 "packages to upgrade (`apk upgrade openssl`, `dnf upgrade openssl`) is targeted and not "
                 "reported, nor is a simulation (`apt-get -s upgrade`). `zypper dist-upgrade` is DL3035's "
                 "and `zypper patch` is not reported. Commands in the RUN's command line, heredoc bodies "
                 "read by a shell, exec form and `ONBUILD RUN` are checked.",
             .why = "The base image's tag says which packages the image is built on; an upgrade in the "
                    "Dockerfile replaces them with whatever the mirrors hold on the day of the build, so two "
                    "builds of the same Dockerfile differ, a broken update breaks the build, and the layer "
                    "grows by a second copy of every upgraded file. Many packages of a base image "
                    "(init systems, `libc`) are not meant to be upgraded inside an unprivileged container. "
                    "Get fixes by moving to a newer or rebuilt base image, or upgrade the one package that "
                    "needs it by name.",
             .bad =
                 "FROM debian:12\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n",
             .good = "FROM debian:12.7\nRUN apt-get update && apt-get install -y --only-upgrade openssl \\\n"
                     "    && rm -rf /var/lib/apt/lists/*\n",
             .references = "https://docs.docker.com/build/building/best-practices/#apt-get\n"
                           "https://avd.aquasec.com/misconfig/dockerfile/general/avd-ds-0024/"},
};

bool is_one_of(std::string_view value, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Whether the command is an upgrade of every installed package.
bool upgrades_everything(const PackageCommand& command) {
    const std::string_view sub = command.subcommand();
    bool upgrade = false;
    switch (command.manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
        upgrade = is_one_of(sub, {"upgrade", "dist-upgrade", "full-upgrade"}) && !apt_simulates(command);
        break;
    case PackageManager::Aptitude:
        upgrade = is_one_of(sub, {"upgrade", "safe-upgrade", "full-upgrade", "dist-upgrade"}) &&
                  !apt_simulates(command);
        break;
    case PackageManager::Apk:
        upgrade = sub == "upgrade";
        break;
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
        upgrade = is_one_of(sub, {"update", "upgrade", "up", "update-minimal", "upgrade-minimal",
                                  "distro-sync", "distrosync", "dsync"});
        break;
    case PackageManager::Zypper:
        upgrade = is_one_of(sub, {"update", "up"});
        break;
    }
    return upgrade && command.operands_after(1).empty();
}

class PackageUpgrade final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& run : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(run.command);
            if (!pc || !upgrades_everything(*pc))
                continue;
            context.report(pc->head(), "Do not upgrade every package with `" + pc->label() +
                                           "`: the image then depends on the day of the build; use a newer "
                                           "base image, or upgrade only the packages that need it by name");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2008, drydock::rules::rule_meta, drydock::rules::PackageUpgrade)
