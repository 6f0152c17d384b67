#include "rule_support.hpp"

#include <algorithm>
#include <vector>

namespace drydock {

namespace rules {
#define DRYDOCK_RULE(id) RuleEntry rule_entry_##id();
#include "rules.def"
#undef DRYDOCK_RULE
} // namespace rules

std::span<const RuleEntry> all_rules() {
    // The one global the design allows: the immutable rule table, built on first use.
    static const std::vector<RuleEntry> entries = [] {
        std::vector<RuleEntry> out{
#define DRYDOCK_RULE(id) rules::rule_entry_##id(),
#include "rules.def"
#undef DRYDOCK_RULE
        };
        std::sort(out.begin(), out.end(),
                  [](const RuleEntry& a, const RuleEntry& b) { return a.meta->code < b.meta->code; });
        return out;
    }();
    return entries;
}

const RuleEntry* find_rule(std::string_view id) {
    // Reports and the engine ask by exact code once per finding: a binary search over the table (sorted by
    // code) answers them without comparing every code, name and alias case-insensitively. Codes, names and
    // aliases are unique (registry test), so the rule found this way is the only one that matches.
    const std::span<const RuleEntry> rules = all_rules();
    const auto at =
        std::lower_bound(rules.begin(), rules.end(), id,
                         [](const RuleEntry& e, std::string_view code) { return e.meta->code < code; });
    if (at != rules.end() && at->meta->code == id)
        return &*at;
    for (const RuleEntry& entry : rules)
        if (entry.meta->matches(id))
            return &entry;
    return nullptr;
}

const RuleMeta& syntax_error_rule() {
    static constexpr RuleMeta meta{
        .code = "DL1000",
        .name = "syntax-error",
        .severity = Severity::Error,
        .category = Category::Syntax,
        .summary = "The Dockerfile does not parse",
        .docs =
            {.what = "Reports text that BuildKit would reject: unknown instructions, malformed flags, "
                     "unterminated heredocs or quotes, invalid JSON arrays, and the other hard errors of the "
                     "Dockerfile frontend.",
             .why =
                 "The build fails on these lines. drydock keeps checking the rest of the file, so one typo "
                 "never hides the other findings."},
    };
    return meta;
}

} // namespace drydock
