// DD5014 (info): a service publishes a container port that the Dockerfile it builds does not EXPOSE.

#include "compose_rule_support.hpp"

#include <algorithm>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD5014",
    .name = "published-port-not-exposed",
    .file_kind = FileKind::Compose,
    .severity = Severity::Info,
    .category = Category::Correctness,
    .summary = "Published container port is not one the built Dockerfile EXPOSEs",
    .docs =
        {.what =
             "Reports a `ports:` entry whose container port is not among the ports that the Dockerfile "
             "the service builds EXPOSEs (its final stage or `build.target`, and the stages it builds "
             "on, `EXPOSE ${PORT}` read with the ARG/ENV defaults). A Dockerfile without `EXPOSE`, or with "
             "one whose value is unknown, is not compared.",
         .why = "The Dockerfile's `EXPOSE` documents where the application listens; a compose file that "
                "publishes another port usually maps the wrong one (the host side and the container side "
                "swapped, or a port changed in one file and not the other), and the service is unreachable.",
         .bad = "services:\n  api:\n    build:\n      dockerfile_inline: |\n        FROM python:3.12-slim\n"
                "        EXPOSE 8000\n    ports:\n      - \"8000:8080\"\n",
         .good = "services:\n  api:\n    build:\n      dockerfile_inline: |\n        FROM python:3.12-slim\n"
                 "        EXPOSE 8000\n    ports:\n      - \"8080:8000\"\n",
         .references = "https://docs.docker.com/reference/compose-file/services/#ports\n"
                       "https://docs.docker.com/reference/dockerfile/#expose"},
};

std::string port_list(const std::vector<std::uint32_t>& ports) {
    std::string out;
    for (std::size_t i = 0; i < ports.size() && i < 8; ++i)
        out += (i ? ", " : "") + std::to_string(ports[i]);
    if (ports.size() > 8)
        out += ", …";
    return out;
}

class PublishedPortNotExposed final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const ServiceImage& image = context.image(service);
        if (!image.dockerfile || image.exposed.empty() || image.exposes_unknown)
            return;
        const std::string where =
            image.dockerfile_path.empty() ? "its Dockerfile" : "`" + image.dockerfile_path + "`";
        for (const PublishedPort& port : published_ports(context.file(), service)) {
            if (port.container_port == 0 || std::find(image.exposed.begin(), image.exposed.end(),
                                                      port.container_port) != image.exposed.end())
                continue;
            context.report(context.yaml().node(port.node).range,
                           "Container port " + std::to_string(port.container_port) + " of service `" +
                               service.name + "` is not EXPOSEd by " + where + " (it exposes " +
                               port_list(image.exposed) + ")");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5014, drydock::rules::rule_meta, drydock::rules::PublishedPortNotExposed)
