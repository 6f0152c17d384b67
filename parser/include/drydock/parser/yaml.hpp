#pragma once
// A YAML document as a tree of nodes that know their exact byte ranges, for rules that report on YAML files
// (compose files) and fixes that edit them as text. yaml-cpp reads the text (its event parser gives where
// each node starts); where a node ends is computed here from the source: the closing quote, the end of a
// block scalar's last line, the matching bracket of a flow collection, the last child of a block collection.
//
// Only the first document of a stream is read. Aliases stay aliases (resolve() follows them) and merge keys
// (`<<: *defaults`) are kept as written; Document::entries() applies them. A document that yaml-cpp rejects
// has no tree (root == no_node) and one ParseError where yaml-cpp stopped. Two mistakes that yaml-cpp accepts
// but YAML (and Compose) does not keep their tree and get an error: a mapping with the same key twice (at the
// second one), and a line without `:` at the end of a block mapping (which yaml-cpp reads as a key).

#include <drydock/parser/ast.hpp>
#include <drydock/parser/text_range.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::yaml {

using NodeId = std::uint32_t;
inline constexpr NodeId no_node = ~NodeId{0};

enum class NodeKind { Null, Scalar, Sequence, Mapping, Alias };

enum class Style {
    Plain,        // scalars without quotes, and nulls
    SingleQuoted, // 'text'
    DoubleQuoted, // "text"
    Literal,      // |
    Folded,       // >
    Block,        // block collections (indentation, `- ` items, `key: value` lines)
    Flow,         // [a, b] and {a: b}
};

struct Node {
    NodeKind kind = NodeKind::Null;
    Style style = Style::Plain;
    // The node's own text: a scalar with its quotes or block header, a flow collection from its bracket to
    // the matching one, a block collection from its first key or `-` to the end of its last child. Anchors
    // (`&name`) and tags (`!!str`) in front are not part of it. An omitted null (`key:`) has an empty range
    // just after the colon.
    TextRange range;
    std::string value;            // scalars: the value as YAML reads it (quotes and escapes resolved)
    std::string anchor;           // the `&anchor` this node defines, empty when none
    std::string tag;              // an explicit tag (`tag:yaml.org,2002:str` for `!!str`), else empty
    std::vector<NodeId> children; // sequence: its items; mapping: key, value, key, value, …
    NodeId target = no_node;      // alias: the anchored node
};

// A key and its value in a mapping.
struct Entry {
    NodeId key = no_node;
    NodeId value = no_node;
    bool merged = false; // comes from a merge key (`<<: *defaults`), not from the mapping's own text
};

struct Comment {
    TextRange range;       // `#` to the end of the line's content
    bool own_line = false; // nothing but blanks before it on its line
};

class Document {
public:
    std::string source;
    std::vector<Node> nodes;
    NodeId root = no_node;
    std::vector<ParseError> errors;
    std::vector<Comment> comments; // in file order; never inside a scalar

    const Node& node(NodeId id) const { return nodes[id]; }
    std::string_view text(TextRange range) const { return range.slice(source); }

    // The node itself, or for an alias the node it names (followed through alias chains); no_node stays
    // no_node.
    NodeId resolve(NodeId id) const;
    bool is_mapping(NodeId id) const;
    bool is_sequence(NodeId id) const;
    bool is_scalar(NodeId id) const;
    bool is_null(NodeId id) const; // no_node counts as null
    // The value of a scalar (after resolving aliases); empty for anything else.
    std::string_view scalar(NodeId id) const;

    // A mapping's entries with merge keys applied: its own entries in order (the `<<` entries left out), then
    // the entries of the merged mappings whose keys it does not define itself (for a list of mappings, the
    // earlier ones win, as the YAML merge-key spec says). Keys compare by their scalar value. Empty for
    // anything that is not a mapping.
    std::vector<Entry> entries(NodeId map) const;
    // The mapping's own entries as written, `<<` included.
    std::vector<Entry> own_entries(NodeId map) const;
    // The entry for `key` (merge keys applied), or an Entry with key == no_node.
    Entry find(NodeId map, std::string_view key) const;
    // The value for `key`, resolved; no_node when absent.
    NodeId get(NodeId map, std::string_view key) const;
    // A sequence's items, resolved; empty for anything else.
    std::vector<NodeId> items(NodeId sequence) const;

    // 0-based column of a byte offset (in bytes from the start of its line).
    std::uint32_t column_of(TextSize offset) const;
    // Start of the line holding `offset`, and end of its content (before "\n" or "\r\n").
    TextSize line_start(TextSize offset) const;
    TextSize line_end(TextSize offset) const;
};

// Parses the first document of `source`. Never throws.
Document parse_yaml(std::string source);

} // namespace drydock::yaml
