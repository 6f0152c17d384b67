#pragma once
// is_suppressed for every finding of a file at once: the pragmas are indexed by the range they cover, so a
// finding is tested against the pragmas around it rather than all of them (a file with a pragma above each of
// its thousands of instructions made the check quadratic).

#include <drydock/checks/suppression.hpp>

#include <cstddef>
#include <vector>

namespace drydock {

class SuppressionMatcher {
public:
    // `suppressions` must outlive the matcher.
    explicit SuppressionMatcher(const Suppressions& suppressions);

    // The answer of is_suppressed(diagnostic, suppressions, used), marking the same pragmas used.
    bool suppressed(const Diagnostic& diagnostic, std::vector<bool>& used) const;

private:
    const Suppressions& suppressions_;
    std::vector<std::size_t> everywhere_; // global and stage pragmas (few): tested for every finding
    std::vector<std::size_t> by_begin_;   // the others, by the start of the range they cover
    std::vector<TextSize> reach_;         // reach_[k]: the furthest end among the ranges of by_begin_[0..k]
};

} // namespace drydock
