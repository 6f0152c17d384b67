// Utf16Offsets (SARIF's fix offsets, counted line by line) agrees with utf16_offset (counted from the start
// of the file) at every byte of texts with a BOM, CRLF, characters of 2 to 4 bytes, invalid and truncated
// UTF-8 and no final newline.

#include "output/report_support.hpp"

#include <drydock/parser/line_index.hpp>

#include <gtest/gtest.h>

#include <string>

namespace drydock::cli::report {
namespace {

TEST(Utf16Offsets, AgreeWithUtf16OffsetAtEveryByte) {
    for (const std::string& text : {
             std::string(""),
             std::string("FROM a\nRUN b\n"),
             std::string("\xEF\xBB\xBF"
                         "FROM a\r\nLABEL x=\"h\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"\r\n"),
             std::string("RUN \xFF\xC3 x\n\xF0\x9F\x98\x80\xF0\x9F\nlast \xE2\x82"),
             std::string("\n\n\xF0\x9F\x98\x80\n\r\r\n"),
         }) {
        const LineIndex lines(text);
        const Utf16Offsets offsets(lines, text);
        for (TextSize offset = 0; offset <= text.size() + 1; ++offset)
            EXPECT_EQ(offsets(offset), utf16_offset(text, offset)) << "offset " << offset << " of " << text;
    }
}

} // namespace
} // namespace drydock::cli::report
