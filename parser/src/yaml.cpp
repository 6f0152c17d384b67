// Builds the YAML tree from yaml-cpp's events. yaml-cpp's marks give where a node starts (for a node with an
// anchor or a tag: where those start), counted in bytes after a UTF-8 byte order mark; where it ends is
// worked out here from the source text, by the rules of each node style.

#include <drydock/parser/yaml.hpp>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

namespace drydock::yaml {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
bool is_break(char c) {
    return c == '\n' || c == '\r';
}
bool is_white(char c) {
    return is_blank(c) || is_break(c);
}
bool is_flow_indicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

class Builder final : public YAML::EventHandler {
public:
    Builder(Document& doc, TextSize base) : doc_(doc), src_(doc.source), base_(base) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node node;
        const TextSize at = offset(mark);
        node.range = {at, at}; // mapping values get their real place in finish_mapping()
        add(std::move(node), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node node;
        node.kind = NodeKind::Alias;
        const TextSize at = offset(mark);
        TextSize end = std::min<TextSize>(at + 1, size());
        while (end < size() && !is_white(src_[end]) && !is_flow_indicator(src_[end]))
            ++end;
        node.range = {at, end};
        if (const auto it = anchors_.find(anchor); it != anchors_.end())
            node.target = it->second;
        add(std::move(node), 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        Node node;
        node.kind = NodeKind::Scalar;
        node.value = value;
        node.tag = tag == "?" || tag == "!" ? std::string() : tag;
        const TextSize begin = content_start(offset(mark));
        // yaml-cpp tags plain scalars "?" and every other style "!".
        if (tag != "?" && begin < size()) {
            const char c = src_[begin];
            node.style = c == '"'    ? Style::DoubleQuoted
                         : c == '\'' ? Style::SingleQuoted
                         : c == '|'  ? Style::Literal
                         : c == '>'  ? Style::Folded
                                     : Style::Plain;
        }
        node.range = {begin, scalar_end(begin, node.style, value)};
        // yaml-cpp takes a quote that is never closed to run to the end of the file; YAML does not.
        if ((node.style == Style::DoubleQuoted || node.style == Style::SingleQuoted) &&
            !quoted_end(begin, node.style))
            doc_.errors.push_back({{begin, begin + 1}, "invalid YAML: the quoted scalar is never closed"});
        add(std::move(node), anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        start_collection(NodeKind::Sequence, mark, tag, anchor, style);
    }
    void OnSequenceEnd() override { end_collection(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        start_collection(NodeKind::Mapping, mark, tag, anchor, style);
    }
    void OnMapEnd() override { end_collection(); }

    void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }

private:
    TextSize size() const { return static_cast<TextSize>(src_.size()); }

    TextSize offset(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.pos < 0)
            return 0;
        return std::min<TextSize>(base_ + static_cast<TextSize>(mark.pos), size());
    }

    NodeId add(Node node, YAML::anchor_t anchor) {
        const auto id = static_cast<NodeId>(doc_.nodes.size());
        if (anchor != 0) {
            node.anchor = std::move(anchor_name_);
            anchors_[anchor] = id;
        }
        anchor_name_.clear();
        doc_.nodes.push_back(std::move(node));
        if (stack_.empty())
            doc_.root = id;
        else
            doc_.nodes[stack_.back()].children.push_back(id);
        return id;
    }

    void start_collection(NodeKind kind, const YAML::Mark& mark, const std::string& tag,
                          YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
        Node node;
        node.kind = kind;
        node.style = style == YAML::EmitterStyle::Flow ? Style::Flow : Style::Block;
        node.tag = tag == "?" || tag == "!" ? std::string() : tag;
        const TextSize begin = content_start(offset(mark));
        node.range = {begin, begin};
        stack_.push_back(add(std::move(node), anchor));
    }

    void end_collection() {
        const NodeId id = stack_.back();
        stack_.pop_back();
        if (doc_.nodes[id].kind == NodeKind::Mapping)
            finish_mapping(id);
        Node& node = doc_.nodes[id];
        if (node.style == Style::Flow) {
            node.range.end = flow_end(node.range.begin);
        } else if (!node.children.empty()) {
            node.range.end = std::max(node.range.begin, doc_.nodes[node.children.back()].range.end);
        }
    }

    // Puts omitted and explicit null values where they are written (yaml-cpp marks an omitted one at the next
    // token), and reports keys defined twice.
    void finish_mapping(NodeId id) {
        const std::vector<NodeId> children = doc_.nodes[id].children;
        const bool block = doc_.nodes[id].style == Style::Block;
        std::map<std::string, NodeId, std::less<>> seen;
        for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
            const Node& key = doc_.nodes[children[i]];
            Node& value = doc_.nodes[children[i + 1]];
            if (value.kind == NodeKind::Null)
                value.range = null_value_range(key.range.end);
            if (key.kind != NodeKind::Scalar)
                continue;
            // yaml-cpp reads a line without `:` at the end of a block mapping as a key; YAML (and Compose)
            // does not.
            if (block && !followed_by_colon(key.range) && !after_explicit_key_indicator(key.range.begin))
                doc_.errors.push_back(
                    {key.range, "invalid YAML: `" + key.value + "` is not followed by `:`"});
            if (!seen.emplace(key.value, children[i]).second)
                doc_.errors.push_back(
                    {key.range, "mapping key `" + key.value + "` is already defined in this mapping"});
        }
    }

