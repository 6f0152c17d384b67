#include "logical_lines.hpp"

#include "grammar/grammar.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock::detail {
namespace {

// BuildKit reads lines with a bufio.Scanner whose buffer holds 64 KiB: a line whose bytes before the '\n' (a
// '\r' included) fill the whole buffer fails with "dockerfile line greater than max allowed size of 65535".
constexpr std::size_t max_line_length = 64 * 1024 - 1;

struct PhysicalLine {
    TextSize begin = 0;
    TextSize content_end = 0; // without "\n" / "\r\n" (or a final "\r" at end of file)
    TextSize end = 0;         // after the terminator
};

PhysicalLine read_line(std::string_view src, TextSize pos) {
    PhysicalLine line;
    line.begin = pos;
    const std::size_t nl = src.find('\n', pos);
    if (nl == std::string_view::npos) {
        line.end = static_cast<TextSize>(src.size());
        line.content_end = line.end;
        if (line.content_end > pos && src[line.content_end - 1] == '\r')
            --line.content_end;
    } else {
        line.end = static_cast<TextSize>(nl + 1);
        line.content_end = static_cast<TextSize>(nl);
        if (line.content_end > pos && src[line.content_end - 1] == '\r')
            --line.content_end;
    }
    return line;
}

TextSize skip_blanks(std::string_view src, TextSize pos, TextSize end) {
    while (pos < end && grammar::is_blank(src[pos]))
        ++pos;
    return pos;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

Word plain_word(std::string_view src, TextRange range) {
    Word w;
    w.range = range;
    w.raw = std::string(range.slice(src));
    w.value = w.raw;
    return w;
}

// `# name = value` with a known name, or nothing. Matches BuildKit's
// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
std::optional<Directive> read_directive(std::string_view src, PhysicalLine line) {
    TextSize p = skip_blanks(src, line.begin, line.content_end);
    if (p >= line.content_end || src[p] != '#')
        return std::nullopt;
    const TextSize hash = p;
    p = skip_blanks(src, p + 1, line.content_end);
    const TextSize name_begin = p;
    if (p >= line.content_end || !std::isalpha(static_cast<unsigned char>(src[p])))
        return std::nullopt;
    while (p < line.content_end && std::isalnum(static_cast<unsigned char>(src[p])))
        ++p;
    const TextSize name_end = p;
    p = skip_blanks(src, p, line.content_end);
    if (p >= line.content_end || src[p] != '=')
        return std::nullopt;
    p = skip_blanks(src, p + 1, line.content_end);
    TextSize value_end = line.content_end;
    while (value_end > p && grammar::is_blank(src[value_end - 1]))
        --value_end;
    if (value_end == p)
        return std::nullopt;
    const std::string_view name = src.substr(name_begin, name_end - name_begin);
    if (!iequals(name, "syntax") && !iequals(name, "escape") && !iequals(name, "check"))
        return std::nullopt;
    Directive d;
    d.range = {hash, value_end};
    d.name = plain_word(src, {name_begin, name_end});
    d.value = plain_word(src, {p, value_end});
    return d;
}

// Offset of the escape character that continues this line, if it does. BuildKit: `([^E])E[ \t]*$`, or a line
// that is only `E[ \t]*`, so an escaped escape character (`C:\\`) at the end does not continue.
std::optional<TextSize> continuation_at(std::string_view src, TextSize begin, TextSize content_end,
                                        char escape) {
    TextSize k = content_end;
    while (k > begin && (src[k - 1] == ' ' || src[k - 1] == '\t'))
        --k;
    if (k == begin || src[k - 1] != escape)
        return std::nullopt;
    const TextSize e = k - 1;
    if (e > begin && src[e - 1] == escape)
        return std::nullopt;
    return e;
}

struct HeredocMarker {
    grammar::Span span; // logical
    std::string delimiter;
    int fd = -1;
    bool strip_tabs = false;
    bool expands = true;
    bool unbalanced = false;
};

// Delimiter text with quotes removed; a quoted part disables expansion, an escaped quote alone does not.
bool unquote_delimiter(std::string_view raw, HeredocMarker& marker) {
    char quote = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else
                marker.delimiter.push_back(c);
        } else if (c == '\'' || c == '"') {
            quote = c;
            marker.expands = false;
        } else if (c == '\\' && i + 1 < raw.size()) {
            marker.delimiter.push_back(raw[++i]);
        } else {
            marker.delimiter.push_back(c);
        }
    }
    return quote == 0;
}

