// Spirit X3 grammars of the argument layer. This is the only translation unit that instantiates X3 parsers:
// keep it that way, they are heavy to compile.

#include "grammar/grammar.hpp"

#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace drydock::grammar {
namespace x3 = boost::spirit::x3;

namespace {

using Iterator = const char*;

const auto blank = x3::char_(" \t\v\f\r");

// Runs `parser` on s[pos..) and returns the end of the match, or nullopt. X3 parsers here carry no attribute
// that we keep: positions are read from the iterator, values from the source text.
template <typename Parser>
std::optional<std::size_t> match_prefix(std::string_view s, std::size_t pos, const Parser& parser) {
    Iterator first = s.data() + pos;
    const Iterator last = s.data() + s.size();
    if (!x3::parse(first, last, x3::omit[parser]))
        return std::nullopt;
    return static_cast<std::size_t>(first - s.data());
}

// One word as BuildKit's word processing reads it: quotes group, the escape character escapes the next one.
auto quoted_word_chars(char escape) {
    const auto escaped = x3::lit(escape) >> x3::omit[x3::char_ | x3::eoi];
    const auto single = x3::lit('\'') >> *(x3::char_ - '\'') >> '\'';
    const auto dbl = x3::lit('"') >> *((x3::lit(escape) >> x3::char_) | (x3::char_ - '"')) >> '"';
    const auto plain = x3::char_ - blank - x3::char_("'\"") - x3::lit(escape);
    return x3::omit[*(single | dbl | escaped | plain)];
}

// --- JSON (RFC 8259 as Go's encoding/json reads it) -------------------------------------------------------
const auto json_ws = *x3::char_(" \t\n\r");
const auto json_escape = x3::lit('\\') >>
                         (x3::char_("\"\\/bfnrt") | (x3::lit('u') >> x3::repeat(4)[x3::xdigit]));
const auto json_string = x3::lit('"') >>
                         *(json_escape | (x3::char_ - x3::char_('"') - '\\' - x3::char_('\0', '\x1f'))) >>
                         '"';
const auto json_number = -x3::lit('-') >> (x3::lit('0') | (x3::char_('1', '9') >> *x3::digit)) >>
                         -(x3::lit('.') >> +x3::digit) >>
                         -(x3::char_("eE") >> -x3::char_("+-") >> +x3::digit);

x3::rule<struct json_value_id> const json_value = "JSON value";
const auto json_array_any = x3::lit('[') >> json_ws >> -(json_value % (json_ws >> ',' >> json_ws)) >> json_ws
                            >> ']';
const auto json_member = json_string >> json_ws >> ':' >> json_ws >> json_value;
const auto json_object = x3::lit('{') >> json_ws >> -(json_member % (json_ws >> ',' >> json_ws)) >> json_ws >>
                         '}';
const auto json_value_def = json_string | json_number | x3::lit("true") | x3::lit("false") | x3::lit("null") |
                            json_array_any | json_object;
BOOST_SPIRIT_DEFINE(json_value)

void append_utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

unsigned long hex4(std::string_view s) {
    unsigned long v = 0;
    std::from_chars(s.data(), s.data() + 4, v, 16);
    return v;
}

// Decodes a literal the grammar has already validated (quotes included).
std::string decode_json_string(std::string_view literal) {
    std::string out;
    const std::string_view body = literal.substr(1, literal.size() - 2);
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\') {
            out.push_back(body[i]);
            continue;
        }
        const char e = body[++i];
        switch (e) {
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'u': {
            unsigned long cp = hex4(body.substr(i + 1, 4));
            i += 4;
            // A surrogate pair encodes one code point; a lone surrogate becomes U+FFFD as in Go.
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < body.size() + 1 && body.substr(i + 1, 2) == "\\u") {
                const unsigned long low = hex4(body.substr(i + 3, 4));
                if (low >= 0xDC00 && low < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD;
            append_utf8(out, cp);
            break;
        }
        default:
            out.push_back(e);
            break; // " \ /
        }
    }
    return out;
}

