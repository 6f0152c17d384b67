#include "lsp/document_store.hpp"

#include <algorithm>

namespace drydock::lsp {
namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// Whether byte offset `at` of `text` is a place an LSP position can name exactly: not inside a UTF-8
// character and not between the '\r' and '\n' of a CRLF.
bool is_boundary(std::string_view text, std::size_t at) {
    if (at == 0 || at >= text.size())
        return true;
    return !is_continuation(text[at]) && !(text[at - 1] == '\r' && text[at] == '\n');
}

} // namespace

TextChange apply_change(std::string& text, const ContentChange& change) {
    if (!change.range) {
        const TextChange minimal = minimal_change(text, change.text);
        text = change.text;
        return minimal;
    }
    const LineIndex lines(text);
    const TextRange replaced = to_text_range(lines, *change.range);
    text.replace(replaced.begin, replaced.size(), change.text);
    return {replaced, static_cast<TextSize>(change.text.size())};
}

TextChange minimal_change(std::string_view before, std::string_view after) {
    const std::size_t shorter = std::min(before.size(), after.size());
    std::size_t prefix = 0;
    while (prefix < shorter && before[prefix] == after[prefix])
        ++prefix;
    while (prefix > 0 && (!is_boundary(before, prefix) || !is_boundary(after, prefix)))
        --prefix;
    std::size_t suffix = 0;
    while (suffix < shorter - prefix &&
           before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    while (suffix > 0 &&
           (!is_boundary(before, before.size() - suffix) || !is_boundary(after, after.size() - suffix)))
        --suffix;
    return {{static_cast<TextSize>(prefix), static_cast<TextSize>(before.size() - suffix)},
            static_cast<TextSize>(after.size() - suffix - prefix)};
}

std::optional<TextRange> carry_through(TextRange range, const TextChange& change) {
    const auto delta = static_cast<std::int64_t>(change.inserted) - change.replaced.size();
    if (change.replaced.end <= range.begin)
        return TextRange{static_cast<TextSize>(range.begin + delta),
                         static_cast<TextSize>(range.end + delta)};
    if (change.replaced.begin >= range.end)
        return range;
    return std::nullopt;
}

const Document& DocumentStore::open(std::string uri, std::string language_id, std::int64_t version,
                                    std::string text) {
    Document& doc = documents_[uri];
    doc = {std::move(uri), std::move(language_id), version, std::move(text)};
    return doc;
}

const Document* DocumentStore::change(const std::string& uri, std::int64_t version,
                                      const std::vector<ContentChange>& changes,
                                      std::vector<TextChange>* applied) {
    const auto found = documents_.find(uri);
    if (found == documents_.end())
        return nullptr;
    Document& doc = found->second;
    for (const ContentChange& change : changes) {
        const TextChange done = apply_change(doc.text, change);
        if (applied)
            applied->push_back(done);
    }
    doc.version = version;
    return &doc;
}

bool DocumentStore::close(const std::string& uri) {
    return documents_.erase(uri) > 0;
}

const Document* DocumentStore::find(const std::string& uri) const {
    const auto found = documents_.find(uri);
    return found == documents_.end() ? nullptr : &found->second;
}

std::vector<std::string> DocumentStore::uris() const {
    std::vector<std::string> out;
    for (const auto& [uri, doc] : documents_)
        out.push_back(uri);
    return out;
}

} // namespace drydock::lsp