    bool followed_by_colon(TextRange key) const {
        TextSize p = key.end;
        while (p < size() && is_blank(src_[p]))
            ++p;
        return p < size() && src_[p] == ':';
    }

    bool after_explicit_key_indicator(TextSize key_begin) const {
        TextSize p = key_begin;
        while (p > 0 && is_white(src_[p - 1]))
            --p;
        return p > 0 && src_[p - 1] == '?';
    }

    TextRange null_value_range(TextSize key_end) const {
        TextSize p = key_end;
        while (p < size() && is_blank(src_[p]))
            ++p;
        if (p < size() && src_[p] == ':')
            ++p;
        TextSize q = p;
        while (q < size() && is_blank(src_[q]))
            ++q;
        const std::string_view rest = std::string_view(src_).substr(q);
        auto ends_word = [&](std::size_t length) {
            return rest.size() == length || is_white(rest[length]) || is_flow_indicator(rest[length]);
        };
        if (rest.starts_with("~") && ends_word(1))
            return {q, q + 1};
        for (std::string_view word : {"null", "Null", "NULL"})
            if (rest.starts_with(word) && ends_word(word.size()))
                return {q, static_cast<TextSize>(q + word.size())};
        return {p, p};
    }

    // Past blanks, line breaks, comments, anchors and tags: where the node's own text starts.
    TextSize content_start(TextSize p) const {
        for (;;) {
            while (p < size() && is_white(src_[p]))
                ++p;
            if (p < size() && src_[p] == '#') {
                while (p < size() && src_[p] != '\n')
                    ++p;
                continue;
            }
            if (p < size() && (src_[p] == '&' || src_[p] == '!')) {
                while (p < size() && !is_white(src_[p]) &&
                       !(src_[p] == ',' || src_[p] == ']' || src_[p] == '}'))
                    ++p;
                continue;
            }
            return p;
        }
    }

    // Just past the quote that closes the quoted scalar starting at `begin`; nullopt when none does.
    std::optional<TextSize> quoted_end(TextSize begin, Style style) const {
        for (TextSize i = begin + 1; i < size(); ++i) {
            if (style == Style::DoubleQuoted && src_[i] == '\\')
                ++i;
            else if (style == Style::DoubleQuoted && src_[i] == '"')
                return i + 1;
            else if (style == Style::SingleQuoted && src_[i] == '\'' && i + 1 < size() && src_[i + 1] == '\'')
                ++i;
            else if (style == Style::SingleQuoted && src_[i] == '\'')
                return i + 1;
        }
        return std::nullopt;
    }

    TextSize scalar_end(TextSize begin, Style style, std::string_view value) const {
        switch (style) {
        case Style::DoubleQuoted:
        case Style::SingleQuoted:
            return quoted_end(begin, style).value_or(size());
        case Style::Literal:
        case Style::Folded:
            return block_scalar_end(begin);
        default:
            return plain_end(begin, value);
        }
    }

    TextSize line_start(TextSize p) const {
        while (p > 0 && src_[p - 1] != '\n')
            --p;
        return p;
    }
    TextSize line_content_end(TextSize p) const {
        while (p < size() && src_[p] != '\n')
            ++p;
        if (p > 0 && p <= size() && src_[p - 1] == '\r' && (p == size() || src_[p] == '\n'))
            --p;
        return p;
    }

    // A block scalar's content is every following line indented more than the line of its header (blank
    // lines included); it ends with the last such line that is not blank.
    TextSize block_scalar_end(TextSize begin) const {
        TextSize end = begin;
        while (end < size() && !is_white(src_[end]))
            ++end;
        const TextSize first = line_start(begin);
        TextSize parent_indent = 0;
        while (first + parent_indent < size() && src_[first + parent_indent] == ' ')
            ++parent_indent;
        TextSize p = begin;
        while (p < size() && src_[p] != '\n')
            ++p;
        while (p < size()) {
            const TextSize start = p + 1;
            const TextSize content_end = line_content_end(start);
            TextSize indent = 0;
            while (start + indent < content_end && src_[start + indent] == ' ')
                ++indent;
            bool blank = true;
            for (TextSize i = start; i < content_end; ++i)
                blank = blank && is_blank(src_[i]);
            if (!blank && indent <= parent_indent)
                break;
            if (!blank)
                end = content_end;
            p = content_end;
            while (p < size() && src_[p] != '\n')
                ++p;
        }
        return end;
    }

