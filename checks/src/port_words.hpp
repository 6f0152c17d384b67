#pragma once
// How BuildKit reads an EXPOSE port word (`[ip:]host:container/proto`), for the rules that judge its parts
// (DD1006 expose-proto-casing, DD1007 expose-invalid-format): the text it is judged by, and where its `/` and
// `:` separators sit outside variable references.

#include <drydock/parser/ast.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

struct PortText {
    // The value the builder sees (quotes removed) for a word without variables; the raw text for a word with
    // variables, whose separators are then found around the references as written.
    std::string text;
    // Whether offsets into `text` are offsets into the source from the word's start: the word is on one line
    // and `text` is its raw text. Only then can a part of the word be edited in place.
    bool in_source = false;
    // Offsets into `text` of the word's variable references, [begin, end) each.
    std::vector<std::pair<std::size_t, std::size_t>> variables;
};

// nullopt for a word with variables that a line continuation splits: its raw offsets are not known.
std::optional<PortText> port_text(const Word& word);

// Offsets in `port.text` of `separator` outside variable references.
std::vector<std::size_t> separators(const PortText& port, char separator);

} // namespace drydock::rules
