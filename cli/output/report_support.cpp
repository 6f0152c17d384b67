#include "output/report_support.hpp"

#include <drydock/checks/registry.hpp>

#include <algorithm>
#include <map>
#include <utility>

namespace drydock::cli::report {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_continuation(unsigned char c) {
    return (c & 0xC0U) == 0x80U;
}

} // namespace

const RuleMeta* rule_for_code(std::string_view code) {
    if (code == syntax_error_rule().code)
        return &syntax_error_rule();
    const RuleEntry* entry = find_rule(code);
    if (entry == nullptr || entry->meta->code != code)
        return nullptr;
    return entry->meta;
}

Location locate(const LineIndex& lines, TextRange range, ColumnUnit unit) {
    // A reversed range (never produced by rules) is shown as empty rather than ending before it starts.
    const TextSize end = std::max(range.begin, range.end);
    return {lines.position(range.begin, unit), lines.position(end, unit)};
}

std::string_view line_text(const LineIndex& lines, std::string_view source, TextSize offset) {
    return lines.line_content(lines.line_of(offset)).slice(source);
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view blanks = " \t\r";
    const std::size_t first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return {};
    const std::size_t last = text.find_last_not_of(blanks);
    return text.substr(first, last - first + 1);
}

// Well-formed sequences only (Unicode Table 3-7: no overlongs, surrogates or values above U+10FFFF), the same
// rule LineIndex uses, so columns and offsets computed here agree with it.
Utf8Char decode_utf8(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80U)
        return {lead, 1, true};
    unsigned char lo = 0x80U;
    unsigned char hi = 0xBFU;
    std::size_t length = 0;
    char32_t value = 0;
    if (lead >= 0xC2U && lead <= 0xDFU) {
        length = 2;
        value = lead & 0x1FU;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
        length = 3;
        value = lead & 0x0FU;
        if (lead == 0xE0U)
            lo = 0xA0U;
        else if (lead == 0xEDU)
            hi = 0x9FU;
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
        length = 4;
        value = lead & 0x07U;
        if (lead == 0xF0U)
            lo = 0x90U;
        else if (lead == 0xF4U)
            hi = 0x8FU;
    } else {
        return {};
    }
    if (text.size() - i < length || byte(i + 1) < lo || byte(i + 1) > hi)
        return {};
    for (std::size_t k = 1; k < length; ++k) {
        if (!is_continuation(byte(i + k)))
            return {};
        value = (value << 6U) | (byte(i + k) & 0x3FU);
    }
    return {value, length, true};
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80U) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800U) {
        out += static_cast<char>(0xC0U | (cp >> 6U));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    } else if (cp < 0x10000U) {
        out += static_cast<char>(0xE0U | (cp >> 12U));
        out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    } else {
        out += static_cast<char>(0xF0U | (cp >> 18U));
        out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
        out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    }
}

std::uint32_t utf16_offset(std::string_view source, TextSize offset) {
    const std::size_t target = std::min<std::size_t>(offset, source.size());
    std::size_t i = source.starts_with(kBom) ? kBom.size() : 0;
    std::uint32_t units = 0;
    while (i < target) {
        const Utf8Char c = decode_utf8(source, i);
        if (i + c.length > target)
            break; // inside this character: count up to its start
        units += c.valid && c.length == 4 ? 2U : 1U;
        i += c.length;
    }
    return units;
}

Utf16Offsets::Utf16Offsets(const LineIndex& lines, std::string_view source) : lines_(lines), source_(source) {
    line_units_.reserve(lines.line_count());
    std::size_t i = source.starts_with(kBom) ? kBom.size() : 0;
    std::uint32_t units = 0;
    for (std::uint32_t line = 0; line < lines.line_count(); ++line) {
        // Line starts follow a '\n', which no well-formed sequence contains: the walk lands on each.
        const std::size_t start = lines.line_start(line);
        while (i < start) {
            const Utf8Char c = decode_utf8(source, i);
            units += c.valid && c.length == 4 ? 2U : 1U;
            i += c.length;
        }
        line_units_.push_back(units);
    }
}

std::uint32_t Utf16Offsets::operator()(TextSize offset) const {
    const std::size_t target = std::min<std::size_t>(offset, source_.size());
    const std::uint32_t line = lines_.line_of(static_cast<TextSize>(target));
    std::size_t i =
        std::max<std::size_t>(lines_.line_start(line), source_.starts_with(kBom) ? kBom.size() : 0);
    std::uint32_t units = line_units_[line];
    while (i < target) {
        const Utf8Char c = decode_utf8(source_, i);
        if (i + c.length > target)
            break; // inside this character: count up to its start
        units += c.valid && c.length == 4 ? 2U : 1U;
        i += c.length;
    }
    return units;
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        // Printable ASCII, most of any line, is copied as a run (this runs for every line of a report).
        std::size_t plain = i;
        while (plain < text.size() && text[plain] >= 0x20 && text[plain] < 0x7F)
            ++plain;
        if (plain > i) {
            out.append(text.substr(i, plain - i));
            i = plain;
            continue;
        }
        const Utf8Char c = decode_utf8(text, i);
        const bool control = (c.code_point < 0x20U && c.code_point != '\t') ||
                             (c.code_point >= 0x7FU && c.code_point <= 0x9FU);
        if (c.code_point == '\n' || c.code_point == '\r')
            out += ' '; // a message's line break, or a lone CR inside a source line: still one column
        else if (!c.valid || control)
            append_utf8(out, U'\uFFFD');
        else
            out.append(text.substr(i, c.length));
        i += c.length;
    }
    return out;
}

std::uint64_t fnv1a64(std::string_view data) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : data) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::string hex64(std::uint64_t value) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out(16, '0');
    for (std::size_t i = 16; i-- > 0; value >>= 4U)
        out[i] = digits[value & 0xFU];
    return out;
}

std::vector<std::size_t> occurrences(const FileReport& file, const LineIndex& lines) {
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> seen;
    std::vector<std::size_t> out;
    out.reserve(file.diagnostics.size());
    for (const Diagnostic& d : file.diagnostics) {
        const std::string_view text = trim(line_text(lines, file.source, d.range.begin));
        out.push_back(++seen[{d.code, text}]);
    }
    return out;
}

} // namespace drydock::cli::report
