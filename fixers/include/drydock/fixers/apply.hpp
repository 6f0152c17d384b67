#pragma once
// Applying fixes: take them in order, skip any whose edits overlap an edit already taken, splice in one pass.
// Re-parsing and re-linting the result is the caller's job (checks/ owns the fix loop).

#include <drydock/fixers/fix.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

struct ApplyResult {
    std::string text;
    std::vector<std::size_t> applied; // indices into the fixes given, in the order taken
    std::vector<std::size_t> skipped; // overlapped an earlier fix, or had an edit outside the text
};

// Applies `fixes` to `text`. Fixes are taken in order of their first edit's position (ties: given order); a fix
// is skipped when one of its edits overlaps or touches the same insertion point as an edit already taken, or
// lies outside the text. Edits within one fix must be sorted and must not overlap (else the fix is skipped).
ApplyResult apply_fixes(std::string_view text, std::span<const Fix> fixes);

} // namespace drydock
