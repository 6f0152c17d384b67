#include "fix_builders.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <algorithm>

namespace drydock::rules {

std::string dockerfile_quoted(std::string_view value, char escape) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '$' || c == escape)
            out.push_back(escape);
        out.push_back(c);
    }
    return out + "\"";
}

Fix replace_keyword(const Instruction& instruction, std::string_view keyword, std::string title,
                    Applicability applicability) {
    return Fix::replace(std::move(title), instruction.keyword.range,
                        cased_like(keyword, instruction.keyword.raw), applicability);
}

bool drops_comments(const Instruction& instruction, TextRange range) {
    return std::any_of(instruction.comments.begin(), instruction.comments.end(),
                       [&](TextRange c) { return c.begin < range.end && range.begin < c.end; });
}

} // namespace drydock::rules