// Words of the logical line that start heredocs: `^(\d*)<<(-?)\s*([^<]*)$`, or `<<` / `<<-` followed by the
// delimiter as the next word.
std::vector<HeredocMarker> find_heredoc_markers(std::string_view text, char escape) {
    std::vector<HeredocMarker> out;
    std::vector<grammar::Span> words;
    for (std::size_t p = grammar::skip_blanks(text, 0); p < text.size(); p = grammar::skip_blanks(text, p)) {
        const grammar::WordScan w = grammar::scan_word(text, p, escape, true);
        if (w.span.end == p)
            break;
        words.push_back(w.span);
        p = w.span.end;
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view word = text.substr(words[i].begin, words[i].end - words[i].begin);
        std::size_t p = 0;
        while (p < word.size() && std::isdigit(static_cast<unsigned char>(word[p])))
            ++p;
        if (word.substr(p, 2) != "<<")
            continue;
        HeredocMarker marker;
        if (p > 0)
            marker.fd = std::stoi(std::string(word.substr(0, std::min<std::size_t>(p, 6))));
        p += 2;
        if (p < word.size() && word[p] == '-') {
            marker.strip_tabs = true;
            ++p;
        }
        marker.span = words[i];
        std::string_view rest = word.substr(p);
        if (rest.empty() && i + 1 < words.size()) { // `<< EOF`
            ++i;
            marker.span.end = words[i].end;
            rest = text.substr(words[i].begin, words[i].end - words[i].begin);
        }
        if (rest.empty() || rest.find('<') != std::string_view::npos)
            continue;
        marker.unbalanced = !unquote_delimiter(rest, marker);
        if (marker.delimiter.empty() && !marker.unbalanced)
            continue;
        out.push_back(std::move(marker));
    }
    return out;
}

class Splitter {
public:
    explicit Splitter(std::string_view src) : src_(src), size_(static_cast<TextSize>(src.size())) {}

    LinePass run() {
        TextSize pos = 0;
        if (src_.substr(0, 3) == "\xEF\xBB\xBF") {
            out_.items.push_back({ItemKind::ByteOrderMark, 0, {0, 3}});
            pos = 3;
        }
        bool in_directives = true;
        // A `#!` first line is a comment to BuildKit's line parser, so `escape` is no longer honoured after
        // it; its syntax/check detector skips that line, so `syntax` and `check` directives still count.
        bool after_shebang = false;
        if (src_.substr(pos, 2) == "#!") {
            const PhysicalLine line = read_line(src_, pos);
            check_length(line);
            add_comment(line, pos);
            pos = line.end;
            after_shebang = true;
        }
        while (pos < size_) {
            const PhysicalLine line = read_line(src_, pos);
            check_length(line);
            if (in_directives) {
                if (auto directive = read_directive(src_, line)) {
                    if (after_shebang && iequals(directive->name.raw, "escape"))
                        add_comment(line, directive->range.begin); // not applied; the block goes on
                    else
                        add_directive(std::move(*directive), line);
                    pos = line.end;
                    continue;
                }
                in_directives = false;
            }
            const TextSize first = skip_blanks(src_, line.begin, line.content_end);
            if (first == line.content_end) {
                out_.items.push_back({ItemKind::Blank, 0, {line.begin, line.end}});
                pos = line.end;
            } else if (src_[first] == '#') {
                add_comment(line, first);
                pos = line.end;
            } else {
                pos = read_instruction(line, first);
            }
        }
        return std::move(out_);
    }

private:
    void error(TextRange range, std::string message) { out_.errors.push_back({range, std::move(message)}); }

    void check_length(const PhysicalLine& line) {
        const TextSize scanned_end =
            line.end > line.begin && src_[line.end - 1] == '\n' ? line.end - 1 : line.end;
        if (scanned_end - line.begin > max_line_length)
            error({line.begin, line.content_end},
                  "dockerfile line greater than max allowed size of " + std::to_string(max_line_length));
    }

    void add_directive(Directive directive, const PhysicalLine& line) {
        std::string name = directive.name.raw;
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        for (const Directive& seen : out_.directives) {
            if (iequals(seen.name.raw, name)) {
                error(directive.range, "only one " + name + " parser directive can be used");
                break;
            }
        }
        if (name == "escape") {
            const std::string& value = directive.value.raw;
            if (value == "\\" || value == "`")
                out_.escape = value[0];
            else
                error(directive.value.range, "invalid escape token '" + value + "' does not match ` or \\");
        }
        out_.items.push_back({ItemKind::Directive, out_.directives.size(), {line.begin, line.end}});
        out_.directives.push_back(std::move(directive));
    }

    void add_comment(const PhysicalLine& line, TextSize hash) {
        std::string_view text = src_.substr(hash + 1, line.content_end - hash - 1);
        while (!text.empty() && grammar::is_blank(text.front()))
            text.remove_prefix(1);
        while (!text.empty() && grammar::is_blank(text.back()))
            text.remove_suffix(1);
        out_.items.push_back({ItemKind::Comment, out_.comments.size(), {line.begin, line.end}});
        out_.comments.push_back({{hash, line.content_end}, std::string(text)});
    }

    void append(LogicalText& text, TextSize begin, TextSize end) {
        for (TextSize i = begin; i < end; ++i)
            text.append(src_[i], i);
    }

