// DD3004: FROM names the full variant of a language image that also comes as `-slim`.

#include "base_image_table.hpp"
#include "base_image_tags.hpp"
#include "rule_support.hpp"
#include "stage_uses.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD3004",
    .name = "base-image-variant",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
    .summary = "A full language image is used where a -slim variant exists",
    .docs =
        {.what =
             "Reports a `FROM` that uses the full (default) variant of an official language image that is "
             "also published as `-slim` (`python`, `node`, `ruby`, `rust`), with the approximate size of "
             "each from the lifecycle table shipped with drydock. Tags that already pick a variant "
             "(`-slim`, `-alpine`, Windows variants) and tags that leave the version to a variable without "
             "a default are skipped.",
         .why =
             "The full images carry compilers, headers and version-control tools for building native "
             "extensions: close to a gigabyte that a runtime image rarely needs. The slim variant is the "
             "same runtime on the same Debian release, several times smaller, with fewer packages to patch "
             "and fewer findings in image scans. A build that needs the tools can use the full image in a "
             "build stage and copy the result into a slim final stage.",
         .bad = "FROM python:3.12\nCMD [\"python\"]\n",
         .good = "FROM python:3.12-slim\nCMD [\"python\"]\n",
         .fix_safety =
             "Display-only: the slim variant lacks gcc, make, git and the -dev headers, so a build "
             "step that compiles or fetches with them fails until the packages are installed or the "
             "build moves to a separate stage.",
         .references = "https://hub.docker.com/_/python#image-variants\n"
                       "https://hub.docker.com/_/node#image-variants"},
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The full variant: every word of the tag is the version, a Debian code name, or a floating name.
bool is_full_variant(const BaseImageTag& tag) {
    for (std::size_t i = 0; i < tag.words.size(); ++i) {
        const std::string word = lower(tag.words[i]);
        const bool debian_os = tag.os_word == i && tag.os && tag.os->id == "debian";
        if (tag.runtime_word == i || debian_os || word == "latest" || word == "lts" || word == "current")
            continue;
        return false;
    }
    return true;
}

std::string slim_tag(const BaseImageTag& tag) {
    if (tag.words.size() == 1 && lower(tag.words.front()) == "latest")
        return "slim";
    if (!tag.image->slim->after_os && tag.os_word == 0)
        return "slim-" + tag.tag; // `rust:buster` -> `rust:slim-buster`
    const std::size_t after = tag.image->slim->after_os && tag.os_word ? *tag.os_word : 0;
    return tag.tag_with({{after, tag.words[after] + "-slim"}});
}

// Whether `stage` is the final stage or one the final stage builds on (`FROM base`).
bool ships(const SemanticModel& model, std::size_t stage) {
    if (model.stages().empty())
        return false;
    const std::vector<std::size_t> lineage = stage_lineage(model, model.stages().size() - 1);
    return std::find(lineage.begin(), lineage.end(), stage) != lineage.end();
}

class BaseImageVariant final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        // Only the image that ships matters: a build stage may well need the compilers of the full image.
        if (context.in_onbuild() || !context.stage() || !ships(context.model(), *context.stage()))
            return;
        const std::optional<FromImage> from =
            from_image(context.file(), context.model(), context.index(), context.stage());
        if (!from)
            return;
        const BaseImageTag tag = read_base_image(from->reference);
        if (!tag.image || !tag.image->slim || tag.tag.empty() || !is_full_variant(tag))
            return;
        const ImageSizes& sizes = *tag.image->slim;
        const std::string slim = slim_tag(tag);
        const ImageReference& ref = ins.from->image;
        const std::string image_name(context.text({ref.word.range.begin, ref.repository.end}));
        std::string message =
            "`" + from->reference + "` is the full image (about " + std::to_string(sizes.full_mb) +
            " MB); `" + (from->from_variable ? tag.name : image_name) + ":" + slim + "` is about " +
            std::to_string(sizes.slim_mb) + " MB, " + std::to_string(sizes.full_mb - sizes.slim_mb) +
            " MB smaller: use it unless the image needs compilers or headers";
        const bool literal = !from->from_variable && !ref.tag.empty() && !ref.has_variables;
        std::optional<Fix> fix;
        if (literal && ref.digest.empty())
            fix = Fix::replace("Use " + image_name + ":" + slim, ref.tag, slim, Applicability::DisplayOnly);
        context.report(literal ? ref.tag : ref.word.range, std::move(message), std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd3004, drydock::rules::rule_meta, drydock::rules::BaseImageVariant)
