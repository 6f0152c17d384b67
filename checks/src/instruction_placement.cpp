#include "instruction_placement.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules {
TextSize start_with_comments(const Dockerfile& file, std::size_t index) {
    std::size_t item = 0;
    while (item < file.items.size() &&
           !(file.items[item].kind == ItemKind::Instruction && file.items[item].index == index))
        ++item;
    TextSize at = file.instructions[index].line_range.begin;
    while (item > 0 && file.items[item - 1].kind == ItemKind::Comment)
        at = file.items[--item].range.begin;
    return at;
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
