// DD2009: an SSH server in the image (installed by a package manager, or port 22 exposed).

#include "installed_packages.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

// Trivy's and Checkov's ids for `EXPOSE 22`, dockerfile_lint's key for installing ssh.
constexpr std::array<std::string_view, 3> aliases{"DS-0004", "CKV_DOCKER_1", "installing_ssh"};

constexpr RuleMeta rule_meta{
    .code = "DD2009",
    .name = "ssh-server",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Do not run an SSH server in a container",
    .docs =
        {.what =
             "Reports an SSH server installed by a package manager — `openssh-server` (any manager), "
             "`dropbear`, Debian's `ssh` metapackage (apt), `openssh` on Alpine and openSUSE, where that "
             "package pulls in the server — and `EXPOSE 22` (also a port range that contains 22, TCP). "
             "Clients (`openssh-client`, `openssh-clients`) are fine. Commands in the RUN's command line, "
             "heredoc bodies read by a shell, exec form and `ONBUILD` are checked.",
         .why = "An SSH daemon is one more network service with credentials to manage (host keys baked into "
                "the image are shared by every container started from it, passwords or authorized keys "
                "must be put somewhere), one more process for which the container has no supervisor, and "
                "a way in that bypasses the orchestrator's access control and audit. To get a shell in a "
                "running container use `docker exec` or `kubectl exec`; to copy files, `docker cp`.",
         .bad = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends "
                "openssh-server "
                "\\\n    && rm -rf /var/lib/apt/lists/*\nEXPOSE 22\n",
         .good = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends "
                 "openssh-client \\\n    && rm -rf /var/lib/apt/lists/*\n",
         .references = "https://docs.docker.com/reference/cli/docker/container/exec/\n"
                       "https://avd.aquasec.com/misconfig/dockerfile/general/avd-ds-0004/"},
};

// Whether package `name` of `manager` installs an SSH server.
bool is_ssh_server(PackageManager manager, std::string_view name) {
    if (name == "openssh-server" || name == "dropbear" || name == "dropbear-bin" ||
        name == "openssh-server-pam")
        return true;
    switch (manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
    case PackageManager::Aptitude:
        return name == "ssh"; // depends on openssh-server
    case PackageManager::Apk:
    case PackageManager::Zypper:
        return name == "openssh"; // Alpine's and openSUSE's `openssh` pull in the server
    default:
        return false;
    }
}

class SshServer final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Run, InstructionKind::Expose};
    }
    void check(const Instruction& ins, Context& context) override {
        if (ins.is(InstructionKind::Expose)) {
            for (const PortSpec& port : ins.ports) {
                const bool tcp = port.protocol.empty() || port.protocol == "tcp" || port.protocol == "TCP";
                if (!port.has_variables && tcp && port.start <= 22 && 22 <= port.end)
                    context.report(port.word.range, "Port 22 is SSH's: do not run an SSH server in a "
                                                    "container; use `docker exec` to get a shell");
            }
            return;
        }
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& run : commands.all()) {
            const std::optional<PackageCommand> pc = read_package_command(run.command);
            if (!pc)
                continue;
            for (const InstalledPackage& package : installed_packages(*pc)) {
                if (is_ssh_server(package.manager, package.name))
                    context.report(package.word.range, "`" + pc->label() + " " + package.word.value +
                                                           "` installs an SSH server: do not run one in a "
                                                           "container; use `docker exec` to get a shell");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2009, drydock::rules::rule_meta, drydock::rules::SshServer)
