// DL4000: MAINTAINER is deprecated.

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
    .summary = "MAINTAINER is deprecated",
    .docs =
        {.what = "Reports every `MAINTAINER` instruction. BuildKit reports the same as MaintainerDeprecated.",
         .why = "`MAINTAINER` has been deprecated since Docker 1.13: it only sets the `Author` field of the "
                "image config, which tools no longer read. A label is what registries, scanners and "
                "`docker inspect` show.",
         .bad = "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
         .good = "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL4000\n"
                       "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated\n"
                       "https://docs.docker.com/reference/build-checks/maintainer-deprecated/"},
};

std::string quoted(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}

class MaintainerDeprecated final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Maintainer}; }
    void check(const Instruction& ins, Context& context) override {
        // `ONBUILD MAINTAINER` is a parse error already.
        if (context.in_onbuild())
            return;
        std::string message = "MAINTAINER is deprecated";
        if (!ins.arguments.empty() && !ins.arguments.front().value.empty())
            message +=
                ": use `LABEL org.opencontainers.image.authors=" + quoted(ins.arguments.front().value) +
                "` instead";
        context.report(ins.keyword.range, message);
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl4000, drydock::rules::rule_meta, drydock::rules::MaintainerDeprecated)