// --- Variable references ------------------------------------------------------------------------------
const auto identifier = (x3::alpha | x3::char_('_')) >> *(x3::alnum | x3::char_('_'));
const auto special_parameter = x3::char_("@*#?$!-0");
const auto simple_name = identifier | +x3::digit | special_parameter;
const auto braced_name = identifier | +x3::digit | x3::char_("@*#?$!");
const auto modifier = x3::string(":-") | x3::string(":+") | x3::string(":?") | x3::string("##") |
                      x3::string("#") | x3::string("%%") | x3::string("%") | x3::string("//") |
                      x3::string("/") | x3::string("-") | x3::string("+") | x3::string("?");

x3::rule<struct operand_id> const operand = "operand";
const auto operand_def =
    *((x3::lit("${") >> operand >> '}') | (x3::char_('\\') >> x3::char_) | (x3::char_ - '}'));
BOOST_SPIRIT_DEFINE(operand)

// --- EXPOSE ports and durations ----------------------------------------------------------------------------
const auto port_number = +x3::digit;
const auto duration_number = (+x3::digit >> -(x3::lit('.') >> *x3::digit)) | (x3::lit('.') >> +x3::digit);
const auto duration_unit = x3::string("ns") | x3::string("us") | x3::string("\xC2\xB5s") |
                           x3::string("\xCE\xBCs") | x3::string("ms") | x3::string("s") | x3::string("m") |
                           x3::string("h");

} // namespace

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

std::size_t skip_blanks(std::string_view s, std::size_t pos) {
    while (pos < s.size() && is_blank(s[pos]))
        ++pos;
    return pos;
}

WordScan scan_word(std::string_view s, std::size_t pos, char escape, bool honour_quotes) {
    WordScan out;
    out.span.begin = pos;
    if (!honour_quotes) {
        out.span.end = *match_prefix(s, pos, *(x3::char_ - blank));
        return out;
    }
    out.span.end = *match_prefix(s, pos, quoted_word_chars(escape));
    // The grammar stops before a quote it cannot close: the word then runs to the end of the text.
    if (out.span.end < s.size() && (s[out.span.end] == '\'' || s[out.span.end] == '"')) {
        out.unterminated_quote = true;
        out.span.end = s.size();
    }
    return out;
}

Flags parse_flags(std::string_view s, std::size_t pos, char escape) {
    Flags out;
    pos = skip_blanks(s, pos);
    while (s.substr(pos, 2) == "--") {
        const WordScan word = scan_word(s, pos, escape, true);
        if (word.span.end - word.span.begin == 2) { // a bare `--` ends the flags
            pos = skip_blanks(s, word.span.end);
            break;
        }
        FlagSyntax flag;
        flag.whole = word.span;
        flag.unterminated_quote = word.unterminated_quote;
        const std::string_view text = s.substr(0, word.span.end);
        const std::size_t name_end = *match_prefix(text, pos + 2, *(x3::char_ - '='));
        flag.name = {pos + 2, name_end};
        if (name_end < word.span.end)
            flag.value = Span{name_end + 1, word.span.end};
        out.flags.push_back(flag);
        pos = skip_blanks(s, word.span.end);
    }
    out.rest = pos;
    return out;
}

