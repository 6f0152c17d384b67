// DD5002: a service health check whose test can never succeed.

#include "compose_rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD5002",
    .name = "healthcheck-cannot-work",
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Health check test can never succeed",
    .docs =
        {.what =
             "Reports a service's `healthcheck.test` that cannot run:\n\n"
             "* a list that does not start with `NONE`, `CMD` or `CMD-SHELL`, or `CMD` without a program;\n"
             "* `CMD` whose program is a whole command line in one element (`[\"CMD\", \"curl -f "
             "http://localhost\"]` looks for a program named `curl -f http://localhost`);\n"
             "* a shell form (`CMD-SHELL`, or a plain string) or `CMD` running `sh`, `bash`, `curl` or "
             "`wget` "
             "in an image known to have no shell: `scratch`, distroless images (except their `:debug` "
             "tags), Chainguard's images (except `-dev` tags), whether pulled or the base of the Dockerfile "
             "the service builds.",
         .why = "A test that cannot start fails every time: the container never becomes healthy, services "
                "that wait for it with `condition: service_healthy` never start, and `docker compose up "
                "--wait` fails, long after the mistake was made.",
         .bad = "services:\n  api:\n    image: gcr.io/distroless/static-debian12:nonroot\n    healthcheck:\n"
                "      test: curl -f http://localhost:8080/healthz\n",
         .good = "services:\n  api:\n    image: gcr.io/distroless/static-debian12:nonroot\n    healthcheck:\n"
                 "      test: [\"CMD\", \"/app/server\", \"-healthcheck\"]\n",
         .references = "https://docs.docker.com/reference/compose-file/services/#healthcheck\n"
                       "https://github.com/GoogleContainerTools/distroless#debug-images"},
};

bool needs_shell(std::string_view program) {
    const std::string_view name =
        program.substr(program.rfind('/') == std::string_view::npos ? 0 : program.rfind('/') + 1);
    return name == "sh" || name == "bash" || name == "ash" || name == "curl" || name == "wget";
}

class HealthcheckCannotWork final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const yaml::Document& doc = context.yaml();
        const yaml::NodeId test = doc.get(doc.get(service.value, "healthcheck"), "test");
        if (test == yaml::no_node)
            return;
        const ServiceImage& image = context.image(service);
        const bool shell_less = image.has_shell == false;
        const std::string in_image = "image `" + image.reference + "`";
        if (doc.is_scalar(test)) {
            if (shell_less)
                context.report(doc.node(test).range,
                               "The string form of `test` runs with `/bin/sh -c`, and " + in_image +
                                   " has no shell");
            return;
        }
        const std::vector<yaml::NodeId> items = doc.items(test);
        if (items.empty() || !doc.is_scalar(items.front()))
            return;
        const std::string_view kind = doc.scalar(items.front());
        const TextRange first = doc.node(items.front()).range;
        if (kind == "NONE")
            return;
        if (kind == "CMD-SHELL") {
            if (shell_less)
                context.report(first, "`CMD-SHELL` runs the test with `/bin/sh -c`, and " + in_image +
                                          " has no shell");
            return;
        }
        if (kind != "CMD") {
            context.report(first, "A `test` list starts with `NONE`, `CMD` or `CMD-SHELL`, not `" +
                                      std::string(kind) + "`");
            return;
        }
        if (items.size() < 2 || !doc.is_scalar(items[1])) {
            context.report(first, "`CMD` needs a program to run");
            return;
        }
        const std::string_view program = doc.scalar(items[1]);
        const TextRange range = doc.node(items[1]).range;
        if (program.find_first_of(" \t") != std::string_view::npos) {
            context.report(range, "`CMD` runs a program named `" + std::string(program) +
                                      "`: split the command into list elements, or use `CMD-SHELL`");
            return;
        }
        if (shell_less && needs_shell(program))
            context.report(range, "`" + std::string(program) + "` does not exist in " + in_image +
                                      ", which has no shell and no such tools");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5002, drydock::rules::rule_meta, drydock::rules::HealthcheckCannotWork)
