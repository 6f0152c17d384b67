#pragma once
// The LSP base protocol's framing: each message is `Content-Length: N\r\n` (other headers allowed, ignored)
// then an empty line, then N bytes of JSON. The reader is fed whatever bytes arrive and hands out complete
// bodies; it never throws and never waits for more than it was promised:
// * a header block that is not valid (no Content-Length, a line without ':', a length that is not a number)
//   yields one Error frame; bytes up to the last `Content-Length:` of the block are dropped, so a message
//   that follows garbage is still read;
// * a length above the limit yields an Error frame and its body is treated as garbage (skipped up to the
//   next header), so a lying length cannot make the reader buffer or wait for gigabytes;
// * more than 64 KiB without an end of headers is garbage too: dropped, keeping only a short tail that may
//   hold the start of the next header;
// * one Error frame per run of garbage: the next complete message ends the run.
// At end of input, whatever is buffered is an incomplete message: pending() says how much, to log it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace drydock::lsp {

struct Frame {
    enum class Kind { Body, Error };
    Kind kind = Kind::Body;
    std::string text; // the JSON body, or what was wrong with the bytes
};

class MessageReader {
public:
    static constexpr std::size_t default_max_body = 64U << 20U; // 64 MiB, far above any Dockerfile

    explicit MessageReader(std::size_t max_body = default_max_body) : max_body_(max_body) {}

    void feed(std::string_view bytes) { buffer_.append(bytes); }
    // The next complete message or framing error, or nullopt when more bytes are needed.
    std::optional<Frame> next();
    // Bytes received that do not form a complete message yet.
    std::size_t pending() const { return buffer_.size(); }

private:
    std::optional<Frame> error(std::string what);

    std::size_t max_body_;
    std::string buffer_;
    std::optional<std::size_t> body_length_; // headers read: waiting for this many bytes of body
    bool in_garbage_ = false;                // an Error was reported and no message has been read since
};

// The framed form of a message body.
std::string frame(std::string_view body);

} // namespace drydock::lsp
