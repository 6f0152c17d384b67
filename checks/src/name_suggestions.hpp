#pragma once
// "Did you mean …?" for misspelt names (variables, build args), as BuildKit's util/suggest picks them: the
// candidate at the smallest Levenshtein distance below 3, none when the name itself is a candidate. Unlike
// BuildKit, the distance must also be at most a third of the longer name, so that short names do not
// suggest unrelated ones (`$K` is not a typo of `$A`).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// Levenshtein distance in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name` at an edit distance of at most 2 and at most a third of the longer name
// (the first of equally close ones), or nullopt. Without `case_sensitive`, names compare lower-cased and the
// answer takes `name`'s casing when `name` is all lower or all upper case.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates,
                                        bool case_sensitive = true);

} // namespace drydock::rules
