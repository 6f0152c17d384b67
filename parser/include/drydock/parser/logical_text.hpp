#pragma once
// The text an instruction means, as BuildKit joins it (line continuations, the blanks after the escape
// character, and comment lines inside the instruction removed), together with the original offset of every
// byte. Grammars and the shell tokenizer work on the joined text; every range they produce maps back to the
// original file through `original()`, so no node ever loses its place.

#include <drydock/parser/text_range.hpp>

#include <cassert>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

struct LogicalText {
    std::string text;
    // offsets[i] = original offset of text[i]; offsets[text.size()] = original offset just past the last
    // byte.
    std::vector<TextSize> offsets{0};

    // Text copied from one contiguous stretch of the original file (heredoc bodies, single lines).
    static LogicalText contiguous(std::string_view original_slice, TextSize original_begin) {
        LogicalText out;
        out.text.assign(original_slice);
        out.offsets.resize(original_slice.size() + 1);
        for (std::size_t i = 0; i <= original_slice.size(); ++i)
            out.offsets[i] = original_begin + static_cast<TextSize>(i);
        return out;
    }

    void append(char c, TextSize original_offset) {
        text.push_back(c);
        offsets.back() = original_offset;
        offsets.push_back(original_offset + 1);
    }

    // Original range of logical bytes [begin, end). The end is one past the last byte's original offset, so a
    // word that spans a continuation ends where its last character is, not after the next line's indentation.
    TextRange original(std::size_t begin, std::size_t end) const {
        assert(begin <= end && end < offsets.size());
        if (begin == end)
            return {offsets[begin], offsets[begin]};
        return {offsets[begin], offsets[end - 1] + 1};
    }
};

} // namespace drydock
