// DD5011: a service pulls an image without a tag, or with the `latest` tag.

#include "compose_rule_support.hpp"
#include "word_values.hpp"

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD5011",
    .name = "service-image-latest",
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Service image has no tag or the `latest` tag",
    .docs = {.what =
                 "Reports a service's `image:` that has no tag (which means `latest`) or the `latest` tag, "
                 "unless it is pinned by a digest. Services that also `build:` are not reported: their "
                 "`image:` names what is built. An image given by a variable is judged by its default "
                 "(`${IMAGE:-postgres}`), and not at all without one.",
             .why =
                 "`latest` is whatever was pushed last: the next `docker compose pull` can bring a new major "
                 "version of a database with an incompatible data format, and two machines running the same "
                 "file can run different software. Pin a version tag (and a digest for full "
                 "reproducibility).",
             .bad = "services:\n  cache:\n    image: redis\n",
             .good = "services:\n  cache:\n    image: redis:7.4-alpine\n",
             .references = "https://docs.docker.com/reference/compose-file/services/#image"},
};

class ServiceImageLatest final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const compose::ComposeFile& file = context.file();
        if (file.yaml.get(service.value, "build") != yaml::no_node)
            return;
        const yaml::NodeId node = file.yaml.get(service.value, "image");
        const std::optional<std::string> image = file.image(service);
        if (!image || image->empty())
            return;
        const ImageName parts = split_image(*image);
        if (!parts.digest.empty())
            return;
        if (parts.tag.empty())
            context.report(file.yaml.node(node).range, "Image `" + *image + "` of service `" + service.name +
                                                           "` has no tag, so it is `latest`: pin a version");
        else if (parts.tag == "latest")
            context.report(file.yaml.node(node).range, "Image `" + *image + "` of service `" + service.name +
                                                           "` uses `latest`: pin a version");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5011, drydock::rules::rule_meta, drydock::rules::ServiceImageLatest)
