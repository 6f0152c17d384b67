// DD1004: BuildKit's ConsistentInstructionCasing — every instruction keyword in the casing most of them use.

#include "rule_support.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"ConsistentInstructionCasing"};

constexpr RuleMeta rule_meta{
    .code = "DD1004",
    .name = "consistent-instruction-casing",
    .aliases = aliases,
    .severity = Severity::Style,
    .category = Category::Style,
    .fix = FixAvailability::Sometimes,
    .summary = "All instruction keywords should use the same casing (all upper or all lower case)",
    .docs =
        {.what =
             "Counts the instruction keywords written all in lower case (`run`) and all in upper case "
             "(`RUN`); the larger group sets the file's casing, upper case on a tie. Reports every keyword "
             "in the other casing, and every mixed-case keyword (`Run`) whatever the majority, as "
             "BuildKit's ConsistentInstructionCasing check does.\n\n"
             "Unlike BuildKit, which looks only at the instructions of build stages, drydock also counts "
             "and checks the `ARG`s before the first `FROM` and the instructions of `ONBUILD` triggers "
             "(`ONBUILD run make`): they are keywords of the same file. The `AS` of a `FROM` is left to "
             "DD1002 (from-as-casing), which may report the same line: `from image AS name` in an "
             "upper-case file has both a lower-case `from` and an `AS` that does not match it.",
         .why =
             "Instruction keywords are case-insensitive, but one casing throughout lets the keywords stand "
             "out from their arguments and keeps the file consistent. Upper case is the convention.",
         .bad = "FROM alpine:3.20\nrun apk add --no-cache curl\nCOPY app /app\n",
         .good = "FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY app /app\n",
         .fix_safety =
             "Safe: the keyword is rewritten in the majority casing; keywords are case-insensitive. "
             "Rewriting a `FROM` also rewrites its `AS` in the same casing, so the fix never leaves "
             "a DD1002 finding behind. No fix for a keyword split by a line continuation.",
         .references = "https://docs.docker.com/reference/build-checks/consistent-instruction-casing/"},
};

enum class Casing { Lower, Upper, Mixed };

Casing casing_of(std::string_view keyword) {
    const bool has_lower =
        std::any_of(keyword.begin(), keyword.end(), [](unsigned char c) { return std::islower(c) != 0; });
    const bool has_upper =
        std::any_of(keyword.begin(), keyword.end(), [](unsigned char c) { return std::isupper(c) != 0; });
    if (has_lower && has_upper)
        return Casing::Mixed;
    return has_lower ? Casing::Lower : Casing::Upper;
}

std::string in_casing(std::string_view text, Casing casing) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [&](unsigned char c) {
        return static_cast<char>(casing == Casing::Lower ? std::tolower(c) : std::toupper(c));
    });
    return out;
}

// The casing most keywords of the file use: lower when more are all-lower than all-upper, else upper.
// ONBUILD triggers count as keywords of their own. Unknown instructions (a parse error) do not count.
Casing majority_casing(const Dockerfile& file) {
    std::size_t lower = 0, upper = 0;
    auto count = [&](const Instruction& ins) {
        if (ins.is(InstructionKind::Unknown))
            return;
        const Casing casing = casing_of(ins.keyword.raw);
        lower += casing == Casing::Lower;
        upper += casing == Casing::Upper;
    };
    for (const Instruction& ins : file.instructions) {
        count(ins);
        if (!ins.trigger.empty())
            count(ins.trigger.front());
    }
    return lower > upper ? Casing::Lower : Casing::Upper;
}

class ConsistentInstructionCasing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check(const Instruction& ins, Context& context) override {
        if (ins.is(InstructionKind::Unknown))
            return;
        if (!majority_)
            majority_ = majority_casing(context.file());
        const Word& keyword = ins.keyword;
        if (casing_of(keyword.raw) == *majority_)
            return;
        const std::string wanted = in_casing(keyword.raw, *majority_);
        const std::string_view casing_name = *majority_ == Casing::Lower ? "lowercase" : "uppercase";
        context.report(keyword.range,
                       "Instruction '" + keyword.raw +
                           "' should match the casing of most instructions in "
                           "this file (" +
                           std::string(casing_name) + "): write '" + wanted + "'",
                       fix(ins, wanted));
    }

private:
    std::optional<Fix> fix(const Instruction& ins, const std::string& wanted) const {
        const Word& keyword = ins.keyword;
        if (keyword.range.size() != keyword.raw.size())
            return std::nullopt; // a keyword split by a line continuation: leave it to a human
        Fix out{"Write '" + wanted + "'", {replace_range(keyword.range, wanted)}, Applicability::Safe};
        // The `AS` of a FROM follows the keyword (DD1002 would otherwise ask for the old casing).
        if (ins.from && ins.from->as_keyword) {
            const Word& as = *ins.from->as_keyword;
            if (as.range.size() == as.raw.size())
                out.edits.push_back(replace_range(as.range, in_casing(as.raw, *majority_)));
        }
        return out;
    }

    std::optional<Casing> majority_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1004, drydock::rules::rule_meta, drydock::rules::ConsistentInstructionCasing)
