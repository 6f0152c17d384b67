// DL4000: MAINTAINER is deprecated.

#include "fix_builders.hpp"
#include "rule_support.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"MaintainerDeprecated"};

constexpr RuleMeta rule_meta{
    .code = "DL4000",
    .name = "maintainer-deprecated",
    .aliases = aliases,
    .severity = Severity::Error,
    .category = Category::Maintainability,
    .fix = FixAvailability::Sometimes,
    .summary = "MAINTAINER is deprecated",
    .docs =
        {.what = "Reports every `MAINTAINER` instruction. BuildKit reports the same as MaintainerDeprecated.",
         .why = "`MAINTAINER` has been deprecated since Docker 1.13: it only sets the `Author` field of the "
                "image config, which tools no longer read. A label is what registries, scanners and "
                "`docker inspect` show.",
         .bad = "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
         .good = "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
         .fix_safety = "Safe: the instruction becomes `LABEL org.opencontainers.image.authors=\"…\"` with the same "
                       "text, quoted so the builder reads it back unchanged. The image's deprecated `Author` "
                       "field is no longer set; nothing reads it any more.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL4000\n"
                       "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated\n"
                       "https://docs.docker.com/reference/build-checks/maintainer-deprecated/"},
};

class MaintainerDeprecated final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Maintainer}; }
    void check(const Instruction& ins, Context& context) override {
        // `ONBUILD MAINTAINER` is a parse error already.
        if (context.in_onbuild())
            return;
        std::string message = "MAINTAINER is deprecated";
        std::optional<Fix> fix;
        if (!ins.arguments.empty() && !ins.arguments.front().value.empty()) {
            const std::string label = cased_like("LABEL", ins.keyword.raw) + " org.opencontainers.image.authors=" +
                                      dockerfile_quoted(ins.arguments.front().value, context.file().escape);
            message += ": use `" + label + "` instead";
            if (!drops_comments(ins, ins.range))
                fix = Fix::replace("Replace MAINTAINER with a LABEL", ins.range, label);
        }
        context.report(ins.keyword.range, message, std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl4000, drydock::rules::rule_meta, drydock::rules::MaintainerDeprecated)
