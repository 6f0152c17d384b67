#include <drydock/fixers/text_edits.hpp>

#include <algorithm>
#include <cctype>

namespace drydock {

std::string_view line_terminator_at(std::string_view text, TextSize offset) {
    const std::size_t nl = text.find('\n', offset);
    if (nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r')
        return "\r\n";
    if (nl == std::string_view::npos) {
        // The last line has no terminator: follow the file's first one.
        const std::size_t first = text.find('\n');
        if (first != std::string_view::npos && first > 0 && text[first - 1] == '\r')
            return "\r\n";
    }
    return "\n";
}

std::string json_string(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string json_array(std::span<const std::string> values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += json_string(values[i]);
    }
    return out + "]";
}

std::string cased_like(std::string_view keyword, std::string_view reference) {
    const bool lower = !reference.empty() && std::none_of(reference.begin(), reference.end(), [](unsigned char c) {
        return std::isupper(c);
    });
    std::string out(keyword);
    std::transform(out.begin(), out.end(), out.begin(), [&](unsigned char c) {
        return static_cast<char>(lower ? std::tolower(c) : std::toupper(c));
    });
    return out;
}

Edit insert_at(TextSize offset, std::string text) { return Edit{{offset, offset}, std::move(text)}; }
Edit replace_range(TextRange range, std::string text) { return Edit{range, std::move(text)}; }
Edit delete_range(TextRange range) { return Edit{range, {}}; }

} // namespace drydock
