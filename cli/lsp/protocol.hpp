#pragma once
// The pieces of LSP 3.17 the server speaks, as plain values: JSON-RPC error codes, positions and ranges in
// UTF-16 code units (the protocol's default encoding, and the only one VS Code speaks) converted to and from
// the byte offsets the rest of drydock uses, and `file:` URIs.
//
// Positions: LSP lines are 0-based and split at "\n" or "\r\n"; `character` counts UTF-16 code units, and a
// value past the end of a line means the end of the line. The conversion reuses the parser's LineIndex, so a
// lone "\r" is ordinary content (as for BuildKit) and a leading UTF-8 byte order mark is not a column
// (editors drop the BOM from the buffer they send, so it does not arise in practice).

#include <drydock/parser/line_index.hpp>
#include <drydock/parser/text_range.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drydock::lsp {

// JSON-RPC 2.0 and LSP error codes.
enum ErrorCode : int {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    ServerNotInitialized = -32002,
    RequestCancelled = -32800,
};

struct LspPosition {
    std::uint32_t line = 0;      // 0-based
    std::uint32_t character = 0; // 0-based, UTF-16 code units
    friend bool operator==(LspPosition, LspPosition) = default;
};

struct LspRange {
    LspPosition start;
    LspPosition end;
    friend bool operator==(LspRange, LspRange) = default;
};

LspPosition to_lsp(const LineIndex& lines, TextSize offset);
LspRange to_lsp(const LineIndex& lines, TextRange range);
// The byte offset of a position; lines past the end give the end of the text, columns past the end of a line
// give the end of that line, a column inside a surrogate pair gives the start of its character.
TextSize to_offset(const LineIndex& lines, LspPosition position);
// The byte range of an LSP range; a range whose end comes before its start is read backwards.
TextRange to_text_range(const LineIndex& lines, LspRange range);

nlohmann::json to_json(LspPosition position);
nlohmann::json to_json(LspRange range);
// Reads `{line, character}` / `{start, end}`; throws nlohmann::json exceptions when the shape is wrong.
// Negative numbers count as 0 and numbers above 2^32-1 as 2^32-1 (the protocol's uinteger).
LspPosition position_from_json(const nlohmann::json& value);
LspRange range_from_json(const nlohmann::json& value);

// The JSON text of a message. Strings that are not valid UTF-8 (a diagnostic quoting half a character) get
// U+FFFD instead of throwing.
std::string dump(const nlohmann::json& message);

// The filesystem path of a `file:` URI (percent-decoded, authority dropped), or nullopt for other schemes
// (`untitled:` buffers) and malformed URIs.
std::optional<std::string> path_from_uri(std::string_view uri);
// The `file:` URI of an absolute path (percent-encoding what a URI path cannot hold).
std::string uri_from_path(std::string_view path);

} // namespace drydock::lsp
