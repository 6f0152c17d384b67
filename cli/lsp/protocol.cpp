#include "lsp/protocol.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace drydock::lsp {
namespace {

constexpr std::uint32_t max_uinteger = std::numeric_limits<std::uint32_t>::max();

std::uint32_t uinteger(const nlohmann::json& value) {
    if (value.is_number_unsigned())
        return static_cast<std::uint32_t>(std::min<std::uint64_t>(value.get<std::uint64_t>(), max_uinteger));
    if (value.is_number_integer()) {
        const std::int64_t number = value.get<std::int64_t>();
        return number <= 0 ? 0 : static_cast<std::uint32_t>(std::min<std::int64_t>(number, max_uinteger));
    }
    const double number = value.get<double>(); // throws type_error for anything but a number
    if (!(number > 0))                         // also NaN
        return 0;
    return number >= max_uinteger ? max_uinteger : static_cast<std::uint32_t>(number);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

LspPosition to_lsp(const LineIndex& lines, TextSize offset) {
    const Position p = lines.position(offset, ColumnUnit::Utf16);
    return {p.line - 1, p.column - 1};
}

LspRange to_lsp(const LineIndex& lines, TextRange range) {
    return {to_lsp(lines, range.begin), to_lsp(lines, range.end)};
}

TextSize to_offset(const LineIndex& lines, LspPosition position) {
    return lines.offset(position.line, position.character, ColumnUnit::Utf16);
}

TextRange to_text_range(const LineIndex& lines, LspRange range) {
    const TextSize a = to_offset(lines, range.start);
    const TextSize b = to_offset(lines, range.end);
    return {std::min(a, b), std::max(a, b)};
}

nlohmann::json to_json(LspPosition position) {
    return {{"line", position.line}, {"character", position.character}};
}

nlohmann::json to_json(LspRange range) {
    return {{"start", to_json(range.start)}, {"end", to_json(range.end)}};
}

LspPosition position_from_json(const nlohmann::json& value) {
    return {uinteger(value.at("line")), uinteger(value.at("character"))};
}

LspRange range_from_json(const nlohmann::json& value) {
    return {position_from_json(value.at("start")), position_from_json(value.at("end"))};
}

std::string dump(const nlohmann::json& message) {
    return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::string> path_from_uri(std::string_view uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.size() < scheme.size() ||
        !std::equal(scheme.begin(), scheme.end(), uri.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
        return std::nullopt;
    uri.remove_prefix(scheme.size());
    // The authority (`localhost` or empty) ends at the path's first '/'.
    const std::size_t slash = uri.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    uri.remove_prefix(slash);
    uri = uri.substr(0, uri.find_first_of("?#"));
    std::string path;
    for (std::size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 && hex_value(uri[i + 2]) >= 0) {
            const char decoded = static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2]));
            if (decoded == '\0')
                return std::nullopt; // no path holds a NUL
            path += decoded;
            i += 2;
        } else {
            path += uri[i];
        }
    }
    return path;
}

std::string uri_from_path(std::string_view path) {
    constexpr std::string_view keep = "-._~!$&'()*+,;=@/:";
    constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out = "file://";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4U];
            out += hex[byte & 0xFU];
        }
    }
    return out;
}

} // namespace drydock::lsp
