// DL3007: FROM uses the `latest` tag.

#include "fix_builders.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3007",
    .name = "from-latest",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .fix = FixAvailability::Sometimes,
    .summary = "Using latest is prone to errors if the image will ever update",
    .docs =
        {.what =
             "Reports a `FROM` image whose tag is `latest`, unless a digest pins it as well "
             "(`ubuntu:latest@sha256:…`). A tag given by a variable (`FROM ubuntu:$TAG`) is judged by its "
             "`ARG` default; a variable with no default is not reported.",
         .why =
             "`latest` is whatever was pushed last: the base changes under you between two builds, so "
             "builds stop being reproducible and a new major version can break the image without any change "
             "to the Dockerfile. A release tag says which version was tested.",
         .bad = "FROM node:latest\nRUN node --version\n",
         .good = "FROM node:22.11-bookworm\nRUN node --version\n",
         .fix_safety =
             "Display-only, never applied: when the tag is written literally, the fix shows that `latest` "
             "is to be replaced by a release tag (`node:<version>`). drydock does not look up which "
             "versions exist, and choosing one is a decision about what the image runs on.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3007\n"
                       "https://docs.docker.com/reference/dockerfile/#from"},
};

class FromLatest final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (!ins.from || context.in_onbuild())
            return;
        const ImageReference& ref = ins.from->image;
        const std::optional<std::string> image =
            default_value(ref.word, context.model().scope_at(context.index()));
        if (!image)
            return;
        const ImageName name = split_image(*image);
        if (name.tag != "latest" || !name.digest.empty())
            return;
        std::string message =
            "Using latest is prone to errors if the image will ever update. Pin the version "
            "explicitly to a release tag: `";
        if (ref.word.variables.empty())
            message += *image + "`";
        else
            message += ref.word.raw + "` is `" + *image + "` by default";
        // The tag itself when it is written literally, else the whole image word.
        const bool literal_tag = ref.word.variables.empty() && !ref.tag.empty();
        std::optional<Fix> hint;
        if (literal_tag && ref.word.raw == ref.word.value && ref.word.range.size() == ref.word.raw.size())
            hint =
                Fix::replace("Pin " + std::string(context.text({ref.word.range.begin, ref.repository.end})) +
                                 " to a version tag",
                             ref.tag, "<version>", Applicability::DisplayOnly);
        context.report(literal_tag ? ref.tag : ref.word.range, message, std::move(hint));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3007, drydock::rules::rule_meta, drydock::rules::FromLatest)
