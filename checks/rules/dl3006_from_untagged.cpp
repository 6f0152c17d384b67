// DL3006: FROM names an image without a tag or digest.

#include "fix_builders.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3006",
    .name = "from-untagged",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .fix = FixAvailability::Sometimes,
    .summary = "Always tag the version of an image explicitly",
    .docs =
        {.what =
             "Reports a `FROM` image with neither a tag nor a digest (`FROM ubuntu`). `scratch` and the "
             "names of earlier stages are exempt. An image given by a variable (`FROM $BASE`) is judged by "
             "the value it has when no `--build-arg` is passed: the global `ARG` default, or the default "
             "of a `${BASE:-ubuntu}` expansion. A variable with no default (it must come from the command "
             "line) or an automatic platform variable makes the image unknown, and it is not reported.",
         .why = "An untagged image means `:latest`, which moves: the same Dockerfile builds on a different "
                "base tomorrow, and a new major version of the base breaks the build or the application "
                "without any change on your side.",
         .bad = "FROM ubuntu\nRUN echo hello\n",
         .good = "FROM ubuntu:24.04\nRUN echo hello\n",
         .fix_safety =
             "Display-only, never applied: when the image is written literally, the fix shows where the tag "
             "goes (`ubuntu:<version>`). drydock does not look up which versions exist, and choosing one is "
             "a decision about what the image runs on.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3006\n"
                       "https://docs.docker.com/reference/dockerfile/#from\n"
                       "https://docs.docker.com/build/building/best-practices/#from"},
};

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

// Shows where the tag goes: `:<version>` after the image name. Only for an image written literally (a
// variable's default lives in an ARG elsewhere).
std::optional<Fix> pin_hint(const Dockerfile& file, const ImageReference& ref) {
    if (ref.has_variables || !ref.word.variables.empty() || ref.word.raw != ref.word.value ||
        ref.word.range.size() != ref.word.raw.size() || ref.repository.empty())
        return std::nullopt;
    const std::string name(file.text({ref.word.range.begin, ref.repository.end}));
    return Fix{"Pin " + name + " to a version tag",
               {insert_at(ref.repository.end, ":<version>")},
               Applicability::DisplayOnly};
}

class FromUntagged final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (!ins.from || context.in_onbuild() || !context.stage())
            return;
        const Word& word = ins.from->image.word;
        const std::optional<std::string> image =
            default_value(word, context.model().scope_at(context.index()));
        if (!image || image->empty() || iequals(*image, "scratch"))
            return;
        if (const Stage* stage = context.model().stage_named(*image);
            stage && stage->index < *context.stage())
            return;
        const ImageName name = split_image(*image);
        if (!name.tag.empty() || !name.digest.empty())
            return;
        std::string message = "Always tag the version of an image explicitly: `";
        if (word.variables.empty())
            message += *image + "` has no tag";
        else
            message += word.raw + "` is `" + *image + "` by default, with no tag";
        context.report(word.range, message, pin_hint(context.file(), ins.from->image));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3006, drydock::rules::rule_meta, drydock::rules::FromUntagged)
