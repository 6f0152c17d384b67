#pragma once
// Byte offsets into the original file. Every node of the tree carries one, so a fix is a small edit and the
// rest of the file stays exactly as written.

#include <cstdint>
#include <string_view>

namespace drydock {

using TextSize = std::uint32_t;

// Half-open byte range [begin, end) into the original text.
struct TextRange {
    TextSize begin = 0;
    TextSize end = 0;

    constexpr TextSize size() const { return end - begin; }
    constexpr bool empty() const { return begin == end; }
    constexpr bool contains(TextRange other) const { return begin <= other.begin && other.end <= end; }
    constexpr bool contains(TextSize offset) const { return begin <= offset && offset < end; }
    constexpr std::string_view slice(std::string_view text) const { return text.substr(begin, end - begin); }
    friend constexpr bool operator==(TextRange, TextRange) = default;
};

} // namespace drydock
