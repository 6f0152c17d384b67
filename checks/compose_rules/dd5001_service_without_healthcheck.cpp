// DD5001: a service with no health check, neither its own nor one from the image it builds.

#include "compose_healthchecks.hpp"
#include "compose_rule_support.hpp"
#include "yaml_edits.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"698ed579-b239-4f8f-a388-baa4bcb13ef8"}; // KICS

constexpr RuleMeta rule_meta{
    .code = "DD5001",
    .name = "service-without-healthcheck",
    .aliases = aliases,
    .file_kind = FileKind::Compose,
    .severity = Severity::Info,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "Service has no health check, and its image defines none",
    .docs =
        {.what =
             "Reports, at its name, a service that runs a container (it has `image:` or `build:`) without a "
             "`healthcheck:`, when the Dockerfile it builds has no `HEALTHCHECK` either (`HEALTHCHECK NONE` "
             "counts as a decision). For a pulled image drydock cannot see whether the image defines one, "
             "and reports the service; silence it with a pragma when the image does. A service in an "
             "override "
             "file that neither names an image nor builds one, or one that `extends:` another, is not "
             "reported.",
         .why =
             "Without a health check Compose only knows that the process runs, not that it works: "
             "`depends_on` cannot wait until a database accepts connections (`condition: service_healthy`), "
             "`docker compose ps` shows a hung server as up, and `docker compose up --wait` returns too "
             "early.",
         .bad = "services:\n  db:\n    image: postgres:16\n",
         .good = "services:\n  db:\n    image: postgres:16\n    healthcheck:\n"
                 "      test: [\"CMD\", \"pg_isready\", \"-U\", \"postgres\"]\n      interval: 10s\n",
         .fix_safety =
             "Unsafe: the fix adds a `healthcheck:` that runs a command drydock knows the image has: the "
             "readiness tool of a well-known database image (`pg_isready`, `redis-cli ping`, `mysqladmin "
             "ping`, MariaDB's `healthcheck.sh`), or a TCP connection to the service's port (the first "
             "published container port, `expose:` or the Dockerfile's `EXPOSE`) made with Python, Node.js "
             "or bash when the image is built on a python, node or Debian image. A check that fails marks "
             "the "
             "container unhealthy and holds back services that wait for it. When only the port is known, "
             "the fix is a curl template to adapt and is never applied.",
         .references = "https://docs.docker.com/reference/compose-file/services/#healthcheck\n"
                       "https://docs.docker.com/reference/dockerfile/#healthcheck\n"
                       "KICS: Healthcheck Not Set (698ed579-b239-4f8f-a388-baa4bcb13ef8)"},
};

std::optional<Fix> healthcheck_fix(const ComposeContext& context, const compose::Service& service) {
    if (context.yaml().find(service.value, "healthcheck").key != yaml::no_node)
        return std::nullopt; // an empty `healthcheck:` is there already: a second key would be an error
    const std::optional<HealthcheckSuggestion> suggestion =
        suggest_healthcheck(context.file(), service, context.image(service));
    if (!suggestion)
        return std::nullopt;
    const std::optional<Edit> edit = append_entry(context.yaml(), service.value,
                                                  {"healthcheck:", "  test: " + json_array(suggestion->test),
                                                   "  interval: 10s", "  timeout: 5s", "  retries: 5"});
    if (!edit)
        return std::nullopt;
    return Fix{"Add a healthcheck with " + suggestion->how,
               {*edit},
               suggestion->derived ? Applicability::Unsafe : Applicability::DisplayOnly};
}

class ServiceWithoutHealthcheck final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const compose::ComposeFile& file = context.file();
        if (!file.fully_known(service) || compose_healthcheck(file, service) != HealthcheckState::Missing)
            return;
        const ServiceImage& image = context.image(service);
        if (image.healthcheck.value_or(false))
            return;
        std::string message = "Service `" + service.name + "` has no `healthcheck`";
        if (image.dockerfile && !image.dockerfile_path.empty())
            message += ", and its Dockerfile `" + image.dockerfile_path + "` has no `HEALTHCHECK`";
        else if (image.dockerfile)
            message += ", and its Dockerfile has no `HEALTHCHECK`";
        else if (!image.built)
            message += ", and its image is not known to define one";
        context.report(file.yaml.node(service.key).range, message, healthcheck_fix(context, service));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5001, drydock::rules::rule_meta, drydock::rules::ServiceWithoutHealthcheck)
