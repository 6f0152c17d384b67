// Text sync: full and incremental changes with UTF-16 positions (emoji take two code units, CJK one), and
// ranges carried through edits.

#include "lsp/document_store.hpp"

#include <gtest/gtest.h>

namespace drydock::lsp {
namespace {

ContentChange edit(std::uint32_t l1, std::uint32_t c1, std::uint32_t l2, std::uint32_t c2, std::string text) {
    return {LspRange{{l1, c1}, {l2, c2}}, std::move(text)};
}

std::string applied(std::string text, const std::vector<ContentChange>& changes) {
    for (const ContentChange& c : changes)
        apply_change(text, c);
    return text;
}

TEST(LspDocumentStore, OpenChangeClose) {
    DocumentStore store;
    store.open("file:///a/Dockerfile", "dockerfile", 1, "FROM a\n");
    ASSERT_TRUE(store.find("file:///a/Dockerfile"));
    const Document* doc = store.change("file:///a/Dockerfile", 2, {edit(0, 5, 0, 6, "b")});
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->text, "FROM b\n");
    EXPECT_EQ(doc->version, 2);
    doc = store.change("file:///a/Dockerfile", 3, {{std::nullopt, "FROM c\n"}});
    EXPECT_EQ(doc->text, "FROM c\n");
    EXPECT_FALSE(store.change("file:///other", 1, {}));
    EXPECT_TRUE(store.close("file:///a/Dockerfile"));
    EXPECT_FALSE(store.find("file:///a/Dockerfile"));
}

TEST(LspDocumentStore, IncrementalEditsCountUtf16Units) {
    // "😀" is 4 bytes and 2 UTF-16 units; "日本" 3 bytes and 1 unit each; "é" 2 bytes, 1 unit.
    const std::string text = "LABEL a=\"😀x\" b=\"日本y\"\nRUN é z\n";
    // Replace the x after the emoji: UTF-16 column 9 ('"' is 8, the emoji 9-10, x 11).
    EXPECT_EQ(applied(text, {edit(0, 11, 0, 12, "X")}), "LABEL a=\"😀X\" b=\"日本y\"\nRUN é z\n");
    // The y after the CJK: columns 16 '"', 17 日, 18 本, 19 y.
    EXPECT_EQ(applied(text, {edit(0, 19, 0, 20, "Y")}), "LABEL a=\"😀x\" b=\"日本Y\"\nRUN é z\n");
    // Delete the emoji itself (both halves of the pair).
    EXPECT_EQ(applied(text, {edit(0, 9, 0, 11, "")}), "LABEL a=\"x\" b=\"日本y\"\nRUN é z\n");
    // Insert an emoji, then edit after it in the same didChange (positions refer to the previous result).
    EXPECT_EQ(applied(text, {edit(1, 4, 1, 4, "🐳"), edit(1, 6, 1, 7, "E")}),
              "LABEL a=\"😀x\" b=\"日本y\"\nRUN 🐳E z\n");
}

TEST(LspDocumentStore, EditsAcrossLinesAndPastTheEnd) {
    const std::string text = "FROM a\r\nRUN b\r\nCMD c";
    EXPECT_EQ(applied(text, {edit(0, 6, 1, 0, " ")}), "FROM a RUN b\r\nCMD c");       // joins CRLF lines
    EXPECT_EQ(applied(text, {edit(1, 99, 1, 99, "!")}), "FROM a\r\nRUN b!\r\nCMD c"); // column past the end
    EXPECT_EQ(applied(text, {edit(9, 0, 9, 0, "\n")}), "FROM a\r\nRUN b\r\nCMD c\n"); // line past the end
    EXPECT_EQ(applied(text, {edit(1, 3, 1, 0, "")}), "FROM a\r\n b\r\nCMD c");        // reversed range
}

TEST(LspDocumentStore, ChangesReportByteEdits) {
    std::string text = "ab😀cd";
    const TextChange c = apply_change(text, edit(0, 4, 0, 5, "XYZ"));
    EXPECT_EQ(c.replaced, (TextRange{6, 7}));
    EXPECT_EQ(c.inserted, 3U);
    // A full replacement is reported as its smallest edit.
    ASSERT_EQ(text, "ab😀XYZd");
    const TextChange full = apply_change(text, {std::nullopt, "ab😀XQd"});
    EXPECT_EQ(full.replaced, (TextRange{7, 9}));
    EXPECT_EQ(full.inserted, 1U);
}

TEST(LspDocumentStore, MinimalChangeNeverSplitsACharacterOrCrlf) {
    // "é" (C3 A9) -> "è" (C3 A8) share their first byte: the edit covers the whole character.
    TextChange c = minimal_change("aé b", "aè b");
    EXPECT_EQ(c.replaced, (TextRange{1, 3}));
    EXPECT_EQ(c.inserted, 2U);
    c = minimal_change("a\r\nb", "a\nb"); // never between '\r' and '\n'
    EXPECT_EQ(c.replaced, (TextRange{1, 3}));
    EXPECT_EQ(c.inserted, 1U);
    c = minimal_change("same", "same");
    EXPECT_EQ(c.replaced, (TextRange{4, 4}));
    EXPECT_EQ(c.inserted, 0U);
    c = minimal_change("aaa", "aaaa");
    EXPECT_EQ(c.replaced.size() + 1, c.inserted);
}

TEST(LspDocumentStore, RangesAreCarriedThroughEdits) {
    const TextRange r{10, 20};
    EXPECT_EQ(carry_through(r, {{0, 2}, 5}), (TextRange{13, 23}));   // before: moves
    EXPECT_EQ(carry_through(r, {{10, 10}, 1}), (TextRange{11, 21})); // insertion at its start: moves
    EXPECT_EQ(carry_through(r, {{20, 25}, 0}), r);                   // after: stays
    EXPECT_EQ(carry_through(r, {{15, 16}, 1}), std::nullopt);        // inside: dropped
    EXPECT_EQ(carry_through(r, {{5, 11}, 0}), std::nullopt);         // overlapping: dropped
}

} // namespace
} // namespace drydock::lsp
