#include <drydock/fixers/apply.hpp>

#include <algorithm>
#include <numeric>

namespace drydock {
namespace {

// Two edits conflict when their ranges overlap, or when both insert at the same point (their order would be
// arbitrary), or when one inserts strictly inside the other's range.
bool conflicts(const Edit& a, const Edit& b) {
    if (a.range.empty() && b.range.empty())
        return a.range.begin == b.range.begin;
    if (a.range.empty())
        return b.range.begin < a.range.begin && a.range.begin < b.range.end;
    if (b.range.empty())
        return a.range.begin < b.range.begin && b.range.begin < a.range.end;
    return a.range.begin < b.range.end && b.range.begin < a.range.end;
}

bool well_formed(const Fix& fix, std::size_t size) {
    if (fix.edits.empty())
        return false;
    for (std::size_t i = 0; i < fix.edits.size(); ++i) {
        const TextRange r = fix.edits[i].range;
        if (r.begin > r.end || r.end > size)
            return false;
        if (i > 0 && (fix.edits[i - 1].range.end > r.begin || conflicts(fix.edits[i - 1], fix.edits[i])))
            return false;
    }
    return true;
}

} // namespace

ApplyResult apply_fixes(std::string_view text, std::span<const Fix> fixes) {
    ApplyResult result;
    std::vector<std::size_t> order(fixes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const TextSize pa = fixes[a].edits.empty() ? 0 : fixes[a].edits.front().range.begin;
        const TextSize pb = fixes[b].edits.empty() ? 0 : fixes[b].edits.front().range.begin;
        return pa < pb;
    });

    std::vector<Edit> taken;
    for (const std::size_t i : order) {
        const Fix& fix = fixes[i];
        bool ok = well_formed(fix, text.size());
        for (std::size_t e = 0; ok && e < fix.edits.size(); ++e)
            ok = std::none_of(taken.begin(), taken.end(), [&](const Edit& t) { return conflicts(t, fix.edits[e]); });
        if (!ok) {
            result.skipped.push_back(i);
            continue;
        }
        taken.insert(taken.end(), fix.edits.begin(), fix.edits.end());
        result.applied.push_back(i);
    }
    // By position; an insertion at the start of a replaced range goes first (it does not conflict with it).
    std::sort(taken.begin(), taken.end(), [](const Edit& a, const Edit& b) {
        return a.range.begin != b.range.begin ? a.range.begin < b.range.begin : a.range.end < b.range.end;
    });

    // One pass: copy untouched slices, splice replacements.
    std::size_t grow = 0;
    for (const Edit& e : taken)
        grow += e.replacement.size();
    result.text.reserve(text.size() + grow);
    TextSize cursor = 0;
    for (const Edit& e : taken) {
        result.text.append(text.substr(cursor, e.range.begin - cursor));
        result.text.append(e.replacement);
        cursor = e.range.end;
    }
    result.text.append(text.substr(cursor));
    return result;
}

} // namespace drydock
