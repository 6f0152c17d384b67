// DL3056: a label that `label-schema` declares `semver` does not hold a semantic version.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <string_view>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3056",
    .name = "invalid-label-semver",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Label declared as semver does not conform to semantic versioning",
    .docs =
        {.what =
             "Reports the value of a `LABEL` whose key `label-schema` declares as `semver` when it is not a "
             "version as Semantic Versioning 2.0.0 defines it: `MAJOR.MINOR.PATCH` without leading zeros, "
             "an optional `-pre.release` of dot-separated alphanumeric identifiers (numeric ones without "
             "leading zeros) and an optional `+build.metadata` (`1.4.2`, `2.0.0-rc.1+build.5`). A `v` "
             "prefix, a missing part (`1.4`) or a fourth one (`1.4.2.1`) are reported. Quotes are removed "
             "first. Empty values are DL3051's finding; a value given by a variable is judged by its "
             "default, and not at all when it has none. Labels of `ONBUILD LABEL` belong to a later image "
             "and are not checked.",
         .why = "Tools compare and sort images by `org.opencontainers.image.version`; a value that is not "
                "a semantic version (`v1.4`, `latest`) can't be compared, so upgrade checks and policies "
                "based on version ranges silently skip the image.",
         .bad = "#! config: {label-schema: {org.opencontainers.image.version: semver}}\n"
                "FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1.4\n",
         .good = "#! config: {label-schema: {org.opencontainers.image.version: semver}}\n"
                 "FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.4.0\n",
         .options = "`label-schema` (map of label name to type): the labels of type `semver`.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3056\n"
                       "https://semver.org/spec/v2.0.0.html"},
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_identifier_char(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

bool all_digits(std::string_view text) {
    for (const char c : text)
        if (!is_digit(c))
            return false;
    return true;
}

// A numeric identifier: digits, no leading zero unless it is `0` itself.
bool valid_number(std::string_view text) {
    return !text.empty() && all_digits(text) && (text.size() == 1 || text.front() != '0');
}

// Dot-separated non-empty identifiers of [0-9A-Za-z-]; in a pre-release, numeric ones have no leading zero.
bool valid_identifiers(std::string_view text, bool pre_release) {
    while (true) {
        const std::size_t dot = text.find('.');
        const std::string_view identifier = text.substr(0, dot);
        if (identifier.empty())
            return false;
        for (const char c : identifier)
            if (!is_identifier_char(c))
                return false;
        if (pre_release && all_digits(identifier) && !valid_number(identifier))
            return false;
        if (dot == std::string_view::npos)
            return true;
        text.remove_prefix(dot + 1);
    }
}

bool valid_semver(std::string_view text) {
    if (const std::size_t plus = text.find('+'); plus != std::string_view::npos) {
        if (!valid_identifiers(text.substr(plus + 1), false))
            return false;
        text = text.substr(0, plus);
    }
    if (const std::size_t dash = text.find('-'); dash != std::string_view::npos) {
        if (!valid_identifiers(text.substr(dash + 1), true))
            return false;
        text = text.substr(0, dash);
    }
    for (int part = 0; part < 3; ++part) {
        const std::size_t dot = text.find('.');
        if ((part < 2) == (dot == std::string_view::npos) || !valid_number(text.substr(0, dot)))
            return false;
        text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    }
    return true;
}

class InvalidLabelSemver final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        check_label_values(ins, context, "semver", valid_semver, "a semantic version (MAJOR.MINOR.PATCH)");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3056, drydock::rules::rule_meta, drydock::rules::InvalidLabelSemver)