JsonArray parse_json_array(std::string_view s, std::size_t pos) {
    JsonArray out;
    std::vector<Span> element_spans;
    std::vector<bool> is_string;
    auto on_element = [&](auto& ctx) {
        const auto& matched = x3::_attr(ctx); // raw[] exposes the matched iterator range
        element_spans.push_back({static_cast<std::size_t>(matched.begin() - s.data()),
                                 static_cast<std::size_t>(matched.end() - s.data())});
    };
    const auto element = x3::raw[json_value][on_element];
    const auto top = x3::lit('[') >> json_ws >> -(element % (json_ws >> ',' >> json_ws)) >> json_ws >> ']';
    const std::optional<std::size_t> end = match_prefix(s, pos, top);
    if (!end || skip_blanks(s, *end) != s.size())
        return out; // not JSON: BuildKit silently falls back to shell form
    out.span = {pos, *end};
    out.status = JsonStatus::Strings;
    for (const Span& span : element_spans) {
        const std::string_view literal = s.substr(span.begin, span.end - span.begin);
        if (literal.front() != '"') {
            out.status = JsonStatus::NonString;
            out.elements.push_back({span, std::string(literal)});
            continue;
        }
        out.elements.push_back({span, decode_json_string(literal)});
    }
    return out;
}

std::string unquote(std::string_view word, char escape) {
    std::string out;
    out.reserve(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        if (c == '\'') {
            const std::size_t close = word.find('\'', i + 1);
            const std::size_t stop = close == std::string_view::npos ? word.size() : close;
            out.append(word.substr(i + 1, stop - i - 1));
            i = stop;
        } else if (c == '"') {
            for (++i; i < word.size() && word[i] != '"'; ++i) {
                // Inside double quotes the escape character only escapes `"`, `$` and itself.
                if (word[i] == escape && i + 1 < word.size() &&
                    (word[i + 1] == '"' || word[i + 1] == '$' || word[i + 1] == escape))
                    ++i;
                out.push_back(word[i]);
            }
        } else if (c == escape) {
            if (i + 1 < word.size())
                out.push_back(word[++i]);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<VariableSyntax> find_variables(std::string_view word, char escape,
                                           std::vector<VariableError>* errors) {
    std::vector<VariableSyntax> out;
    bool in_double = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        if (c == escape) {
            ++i; // an escaped character (`\$X`) is literal text
            continue;
        }
        if (c == '"') {
            in_double = !in_double;
            continue;
        }
        if (c == '\'' && !in_double) {
            const std::size_t close = word.find('\'', i + 1);
            i = close == std::string_view::npos ? word.size() : close;
            continue;
        }
        if (c != '$' || i + 1 >= word.size())
            continue;
        VariableSyntax var;
        var.span.begin = i;
        if (word[i + 1] != '{') {
            const auto end = match_prefix(word, i + 1, simple_name);
            if (!end)
                continue; // `$` followed by anything else is a literal `$`
            var.name = std::string(word.substr(i + 1, *end - i - 1));
            var.span.end = *end;
            out.push_back(std::move(var));
            i = *end - 1;
            continue;
        }
        var.braced = true;
        // ${name}, or ${name<modifier><operand>}; anything else is a substitution error.
        const std::optional<std::size_t> name_end = match_prefix(word, i + 2, braced_name);
        std::size_t mod_begin = name_end.value_or(i + 2);
        std::size_t mod_end = mod_begin;
        std::size_t close = mod_begin;
        if (name_end) {
            if (const auto m = match_prefix(word, mod_begin, modifier)) {
                mod_end = *m;
                close = match_prefix(word, mod_end, operand).value_or(mod_end);
            }
        }
        if (!name_end || close >= word.size() || word[close] != '}') {
            if (errors) {
                const std::size_t brace = word.find('}', i);
                const bool closed = brace != std::string_view::npos;
                const std::string message = !closed     ? "missing '}' in variable reference"
                                            : !name_end ? "bad substitution"
                                                        : "unsupported modifier in variable reference";
                errors->push_back({{i, closed ? brace + 1 : word.size()}, message});
            }
            i = word.find('}', i);
            if (i == std::string_view::npos)
                break;
            continue;
        }
        var.name = std::string(word.substr(i + 2, *name_end - i - 2));
        if (mod_end > mod_begin) {
            var.modifier = std::string(word.substr(mod_begin, mod_end - mod_begin));
            var.operand = std::string(word.substr(mod_end, close - mod_end));
        }
        var.span.end = close + 1;
        out.push_back(std::move(var));
        i = close;
    }
    return out;
}

namespace {

unsigned long port_number_value(std::string_view word, std::size_t b, std::size_t e) {
    unsigned long v = 0;
    const auto res = std::from_chars(word.data() + b, word.data() + e, v);
    return res.ec == std::errc{} ? v : 99999999UL;
}

// `80` or `8000-8010` spanning all of `text`.
bool parse_whole_port_range(std::string_view text, unsigned long& start, unsigned long& end) {
    const std::size_t dash = text.find('-');
    const std::string_view first = text.substr(0, dash);
    const std::string_view second = dash == std::string_view::npos ? first : text.substr(dash + 1);
    if (match_prefix(first, 0, port_number) != first.size() ||
        match_prefix(second, 0, port_number) != second.size())
        return false;
    start = port_number_value(first, 0, first.size());
    end = port_number_value(second, 0, second.size());
    return true;
}

} // namespace

PortSyntax parse_port(std::string_view word) {
    PortSyntax out;
    // Legacy `ip:host:container` / `host:container`: the container part follows the last colon, the host part
    // sits between it and the colon before it (docker/go-connections' splitParts).
    std::size_t start = 0;
    if (const std::size_t colon = word.rfind(':'); colon != std::string_view::npos) {
        out.mapping = true;
        start = colon + 1;
        const std::size_t before = colon == 0 ? std::string_view::npos : word.rfind(':', colon - 1);
        out.host = {before == std::string_view::npos ? 0 : before + 1, colon};
        const std::string_view host = word.substr(out.host.begin, out.host.end - out.host.begin);
        out.host_ok = host.empty() || parse_whole_port_range(host, out.host_start, out.host_end);
    }
    std::size_t first_end = 0, second_begin = 0, second_end = 0;
    const auto range = x3::raw[port_number][([&](auto& ctx) {
                           first_end = static_cast<std::size_t>(x3::_attr(ctx).end() - word.data());
                       })] >>
                       -(x3::lit('-') >> x3::raw[port_number][([&](auto& ctx) {
                             second_begin = static_cast<std::size_t>(x3::_attr(ctx).begin() - word.data());
                             second_end = static_cast<std::size_t>(x3::_attr(ctx).end() - word.data());
                         })]);
    const auto end = match_prefix(word, start, range);
    if (!end)
        return out;
    std::size_t pos = *end;
    if (pos < word.size()) {
        if (word[pos] != '/')
            return out;
        const auto proto_end = match_prefix(word, pos + 1, *x3::alnum);
        if (*proto_end != word.size())
            return out;
        out.protocol = Span{pos + 1, word.size()};
    }
    out.start = port_number_value(word, start, first_end);
    out.end = second_end ? port_number_value(word, second_begin, second_end) : out.start;
    out.ok = true;
    return out;
}

std::optional<long double> parse_duration(std::string_view text) {
    if (text == "0" || text == "+0" || text == "-0")
        return 0.0L;
    std::size_t pos = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
    const bool negative = pos == 1 && text[0] == '-';
    if (pos == text.size())
        return std::nullopt;
    long double total = 0;
    while (pos < text.size()) {
        const auto number_end = match_prefix(text, pos, duration_number);
        if (!number_end)
            return std::nullopt;
        const auto unit_end = match_prefix(text, *number_end, duration_unit);
        if (!unit_end)
            return std::nullopt;
        const std::string number(text.substr(pos, *number_end - pos));
        const std::string_view unit = text.substr(*number_end, *unit_end - *number_end);
        const long double scale = unit == "ns"   ? 1.0L
                                  : unit == "ms" ? 1e6L
                                  : unit == "s"  ? 1e9L
                                  : unit == "m"  ? 60e9L
                                  : unit == "h"  ? 3600e9L
                                                 : 1e3L; // us, µs
        total += std::stold(number == "." ? std::string("0") : number) * scale;
        pos = *unit_end;
    }
    return negative ? -total : total;
}

} // namespace drydock::grammar
