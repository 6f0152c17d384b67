// DD3003: FROM names an image by tag only, without a digest (off by default).

#include "base_image_tags.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD3003",
    .name = "base-image-digest",
    .severity = Severity::Info,
    .category = Category::Reproducibility,
    .fix = FixAvailability::None,
    .enabled_by_default = false,
    .summary = "The base image is not pinned by digest",
    .docs =
        {.what =
             "Reports a `FROM` image without an `@sha256:…` digest, for teams that pin every base image. "
             "Off by default: select it (`select: [base-image-digest]`) to use it. `scratch`, stage names "
             "and images given by a variable without a default are skipped; a variable with a default is "
             "judged by that default.",
         .why = "A tag moves: the same `FROM node:22-slim` builds on a different image every week. A digest "
                "names exactly one image, so builds are reproducible and a compromised or broken re-push of "
                "the tag cannot slip in. The price is that security updates of the base arrive only when the "
                "digest is bumped (by a bot such as Renovate or Dependabot).",
         .bad = "FROM node:22-slim\nCMD [\"node\"]\n",
         .good = "FROM node:22-slim@sha256:"
                 "0000000000000000000000000000000000000000000000000000000000000000\nCMD [\"node\"]\n",
         .fix_safety =
             "No fix: the digest of a tag is known only to the registry, and drydock works offline.",
         .references = "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions\n"
                       "https://docs.docker.com/reference/dockerfile/#from"},
};

class BaseImageDigest final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return;
        const std::optional<FromImage> from =
            from_image(context.file(), context.model(), context.index(), context.stage());
        if (!from)
            return;
        const ImageName name = split_image(from->reference);
        if (!name.digest.empty())
            return;
        context.report(ins.from->image.word.range,
                       "`" + from->reference +
                           "` is not pinned by digest: add `@sha256:…` so that every build "
                           "uses the image you tested");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd3003, drydock::rules::rule_meta, drydock::rules::BaseImageDigest)
