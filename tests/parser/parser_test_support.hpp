#pragma once
// Helpers shared by the parser tests: parsing with the lossless checks every input must pass, exact ranges
// found by the text they cover, and errors flattened to "[begin,end) message" strings so a mismatch prints
// readably.

#include "support/tree_invariants.hpp"

#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace drydock::test {

inline std::string str(TextRange r) {
    return "[" + std::to_string(r.begin) + "," + std::to_string(r.end) + ")";
}

// Ranges print as "[b,e)" on failure instead of raw bytes.
#define EXPECT_RANGE(actual, expected) EXPECT_EQ(::drydock::test::str(actual), ::drydock::test::str(expected))

// The range of the `nth` (0-based) occurrence of `needle` in `source`; fails the test when there is none.
inline TextRange at(std::string_view source, std::string_view needle, std::size_t nth = 0) {
    std::size_t pos = source.find(needle);
    for (std::size_t i = 0; i < nth && pos != std::string_view::npos; ++i)
        pos = source.find(needle, pos + 1);
    if (pos == std::string_view::npos) {
        ADD_FAILURE() << "'" << needle << "' (occurrence " << nth << ") not in the test input";
        return {};
    }
    return {static_cast<TextSize>(pos), static_cast<TextSize>(pos + needle.size())};
}

// An empty range at `offset`.
inline TextRange point(std::size_t offset) {
    return {static_cast<TextSize>(offset), static_cast<TextSize>(offset)};
}

inline TextRange span(TextRange first, TextRange last) {
    return {first.begin, last.end};
}

// The `length` bytes of `r` that start `offset` bytes in: picks a piece out of a longer, unique needle.
inline TextRange sub(TextRange r, std::size_t offset, std::size_t length) {
    EXPECT_LE(offset + length, r.size());
    return {static_cast<TextSize>(r.begin + offset), static_cast<TextSize>(r.begin + offset + length)};
}

inline std::string error(TextRange r, std::string_view message) {
    return str(r) + " " + std::string(message);
}

inline std::vector<std::string> errors(const Dockerfile& file) {
    std::vector<std::string> out;
    for (const ParseError& e : file.errors)
        out.push_back(error(e.range, e.message));
    return out;
}

// The properties every parse keeps: print(parse(x)) == x; the items tile the file from 0 to its size; each
// instruction item is that instruction's line range, which holds its range; errors are sorted and in bounds;
// and the shared tree invariants (every node inside its parent, in source order).
inline void expect_lossless(const Dockerfile& file) {
    EXPECT_EQ(print(file), file.source);
    EXPECT_EQ(::drydock::testing::check_tree_invariants(file), std::vector<std::string>{});
    TextSize pos = 0;
    for (const Item& item : file.items) {
        EXPECT_EQ(item.range.begin, pos) << "items must be contiguous";
        EXPECT_LT(item.range.begin, item.range.end) << "items must not be empty";
        pos = item.range.end;
        if (item.kind == ItemKind::Instruction) {
            ASSERT_LT(item.index, file.instructions.size());
            const Instruction& ins = file.instructions[item.index];
            EXPECT_RANGE(item.range, ins.line_range);
            EXPECT_TRUE(ins.line_range.contains(ins.range))
                << str(ins.line_range) << " vs " << str(ins.range);
        } else if (item.kind == ItemKind::Directive) {
            ASSERT_LT(item.index, file.directives.size());
            EXPECT_TRUE(item.range.contains(file.directives[item.index].range));
        } else if (item.kind == ItemKind::Comment) {
            ASSERT_LT(item.index, file.comments.size());
            EXPECT_TRUE(item.range.contains(file.comments[item.index].range));
        }
    }
    EXPECT_EQ(pos, file.source.size()) << "items must end at the end of the file";
    for (std::size_t i = 0; i < file.errors.size(); ++i) {
        EXPECT_LE(file.errors[i].range.begin, file.errors[i].range.end);
        EXPECT_LE(file.errors[i].range.end, file.source.size());
        if (i > 0) {
            EXPECT_LE(file.errors[i - 1].range.begin, file.errors[i].range.begin) << "errors must be sorted";
        }
    }
}

// Parses `source` and checks the lossless properties on it. Every test input goes through here.
inline Dockerfile parse_checked(std::string source) {
    Dockerfile file = parse(std::move(source));
    expect_lossless(file);
    return file;
}

inline std::vector<std::string> values(const std::vector<Word>& words) {
    std::vector<std::string> out;
    for (const Word& w : words)
        out.push_back(w.value);
    return out;
}

inline std::vector<std::string> raws(const std::vector<Word>& words) {
    std::vector<std::string> out;
    for (const Word& w : words)
        out.push_back(w.raw);
    return out;
}

inline std::vector<ItemKind> item_kinds(const Dockerfile& file) {
    std::vector<ItemKind> out;
    for (const Item& item : file.items)
        out.push_back(item.kind);
    return out;
}

} // namespace drydock::test
