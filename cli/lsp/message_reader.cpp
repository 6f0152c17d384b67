#include "lsp/message_reader.hpp"

#include <algorithm>
#include <cctype>

namespace drydock::lsp {
namespace {

constexpr std::string_view header_end = "\r\n\r\n";
constexpr std::string_view length_name = "content-length";
constexpr std::size_t max_header_block = 64U << 10U;
// Kept from dropped garbage: enough for `Content-Length: <20 digits>\r\n` split across two reads.
constexpr std::size_t kept_tail = 64;

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Start of the last `Content-Length` (any case) followed by optional blanks and ':' in `block`, or npos.
std::size_t last_length_header(std::string_view block) {
    for (std::size_t i = block.size(); i-- > 0;) {
        if (block.size() - i < length_name.size() ||
            !iequals(block.substr(i, length_name.size()), length_name))
            continue;
        const std::string_view rest = trim(block.substr(i + length_name.size()));
        if (!rest.empty() && rest.front() == ':')
            return i;
    }
    return std::string_view::npos;
}

struct Headers {
    std::optional<std::size_t> length;
    std::string problem;    // empty when the block is valid
    bool ambiguous = false; // more than one Content-Length
};

// Reads `Name: value` lines separated by CRLF; only Content-Length matters (Content-Type is optional and
// always utf-8 JSON in practice).
Headers parse_headers(std::string_view block) {
    Headers out;
    std::size_t start = 0;
    while (start <= block.size()) {
        const std::size_t eol = block.find("\r\n", start);
        const std::string_view line =
            block.substr(start, eol == std::string_view::npos ? std::string_view::npos : eol - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return {std::nullopt, "malformed header line (no ':')"};
        if (iequals(trim(line.substr(0, colon)), length_name)) {
            const std::string_view value = trim(line.substr(colon + 1));
            if (value.empty() || value.size() > 18 ||
                !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
                return {std::nullopt, "Content-Length is not a number"};
            if (out.length)
                return {std::nullopt, "more than one Content-Length header", true};
            out.length = std::stoull(std::string(value));
        }
        if (eol == std::string_view::npos)
            break;
        start = eol + 2;
    }
    if (!out.length)
        out.problem = "no Content-Length header";
    return out;
}

} // namespace

std::optional<Frame> MessageReader::error(std::string what) {
    if (in_garbage_)
        return std::nullopt;
    in_garbage_ = true;
    return Frame{Frame::Kind::Error, std::move(what)};
}

std::optional<Frame> MessageReader::next() {
    for (;;) {
        if (body_length_) {
            if (buffer_.size() < *body_length_)
                return std::nullopt;
            Frame body{Frame::Kind::Body, buffer_.substr(0, *body_length_)};
            buffer_.erase(0, *body_length_);
            body_length_.reset();
            in_garbage_ = false;
            return body;
        }
        // Blank lines between messages (a client ending its body with a newline) are not garbage.
        const std::size_t first = buffer_.find_first_not_of("\r\n \t");
        buffer_.erase(0, first == std::string::npos ? buffer_.size() : first);
        const std::size_t end = buffer_.find(header_end);
        if (end == std::string::npos) {
            if (buffer_.size() <= max_header_block)
                return std::nullopt;
            buffer_.erase(0, buffer_.size() - kept_tail);
            if (std::optional<Frame> e = error("no end of headers in 64 KiB of input"))
                return e;
            continue;
        }
        const std::string block = buffer_.substr(0, end);
        buffer_.erase(0, end + header_end.size());
        Headers headers = parse_headers(block);
        std::optional<Frame> problem;
        if (!headers.length) {
            const std::string what = "invalid header: " + headers.problem;
            // Garbage before a real header: recover the message that follows it. (Not when the block has two
            // lengths: there is no telling which one is right.)
            const std::size_t at = last_length_header(block);
            if (at != std::string::npos && at > 0 && !headers.ambiguous)
                headers = parse_headers(std::string_view(block).substr(at));
            problem = error(what);
        }
        if (headers.length && *headers.length > max_body_) {
            problem = problem ? problem
                              : error("Content-Length " + std::to_string(*headers.length) +
                                      " is above the limit of " + std::to_string(max_body_) + " bytes");
            headers.length.reset(); // its body is skipped as garbage up to the next header
        }
        if (headers.length)
            body_length_ = headers.length;
        if (problem)
            return problem;
    }
}

std::string frame(std::string_view body) {
    std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

} // namespace drydock::lsp
