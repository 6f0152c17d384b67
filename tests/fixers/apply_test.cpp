// The fix model: splicing edits, skipping overlaps, unified diffs, text helpers.

#include <drydock/fixers/apply.hpp>
#include <drydock/fixers/diff.hpp>
#include <drydock/fixers/text_edits.hpp>

#include <gtest/gtest.h>

namespace drydock {
namespace {

Fix fix(std::vector<Edit> edits) {
    return Fix{"t", std::move(edits), Applicability::Safe};
}

TEST(ApplyFixes, SplicesEditsInOnePass) {
    const std::vector<Fix> fixes{fix({{{4, 7}, "COPY"}}), fix({{{0, 0}, "# x\n"}}), fix({{{8, 9}, ""}})};
    const ApplyResult r = apply_fixes("RUN ADD a b", fixes);
    EXPECT_EQ(r.text, "# x\nRUN COPY  b");
    EXPECT_EQ(r.applied, (std::vector<std::size_t>{1, 0, 2}));
    EXPECT_TRUE(r.skipped.empty());
}

TEST(ApplyFixes, SkipsOverlapsAndSameInsertionPoint) {
    const std::vector<Fix> fixes{fix({{{0, 4}, "A"}}), fix({{{2, 6}, "B"}}), fix({{{8, 8}, "x"}}),
                                 fix({{{8, 8}, "y"}}), fix({{{4, 4}, "z"}})};
    const ApplyResult r = apply_fixes("0123456789", fixes);
    // [2,6) overlaps [0,4); the second insertion at 8 waits for the next pass; an insertion at the end of a
    // replaced range does not overlap it.
    EXPECT_EQ(r.text, "Az4567x89");
    EXPECT_EQ(r.applied, (std::vector<std::size_t>{0, 4, 2}));
    EXPECT_EQ(r.skipped, (std::vector<std::size_t>{1, 3}));
}

TEST(ApplyFixes, InsertionAtTheStartOfAReplacementGoesBeforeIt) {
    // Whatever order the fixes come in, the insertion at 5 lands before the text that replaces [5,16).
    for (const bool insertion_first : {false, true}) {
        std::vector<Fix> fixes{fix({{{5, 16}, "xyz"}}), fix({{{5, 5}, "INS"}})};
        if (insertion_first)
            std::swap(fixes[0], fixes[1]);
        const ApplyResult r = apply_fixes("0123456789ABCDEFGH", fixes);
        EXPECT_EQ(r.text, "01234INSxyzGH") << insertion_first;
        EXPECT_TRUE(r.skipped.empty());
    }
}

TEST(ApplyFixes, AFixIsAllOrNothing) {
    // Fixes are taken by position: the two-edit fix (from offset 0) goes first, and the fix whose only edit
    // overlaps its second edit is skipped whole.
    const std::vector<Fix> fixes{fix({{{5, 7}, "X"}}), fix({{{0, 1}, "a"}, {{6, 8}, "b"}})};
    const ApplyResult r = apply_fixes("0123456789", fixes);
    EXPECT_EQ(r.text, "a12345b89");
    EXPECT_EQ(r.applied, (std::vector<std::size_t>{1}));
    EXPECT_EQ(r.skipped, (std::vector<std::size_t>{0}));
}

TEST(ApplyFixes, RejectsMalformedFixes) {
    const std::vector<Fix> fixes{fix({{{3, 2}, "x"}}), fix({{{2, 20}, "x"}}),
                                 fix({{{4, 6}, "x"}, {{5, 7}, "y"}}), fix({})};
    const ApplyResult r = apply_fixes("0123456789", fixes);
    EXPECT_EQ(r.text, "0123456789");
    EXPECT_EQ(r.skipped.size(), 4u);
}

TEST(UnifiedDiff, EqualTextsGiveNothing) {
    EXPECT_EQ(unified_diff("a\n", "a\n", "a", "b"), "");
}

TEST(UnifiedDiff, HunksWithContext) {
    const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
    const std::string after = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\neleven\n12\n";
    EXPECT_EQ(unified_diff(before, after, "a/Dockerfile", "b/Dockerfile"),
              "--- a/Dockerfile\n+++ b/Dockerfile\n"
              "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
              "@@ -9,4 +9,5 @@\n 9\n 10\n 11\n+eleven\n 12\n");
}

TEST(UnifiedDiff, MissingFinalNewlineIsMarked) {
    EXPECT_EQ(unified_diff("FROM a\nADD x y", "FROM a\nCOPY x y", "a", "b"),
              "--- a\n+++ b\n@@ -1,2 +1,2 @@\n FROM a\n-ADD x y\n\\ No newline at end of file\n+COPY x y\n"
              "\\ No newline at end of file\n");
}

TEST(UnifiedDiff, EmptyBefore) {
    EXPECT_EQ(unified_diff("", "x\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n");
}

TEST(TextEdits, LineTerminatorFollowsTheFile) {
    EXPECT_EQ(line_terminator_at("a\r\nb\r\n", 0), "\r\n");
    EXPECT_EQ(line_terminator_at("a\nb\n", 0), "\n");
    EXPECT_EQ(line_terminator_at("a\r\nb", 3), "\r\n"); // last line without one: the file's first
}

TEST(TextEdits, JsonQuotingAndCasing) {
    const std::vector<std::string> argv{"sh", "-c", "echo \"hi\"\\n", "tab\there"};
    EXPECT_EQ(json_array(argv), R"(["sh", "-c", "echo \"hi\"\\n", "tab\there"])");
    EXPECT_EQ(json_string(std::string("\x01", 1)), "\"\\u0001\"");
    EXPECT_EQ(cased_like("COPY", "add"), "copy");
    EXPECT_EQ(cased_like("copy", "Add"), "COPY");
}

} // namespace
} // namespace drydock
