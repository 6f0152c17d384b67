#include "instruction_placement.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules {
namespace {

// The start of the line before the line starting at `line_start` (text[line_start - 1] is its '\n'), or npos
// at the first line.
std::size_t previous_line_start(std::string_view text, std::size_t line_start) {
    if (line_start == 0)
        return std::string_view::npos;
    if (line_start < 2)
        return 0;
    const std::size_t newline = text.rfind('\n', line_start - 2);
    return newline == std::string_view::npos ? 0 : newline + 1;
}

bool is_comment_line(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '#';
}

} // namespace

TextSize start_with_comments(const Dockerfile& file, const Instruction& instruction) {
    const std::string_view text = file.source;
    std::size_t start = instruction.line_range.begin;
    while (true) {
        const std::size_t previous = previous_line_start(text, start);
        if (previous == std::string_view::npos)
            break;
        if (!is_comment_line(text.substr(previous, start - previous)))
            break;
        start = previous;
    }
    return static_cast<TextSize>(start);
}

LineInsertion insert_lines(const Dockerfile& file, TextSize offset, const std::vector<std::string>& lines) {
    const std::string_view text = file.source;
    const bool at_unterminated_end = offset == text.size() && !text.empty() && text.back() != '\n';
    const std::string terminator(line_terminator_at(text, offset));
    LineInsertion out{offset, at_unterminated_end ? terminator : std::string()};
    for (const std::string& line : lines)
        out.text += line + terminator;
    return out;
}

} // namespace drydock::rules