    // A plain scalar's text is its value, except that a line break (with the blanks around it) reads as one
    // space, or as "\n" per blank line: match the value against the source to find the end.
    TextSize plain_end(TextSize begin, std::string_view value) const {
        TextSize i = begin;
        std::size_t k = 0;
        while (k < value.size() && i < size()) {
            if (value[k] == ' ' || value[k] == '\n') {
                TextSize j = i;
                bool has_break = false;
                while (j < size() && is_white(src_[j])) {
                    has_break = has_break || src_[j] == '\n';
                    ++j;
                }
                if (has_break) {
                    i = j;
                    while (k < value.size() && (value[k] == ' ' || value[k] == '\n'))
                        ++k;
                    continue;
                }
            }
            if (src_[i] != value[k])
                break;
            ++i;
            ++k;
        }
        if (i == begin) { // not the text we expected: up to the next blank
            while (i < size() && !is_white(src_[i]))
                ++i;
        }
        return i;
    }

    // The end of a flow collection: just past its matching bracket, skipping quoted scalars and comments.
    TextSize flow_end(TextSize begin) const {
        int depth = 0;
        for (TextSize i = begin; i < size(); ++i) {
            const char c = src_[i];
            const bool token_start = i == begin || is_white(src_[i - 1]) || src_[i - 1] == '[' ||
                                     src_[i - 1] == '{' || src_[i - 1] == ',' || src_[i - 1] == ':';
            if ((c == '"' || c == '\'') && token_start) {
                i = scalar_end(i, c == '"' ? Style::DoubleQuoted : Style::SingleQuoted, {}) - 1;
            } else if (c == '#' && i > begin && is_white(src_[i - 1])) {
                while (i + 1 < size() && src_[i + 1] != '\n')
                    ++i;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if (c == ']' || c == '}') {
                if (--depth <= 0)
                    return i + 1;
            }
        }
        return size();
    }

    Document& doc_;
    const std::string& src_;
    TextSize base_;
    std::vector<NodeId> stack_;
    std::map<YAML::anchor_t, NodeId> anchors_;
    std::string anchor_name_;
};

// Comments: a `#` at the start of a line or after a blank, outside every scalar.
std::vector<Comment> find_comments(const Document& doc, TextSize begin) {
    std::vector<TextRange> scalars;
    for (const Node& node : doc.nodes)
        if (node.kind == NodeKind::Scalar && !node.range.empty())
            scalars.push_back(node.range);
    std::sort(scalars.begin(), scalars.end(), [](TextRange a, TextRange b) { return a.begin < b.begin; });
    std::vector<Comment> out;
    const std::string& src = doc.source;
    std::size_t next = 0;
    for (TextSize i = begin; i < src.size(); ++i) {
        while (next < scalars.size() && scalars[next].end <= i)
            ++next;
        if (next < scalars.size() && scalars[next].begin <= i) {
            i = scalars[next].end - 1;
            continue;
        }
        if (src[i] != '#' || (i > begin && !is_white(src[i - 1])))
            continue;
        const TextSize start = doc.line_start(i);
        const TextSize end = doc.line_end(i);
        bool own_line = true;
        for (TextSize k = std::max(start, begin); k < i; ++k)
            own_line = own_line && is_blank(src[k]);
        out.push_back({{i, end}, own_line});
        i = end == i ? i : end - 1;
    }
    return out;
}

} // namespace

NodeId Document::resolve(NodeId id) const {
    for (int hops = 0; id != no_node && id < nodes.size() && nodes[id].kind == NodeKind::Alias; ++hops) {
        if (hops > 64)
            return no_node;
        id = nodes[id].target;
    }
    return id < nodes.size() ? id : no_node;
}

bool Document::is_mapping(NodeId id) const {
    id = resolve(id);
    return id != no_node && nodes[id].kind == NodeKind::Mapping;
}
bool Document::is_sequence(NodeId id) const {
    id = resolve(id);
    return id != no_node && nodes[id].kind == NodeKind::Sequence;
}
bool Document::is_scalar(NodeId id) const {
    id = resolve(id);
    return id != no_node && nodes[id].kind == NodeKind::Scalar;
}
bool Document::is_null(NodeId id) const {
    id = resolve(id);
    return id == no_node || nodes[id].kind == NodeKind::Null;
}

std::string_view Document::scalar(NodeId id) const {
    id = resolve(id);
    if (id == no_node || nodes[id].kind != NodeKind::Scalar)
        return {};
    return nodes[id].value;
}

std::vector<Entry> Document::own_entries(NodeId map) const {
    std::vector<Entry> out;
    map = resolve(map);
    if (map == no_node || nodes[map].kind != NodeKind::Mapping)
        return out;
    const std::vector<NodeId>& c = nodes[map].children;
    for (std::size_t i = 0; i + 1 < c.size(); i += 2)
        out.push_back({c[i], c[i + 1], false});
    return out;
}

namespace {

bool is_merge_key(const Document& doc, NodeId key) {
    const Node& node = doc.node(key);
    return node.kind == NodeKind::Scalar && node.style == Style::Plain && node.value == "<<";
}

void collect_entries(const Document& doc, NodeId map, bool merged, int depth, std::vector<Entry>& out) {
    map = doc.resolve(map);
    if (depth > 32 || map == no_node || doc.node(map).kind != NodeKind::Mapping)
        return;
    std::vector<NodeId> merges;
    for (const Entry& e : doc.own_entries(map)) {
        if (is_merge_key(doc, e.key)) {
            merges.push_back(e.value);
            continue;
        }
        const std::string_view key = doc.scalar(e.key);
        const bool shadowed = std::any_of(out.begin(), out.end(), [&](const Entry& o) {
            return doc.is_scalar(o.key) && doc.scalar(o.key) == key;
        });
        if (!shadowed || !doc.is_scalar(e.key))
            out.push_back({e.key, e.value, merged});
    }
    for (NodeId m : merges) {
        if (doc.is_sequence(m)) {
            for (NodeId item : doc.items(m))
                collect_entries(doc, item, true, depth + 1, out);
        } else {
            collect_entries(doc, m, true, depth + 1, out);
        }
    }
}

} // namespace

std::vector<Entry> Document::entries(NodeId map) const {
    std::vector<Entry> out;
    collect_entries(*this, map, false, 0, out);
    return out;
}

Entry Document::find(NodeId map, std::string_view key) const {
    for (const Entry& e : entries(map))
        if (is_scalar(e.key) && scalar(e.key) == key)
            return e;
    return {};
}

NodeId Document::get(NodeId map, std::string_view key) const {
    const Entry e = find(map, key);
    return e.key == no_node ? no_node : resolve(e.value);
}

std::vector<NodeId> Document::items(NodeId sequence) const {
    std::vector<NodeId> out;
    sequence = resolve(sequence);
    if (sequence == no_node || nodes[sequence].kind != NodeKind::Sequence)
        return out;
    for (NodeId item : nodes[sequence].children)
        out.push_back(resolve(item));
    return out;
}

TextSize Document::line_start(TextSize offset) const {
    offset = std::min<TextSize>(offset, static_cast<TextSize>(source.size()));
    while (offset > 0 && source[offset - 1] != '\n')
        --offset;
    return offset;
}

TextSize Document::line_end(TextSize offset) const {
    const auto n = static_cast<TextSize>(source.size());
    while (offset < n && source[offset] != '\n')
        ++offset;
    if (offset > 0 && source[offset - 1] == '\r' && offset < n)
        --offset;
    return offset;
}

std::uint32_t Document::column_of(TextSize offset) const {
    const TextSize start = line_start(offset);
    TextSize column = offset - start;
    if (start == 0 && std::string_view(source).starts_with(byte_order_mark) && column >= 3)
        column -= 3;
    return column;
}

Document parse_yaml(std::string source) {
    Document doc;
    doc.source = std::move(source);
    const TextSize base = std::string_view(doc.source).starts_with(byte_order_mark) ? 3 : 0;
    try {
        std::istringstream in(doc.source);
        YAML::Parser parser(in);
        Builder builder(doc, base);
        parser.HandleNextDocument(builder);
    } catch (const YAML::Exception& e) {
        const auto at =
            std::min<TextSize>(base + static_cast<TextSize>(std::max(0, e.mark.is_null() ? 0 : e.mark.pos)),
                               static_cast<TextSize>(doc.source.size()));
        doc.nodes.clear();
        doc.root = no_node;
        doc.errors.clear();
        doc.errors.push_back({{at, at}, "invalid YAML: " + e.msg});
    } catch (const std::exception& e) {
        doc.nodes.clear();
        doc.root = no_node;
        doc.errors.clear();
        doc.errors.push_back({{0, 0}, std::string("invalid YAML: ") + e.what()});
    }
    doc.comments = find_comments(doc, base);
    return doc;
}

} // namespace drydock::yaml
