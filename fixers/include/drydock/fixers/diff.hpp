#pragma once
// A unified diff of two texts (what `drydock fix --diff` prints), line by line, with three lines of context.

#include <string>
#include <string_view>

namespace drydock {

// Empty when the texts are equal. Lines keep their terminators; a last line without one gets the usual
// "\ No newline at end of file" marker.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_name,
                         std::string_view after_name, int context = 3);

} // namespace drydock
