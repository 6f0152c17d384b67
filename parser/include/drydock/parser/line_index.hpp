#pragma once
// Offset -> line/column conversion, computed once per file. Lines are split on '\n' (a preceding '\r' belongs
// to the terminator), a UTF-8 byte order mark does not count as a column, and columns are available in three
// units: bytes (UTF-8), code points (what people count, the CLI's column) and UTF-16 code units (what LSP
// editors use).

#include <drydock/parser/text_range.hpp>

#include <string_view>
#include <vector>

namespace drydock {

struct Position {
    std::uint32_t line = 1;   // 1-based
    std::uint32_t column = 1; // 1-based, in the unit requested
    friend bool operator==(Position, Position) = default;
};

enum class ColumnUnit { Bytes, CodePoints, Utf16 };

class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    Position position(TextSize offset, ColumnUnit unit = ColumnUnit::CodePoints) const;
    // 0-based line number of the line that holds `offset`.
    std::uint32_t line_of(TextSize offset) const;
    // Start offset of a 0-based line (the BOM is skipped on line 0).
    TextSize line_start(std::uint32_t line) const;
    // Range of a 0-based line's content, without its terminator ("\n" or "\r\n").
    TextRange line_content(std::uint32_t line) const;
    std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
    // Inverse of position() (0-based line, 0-based column in `unit`); clamps to the line's end.
    TextSize offset(std::uint32_t line, std::uint32_t column, ColumnUnit unit) const;

private:
    std::string_view text_;
    std::vector<TextSize> starts_;
};

} // namespace drydock
