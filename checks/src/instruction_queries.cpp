#include "instruction_queries.hpp"

#include <drydock/parser/line_index.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <string>

namespace drydock::rules {

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_decimal(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::uint32_t line_number(const Dockerfile& file, TextSize offset) {
    const std::string_view before = std::string_view(file.source).substr(0, offset);
    return static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n')) + 1;
}

std::string stage_label(const Stage& stage) {
    return stage.name.empty() ? "stage " + std::to_string(stage.index) : "`" + stage.name + "`";
}

TextRange word_part(const Word& word, std::size_t begin, std::size_t end) {
    // raw has continuations removed: only when it is as long as the source range do offsets map 1:1.
    if (word.raw.size() != word.range.size() || begin > end || end > word.raw.size())
        return word.range;
    return {word.range.begin + static_cast<TextSize>(begin), word.range.begin + static_cast<TextSize>(end)};
}

namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The modifier at the start of `rest` (the text after a braced name): ":-", "-", ":+", "+", ":?", "?";
// empty when there is none.
std::string_view modifier_of(std::string_view rest) {
    for (const std::string_view m : {":-", ":+", ":?", "-", "+", "?"})
        if (rest.starts_with(m))
            return m;
    return {};
}

} // namespace

Word with_variables(const Word& word, char escape) {
    if (!word.variables.empty())
        return word;
    Word out = word;
    const std::string_view raw = word.raw;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == escape) {
            ++i; // the escaped character is literal
            continue;
        }
        if (raw[i] != '$' || i + 1 >= raw.size())
            continue;
        VariableRef ref;
        std::size_t end = i + 1;
        if (raw[end] == '{') {
            const std::size_t close = raw.find('}', end);
            if (close == std::string_view::npos)
                break;
            const std::string_view inner = raw.substr(end + 1, close - end - 1);
            std::size_t name_end = 0;
            while (name_end < inner.size() && is_name_char(inner[name_end]))
                ++name_end;
            ref.name = std::string(inner.substr(0, name_end));
            ref.modifier = std::string(modifier_of(inner.substr(name_end)));
            ref.operand = std::string(inner.substr(name_end + ref.modifier.size()));
            ref.braced = true;
            end = close + 1;
        } else {
            while (end < raw.size() && is_name_char(raw[end]))
                ++end;
            ref.name = std::string(raw.substr(i + 1, end - i - 1));
        }
        if (ref.name.empty())
            continue;
        // Ranges are exact when raw is the source text; otherwise default_value() gives up on the word.
        ref.range = word_part(word, i, end);
        out.variables.push_back(std::move(ref));
        i = end - 1;
    }
    return out;
}

std::optional<CopyOperands> copy_operands(const Instruction& copy) {
    if (copy.arguments.size() < 2)
        return std::nullopt;
    const std::span<const Word> all(copy.arguments);
    return CopyOperands{all.first(all.size() - 1), &all.back()};
}

std::optional<std::size_t> named_stage(const SemanticModel& model, std::string_view reference) {
    if (reference.empty())
        return std::nullopt;
    if (is_decimal(reference)) {
        // More digits than any Dockerfile has stages: an index that names nothing.
        if (reference.size() > 6)
            return std::numeric_limits<std::size_t>::max();
        return std::stoul(std::string(reference));
    }
    if (const Stage* stage = model.stage_named(reference))
        return stage->index;
    return std::nullopt;
}

std::string registry_of(std::string_view image) {
    const std::size_t slash = image.find('/');
    if (slash == std::string_view::npos)
        return {};
    const std::string_view first = image.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost")
        return std::string(first);
    return {};
}

std::vector<MountOption> mount_options(const Flag& mount) {
    std::vector<MountOption> out;
    if (!mount.value)
        return out;
    const Word& word = *mount.value;
    // Offsets into the value are offsets into the source only when nothing was unquoted or unescaped.
    const bool mapped = word.raw == word.value;
    const std::string_view text = word.value;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find(',', begin);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view part = text.substr(begin, end - begin);
        const std::size_t equals = part.find('=');
        MountOption option;
        option.key = to_lower(part.substr(0, equals));
        if (equals != std::string_view::npos) {
            option.value = std::string(part.substr(equals + 1));
            option.range = mapped ? word_part(word, begin + equals + 1, end) : word.range;
        } else {
            option.range = mapped ? word_part(word, begin, end) : word.range;
        }
        if (!part.empty())
            out.push_back(std::move(option));
        begin = end + 1;
    }
    return out;
}

} // namespace drydock::rules
