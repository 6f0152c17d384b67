#pragma once
// The argument layer: Spirit X3 grammars for the pieces of an instruction's logical text (flags, words, JSON
// arrays, variable references, ports, durations). Offsets here are logical (indices into the joined text);
// parse.cpp maps them back to the original file. Everything that instantiates X3 lives in grammar.cpp, the
// one heavy translation unit.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::grammar {

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Blank characters between words, as BuildKit defines them.
bool is_blank(char c);
std::size_t skip_blanks(std::string_view s, std::size_t pos);

// One word up to the next unquoted blank. With `honour_quotes`, '…' and "…" group blanks and the escape
// character escapes the next character (ARG/ENV/LABEL/flags); without, the word ends at the first blank
// (COPY/FROM/…).
struct WordScan {
    Span span;
    bool unterminated_quote = false;
};
WordScan scan_word(std::string_view s, std::size_t pos, char escape, bool honour_quotes);

// The `--flag[=value]` words right after the keyword. A bare `--` ends the flags and is consumed.
struct FlagSyntax {
    Span whole, name;
    std::optional<Span> value;
    bool unterminated_quote = false;
};
struct Flags {
    std::vector<FlagSyntax> flags;
    std::size_t rest = 0; // where the arguments start (blanks skipped)
};
Flags parse_flags(std::string_view s, std::size_t pos, char escape);

// A JSON array of strings starting at `pos` and running to the end of `s` (trailing blanks allowed).
enum class JsonStatus { NotJson, Strings, NonString };
struct JsonElement {
    Span span; // the string literal with its quotes
    std::string value;
};
struct JsonArray {
    JsonStatus status = JsonStatus::NotJson;
    Span span; // brackets included
    std::vector<JsonElement> elements;
};
JsonArray parse_json_array(std::string_view s, std::size_t pos);

// BuildKit's quote removal and escape processing for one word, without variable expansion.
std::string unquote(std::string_view word, char escape);

// `$X` / `${X…}` inside a word (not inside single quotes, not escaped).
struct VariableSyntax {
    Span span;
    std::string name, modifier, operand;
    bool braced = false;
};
struct VariableError {
    Span span;
    std::string message;
};
std::vector<VariableSyntax> find_variables(std::string_view word, char escape,
                                           std::vector<VariableError>* errors = nullptr);

// EXPOSE `80`, `80/udp`, `8000-8010/tcp`, `8080:80` (legacy mapping).
struct PortSyntax {
    bool ok = false;
    unsigned long start = 0, end = 0;
    std::optional<Span> protocol;
    bool mapping = false;
    // Legacy mapping: the host part (before the last colon, after the one before it); empty when absent.
    Span host;
    bool host_ok = true; // the host part is empty or a port / port range
    unsigned long host_start = 0, host_end = 0;
};
PortSyntax parse_port(std::string_view word);

// A Go duration (`30s`, `1m30s`, `500ms`, `0`) in nanoseconds; nullopt when it does not parse.
std::optional<long double> parse_duration(std::string_view text);

} // namespace drydock::grammar
