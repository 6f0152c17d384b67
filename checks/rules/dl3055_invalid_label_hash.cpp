// DL3055: a label that `label-schema` declares `hash` does not hold a git commit hash.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <string_view>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3055",
    .name = "invalid-label-hash",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Label declared as hash is not a valid git hash",
    .docs =
        {.what =
             "Reports the value of a `LABEL` whose key `label-schema` declares as `hash` when it is not "
             "a git commit hash: exactly 7 (short) or 40 (full SHA-1) lower-case hexadecimal digits. "
             "Quotes are removed first. Empty values are DL3051's finding; a value given by a variable "
             "is judged by its default, and not at all when it has none (the usual `ARG GIT_COMMIT` "
             "filled in by CI). Labels of `ONBUILD LABEL` belong to a later image and are not checked.\n\n"
             "Like hadolint, other abbreviation lengths and 64-digit SHA-256 object names are reported.",
         .why = "`org.opencontainers.image.revision` ties an image to the commit it was built from; a "
                "branch name, a tag or a mistyped hash cannot be looked up, so the image can't be traced "
                "back to its source.",
         .bad = "#! config: {label-schema: {org.opencontainers.image.revision: hash}}\n"
                "FROM alpine:3.20\nLABEL org.opencontainers.image.revision=main\n",
         .good = "#! config: {label-schema: {org.opencontainers.image.revision: hash}}\n"
                 "FROM alpine:3.20\nLABEL org.opencontainers.image.revision=4f2a9c1\n",
         .options = "`label-schema` (map of label name to type): the labels of type `hash`.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3055\n"
                       "https://github.com/opencontainers/image-spec/blob/main/annotations.md"},
};

bool valid_hash(std::string_view text) {
    const auto lower_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
    return (text.size() == 7 || text.size() == 40) && std::all_of(text.begin(), text.end(), lower_hex);
}

class InvalidLabelHash final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        check_label_values(ins, context, "hash", valid_hash,
                           "a valid git hash (7 or 40 lower-case hexadecimal digits)");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3055, drydock::rules::rule_meta, drydock::rules::InvalidLabelHash)