    // Reads one instruction starting on `line` at `first` (its keyword) and returns the offset after it.
    TextSize read_instruction(PhysicalLine line, TextSize first) {
        LogicalInstruction ins;
        ins.text.offsets.front() = first;
        TextSize segment = first;
        TextSize last_content_end = line.content_end;
        TextSize pos = line.end;
        for (;;) {
            const auto escape_at = continuation_at(src_, segment, line.content_end, out_.escape);
            if (!escape_at) {
                append(ins.text, segment, line.content_end);
                last_content_end = line.content_end;
                pos = line.end;
                break;
            }
            append(ins.text, segment, *escape_at);
            ins.continuations.push_back({*escape_at, line.end});
            last_content_end = line.content_end;
            pos = line.end;
            // Comment lines and whitespace-only lines inside a continued instruction are dropped.
            bool next_found = false;
            while (pos < size_) {
                const PhysicalLine next = read_line(src_, pos);
                check_length(next);
                const TextSize next_first = skip_blanks(src_, next.begin, next.content_end);
                if (next_first == next.content_end) {
                    ins.empty_lines.push_back({next.begin, next.end});
                } else if (src_[next_first] == '#') {
                    ins.comments.push_back({next.begin, next.end});
                } else {
                    line = next;
                    segment = next.begin;
                    next_found = true;
                    break;
                }
                last_content_end = next.content_end;
                pos = next.end;
            }
            if (!next_found)
                break; // end of file while continuing: the instruction ends with what was collected
        }
        ins.range = {first, last_content_end};
        pos = read_heredocs(ins, pos);
        ins.line_range = {line_start_of(first), pos};
        if (ins.range.end > pos)
            ins.range.end = pos;
        out_.items.push_back({ItemKind::Instruction, out_.instructions.size(), ins.line_range});
        out_.instructions.push_back(std::move(ins));
        return pos;
    }

    TextSize line_start_of(TextSize offset) const {
        const std::size_t nl = offset == 0 ? std::string_view::npos : src_.rfind('\n', offset - 1);
        const TextSize start = nl == std::string_view::npos ? 0 : static_cast<TextSize>(nl + 1);
        return (start == 0 && src_.substr(0, 3) == "\xEF\xBB\xBF") ? 3 : start;
    }

    // Reads the bodies of the heredocs that the logical line opens, in order, and returns the offset after
    // them.
    TextSize read_heredocs(LogicalInstruction& ins, TextSize pos) {
        const InstructionKind kind = effective_kind(ins.text.text);
        if (kind != InstructionKind::Run && kind != InstructionKind::Copy && kind != InstructionKind::Add)
            return pos;
        if (ins.text.text.find("<<") == std::string::npos)
            return pos;
        for (HeredocMarker& marker : find_heredoc_markers(ins.text.text, out_.escape)) {
            Heredoc doc;
            doc.marker = ins.text.original(marker.span.begin, marker.span.end);
            doc.delimiter = std::move(marker.delimiter);
            doc.fd = marker.fd;
            doc.strip_tabs = marker.strip_tabs;
            doc.expands = marker.expands;
            if (marker.unbalanced) {
                error(doc.marker, "unterminated quote in heredoc delimiter");
                continue;
            }
            const TextSize body_begin = pos;
            TextSize last_content_end = ins.range.end;
            doc.terminated = false;
            while (pos < size_) {
                const PhysicalLine line = read_line(src_, pos);
                check_length(line);
                last_content_end = line.content_end;
                TextSize content = line.begin;
                if (doc.strip_tabs)
                    while (content < line.content_end && src_[content] == '\t')
                        ++content;
                if (src_.substr(content, line.content_end - content) == doc.delimiter) {
                    doc.body = {body_begin, line.begin};
                    doc.terminator = {line.begin, line.content_end};
                    doc.terminated = true;
                    ins.range.end = line.content_end;
                    pos = line.end;
                    break;
                }
                pos = line.end;
            }
            if (!doc.terminated) {
                doc.body = {body_begin, size_};
                doc.terminator = {size_, size_};
                ins.range.end = last_content_end; // the body runs to the end; the range has no final newline
                error(doc.marker, "unterminated heredoc: no line '" + doc.delimiter + "' closes it");
            }
            ins.heredocs.push_back(std::move(doc));
        }
        return pos;
    }

    std::string_view src_;
    TextSize size_;
    LinePass out_;
};

} // namespace

InstructionKind effective_kind(std::string_view text) {
    std::size_t p = grammar::skip_blanks(text, 0);
    std::size_t e = p;
    while (e < text.size() && !grammar::is_blank(text[e]))
        ++e;
    const InstructionKind kind = keyword_kind(text.substr(p, e - p));
    if (kind != InstructionKind::Onbuild)
        return kind;
    p = grammar::skip_blanks(text, e);
    e = p;
    while (e < text.size() && !grammar::is_blank(text[e]))
        ++e;
    return keyword_kind(text.substr(p, e - p));
}

LinePass split_lines(std::string_view source) {
    return Splitter(source).run();
}

} // namespace drydock::detail
