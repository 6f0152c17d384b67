// DD3002: FROM names an image (or tag) its maintainers no longer publish.

#include "base_image_table.hpp"
#include "base_image_tags.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD3002",
    .name = "base-image-deprecated-tag",
    .severity = Severity::Warning,
    .category = Category::Security,
    .fix = FixAvailability::None,
    .summary = "The base image is deprecated: its maintainers no longer publish updates",
    .docs =
        {.what =
             "Reports a `FROM` image that its maintainers have deprecated and no longer update, as recorded "
             "in the lifecycle table shipped with drydock (`drydock rules --data`): the `openjdk` images "
             "(only early-access builds are still published), `java`, Docker Hub's `centos` (`centos:7`, "
             "`centos:8`…) and the `mcr.microsoft.com/dotnet/core/*` repositories. The message names the "
             "date "
             "and what to use instead. An image given by a variable is judged by its `ARG` default.",
         .why = "A deprecated image is frozen: whatever security fixes its OS or runtime gets later never "
                "reach it, even when the release itself is still supported elsewhere. Tags stay pullable, so "
                "nothing fails; the image just silently stops being patched.",
         .bad = "FROM openjdk:11-jre-slim\nCMD [\"java\", \"-version\"]\n",
         .good = "FROM eclipse-temurin:17-jre\nCMD [\"java\", \"-version\"]\n",
         .fix_safety =
             "No fix: the replacement is another image, with its own OS, file layout and variants "
             "(`openjdk:11-jre-slim` is Debian, `eclipse-temurin:11-jre` Ubuntu), so choosing it is a "
             "decision to test.",
         .references = "https://hub.docker.com/_/openjdk\n"
                       "https://hub.docker.com/_/centos\n"
                       "https://github.com/dotnet/dotnet-docker/issues/2375"},
};

class BaseImageDeprecatedTag final : public Rule {
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
        const BaseImageTag tag = read_base_image(from->reference);
        if (!tag.image || !tag.image->deprecated)
            return;
        const ImageDeprecation& deprecated = *tag.image->deprecated;
        for (const std::string& word : tag.words) {
            std::string w(word);
            std::transform(w.begin(), w.end(), w.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (std::find(deprecated.except_words.begin(), deprecated.except_words.end(), w) !=
                deprecated.except_words.end())
                return; // a tag that is still published (`openjdk:24-ea-slim`)
        }
        std::string message = "`" + from->reference + "`: " + deprecated.message + " (deprecated since " +
                              deprecated.since + "); use " + deprecated.replacement;
        context.report(ins.from->image.word.range, std::move(message));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd3002, drydock::rules::rule_meta, drydock::rules::BaseImageDeprecatedTag)
