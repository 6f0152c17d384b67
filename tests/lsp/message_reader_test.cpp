// The LSP framing: Content-Length messages however the bytes arrive, and garbage that never stops the reader.

#include "lsp/message_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::lsp {
namespace {

// Everything the reader hands out for `input` fed in pieces of `chunk` bytes.
std::vector<Frame> read_all(const std::string& input, std::size_t chunk = 1 << 20,
                            std::size_t max_body = MessageReader::default_max_body) {
    MessageReader reader(max_body);
    std::vector<Frame> out;
    for (std::size_t i = 0; i < input.size(); i += chunk) {
        reader.feed(std::string_view(input).substr(i, chunk));
        while (std::optional<Frame> f = reader.next())
            out.push_back(std::move(*f));
    }
    return out;
}

bool is_body(const Frame& f, const std::string& text) {
    return f.kind == Frame::Kind::Body && f.text == text;
}

TEST(LspMessageReader, ReadsOneMessage) {
    const auto frames = read_all("Content-Length: 17\r\n\r\n{\"jsonrpc\":\"2.0\"}");
    ASSERT_EQ(frames.size(), 1U);
    EXPECT_TRUE(is_body(frames[0], R"({"jsonrpc":"2.0"})"));
}

TEST(LspMessageReader, ReadsMessagesSplitAtEveryByte) {
    const std::string input = frame(R"({"a":1})") + frame(R"({"b":"é😀"})") + frame("{}");
    for (std::size_t chunk : {1U, 2U, 3U, 7U, 1000U}) {
        const auto frames = read_all(input, chunk);
        ASSERT_EQ(frames.size(), 3U) << "chunk " << chunk;
        EXPECT_TRUE(is_body(frames[0], R"({"a":1})"));
        EXPECT_TRUE(is_body(frames[1], R"({"b":"é😀"})"));
        EXPECT_TRUE(is_body(frames[2], "{}"));
    }
}

TEST(LspMessageReader, AcceptsOtherHeadersAndAnyCase) {
    const auto frames = read_all("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
                                 "content-length:   2  \r\n\r\n{}"
                                 "CONTENT-LENGTH: 2\r\n\r\n[]");
    ASSERT_EQ(frames.size(), 2U);
    EXPECT_TRUE(is_body(frames[0], "{}"));
    EXPECT_TRUE(is_body(frames[1], "[]"));
}

TEST(LspMessageReader, BlankLinesBetweenMessagesAreNotGarbage) {
    const auto frames = read_all(frame("{}") + "\r\n\n" + frame("[]"));
    ASSERT_EQ(frames.size(), 2U);
    EXPECT_TRUE(is_body(frames[1], "[]"));
}

TEST(LspMessageReader, GarbageBeforeAHeaderIsOneErrorThenTheMessage) {
    for (std::size_t chunk : {1U, 5U, 1000U}) {
        const auto frames = read_all("this is not LSP {\"id\":1}" + frame(R"({"ok":true})"), chunk);
        ASSERT_EQ(frames.size(), 2U) << "chunk " << chunk;
        EXPECT_EQ(frames[0].kind, Frame::Kind::Error);
        EXPECT_TRUE(is_body(frames[1], R"({"ok":true})"));
    }
}

TEST(LspMessageReader, BadLengthsAreErrorsAndReadingGoesOn) {
    for (const std::string bad :
         {"Content-Length: abc\r\n\r\n{}", "Content-Length: -5\r\n\r\n{}", "Content-Length:\r\n\r\n{}",
          "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "X-Nothing: 1\r\n\r\n{}",
          "no colon\r\n\r\n{}"}) {
        const auto frames = read_all(bad + frame(R"({"next":1})"));
        ASSERT_EQ(frames.size(), 2U) << bad;
        EXPECT_EQ(frames[0].kind, Frame::Kind::Error) << bad;
        EXPECT_TRUE(is_body(frames[1], R"({"next":1})")) << bad;
    }
}

TEST(LspMessageReader, HugeLengthIsAnErrorNotAWait) {
    // Above the limit: an error right away, the promised body is never waited for, the next message is read.
    const auto frames =
        read_all("Content-Length: 99999999999\r\n\r\n{\"big\":" + frame(R"({"next":1})"), 1000, 1024);
    ASSERT_EQ(frames.size(), 2U);
    EXPECT_EQ(frames[0].kind, Frame::Kind::Error);
    EXPECT_NE(frames[0].text.find("above the limit"), std::string::npos);
    EXPECT_TRUE(is_body(frames[1], R"({"next":1})"));
}

TEST(LspMessageReader, EndlessGarbageIsDroppedWithOneError) {
    MessageReader reader;
    std::size_t errors = 0;
    const std::string noise(4096, 'x');
    for (int i = 0; i < 100; ++i) { // 400 KiB without a header
        reader.feed(noise);
        while (std::optional<Frame> f = reader.next())
            errors += f->kind == Frame::Kind::Error ? 1 : 0;
    }
    EXPECT_EQ(errors, 1U);
    EXPECT_LT(reader.pending(), 70U * 1024U); // memory stays bounded
    reader.feed(frame("{}"));
    const std::optional<Frame> f = reader.next();
    ASSERT_TRUE(f);
    EXPECT_TRUE(is_body(*f, "{}"));
}

TEST(LspMessageReader, PartialInputAtTheEndIsPendingNotAnError) {
    MessageReader reader;
    reader.feed("Content-Length: 100\r\n\r\n{\"partial\"");
    EXPECT_FALSE(reader.next());
    EXPECT_GT(reader.pending(), 0U);
    MessageReader headers_only;
    headers_only.feed("Content-Len");
    EXPECT_FALSE(headers_only.next());
    EXPECT_EQ(headers_only.pending(), 11U);
}

TEST(LspMessageReader, ZeroLengthIsAnEmptyBody) {
    const auto frames = read_all("Content-Length: 0\r\n\r\n" + frame("{}"));
    ASSERT_EQ(frames.size(), 2U);
    EXPECT_TRUE(is_body(frames[0], ""));
    EXPECT_TRUE(is_body(frames[1], "{}"));
}

TEST(LspMessageReader, FrameWritesTheByteLength) {
    EXPECT_EQ(frame("é"), "Content-Length: 2\r\n\r\né");
}

} // namespace
} // namespace drydock::lsp
