#include <drydock/parser/line_index.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace drydock {
namespace {

using enum ColumnUnit;

constexpr ColumnUnit kAllUnits[] = {Bytes, CodePoints, Utf16};

Position pos(std::uint32_t line, std::uint32_t column) {
    return Position{line, column};
}

TEST(LineIndexTest, EmptyFile) {
    const LineIndex index("");
    EXPECT_EQ(index.line_count(), 1U);
    EXPECT_EQ(index.line_start(0), 0U);
    EXPECT_EQ(index.line_content(0), (TextRange{0, 0}));
    EXPECT_EQ(index.line_of(0), 0U);
    for (const ColumnUnit unit : kAllUnits) {
        EXPECT_EQ(index.position(0, unit), pos(1, 1));
        EXPECT_EQ(index.position(7, unit), pos(1, 1)); // past the end clamps
        EXPECT_EQ(index.offset(0, 0, unit), 0U);
        EXPECT_EQ(index.offset(0, 4, unit), 0U);
    }
}

TEST(LineIndexTest, DefaultUnitIsCodePoints) {
    const LineIndex index("\xC3\xA9x");
    EXPECT_EQ(index.position(2), pos(1, 2));
    EXPECT_EQ(index.position(2, Bytes), pos(1, 3));
}

TEST(LineIndexTest, NoTrailingNewline) {
    const LineIndex index("FROM a\nRUN b");
    EXPECT_EQ(index.line_count(), 2U);
    EXPECT_EQ(index.line_start(0), 0U);
    EXPECT_EQ(index.line_start(1), 7U);
    EXPECT_EQ(index.line_content(0), (TextRange{0, 6}));
    EXPECT_EQ(index.line_content(1), (TextRange{7, 12}));
    EXPECT_EQ(index.position(0), pos(1, 1));
    EXPECT_EQ(index.position(5), pos(1, 6));
    EXPECT_EQ(index.position(6), pos(1, 7)); // the '\n' itself: one past the content
    EXPECT_EQ(index.position(7), pos(2, 1));
    EXPECT_EQ(index.position(12), pos(2, 6)); // end of text
    EXPECT_EQ(index.position(13), pos(2, 6)); // past the end clamps
    EXPECT_EQ(index.position(4000000000U), pos(2, 6));
    EXPECT_EQ(index.line_of(6), 0U);
    EXPECT_EQ(index.line_of(7), 1U);
    EXPECT_EQ(index.line_of(12), 1U);
    EXPECT_EQ(index.line_of(99), 1U);
}

TEST(LineIndexTest, TrailingNewlineStartsAnEmptyLastLine) {
    const LineIndex index("a\n");
    EXPECT_EQ(index.line_count(), 2U);
    EXPECT_EQ(index.line_start(1), 2U);
    EXPECT_EQ(index.line_content(1), (TextRange{2, 2}));
    EXPECT_EQ(index.position(1), pos(1, 2));
    EXPECT_EQ(index.position(2), pos(2, 1));
    EXPECT_EQ(index.offset(1, 0, CodePoints), 2U);
    EXPECT_EQ(index.offset(1, 3, CodePoints), 2U);
}

TEST(LineIndexTest, EmptyLines) {
    const LineIndex index("\n\n\n");
    EXPECT_EQ(index.line_count(), 4U);
    for (std::uint32_t line = 0; line < 4; ++line) {
        EXPECT_EQ(index.line_start(line), line);
        EXPECT_EQ(index.line_content(line), (TextRange{line, line}));
        EXPECT_EQ(index.line_of(line), line);
        EXPECT_EQ(index.position(line), pos(line + 1, 1));
    }
}

TEST(LineIndexTest, CrLf) {
    // Offsets: a=0 b=1 \r=2 \n=3 c=4 d=5 \r=6 \n=7, end=8.
    const LineIndex index("ab\r\ncd\r\n");
    EXPECT_EQ(index.line_count(), 3U);
    EXPECT_EQ(index.line_start(1), 4U);
    EXPECT_EQ(index.line_start(2), 8U);
    EXPECT_EQ(index.line_content(0), (TextRange{0, 2}));
    EXPECT_EQ(index.line_content(1), (TextRange{4, 6}));
    EXPECT_EQ(index.line_content(2), (TextRange{8, 8}));
    EXPECT_EQ(index.line_of(2), 0U);
    EXPECT_EQ(index.line_of(3), 0U);
    EXPECT_EQ(index.line_of(4), 1U);
    for (const ColumnUnit unit : kAllUnits) {
        EXPECT_EQ(index.position(1, unit), pos(1, 2));
        EXPECT_EQ(index.position(2, unit), pos(1, 3)); // the '\r': end of the content
        EXPECT_EQ(index.position(3, unit), pos(1, 3)); // the '\n': clamped to the end of the content
        EXPECT_EQ(index.position(4, unit), pos(2, 1));
        EXPECT_EQ(index.position(6, unit), pos(2, 3));
        EXPECT_EQ(index.position(7, unit), pos(2, 3));
        EXPECT_EQ(index.position(8, unit), pos(3, 1));
        EXPECT_EQ(index.offset(0, 2, unit), 2U);
        EXPECT_EQ(index.offset(0, 3, unit), 2U); // never into the terminator
        EXPECT_EQ(index.offset(1, 1, unit), 5U);
    }
}

TEST(LineIndexTest, CrLfAndLfGiveTheSameColumns) {
    const LineIndex lf("RUN a\nRUN b\n");
    const LineIndex crlf("RUN a\r\nRUN b\r\n");
    EXPECT_EQ(lf.position(5), pos(1, 6));
    EXPECT_EQ(crlf.position(5), pos(1, 6));
    EXPECT_EQ(crlf.position(6), pos(1, 6));
    EXPECT_EQ(lf.position(10), pos(2, 5));
    EXPECT_EQ(crlf.position(11), pos(2, 5));
}

TEST(LineIndexTest, LoneCrIsContent) {
    // Offsets: a=0 \r=1 b=2 \n=3 c=4, end=5.
    const LineIndex index("a\rb\nc");
    EXPECT_EQ(index.line_count(), 2U);
    EXPECT_EQ(index.line_content(0), (TextRange{0, 3}));
    EXPECT_EQ(index.line_start(1), 4U);
    EXPECT_EQ(index.position(1), pos(1, 2));
    EXPECT_EQ(index.position(2), pos(1, 3));
    EXPECT_EQ(index.position(3), pos(1, 4));
    EXPECT_EQ(index.position(4), pos(2, 1));
    EXPECT_EQ(index.offset(0, 2, CodePoints), 2U);

    const LineIndex only_cr("a\rb\rc");
    EXPECT_EQ(only_cr.line_count(), 1U);
    EXPECT_EQ(only_cr.line_content(0), (TextRange{0, 5}));
    EXPECT_EQ(only_cr.position(4), pos(1, 5));

    // Only the '\r' right before the '\n' is part of the terminator.
    const LineIndex double_cr("a\r\r\nb");
    EXPECT_EQ(double_cr.line_content(0), (TextRange{0, 2}));
    EXPECT_EQ(double_cr.position(2), pos(1, 3));
    EXPECT_EQ(double_cr.position(3), pos(1, 3));

    // A '\r' at the very end, with no '\n' after it, is content too.
    const LineIndex trailing_cr("a\r");
    EXPECT_EQ(trailing_cr.line_count(), 1U);
    EXPECT_EQ(trailing_cr.line_content(0), (TextRange{0, 2}));
    EXPECT_EQ(trailing_cr.position(2), pos(1, 3));

    const LineIndex bare_crlf("\r\n");
    EXPECT_EQ(bare_crlf.line_count(), 2U);
    EXPECT_EQ(bare_crlf.line_content(0), (TextRange{0, 0}));
    EXPECT_EQ(bare_crlf.position(1), pos(1, 1));
}

TEST(LineIndexTest, ByteOrderMark) {
    // Offsets: BOM=0-2, "FROM x"=3-8, \n=9, "RUN y"=10-14, end=15.
    const LineIndex index("\xEF\xBB\xBF"
                          "FROM x\nRUN y");
    EXPECT_EQ(index.line_count(), 2U);
    EXPECT_EQ(index.line_start(0), 3U); // the BOM is skipped on line 0
    EXPECT_EQ(index.line_start(1), 10U);
    EXPECT_EQ(index.line_content(0), (TextRange{3, 9}));
    EXPECT_EQ(index.line_content(1), (TextRange{10, 15}));
    for (const ColumnUnit unit : kAllUnits) {
        EXPECT_EQ(index.position(0, unit), pos(1, 1));
        EXPECT_EQ(index.position(1, unit), pos(1, 1));
        EXPECT_EQ(index.position(2, unit), pos(1, 1));
        EXPECT_EQ(index.position(3, unit), pos(1, 1));
        EXPECT_EQ(index.position(4, unit), pos(1, 2));
        EXPECT_EQ(index.position(9, unit), pos(1, 7));
        EXPECT_EQ(index.position(10, unit), pos(2, 1));
        EXPECT_EQ(index.offset(0, 0, unit), 3U);
        EXPECT_EQ(index.offset(0, 4, unit), 7U);
        EXPECT_EQ(index.offset(1, 0, unit), 10U);
    }
    EXPECT_EQ(index.line_of(0), 0U);
    EXPECT_EQ(index.line_of(2), 0U);
    EXPECT_EQ(index.line_of(3), 0U);

    const LineIndex only_bom("\xEF\xBB\xBF");
    EXPECT_EQ(only_bom.line_count(), 1U);
    EXPECT_EQ(only_bom.line_start(0), 3U);
    EXPECT_EQ(only_bom.line_content(0), (TextRange{3, 3}));
    EXPECT_EQ(only_bom.position(3), pos(1, 1));

    const LineIndex bom_crlf("\xEF\xBB\xBF\r\nx");
    EXPECT_EQ(bom_crlf.line_content(0), (TextRange{3, 3}));
    EXPECT_EQ(bom_crlf.line_start(1), 5U);
}

TEST(LineIndexTest, ByteOrderMarkOnlyAtOffsetZero) {
    // U+FEFF anywhere else is an ordinary character (3 bytes, 1 code point, 1 UTF-16 unit).
    const LineIndex index("a\xEF\xBB\xBF"
                          "b");
    EXPECT_EQ(index.line_start(0), 0U);
    EXPECT_EQ(index.position(4, Bytes), pos(1, 5));
    EXPECT_EQ(index.position(4, CodePoints), pos(1, 3));
    EXPECT_EQ(index.position(4, Utf16), pos(1, 3));

    const LineIndex second_line("x\n\xEF\xBB\xBFy");
    EXPECT_EQ(second_line.line_start(1), 2U);
    EXPECT_EQ(second_line.position(5, CodePoints), pos(2, 2));

    // A truncated BOM is not a BOM: two invalid bytes.
    const LineIndex partial("\xEF\xBBz");
    EXPECT_EQ(partial.line_start(0), 0U);
    EXPECT_EQ(partial.position(2, CodePoints), pos(1, 3));
}

TEST(LineIndexTest, TabsAreOneColumn) {
    const LineIndex index("\tRUN\t\tx");
    for (const ColumnUnit unit : kAllUnits) {
        EXPECT_EQ(index.position(1, unit), pos(1, 2));
        EXPECT_EQ(index.position(4, unit), pos(1, 5));
        EXPECT_EQ(index.position(6, unit), pos(1, 7));
        EXPECT_EQ(index.offset(0, 6, unit), 6U);
    }
}

TEST(LineIndexTest, MultibyteColumns) {
    // é = C3 A9 (0-1), 漢 = E6 BC A2 (2-4), 😀 = F0 9F 98 80 (5-8), x (9), end (10).
    const std::string_view text = "\xC3\xA9\xE6\xBC\xA2\xF0\x9F\x98\x80x";
    ASSERT_EQ(text.size(), 10U);
    const LineIndex index(text);

    EXPECT_EQ(index.position(0, Bytes), pos(1, 1));
    EXPECT_EQ(index.position(2, Bytes), pos(1, 3));
    EXPECT_EQ(index.position(5, Bytes), pos(1, 6));
    EXPECT_EQ(index.position(9, Bytes), pos(1, 10));
    EXPECT_EQ(index.position(10, Bytes), pos(1, 11));

    EXPECT_EQ(index.position(0, CodePoints), pos(1, 1));
    EXPECT_EQ(index.position(2, CodePoints), pos(1, 2));
    EXPECT_EQ(index.position(5, CodePoints), pos(1, 3));
    EXPECT_EQ(index.position(9, CodePoints), pos(1, 4));
    EXPECT_EQ(index.position(10, CodePoints), pos(1, 5));

    EXPECT_EQ(index.position(0, Utf16), pos(1, 1));
    EXPECT_EQ(index.position(2, Utf16), pos(1, 2));
    EXPECT_EQ(index.position(5, Utf16), pos(1, 3));
    EXPECT_EQ(index.position(9, Utf16), pos(1, 5)); // the emoji is a surrogate pair
    EXPECT_EQ(index.position(10, Utf16), pos(1, 6));

    // Inside a character: Bytes is exact, the others give the character's own column.
    EXPECT_EQ(index.position(1, Bytes), pos(1, 2));
    EXPECT_EQ(index.position(1, CodePoints), pos(1, 1));
    EXPECT_EQ(index.position(4, CodePoints), pos(1, 2));
    EXPECT_EQ(index.position(7, CodePoints), pos(1, 3));
    EXPECT_EQ(index.position(8, Utf16), pos(1, 3));

    EXPECT_EQ(index.offset(0, 1, CodePoints), 2U);
    EXPECT_EQ(index.offset(0, 2, CodePoints), 5U);
    EXPECT_EQ(index.offset(0, 3, CodePoints), 9U);
    EXPECT_EQ(index.offset(0, 4, CodePoints), 10U);
    EXPECT_EQ(index.offset(0, 50, CodePoints), 10U);
    EXPECT_EQ(index.offset(0, 2, Utf16), 5U);
    EXPECT_EQ(index.offset(0, 3, Utf16), 5U); // between the surrogates: rounds down to the emoji
    EXPECT_EQ(index.offset(0, 4, Utf16), 9U);
    EXPECT_EQ(index.offset(0, 5, Utf16), 10U);
    EXPECT_EQ(index.offset(0, 3, Bytes), 3U);
    EXPECT_EQ(index.offset(0, 11, Bytes), 10U);
}

TEST(LineIndexTest, MultibyteOnALaterLine) {
    const LineIndex index("FROM a\nLABEL x=\"\xF0\x9F\x98\x80\" y=1\n");
    // 'y' is at byte 7 + 15 = 22.
    EXPECT_EQ(index.position(22, Bytes), pos(2, 16));
    EXPECT_EQ(index.position(22, CodePoints), pos(2, 13));
    EXPECT_EQ(index.position(22, Utf16), pos(2, 14));
    EXPECT_EQ(index.offset(1, 12, CodePoints), 22U);
    EXPECT_EQ(index.offset(1, 13, Utf16), 22U);
}

TEST(LineIndexTest, InvalidUtf8CountsOneColumnPerByte) {
    // a FF b C0 AF c ED A0 80 d E6 BC \n e
    // 0 1  2 3  4  5 6  7  8  9 10 11 12 13
    // FF never starts a sequence; C0 AF is an overlong '/'; ED A0 80 a surrogate; E6 BC is truncated.
    const std::string_view text = "a\xFF"
                                  "b\xC0\xAF"
                                  "c\xED\xA0\x80"
                                  "d\xE6\xBC\ne";
    ASSERT_EQ(text.size(), 14U);
    const LineIndex index(text);
    EXPECT_EQ(index.line_count(), 2U);
    EXPECT_EQ(index.line_content(0), (TextRange{0, 12}));
    for (const ColumnUnit unit : kAllUnits) {
        for (TextSize offset = 0; offset <= 12; ++offset) {
            EXPECT_EQ(index.position(offset, unit), pos(1, offset + 1)) << "offset " << offset;
            EXPECT_EQ(index.offset(0, offset, unit), offset) << "column " << offset;
        }
        EXPECT_EQ(index.position(13, unit), pos(2, 1));
        EXPECT_EQ(index.position(14, unit), pos(2, 2));
    }

    // A lead byte cut off by the end of the text.
    const LineIndex truncated("x\xF0\x9F");
    EXPECT_EQ(truncated.position(3, CodePoints), pos(1, 4));
    EXPECT_EQ(truncated.position(3, Utf16), pos(1, 4));
    // Beyond U+10FFFF (F4 90 ...) is invalid, U+10FFFF itself (F4 8F BF BF) is valid.
    const LineIndex too_big("\xF4\x90\x80\x80.");
    EXPECT_EQ(too_big.position(4, CodePoints), pos(1, 5));
    const LineIndex max_code_point("\xF4\x8F\xBF\xBF.");
    EXPECT_EQ(max_code_point.position(4, CodePoints), pos(1, 2));
    EXPECT_EQ(max_code_point.position(4, Utf16), pos(1, 3));
    // A valid character right after an invalid byte is still one code point.
    const LineIndex mixed("\x80\xC3\xA9!");
    EXPECT_EQ(mixed.position(3, CodePoints), pos(1, 3));
}

TEST(LineIndexTest, OutOfRangeLinesClampToTheEnd) {
    const LineIndex index("ab\ncd");
    EXPECT_EQ(index.line_start(2), 5U);
    EXPECT_EQ(index.line_start(1000), 5U);
    EXPECT_EQ(index.line_content(2), (TextRange{5, 5}));
    for (const ColumnUnit unit : kAllUnits) {
        EXPECT_EQ(index.offset(2, 0, unit), 5U);
        EXPECT_EQ(index.offset(9, 3, unit), 5U);
    }
}

TEST(LineIndexTest, LineOfMatchesALinearScan) {
    std::string text;
    for (int i = 0; i < 500; ++i) {
        text.append(static_cast<std::size_t>(i % 7), 'x');
        text += (i % 3 == 0) ? "\r\n" : "\n";
    }
    const LineIndex index(text);
    EXPECT_EQ(index.line_count(), 501U);
    std::uint32_t line = 0;
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
        ASSERT_EQ(index.line_of(static_cast<TextSize>(offset)), line) << "offset " << offset;
        ASSERT_EQ(index.position(static_cast<TextSize>(offset), Bytes).line, line + 1);
        if (offset < text.size() && text[offset] == '\n') {
            ++line;
            ASSERT_EQ(index.line_start(line), offset + 1);
        }
    }
}

