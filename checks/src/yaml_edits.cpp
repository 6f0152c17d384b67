#include "yaml_edits.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules {
namespace {

using yaml::no_node;
using yaml::NodeId;

// The end of the last line of `node` (its content, before the terminator), where new lines go.
TextSize end_of_last_line(const yaml::Document& doc, NodeId node) {
    return doc.line_end(doc.node(node).range.end);
}

// Re-indents the leading blanks of `line` (two per level) with `step` per level.
std::string reindent(std::string_view line, std::string_view step) {
    std::size_t blanks = 0;
    while (blanks < line.size() && line[blanks] == ' ')
        ++blanks;
    std::string out;
    for (std::size_t level = 0; level < blanks / 2; ++level)
        out += step;
    out += line.substr(blanks);
    return out;
}

void find_step(const yaml::Document& doc, NodeId id, std::uint32_t& step, int depth) {
    if (step != 0 || id == no_node || depth > 64)
        return;
    const yaml::Node& node = doc.node(id);
    if (node.kind == yaml::NodeKind::Mapping) {
        for (std::size_t i = 0; i + 1 < node.children.size() && step == 0; i += 2) {
            const yaml::Node& value = doc.node(node.children[i + 1]);
            if (value.kind == yaml::NodeKind::Mapping && value.style == yaml::Style::Block &&
                !value.children.empty()) {
                const std::uint32_t outer = doc.column_of(doc.node(node.children[i]).range.begin);
                const std::uint32_t inner = doc.column_of(doc.node(value.children.front()).range.begin);
                if (inner > outer && doc.line_start(doc.node(node.children[i]).range.begin) !=
                                         doc.line_start(doc.node(value.children.front()).range.begin))
                    step = inner - outer;
            }
            find_step(doc, node.children[i + 1], step, depth + 1);
        }
    } else if (node.kind == yaml::NodeKind::Sequence) {
        for (const NodeId item : node.children)
            find_step(doc, item, step, depth + 1);
    }
}

} // namespace

std::string spaces(std::uint32_t count) {
    return std::string(count, ' ');
}

std::string indent_step(const yaml::Document& doc) {
    std::uint32_t step = 0;
    find_step(doc, doc.root, step, 0);
    return spaces(step == 0 || step > 8 ? 2 : step);
}

std::optional<Edit> append_entry(const yaml::Document& doc, NodeId map,
                                 const std::vector<std::string>& lines) {
    map = doc.resolve(map);
    if (map == no_node || doc.node(map).kind != yaml::NodeKind::Mapping ||
        doc.node(map).style != yaml::Style::Block || doc.node(map).children.empty())
        return std::nullopt;
    const yaml::Node& node = doc.node(map);
    const std::string indent = spaces(doc.column_of(doc.node(node.children.front()).range.begin));
    const TextSize at = end_of_last_line(doc, node.children.back());
    const std::string_view newline = line_terminator_at(doc.source, at);
    const std::string step = indent_step(doc);
    std::string text;
    for (const std::string& line : lines)
        text += std::string(newline) + indent + reindent(line, step);
    return insert_at(at, text);
}

std::optional<Edit> append_item(const yaml::Document& doc, NodeId sequence, std::string_view item) {
    sequence = doc.resolve(sequence);
    if (sequence == no_node || doc.node(sequence).kind != yaml::NodeKind::Sequence)
        return std::nullopt;
    const yaml::Node& node = doc.node(sequence);
    if (node.style == yaml::Style::Flow) {
        if (node.range.size() < 2)
            return std::nullopt;
        if (node.children.empty())
            return insert_at(node.range.end - 1, std::string(item));
        return insert_at(doc.node(node.children.back()).range.end, ", " + std::string(item));
    }
    if (node.children.empty())
        return std::nullopt;
    const TextSize dash = node.range.begin; // a block sequence starts at its first `-`
    const TextSize at = end_of_last_line(doc, node.children.back());
    return insert_at(at, std::string(line_terminator_at(doc.source, at)) + spaces(doc.column_of(dash)) +
                             "- " + std::string(item));
}

TextRange entry_lines(const yaml::Document& doc, NodeId key, NodeId value) {
    const TextSize begin = doc.line_start(doc.node(key).range.begin);
    const TextRange last = value == no_node ? doc.node(key).range : doc.node(value).range;
    TextSize end = doc.line_end(std::max(last.end, doc.node(key).range.end));
    if (end < doc.source.size() && doc.source[end] == '\r')
        ++end;
    if (end < doc.source.size() && doc.source[end] == '\n')
        ++end;
    return {begin, end};
}

} // namespace drydock::rules
