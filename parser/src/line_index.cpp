// Offset -> line/column conversion (see line_index.hpp).
//
// Conventions, beyond what the header says:
// * Lines: one line per '\n', plus the line after the last '\n'. So "" has 1 line, "a" has 1, "a\n" has 2
//   (the second one empty). A '\r' directly before a '\n' belongs to the terminator; a '\r' anywhere else
//   (a lone CR, including one at the very end of the file) is ordinary content: BuildKit splits on '\n' only.
// * BOM: a UTF-8 byte order mark (EF BB BF) at offset 0 is not part of line 0, so line_start(0) == 3 and
//   line_content(0) begins at 3. Offsets 0 to 3 all map to line 1, column 1.
// * Columns count the units between the line's start and the offset: Bytes = UTF-8 bytes, CodePoints =
//   code points, Utf16 = UTF-16 code units (2 for code points >= U+10000). A tab is one column. Each byte
//   that does not begin a well-formed UTF-8 sequence (Unicode Table 3-7: no overlongs, surrogates or values
//   above U+10FFFF) counts as one unit in every column unit.
// * An offset inside a multi-byte character gives that character's column (rounds down) for CodePoints
//   and Utf16; Bytes columns are exact. An offset inside a line's terminator (the '\n' of "\r\n") or past
//   the end of the text is clamped to the end of the line's content, so CRLF and LF files agree on columns.
// * offset() is the inverse: it walks `column` units into the line and stops at the content's end; a
//   column inside a character (the second half of a surrogate pair) rounds down to the character's start.
// * Cost: building is linear (a count of '\n' to reserve, then one find() loop); lookups are a binary
//   search over the line starts and never allocate. Bytes columns are O(1) after the search; CodePoints and
//   Utf16 columns walk the line up to the offset (O(column)), which is inherent without per-line data.
// * Precondition: the text is shorter than 4 GiB (offsets are 32-bit).

#include <drydock/parser/line_index.hpp>

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <limits>

namespace drydock {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_continuation(unsigned char c) {
    return (c & 0xC0U) == 0x80U;
}

// Length (1-4) of the well-formed UTF-8 sequence starting at text[i], or 0 when text[i] does not start one.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80U)
        return 1;
    const std::size_t left = text.size() - i;
    // Allowed range of the second byte; the remaining bytes are always 80..BF.
    unsigned char lo = 0x80U;
    unsigned char hi = 0xBFU;
    std::size_t length = 0;
    if (lead >= 0xC2U && lead <= 0xDFU) {
        length = 2;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
        length = 3;
        if (lead == 0xE0U)
            lo = 0xA0U; // no overlongs
        else if (lead == 0xEDU)
            hi = 0x9FU; // no surrogates
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
        length = 4;
        if (lead == 0xF0U)
            lo = 0x90U; // no overlongs
        else if (lead == 0xF4U)
            hi = 0x8FU; // nothing above U+10FFFF
    } else {
        return 0; // 80..C1 or F5..FF
    }
    if (left < length)
        return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (!is_continuation(byte(i + k)))
            return 0;
    return length;
}

// Units one character of `length` bytes (0 = an invalid byte) takes in `unit`.
std::uint32_t units_of(std::size_t length, ColumnUnit unit) {
    switch (unit) {
    case ColumnUnit::Bytes:
        return length == 0 ? 1U : static_cast<std::uint32_t>(length);
    case ColumnUnit::CodePoints:
        return 1;
    case ColumnUnit::Utf16:
        return length == 4 ? 2U : 1U;
    }
    return 1;
}

} // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
    assert(text.size() <= std::numeric_limits<TextSize>::max());
    const std::size_t first = text.starts_with(kBom) ? kBom.size() : 0;
    starts_.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    starts_.push_back(static_cast<TextSize>(first));
    for (std::size_t i = text.find('\n', first); i != std::string_view::npos; i = text.find('\n', i + 1))
        starts_.push_back(static_cast<TextSize>(i + 1));
}

std::uint32_t LineIndex::line_of(TextSize offset) const {
    // The first start greater than `offset` is one past the line holding it. Offsets inside a BOM come before
    // starts_[0] and belong to line 0.
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    if (after == starts_.begin())
        return 0;
    return static_cast<std::uint32_t>(after - starts_.begin() - 1);
}

TextSize LineIndex::line_start(std::uint32_t line) const {
    if (line >= starts_.size())
        return static_cast<TextSize>(text_.size());
    return starts_[line];
}

TextRange LineIndex::line_content(std::uint32_t line) const {
    if (line >= starts_.size()) {
        const auto end = static_cast<TextSize>(text_.size());
        return {end, end};
    }
    const TextSize begin = starts_[line];
    if (line + 1 == starts_.size())
        return {begin, static_cast<TextSize>(text_.size())};
    TextSize end = starts_[line + 1] - 1; // the '\n'
    if (end > begin && text_[end - 1] == '\r')
        --end;
    return {begin, end};
}

Position LineIndex::position(TextSize offset, ColumnUnit unit) const {
    const std::uint32_t line = line_of(offset);
    const TextRange content = line_content(line);
    // Clamp into [content.begin, content.end]: before it is only possible inside a BOM, after it means inside
    // the terminator or past the end of the text.
    const TextSize target = std::clamp(offset, content.begin, content.end);
    std::uint32_t column = 0;
    if (unit == ColumnUnit::Bytes) {
        column = target - content.begin;
    } else {
        std::size_t i = content.begin;
        while (i < target) {
            const auto c = static_cast<unsigned char>(text_[i]);
            if (c < 0x80U) { // ASCII fast path
                ++column;
                ++i;
                continue;
            }
            const std::size_t length = sequence_length(text_, i);
            const std::size_t step = length == 0 ? 1 : length;
            if (i + step > target)
                break; // `offset` is inside this character: report the character's column
            column += units_of(length, unit);
            i += step;
        }
    }
    return {line + 1, column + 1};
}

TextSize LineIndex::offset(std::uint32_t line, std::uint32_t column, ColumnUnit unit) const {
    const TextRange content = line_content(line);
    if (unit == ColumnUnit::Bytes)
        return content.begin + std::min(column, content.size());
    std::size_t i = content.begin;
    std::uint32_t remaining = column;
    while (i < content.end && remaining > 0) {
        const auto c = static_cast<unsigned char>(text_[i]);
        if (c < 0x80U) {
            --remaining;
            ++i;
            continue;
        }
        const std::size_t length = sequence_length(text_, i);
        const std::uint32_t units = units_of(length, unit);
        if (units > remaining)
            break; // the column falls inside this character (second half of a surrogate pair)
        remaining -= units;
        i += length == 0 ? 1 : length;
    }
    return static_cast<TextSize>(i);
}

} // namespace drydock
