#pragma once
// The text of the documents the client has open, kept in step with didOpen / didChange / didClose. Changes
// come as full replacements or as range edits (TextDocumentSyncKind.Incremental) with UTF-16 positions,
// applied in order, each to the result of the previous one. Every change is also reported as a byte-level
// edit, so ranges computed for an older text (ShellCheck's findings) can be carried over to the new one.

#include "lsp/protocol.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock::lsp {

struct Document {
    std::string uri;
    std::string language_id;
    std::int64_t version = 0;
    std::string text;
};

// One element of didChange's contentChanges: a range edit, or the whole new text when `range` is absent.
struct ContentChange {
    std::optional<LspRange> range;
    std::string text;
};

// What a change did in bytes: `replaced` (in the text before it) now holds `inserted` bytes. A full
// replacement is reported as the smallest such edit (common prefix and suffix kept).
struct TextChange {
    TextRange replaced;
    TextSize inserted = 0;
};

// Applies one change to `text`.
TextChange apply_change(std::string& text, const ContentChange& change);

// The smallest single edit turning `before` into `after`: common prefix and suffix removed, never splitting
// a UTF-8 character or a CRLF line terminator (so both ends convert to exact LSP positions).
TextChange minimal_change(std::string_view before, std::string_view after);

// Where `range` (in the text before `change`) is after it; nullopt when the change touched it. An insertion
// at the very start of the range moves it, one at its end leaves it.
std::optional<TextRange> carry_through(TextRange range, const TextChange& change);

class DocumentStore {
public:
    // Opens (or reopens, replacing) a document.
    const Document& open(std::string uri, std::string language_id, std::int64_t version, std::string text);
    // Applies the changes in order and sets the version; nullptr when the document is not open.
    const Document* change(const std::string& uri, std::int64_t version,
                           const std::vector<ContentChange>& changes,
                           std::vector<TextChange>* applied = nullptr);
    bool close(const std::string& uri);
    const Document* find(const std::string& uri) const;
    std::vector<std::string> uris() const;

private:
    std::map<std::string, Document> documents_;
};

} // namespace drydock::lsp
