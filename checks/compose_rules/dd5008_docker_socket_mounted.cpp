// DD5008: a service that mounts the Docker daemon's socket.

#include "compose_rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 2> aliases{"exposing-docker-socket-volume",         // Semgrep
                                                  "d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b"}; // KICS

constexpr RuleMeta rule_meta{
    .code = "DD5008",
    .name = "docker-socket-mounted",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Service mounts the Docker socket",
    .docs = {.what = "Reports a volume whose source is the Docker daemon's socket (`/var/run/docker.sock`, "
                     "`/run/docker.sock`, or any path ending in `docker.sock`), read-only or not.",
             .why =
                 "Whoever can talk to the Docker socket can start a privileged container that mounts the "
                 "host's root filesystem: the socket is root on the host. `:ro` does not help, since it only "
                 "stops the file from being replaced, not the API from being used. Reverse proxies and "
                 "monitoring agents that need container events can use a socket proxy that allows only "
                 "the read-only API calls they need.",
             .bad = "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n"
                    "      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
             .good = "services:\n  proxy:\n    image: traefik:v3.1\n    environment:\n"
                     "      DOCKER_HOST: tcp://socket-proxy:2375\n",
             .references = "https://docs.docker.com/engine/security/#docker-daemon-attack-surface\n"
                           "KICS: Docker Socket Mounted In Container (d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b); "
                           "Semgrep: exposing-docker-socket-volume"},
};

class DockerSocketMounted final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        for (const VolumeMount& mount : volume_mounts(context.file(), service)) {
            if (!mount.source.ends_with("docker.sock"))
                continue;
            context.report(context.yaml().node(mount.node).range,
                           "Service `" + service.name + "` mounts the Docker socket `" + mount.source +
                               "`: it can control the Docker daemon, which is root on the host");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5008, drydock::rules::rule_meta, drydock::rules::DockerSocketMounted)