// True when `offset` starts a character (or is the end of the text) in the sample below. The sample holds no
// stray continuation bytes, so every byte that is not 10xxxxxx starts a character.
bool at_character_start(std::string_view text, std::size_t offset) {
    return offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0U) != 0x80U;
}

TEST(LineIndexTest, RoundTripOverAMixedSample) {
    const std::string_view text = "\xEF\xBB\xBF# syntax=docker/dockerfile:1\r\n"
                                  "FROM alpine\n"
                                  "\n"
                                  "LABEL desc=\"caf\xC3\xA9 \xE6\xBC\xA2\xE5\xAD\x97 \xF0\x9F\x98\x80!\"\r\n"
                                  "RUN\techo a\rb \xFF\xC3( \xF0\x9F\x90\xB3\xF0\x9F\x90\xB3\n"
                                  "\r\n"
                                  "CMD [\"sh\"]";
    const LineIndex index(text);
    ASSERT_EQ(index.line_count(), 7U);

    for (const ColumnUnit unit : kAllUnits) {
        // offset -> position -> offset gives back every character start inside a line's content.
        for (std::size_t o = 0; o <= text.size(); ++o) {
            const auto offset = static_cast<TextSize>(o);
            const Position p = index.position(offset, unit);
            const TextRange content = index.line_content(p.line - 1);
            const TextSize back = index.offset(p.line - 1, p.column - 1, unit);
            EXPECT_EQ(index.position(back, unit), p) << "offset " << o;
            EXPECT_LE(back, std::max(offset, content.begin)) << "offset " << o;
            const bool exact = content.begin <= offset && offset <= content.end &&
                               (unit == Bytes || at_character_start(text, o));
            if (exact) {
                EXPECT_EQ(back, offset) << "offset " << o;
            }
        }
        // line/column -> offset -> line/column gives back every column up to one past the content's end,
        // except the second half of a surrogate pair.
        for (std::uint32_t line = 0; line < index.line_count(); ++line) {
            const TextRange content = index.line_content(line);
            const std::uint32_t width = index.position(content.end, unit).column - 1;
            std::uint32_t exact = 0;
            for (std::uint32_t column = 0; column <= width; ++column) {
                const TextSize offset = index.offset(line, column, unit);
                EXPECT_TRUE(content.begin <= offset && offset <= content.end);
                if (index.position(offset, unit) == pos(line + 1, column + 1)) {
                    ++exact;
                } else {
                    EXPECT_EQ(unit, Utf16) << "line " << line << " column " << column;
                }
            }
            EXPECT_EQ(index.offset(line, width + 5, unit), content.end);
            // Surrogate pairs per line: 😀 on line 3, two whales on line 4.
            const std::uint32_t pairs = unit != Utf16 ? 0 : line == 3 ? 1 : line == 4 ? 2 : 0;
            EXPECT_EQ(exact, width + 1 - pairs) << "line " << line;
        }
    }

    // Spot checks on the sample.
    EXPECT_EQ(index.line_start(0), 3U);
    EXPECT_EQ(index.line_content(0), (TextRange{3, 31}));
    EXPECT_EQ(index.position(31), pos(1, 29)); // '\r' of the CRLF
    EXPECT_EQ(index.position(32), pos(1, 29)); // '\n' of the CRLF
    EXPECT_EQ(index.line_start(1), 33U);
    EXPECT_EQ(index.line_content(2), (TextRange{45, 45}));
    EXPECT_EQ(index.line_content(5), (TextRange{index.line_start(5), index.line_start(5)}));
}

} // namespace
} // namespace drydock
