// DD5005: a service whose process runs as root: `user: root`, or no `user:` where the image runs as root.

#include "compose_rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD5005",
    .name = "service-runs-as-root",
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Service runs as root",
    .docs =
        {.what =
             "Reports a service whose process runs as root:\n\n"
             "* at the value, `user: root` (or `0`, `0:0`, `root:…`), also when it overrides a non-root "
             "`USER` of the Dockerfile the service builds;\n"
             "* at the service's name, a service without `user:` that builds a Dockerfile whose final stage "
             "runs as root: its last `USER` is root, or it has none and its base image is one that runs as "
             "root (Debian, Ubuntu, Alpine, the official language images, and server images such as "
             "`nginx`; not the database images whose entrypoint steps down to a service user, such as "
             "`postgres`, nor images published to run as non-root, such as distroless `:nonroot`).\n\n"
             "A pulled image without `user:` is not reported: which user it runs as is in the image, which "
             "drydock does not pull.",
         .why =
             "A process that runs as root in a container is one kernel or runtime bug away from root on "
             "the host, and can read and write every file of every volume it mounts. Run as an unprivileged "
             "user: a `USER` in the Dockerfile, or `user: \"10001:10001\"` in the service.",
         .bad = "services:\n  worker:\n    image: example/worker:1.2\n    user: root\n",
         .good = "services:\n  worker:\n    image: example/worker:1.2\n    user: \"10001:10001\"\n",
         .references = "https://docs.docker.com/reference/compose-file/services/#user\n"
                       "https://docs.docker.com/engine/security/#linux-kernel-capabilities\n"
                       "Semgrep: service-runs-as-root"},
};

bool is_root(std::string_view user) {
    const std::string_view name = user.substr(0, user.find(':'));
    return name == "root" || name == "0";
}

class ServiceRunsAsRoot final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const compose::ComposeFile& file = context.file();
        const yaml::Document& doc = file.yaml;
        const ServiceImage& image = context.image(service);
        const yaml::NodeId user = doc.get(service.value, "user");
        if (user != yaml::no_node) {
            const std::optional<std::string> value = compose::interpolate(doc.scalar(user));
            if (!doc.is_scalar(user) || !value || !is_root(*value))
                return;
            std::string message = "Service `" + service.name + "` runs as root (`user: " + *value + "`)";
            if (image.runs_as_root() == false && image.user && !image.user->empty())
                message += ", overriding `USER " + *image.user + "` of its Dockerfile";
            context.report(doc.node(user).range, message);
            return;
        }
        if (!file.fully_known(service) || !image.dockerfile || image.runs_as_root() != true)
            return;
        const std::string where = image.dockerfile_path.empty()
                                      ? "its Dockerfile"
                                      : "its Dockerfile `" + image.dockerfile_path + "`";
        std::string message = "Service `" + service.name + "` runs as root: ";
        if (image.user && !image.user->empty())
            message += where + " ends with `USER " + *image.user + "`";
        else
            message += "neither the service (`user:`) nor " + where + " (`USER`) sets another user, and `" +
                       image.reference + "` runs as root";
        context.report(doc.node(service.key).range, message);
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5005, drydock::rules::rule_meta, drydock::rules::ServiceRunsAsRoot)
