// DD1002: BuildKit's FromAsCasing — the casing of `AS` should match the casing of `FROM`.

#include "rule_support.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"FromAsCasing"};

constexpr RuleMeta rule_meta{
    .code = "DD1002",
    .name = "from-as-casing",
    .aliases = aliases,
    .severity = Severity::Style,
    .category = Category::Style,
    .fix = FixAvailability::Always,
    .summary = "The 'as' keyword should match the case of the 'from' keyword",
    .docs =
        {.what =
             "Reports `FROM image as name` (and `from image AS name`): the `AS` keyword in a different "
             "case than an all-upper-case or all-lower-case `FROM`, as BuildKit's FromAsCasing check does. "
             "A mixed-case keyword such as `From` is left to instruction-casing checks.",
         .why = "Keywords in one case read as keywords; a lone `as` among upper-case instructions looks like "
                "an argument. Matching the case keeps the file consistent.",
         .bad = "FROM golang:1.23 as builder\nRUN go version\n",
         .good = "FROM golang:1.23 AS builder\nRUN go version\n",
         .fix_safety = "Safe: `AS` is case-insensitive, so writing it in the casing of `FROM` changes nothing "
                       "else.",
         .references = "https://docs.docker.com/reference/build-checks/from-as-casing/"},
};

// Whether every letter of `s` is lower case (`lower`) or upper case.
bool all_letters(std::string_view s, bool lower) {
    return std::all_of(s.begin(), s.end(), [&](unsigned char c) {
        return !std::isalpha(c) || (lower ? std::islower(c) != 0 : std::isupper(c) != 0);
    });
}

class FromAsCasing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (!ins.from || !ins.from->as_keyword || !ins.from->stage_name)
            return;
        const std::string& from = ins.keyword.raw;
        const std::string& as = ins.from->as_keyword->raw;
        const bool from_lower = all_letters(from, true);
        const bool from_upper = all_letters(from, false);
        if (!from_lower && !from_upper)
            return;
        const bool matches = all_letters(as, from_lower);
        if (!matches)
            context.report(ins.from->as_keyword->range,
                           "'" + as + "' and '" + from + "' keywords' casing do not match",
                           Fix::replace("Write '" + cased_like("as", from) + "'", ins.from->as_keyword->range,
                                        cased_like("as", from)));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1002, drydock::rules::rule_meta, drydock::rules::FromAsCasing)
