// A hand-written POSIX shell tokenizer and a small recursive-descent parser over its tokens. It does one
// linear pass over the logical text: no regex, no backtracking beyond one token of lookahead. Opaque regions
// such as `$(…)` are skipped with an explicit stack instead of recursion, so hostile input cannot overflow
// the stack.

#include "shell_contiguous.hpp"

#include <drydock/parser/shell.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::shell {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Compound commands nested deeper than this are not a real Dockerfile; stopping keeps the recursion bounded.
constexpr int max_nesting = 100;

// CR counts as a blank so that files with CRLF line endings tokenize like LF ones.
constexpr bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}
constexpr bool is_operator_char(char c) {
    return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}
constexpr bool ends_word(char c) {
    return is_blank(c) || c == '\n' || is_operator_char(c);
}
constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_name_char(char c) {
    return is_name_start(c) || is_digit(c);
}
constexpr bool is_alnum(char c) {
    return is_name_char(c) && c != '_';
}
// Characters that need more than a plain copy while reading a word.
constexpr bool is_word_special(char c) {
    return ends_word(c) || c == '\\' || c == '\'' || c == '"' || c == '$' || c == '`';
}
constexpr bool is_special_parameter(char c) {
    return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!';
}

// Length of a leading `NAME=` or `NAME+=` in raw (as written) word text, or 0 when there is none.
std::size_t assignment_prefix(std::string_view raw) {
    if (raw.empty() || !is_name_start(raw[0]))
        return 0;
    std::size_t i = 1;
    while (i < raw.size() && is_name_char(raw[i]))
        ++i;
    if (i < raw.size() && raw[i] == '=')
        return i + 1;
    if (i + 1 < raw.size() && raw[i] == '+' && raw[i + 1] == '=')
        return i + 2;
    return 0;
}

std::string_view basename(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == npos ? path : path.substr(slash + 1);
}

// Callers may spell a flag as "y", "-y" or "--yes"; the model works with the bare name.
std::string_view without_dashes(std::string_view flag) {
    while (!flag.empty() && flag.front() == '-')
        flag.remove_prefix(1);
    return flag;
}

// The letters of a short-flag cluster such as `-qy` ("qy"); empty when the word is not one. Stops at the
// first character that cannot be a flag letter, so `-o/tmp/y` yields "o": the rest is the value of `-o`.
std::string_view short_flag_letters(std::string_view word) {
    if (word.size() < 2 || word[0] != '-' || word[1] == '-')
        return {};
    std::size_t n = 1;
    while (n < word.size() && is_alnum(word[n]))
        ++n;
    return word.substr(1, n - 1);
}

// The name of a long flag (`--yes` or `--yes=1` give "yes"); empty when the word is not one.
std::string_view long_flag_name(std::string_view word) {
    if (word.size() < 3 || word[0] != '-' || word[1] != '-')
        return {};
    return word.substr(2, word.find('=') == npos ? npos : word.find('=') - 2);
}

bool matches_flag(std::string_view word, std::string_view flag) {
    if (flag.size() == 1)
        return short_flag_letters(word).find(flag[0]) != npos;
    return long_flag_name(word) == flag;
}

bool contains_flag(std::initializer_list<std::string_view> flags, std::string_view name) {
    return std::any_of(flags.begin(), flags.end(),
                       [&](std::string_view f) { return without_dashes(f) == name; });
}

// Whether a flag word consumes the following word as its value, given the flags that take one.
bool takes_separate_value(std::string_view word, std::initializer_list<std::string_view> flags_with_values) {
    if (word.size() > 2 && word[0] == '-' && word[1] == '-')
        return word.find('=') == npos && contains_flag(flags_with_values, word.substr(2));
    // getopt rules: in `-qr file` the value of `-r` is the next word; in `-rfile` it is attached.
    const std::string_view letters = word.substr(1);
    for (std::size_t i = 0; i < letters.size(); ++i) {
        if (contains_flag(flags_with_values, letters.substr(i, 1)))
            return i + 1 == letters.size();
    }
    return false;
}

// A word made of the part of `word` after its first `prefix` bytes (`--out=x` → `x`). The range is exact when
// the word was written plainly; with quotes or continuations inside it the whole word's range is the honest
// answer.
Word word_suffix(const Word& word, std::size_t prefix) {
    Word out = word;
    out.value = word.value.substr(prefix);
    if (!word.quoted && word.range.size() == word.value.size())
        out.range.begin = word.range.begin + static_cast<TextSize>(prefix);
    return out;
}

constexpr std::array<std::string_view, 7> shells = {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"};

bool is_shell(std::string_view name) {
    return std::find(shells.begin(), shells.end(), name) != shells.end();
}

// `sh -c "…"`, `bash -lc "…"`, `su - user -c "…"`: a command string that this model cannot see into.
bool runs_command_string(const std::vector<Word>& words) {
    std::size_t i = 0;
    while (i < words.size()) {
        const std::string_view program = basename(words[i].value);
        const bool su = program == "su";
        ++i;
        if (!su && !is_shell(program))
            continue;
        std::size_t j = i;
        for (; j < words.size(); ++j) {
            const std::string_view word = words[j].value;
            if (word == "--")
                break;
            if (short_flag_letters(word).find('c') != npos || (su && long_flag_name(word) == "command"))
                return j + 1 < words.size() || word.find('=') != npos;
            // A shell's first operand is a script file and later flags are the script's; `su` takes a user.
            if (!su && (word.empty() || word[0] != '-'))
                break;
        }
        // Words up to j hold no `-c`; `su` may have read far, so resume there to stay linear.
        if (su)
            i = j;
    }
    return false;
}

bool hides_commands(const Command& command) {
    const std::string_view name = command.name();
    return name == "eval" || name == "source" || name == "." || runs_command_string(command.words);
}

enum class TokenKind {
    Word,
    Redirect,
    And,
    Or,
    Semicolon,
    CaseBreak, // `;;`, `;&`, `;;&`
    Pipe,
    Background,
    Newline,
    OpenParen,
    CloseParen,
    Arithmetic, // `(( … ))` as a command
    End,
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::size_t begin = 0; // logical offsets of the token's content
    std::size_t end = 0;
    Word word;         // TokenKind::Word
    Redirect redirect; // TokenKind::Redirect
};

// Where the bytes being parsed come from: a LogicalText (with its offset table), or one contiguous stretch of
// the file starting at `base` (a heredoc body), which needs no table: a table of 4 bytes per byte made the
// model of a 10 MB heredoc cost 50 MB more at its peak.
struct SourceMap {
    const LogicalText* logical = nullptr;
    TextSize base = 0;

    TextRange original(std::size_t begin, std::size_t end) const {
        if (logical)
            return logical->original(begin, end);
        return {base + static_cast<TextSize>(begin), base + static_cast<TextSize>(end)};
    }
};

struct PendingHeredoc {
    std::string delimiter;
    bool strip_tabs = false; // `<<-`
};

class Lexer {
public:
    // `text` is the whole text (logical offsets index it), cut at the end of the range being parsed.
    Lexer(std::string_view text, SourceMap source, std::size_t begin, std::vector<Error>& errors)
        : source_(source), text_(text), pos_(begin), errors_(errors) {}

    const Token& peek() {
        if (!peeked_)
            peeked_ = lex();
        return *peeked_;
    }

    Token next() {
        Token token = peeked_ ? std::move(*peeked_) : lex();
        peeked_.reset();
        return token;
    }

    std::size_t size() const { return text_.size(); }
    std::string_view raw(std::size_t begin, std::size_t end) const {
        return text_.substr(begin, end - begin);
    }
    TextRange original(std::size_t begin, std::size_t end) const { return source_.original(begin, end); }

    void error(std::size_t begin, std::size_t end, std::string message) {
        errors_.push_back({original(begin, end), std::move(message)});
    }

    // `name ()` after a command's first word: a function definition. Only valid with no token peeked.
    bool at_empty_parens() const {
        assert(!peeked_);
        std::size_t p = skip_blanks_from(pos_);
        if (p >= size() || text_[p] != '(')
            return false;
        p = skip_blanks_from(p + 1);
        return p < size() && text_[p] == ')';
    }

    void skip_empty_parens() { pos_ = skip_blanks_from(skip_blanks_from(pos_) + 1) + 1; }

    // Inside `[[ … ]]` the operators `&&`, `<`, `(`… are operands of the test, not shell syntax.
    void begin_test_expression() {
        assert(!peeked_);
        test_expression_ = true;
    }
    void end_test_expression() { test_expression_ = false; }

    void skip_to_end() {
        pos_ = size();
        peeked_.reset();
    }

private:
    SourceMap source_;
    std::string_view text_; // the logical text, cut at the end of the range being parsed
    std::size_t pos_;
    std::vector<Error>& errors_;
    std::optional<Token> peeked_;
    std::vector<PendingHeredoc> heredocs_;
    bool test_expression_ = false;
    static constexpr int max_arithmetic_failures = 8;
    int arithmetic_failures_ = 0;

    char at(std::size_t p) const { return p < size() ? text_[p] : '\0'; }

    // Blanks and backslash-newline line continuations, which separate tokens like blanks do.
    std::size_t skip_blanks_from(std::size_t p) const {
        while (p < size()) {
            if (is_blank(text_[p]))
                ++p;
            else if (text_[p] == '\\' && at(p + 1) == '\n')
                p += 2;
            else if (text_[p] == '\\' && at(p + 1) == '\r' && at(p + 2) == '\n')
                p += 3;
            else
                break;
        }
        return p;
    }

    Token make(TokenKind kind, std::size_t begin, std::size_t end) const {
        Token token;
        token.kind = kind;
        token.begin = begin;
        token.end = end;
        return token;
    }

    Token op(TokenKind kind, std::size_t length) {
        const std::size_t begin = pos_;
        pos_ += length;
        return make(kind, begin, pos_);
    }

    Token lex() {
        for (;;) {
            pos_ = skip_blanks_from(pos_);
            if (pos_ >= size())
                return make(TokenKind::End, size(), size());
            const char c = text_[pos_];
            if (c == '#') { // a comment: `#` can only get here at the start of a word
                const std::size_t eol = text_.find('\n', pos_);
                pos_ = eol == npos ? size() : eol;
                continue;
            }
            if (c == '\n') {
                if (test_expression_) { // `[[ … ]]` may span lines
                    ++pos_;
                    continue;
                }
                Token token = op(TokenKind::Newline, 1);
                skip_heredoc_bodies();
                return token;
            }
            if (test_expression_) {
                if (c != ';')
                    return lex_test_operand();
                test_expression_ = false; // `[[ x ]]` without its `]]`: do not swallow the next command
            }
            return lex_operator_or_word();
        }
    }

    Token lex_operator_or_word() {
        const char c = text_[pos_];
        const char n = at(pos_ + 1);
        switch (c) {
        case '&':
            if (n == '&')
                return op(TokenKind::And, 2);
            if (n == '>')
                return lex_redirect();
            return op(TokenKind::Background, 1);
        case '|':
            if (n == '|')
                return op(TokenKind::Or, 2);
            return op(TokenKind::Pipe, n == '&' ? 2 : 1); // `|&` pipes stderr too
        case ';':
            if (n == ';')
                return op(TokenKind::CaseBreak, at(pos_ + 2) == '&' ? 3 : 2);
            if (n == '&')
                return op(TokenKind::CaseBreak, 2);
            return op(TokenKind::Semicolon, 1);
        case '(':
            if (n == '(') {
                if (std::optional<Token> arithmetic = lex_arithmetic())
                    return std::move(*arithmetic);
            }
            return op(TokenKind::OpenParen, 1);
        case ')':
            return op(TokenKind::CloseParen, 1);
        case '<':
        case '>':
            if (n == '(') // process substitution `<(…)` is a word
                return lex_word();
            return lex_redirect();
        default:
            if (is_digit(c)) { // `2>&1`: an fd number glued to a redirect operator
                std::size_t p = pos_;
                while (p < size() && is_digit(text_[p]))
                    ++p;
                if ((at(p) == '<' || at(p) == '>') && at(p + 1) != '(')
                    return lex_redirect();
            }
            return lex_word();
        }
    }

    // Inside `[[ … ]]`: operator characters become plain operand words.
    Token lex_test_operand() {
        const char c = text_[pos_];
        if (!is_operator_char(c))
            return lex_word();
        const std::size_t length = (c == '&' || c == '|') && at(pos_ + 1) == c ? 2 : 1;
        Token token = make(TokenKind::Word, pos_, pos_ + length);
        token.word.value.assign(text_.substr(pos_, length));
        token.word.range = original(pos_, pos_ + length);
        pos_ += length;
        return token;
    }

    // `(( expr ))` as a command (or a C-style `for` header). Falls back to two `(` when the parentheses do
    // not close as `))`, as in `((cd a && make); b)`. A scan that never closes reads to the end of the text,
    // so after a few of those (malformed input only) `((` is taken as two `(` without looking: the pass stays
    // linear.
    std::optional<Token> lex_arithmetic() {
        if (arithmetic_failures_ >= max_arithmetic_failures)
            return std::nullopt;
        const std::size_t inner_end = skip_nested(pos_ + 2, '(');
        if (inner_end == npos)
            ++arithmetic_failures_;
        if (inner_end == npos || at(inner_end) != ')')
            return std::nullopt;
        const std::size_t begin = pos_;
        pos_ = inner_end + 1;
        return make(TokenKind::Arithmetic, begin, pos_);
    }

    Token lex_word() {
        Token token = make(TokenKind::Word, pos_, pos_);
        token.word = read_word(token.end);
        if (test_expression_ && !token.word.quoted && token.word.value == "]]")
            test_expression_ = false;
        return token;
    }

    Token lex_redirect() {
        static constexpr std::array<std::string_view, 12> operators = {"&>>", "&>", "<<<", "<<-", "<<", "<&",
                                                                       "<>",  "<",  ">>",  ">&",  ">|", ">"};
        const std::size_t begin = pos_;
        while (pos_ < size() && is_digit(text_[pos_]))
            ++pos_;
        for (const std::string_view candidate : operators) {
            if (text_.substr(pos_, candidate.size()) == candidate) {
                pos_ += candidate.size();
                break;
            }
        }
        Token token = make(TokenKind::Redirect, begin, pos_);
        token.redirect.op.assign(text_.substr(begin, pos_ - begin));
        pos_ = skip_blanks_from(pos_);
        const char c = at(pos_);
        const bool has_target =
            pos_ < size() && c != '#' && (!ends_word(c) || ((c == '<' || c == '>') && at(pos_ + 1) == '('));
        if (has_target) {
            token.redirect.target = read_word(token.end);
        } else {
            token.redirect.target.range = original(token.end, token.end);
            error(begin, token.end, "redirect '" + token.redirect.op + "' without a target");
        }
        token.redirect.range = original(begin, token.end);
        const std::string_view redirect_op = token.redirect.op;
        if (has_target && redirect_op.find("<<") != npos && redirect_op.find("<<<") == npos)
            heredocs_.push_back({token.redirect.target.value, redirect_op.back() == '-'});
        return token;
    }

    // The bodies of here-documents start after the newline that ends the line with their `<<`. They are data,
    // not commands, so they are skipped up to each terminator line.
    void skip_heredoc_bodies() {
        for (const PendingHeredoc& heredoc : heredocs_) {
            while (pos_ < size()) {
                const std::size_t eol = text_.find('\n', pos_);
                std::string_view line = text_.substr(pos_, (eol == npos ? size() : eol) - pos_);
                pos_ = eol == npos ? size() : eol + 1;
                if (heredoc.strip_tabs) {
                    while (!line.empty() && line.front() == '\t')
                        line.remove_prefix(1);
                }
                if (!line.empty() && line.back() == '\r')
                    line.remove_suffix(1);
                if (line == heredoc.delimiter)
                    break;
            }
        }
        heredocs_.clear();
    }

    // Reads one word at pos_. `content_end` receives the logical end of its last character: a trailing line
    // continuation is not part of the word.
    Word read_word(std::size_t& content_end) {
        const std::size_t begin = pos_;
        content_end = pos_;
        Word word;
        if ((at(pos_) == '<' || at(pos_) == '>') && at(pos_ + 1) == '(') {
            read_opaque(word, pos_ + 2, '(', "unterminated process substitution", true);
            content_end = pos_;
        }
        while (pos_ < size()) {
            const char c = text_[pos_];
            if (ends_word(c)) {
                if (c != '(' || !starts_array(begin))
                    break;
                read_opaque(word, pos_ + 1, '(', "unterminated array assignment", false); // `arr=(a b)`
                content_end = pos_;
                continue;
            }
            bool content = true;
            switch (c) {
            case '\\':
                content = read_escape(word);
                break;
            case '\'':
                read_single_quoted(word);
                break;
            case '"':
                read_double_quoted(word);
                break;
            case '$':
                read_dollar(word, false);
                break;
            case '`':
                read_opaque(word, pos_ + 1, '`', "unterminated backquote", true);
                break;
            default:
                read_plain(word);
                break;
            }
            if (content)
                content_end = pos_;
        }
        word.range = original(begin, content_end);
        return word;
    }

    bool starts_array(std::size_t word_begin) const {
        const std::string_view raw_word = raw(word_begin, pos_);
        return !raw_word.empty() && assignment_prefix(raw_word) == raw_word.size();
    }

    void read_plain(Word& word) {
        std::size_t p = pos_;
        while (p < size() && !is_word_special(text_[p]))
            ++p;
        word.value.append(text_.substr(pos_, p - pos_));
        pos_ = p;
    }

    // A backslash outside quotes. Returns false for a line continuation, which leaves no trace in the word.
    bool read_escape(Word& word) {
        const char n = at(pos_ + 1);
        if (pos_ + 1 >= size()) { // a trailing backslash stays literal
            word.value.push_back('\\');
            ++pos_;
            return true;
        }
        if (n == '\n' || (n == '\r' && at(pos_ + 2) == '\n')) {
            pos_ += n == '\n' ? 2 : 3;
            return false;
        }
        word.value.push_back(n);
        word.quoted = true;
        pos_ += 2;
        return true;
    }

    void read_single_quoted(Word& word) {
        const std::size_t open = pos_;
        word.quoted = true;
        const std::size_t close = text_.find('\'', open + 1);
        if (close == npos) {
            unterminated(word, open, open + 1, "unterminated single quote");
            return;
        }
        word.value.append(text_.substr(open + 1, close - open - 1));
        pos_ = close + 1;
    }

    // Returns false when the word ran into an error and pos_ is at the end.
    bool read_double_quoted(Word& word) {
        const std::size_t open = pos_;
        word.quoted = true;
        ++pos_;
        while (pos_ < size()) {
            const char c = text_[pos_];
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c == '\\') {
                const char n = at(pos_ + 1);
                if (n == '\n') {
                    pos_ += 2;
                } else if (pos_ + 1 < size() && (n == '$' || n == '`' || n == '"' || n == '\\')) {
                    word.value.push_back(n);
                    pos_ += 2;
                } else { // other backslashes are literal inside double quotes
                    word.value.push_back('\\');
                    ++pos_;
                }
            } else if (c == '$') {
                if (!read_dollar(word, true))
                    return false;
            } else if (c == '`') {
                if (!read_opaque(word, pos_ + 1, '`', "unterminated backquote", true))
                    return false;
            } else {
                std::size_t p = pos_;
                while (p < size() && text_[p] != '"' && text_[p] != '\\' && text_[p] != '$' &&
                       text_[p] != '`')
                    ++p;
                word.value.append(text_.substr(pos_, p - pos_));
                pos_ = p;
            }
        }
        unterminated(word, open, size(), "unterminated double quote");
        return false;
    }

    // `$name`, `${…}`, `$(…)`, `$((…))`, `$'…'`, `$"…"`, or a literal `$`. Expansions are kept verbatim.
    bool read_dollar(Word& word, bool in_double_quotes) {
        const std::size_t start = pos_;
        const char n = at(pos_ + 1);
        if (n == '(')
            return read_opaque(word, pos_ + 2, '(', "unterminated command substitution", true,
                               in_double_quotes);
        if (n == '{')
            return read_opaque(word, pos_ + 2, '{', "unterminated parameter expansion", true,
                               in_double_quotes);
        if (is_name_start(n)) {
            std::size_t p = pos_ + 2;
            while (p < size() && is_name_char(text_[p]))
                ++p;
            word.value.append(text_.substr(start, p - start));
            word.dynamic = true;
            pos_ = p;
            return true;
        }
        if (is_digit(n) || is_special_parameter(n)) {
            word.value.append(text_.substr(start, 2));
            word.dynamic = true;
            pos_ += 2;
            return true;
        }
        if (!in_double_quotes && n == '\'')
            return read_ansi_c_quoted(word);
        if (!in_double_quotes && n == '"') { // `$"…"` is a translatable string: a double-quoted one here
            ++pos_;
            return read_double_quoted(word);
        }
        word.value.push_back('$');
        ++pos_;
        return true;
    }

    // bash `$'…'`: single-quoted with C escapes. The common escapes are decoded, others are kept as written.
    bool read_ansi_c_quoted(Word& word) {
        const std::size_t open = pos_;
        word.quoted = true;
        pos_ += 2;
        while (pos_ < size()) {
            const char c = text_[pos_];
            if (c == '\'') {
                ++pos_;
                return true;
            }
            if (c != '\\' || pos_ + 1 >= size()) {
                word.value.push_back(c);
                ++pos_;
                continue;
            }
            const char n = text_[pos_ + 1];
            switch (n) {
            case 'n':
                word.value.push_back('\n');
                break;
            case 't':
                word.value.push_back('\t');
                break;
            case 'r':
                word.value.push_back('\r');
                break;
            case '\\':
            case '\'':
            case '"':
                word.value.push_back(n);
                break;
            default:
                word.value.push_back('\\');
                word.value.push_back(n);
                break;
            }
            pos_ += 2;
        }
        unterminated(word, open, size(), "unterminated $' quote"); // the value already has the text
        return false;
    }

    // Copies an opaque region (`$(…)`, `${…}`, backquotes, `<(…)`, an array) verbatim into the word. `inner`
    // is just past the opener, which starts at pos_.
    bool read_opaque(Word& word, std::size_t inner, char context, const char* message, bool dynamic,
                     bool in_double_quotes = false) {
        const std::size_t start = pos_;
        word.dynamic = word.dynamic || dynamic;
        const std::size_t close = skip_nested(inner, context, in_double_quotes);
        if (close == npos) {
            word.value.append(text_.substr(start));
            pos_ = size();
            error(start, size(), message);
            return false;
        }
        word.value.append(text_.substr(start, close - start));
        pos_ = close;
        return true;
    }

    // Records an unterminated quote: the word keeps the rest of the text, and the error covers quote to end.
    void unterminated(Word& word, std::size_t open, std::size_t content, const char* message) {
        word.value.append(text_.substr(std::min(content, size())));
        pos_ = size();
        error(open, size(), message);
    }

    static char closer(char context) {
        switch (context) {
        case '(':
            return ')';
        case '{':
            return '}';
        default:
            return context; // '"' and '`' close themselves
        }
    }

    // Whether position p starts a word inside a `$(…)` body, where `#` would begin a comment.
    bool starts_inner_word(std::size_t p, std::size_t region_begin) const {
        if (p == region_begin)
            return true;
        const char before = text_[p - 1];
        return is_blank(before) || before == '\n' || before == ';' || before == '(' || before == '|' ||
               before == '&';
    }

    // Skips the body of `$(…)`, `${…}`, `(…)` or `` `…` `` starting just after its opener, and returns the
    // position just past the matching closer, or npos when it never closes. Quotes and nested substitutions
    // are followed with an explicit stack of open contexts, so `$(echo ")" $(pwd))` is one unit and depth
    // costs no recursion. `in_double_quotes` says the opener itself is inside "…", which changes how `${…}`
    // treats single quotes. Not handled (rare in Dockerfiles): `case` patterns and here-documents inside
    // `$(…)`.
    std::size_t skip_nested(std::size_t p, char context, bool in_double_quotes = false) const {
        const std::size_t region_begin = p;
        std::string stack;
        if (in_double_quotes)
            stack.push_back('"');
        stack.push_back(context);
        const std::size_t done = stack.size() - 1;
        while (p < size()) {
            const char c = text_[p];
            const char top = stack.back();
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == closer(top)) {
                stack.pop_back();
                ++p;
                if (stack.size() == done)
                    return p;
                continue;
            }
            const char n = at(p + 1);
            if (top == '`') {
                ++p;
            } else if (top == '"') {
                if (c == '`') {
                    stack.push_back('`');
                } else if (c == '$' && (n == '(' || n == '{')) {
                    stack.push_back(n);
                    ++p;
                }
                ++p;
            } else if (c == '$' && (n == '(' || n == '{')) {
                stack.push_back(n);
                p += 2;
            } else if (c == '"' || c == '`' || (c == '(' && top == '(')) {
                stack.push_back(c);
                ++p;
            } else if (c == '\'' && !(top == '{' && stack.size() > 1 && stack[stack.size() - 2] == '"')) {
                // Single quotes inside `"${x:-it's}"` are literal; everywhere else here they quote.
                const std::size_t close = text_.find('\'', p + 1);
                if (close == npos)
                    return npos;
                p = close + 1;
            } else if (c == '#' && top == '(' && starts_inner_word(p, region_begin)) {
                const std::size_t eol = text_.find('\n', p);
                p = eol == npos ? size() : eol;
            } else {
                ++p;
            }
        }
        return npos;
    }
};

// About how many simple commands `text` holds, so that they are reserved at once: a vector that doubles its
// way to 800,000 commands holds both its old and its new copy at the last step. Counts the separators (a
// newline, `;`, `&`, `|`; `&&`, `||` and `;;` once), so quoted ones make it high: capped at one command per
// two bytes, the most that text can hold.
std::size_t command_estimate(std::string_view text) {
    std::size_t separators = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\n' && c != ';' && c != '&' && c != '|')
            continue;
        ++separators;
        if (c != '\n' && i + 1 < text.size() && text[i + 1] == c)
            ++i;
    }
    return std::min(separators + 1, text.size() / 2 + 1);
}

bool is_keyword(const Token& token, std::string_view keyword) {
    return token.kind == TokenKind::Word && !token.word.quoted && token.word.value == keyword;
}

// Reserved words that close a list: the caller of parse_list decides whether the one found is expected.
bool is_closing_keyword(const Token& token) {
    static constexpr std::array<std::string_view, 8> keywords = {"then", "elif", "else", "fi",
                                                                 "do",   "done", "esac", "}"};
    return token.kind == TokenKind::Word && !token.word.quoted &&
           std::find(keywords.begin(), keywords.end(), token.word.value) != keywords.end();
}

bool ends_list(const Token& token) {
    return token.kind == TokenKind::End || token.kind == TokenKind::CloseParen ||
           token.kind == TokenKind::CaseBreak || is_closing_keyword(token);
}

// Recursive descent over the POSIX grammar, flattened: every simple command is appended to the script with
// its depth, the separator before it and whether it is part of a pipeline. Every loop consumes a token or
// returns, so malformed input ends in errors, never in a hang.
class Parser {
public:
    Parser(std::string_view text, SourceMap source, std::size_t begin, Script& script)
        : lexer_(text, source, begin, script.errors), script_(script) {
        script_.commands.reserve(command_estimate(text.substr(begin)));
    }

    void parse_script() {
        for (;;) {
            parse_list(0);
            if (peek().kind == TokenKind::End)
                break;
            unexpected(next());
            pending_ = Operator::None;
        }
        // Separators in quotes or here-document data made the estimate far too high: give the room back.
        if (script_.commands.capacity() > 2 * script_.commands.size() + 16)
            script_.commands.shrink_to_fit();
    }

private:
    Lexer lexer_;
    Script& script_;
    // The separator seen since the last simple command; the next simple command records it in preceded_by.
    // Reserved words are transparent: in `a && if b; then c; fi`, `b` follows `&&` and `c` follows `;`.
    Operator pending_ = Operator::None;
    int nesting_ = 0;
    std::vector<Word> words_buffer_; // see parse_simple_command

    const Token& peek() { return lexer_.peek(); }
    Token next() { return lexer_.next(); }

    bool accept_keyword(std::string_view keyword) {
        if (!is_keyword(peek(), keyword))
            return false;
        next();
        return true;
    }

    void skip_newlines() {
        while (peek().kind == TokenKind::Newline)
            next();
    }

    void unexpected(const Token& token) {
        if (token.kind == TokenKind::CloseParen) {
            lexer_.error(token.begin, token.end, "unbalanced ')'");
            return;
        }
        std::string message = "unexpected '";
        message.append(lexer_.raw(token.begin, token.end));
        message.push_back('\'');
        lexer_.error(token.begin, token.end, std::move(message));
    }

    // An opener whose closer never came: the error covers it and everything after it.
    void unterminated(const Token& opener, std::string message) {
        lexer_.error(opener.begin, std::max(opener.end, lexer_.size()), std::move(message));
    }

    // A sequence of and-or lists separated by `;`, `&` or newlines, up to a token that ends the list.
    void parse_list(int depth) {
        skip_newlines();
        for (;;) {
            if (ends_list(peek()))
                return;
            parse_and_or(depth);
            const TokenKind kind = peek().kind;
            if (kind == TokenKind::Semicolon || kind == TokenKind::Background || kind == TokenKind::Newline) {
                next();
                pending_ = kind == TokenKind::Semicolon    ? Operator::Semicolon
                           : kind == TokenKind::Background ? Operator::Background
                                                           : Operator::Newline;
                skip_newlines(); // `a;\n b`: the `;` is what separates them
            } else if (!ends_list(peek())) {
                unexpected(next()); // e.g. `(` after a word
            }
        }
    }

    void parse_and_or(int depth) {
        parse_pipeline(depth);
        for (;;) {
            const TokenKind kind = peek().kind;
            if (kind != TokenKind::And && kind != TokenKind::Or)
                return;
            next();
            pending_ = kind == TokenKind::And ? Operator::And : Operator::Or;
            skip_newlines();
            parse_pipeline(depth);
        }
    }

    void parse_pipeline(int depth) {
        const std::size_t first = script_.commands.size();
        accept_keyword("!");
        parse_command(depth);
        bool piped = false;
        while (peek().kind == TokenKind::Pipe) {
            next();
            pending_ = Operator::Pipe;
            piped = true;
            skip_newlines();
            parse_command(depth);
        }
        // Every command of every stage is in the pipeline, including those inside `( … )` or a loop.
        if (piped) {
            for (std::size_t i = first; i < script_.commands.size(); ++i)
                script_.commands[i].in_pipeline = true;
        }
    }

    enum class Compound { None, Subshell, Arithmetic, Group, If, Loop, For, Case, Function };

    Compound compound_at(const Token& token) const {
        if (token.kind == TokenKind::OpenParen)
            return Compound::Subshell;
        if (token.kind == TokenKind::Arithmetic)
            return Compound::Arithmetic;
        if (token.kind != TokenKind::Word || token.word.quoted)
            return Compound::None;
        const std::string_view word = token.word.value;
        if (word == "{")
            return Compound::Group;
        if (word == "if")
            return Compound::If;
        if (word == "while" || word == "until")
            return Compound::Loop;
        if (word == "for" || word == "select")
            return Compound::For;
        if (word == "case")
            return Compound::Case;
        if (word == "function")
            return Compound::Function;
        return Compound::None;
    }

    void parse_command(int depth) {
        const Compound compound = compound_at(peek());
        if (compound == Compound::None) {
            parse_simple_command(depth);
            return;
        }
        if (!enter_nesting())
            return;
        parse_compound(compound, depth);
        --nesting_;
    }

    // Every construct that recurses goes through here: absurd nesting ends in an error, not a stack overflow.
    bool enter_nesting() {
        if (nesting_ >= max_nesting) {
            lexer_.error(peek().begin, lexer_.size(), "commands nested too deeply");
            lexer_.skip_to_end();
            return false;
        }
        ++nesting_;
        return true;
    }

    void parse_compound(Compound compound, int depth) {
        switch (compound) {
        case Compound::Subshell:
            parse_subshell(depth);
            break;
        case Compound::Arithmetic: // `(( i++ ))` runs no program
            next();
            parse_trailing_redirects();
            break;
        case Compound::Group:
            parse_group(depth);
            break;
        case Compound::If:
            parse_if(depth);
            break;
        case Compound::Loop:
            parse_loop(depth);
            break;
        case Compound::For:
            parse_for(depth);
            break;
        case Compound::Case:
            parse_case(depth);
            break;
        case Compound::Function:
            parse_function_keyword(depth);
            break;
        case Compound::None:
            break;
        }
    }

    // Redirects after `)`, `}`, `fi`, `done` or `esac` apply to the whole compound; no simple command owns
    // them, so they are consumed (here-document bodies still skipped) but not recorded.
    void parse_trailing_redirects() {
        while (peek().kind == TokenKind::Redirect)
            next();
    }

    void parse_subshell(int depth) {
        const Token open = next();
        parse_list(depth + 1);
        if (peek().kind != TokenKind::CloseParen) {
            unterminated(open, "unbalanced '('");
            return;
        }
        next();
        parse_trailing_redirects();
    }

    void parse_group(int depth) {
        const Token open = next();
        parse_list(depth + 1);
        if (!accept_keyword("}")) {
            unterminated(open, "'{' without '}'");
            return;
        }
        parse_trailing_redirects();
    }

    // The condition is inside the compound too, so it is at depth + 1 like the branches: depth 0 means "runs
    // unconditionally, in sequence", which a condition does not quite.
    void parse_if(int depth) {
        const Token open = next();
        parse_list(depth + 1);
        if (!accept_keyword("then")) {
            unterminated(open, "'if' without 'then'");
            return;
        }
        parse_list(depth + 1);
        for (;;) {
            if (accept_keyword("elif")) {
                parse_list(depth + 1);
                if (!accept_keyword("then")) {
                    unterminated(open, "'elif' without 'then'");
                    return;
                }
                parse_list(depth + 1);
            } else if (accept_keyword("else")) {
                parse_list(depth + 1);
            } else if (accept_keyword("fi")) {
                parse_trailing_redirects();
                return;
            } else {
                unterminated(open, "'if' without 'fi'");
                return;
            }
        }
    }

    void parse_loop(int depth) {
        const Token open = next();
        parse_list(depth + 1);
        if (!accept_keyword("do")) {
            unterminated(open, "'" + open.word.value + "' without 'do'");
            return;
        }
        parse_do_body(open, depth);
    }

    void parse_do_body(const Token& open, int depth) {
        parse_list(depth + 1);
        if (!accept_keyword("done")) {
            unterminated(open, "'" + open.word.value + "' without 'done'");
            return;
        }
        parse_trailing_redirects();
    }

    // `for NAME [in WORD…]; do … done` or `for ((…)); do … done`: the header runs no command.
    void parse_for(int depth) {
        const Token open = next();
        if (peek().kind == TokenKind::Arithmetic) {
            next();
        } else if (peek().kind == TokenKind::Word) {
            next();
            skip_newlines();
            if (accept_keyword("in")) {
                while (peek().kind == TokenKind::Word)
                    next();
            }
        }
        if (peek().kind == TokenKind::Semicolon)
            next();
        skip_newlines();
        if (!accept_keyword("do")) {
            unterminated(open, "'" + open.word.value + "' without 'do'");
            return;
        }
        parse_do_body(open, depth);
    }

    // `case WORD in [(]PATTERN[|PATTERN]…) LIST ;; … esac`: patterns are words, the lists are commands.
    void parse_case(int depth) {
        const Token open = next();
        if (peek().kind == TokenKind::Word)
            next();
        skip_newlines();
        if (!accept_keyword("in")) {
            unterminated(open, "'case' without 'in'");
            return;
        }
        // Items are alternatives reached from the same place: each first command gets the same separator.
        const Operator before = pending_;
        skip_newlines();
        for (;;) {
            if (accept_keyword("esac")) {
                parse_trailing_redirects();
                return;
            }
            if (peek().kind == TokenKind::OpenParen)
                next();
            while (peek().kind == TokenKind::Word || peek().kind == TokenKind::Pipe)
                next();
            if (peek().kind != TokenKind::CloseParen)
                break;
            next();
            pending_ = before;
            parse_list(depth + 1);
            if (peek().kind == TokenKind::CaseBreak) {
                next();
                skip_newlines();
            } else if (!is_keyword(peek(), "esac")) {
                break;
            }
        }
        unterminated(open, "'case' without 'esac'");
    }

    // bash `function NAME [()] BODY`.
    void parse_function_keyword(int depth) {
        next();
        if (peek().kind == TokenKind::Word) {
            next();
            if (lexer_.at_empty_parens())
                lexer_.skip_empty_parens();
        }
        parse_function_body(depth);
    }

    // The body is a compound command; its own `{ … }` or `( … )` puts the commands at depth + 1.
    void parse_function_body(int depth) {
        skip_newlines();
        parse_command(depth);
    }

    bool is_assignment(const Token& token) const {
        return assignment_prefix(lexer_.raw(token.begin, token.end)) > 0;
    }

    void parse_simple_command(int depth) {
        Command command;
        command.depth = depth;
        // The words are gathered in a buffer reused from command to command, then copied once into a vector
        // of their exact size: a vector grown word by word allocates three times for three words, and ends
        // with room for four.
        std::vector<Word> words = std::move(words_buffer_);
        words.clear();
        std::size_t begin = npos;
        std::size_t end = 0;
        for (;;) {
            const TokenKind kind = peek().kind;
            if (kind != TokenKind::Word && kind != TokenKind::Redirect)
                break;
            Token token = next();
            begin = std::min(begin, token.begin);
            end = token.end;
            if (kind == TokenKind::Redirect) {
                command.redirects.push_back(std::move(token.redirect));
                continue;
            }
            if (words.empty() && is_assignment(token)) {
                command.assignments.push_back(std::move(token.word));
                continue;
            }
            words.push_back(std::move(token.word));
            if (words.size() != 1)
                continue;
            if (command.assignments.empty() && command.redirects.empty() && lexer_.at_empty_parens()) {
                // `name() { …; }` defines a function; the definition itself runs nothing.
                lexer_.skip_empty_parens();
                if (enter_nesting()) {
                    parse_function_body(depth);
                    --nesting_;
                }
                return;
            }
            if (!words[0].quoted && words[0].value == "[[")
                lexer_.begin_test_expression();
        }
        lexer_.end_test_expression();
        command.words.assign(std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()));
        words_buffer_ = std::move(words);
        if (begin == npos)
            return;
        command.range = lexer_.original(begin, end);
        command.preceded_by = pending_;
        pending_ = Operator::None;
        if (hides_commands(command))
            script_.uses_eval = true;
        script_.commands.push_back(std::move(command));
    }
};

} // namespace

std::string_view Command::name() const {
    if (words.empty())
        return {};
    // basename() without the library call: rules ask every command for its name several times each.
    const std::string& program = words.front().value;
    for (std::size_t i = program.size(); i > 0; --i)
        if (program[i - 1] == '/')
            return std::string_view(program).substr(i);
    return program;
}

std::vector<Word> Command::arguments() const {
    if (words.size() <= 1)
        return {};
    return {words.begin() + 1, words.end()};
}

bool Command::has_flag(std::string_view flag) const {
    flag = without_dashes(flag);
    if (flag.empty())
        return false;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string_view word = words[i].value;
        if (word == "--")
            return false;
        if (matches_flag(word, flag))
            return true;
    }
    return false;
}

bool Command::has_any_flag(std::initializer_list<std::string_view> flags) const {
    return std::any_of(flags.begin(), flags.end(), [&](std::string_view flag) { return has_flag(flag); });
}

std::optional<Word> Command::flag_value(std::string_view flag) const {
    flag = without_dashes(flag);
    if (flag.empty())
        return std::nullopt;
    const bool is_short = flag.size() == 1;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string_view word = words[i].value;
        if (word == "--")
            return std::nullopt;
        const std::string_view dashes = is_short ? "-" : "--";
        if (!word.starts_with(dashes) || word.substr(dashes.size(), flag.size()) != flag)
            continue;
        const std::size_t rest = dashes.size() + flag.size();
        if (word.size() == rest) // `-o value`, `--output value`
            return i + 1 < words.size() ? std::optional<Word>(words[i + 1]) : std::nullopt;
        if (is_short)
            return word_suffix(words[i], rest); // `-ovalue`
        if (word[rest] == '=')
            return word_suffix(words[i], rest + 1); // `--output=value`
        // `--outputs` is another flag
    }
    return std::nullopt;
}

std::vector<Word> Command::operands(std::initializer_list<std::string_view> flags_with_values) const {
    std::vector<Word> out;
    bool after_dashes = false;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string_view word = words[i].value;
        if (after_dashes || word.size() < 2 || word[0] != '-') { // `-` alone is an operand (stdin)
            out.push_back(words[i]);
            continue;
        }
        if (word == "--") {
            after_dashes = true;
            continue;
        }
        if (takes_separate_value(word, flags_with_values))
            ++i;
    }
    return out;
}

bool Command::has_argument(std::string_view value) const {
    return std::any_of(words.begin() + (words.empty() ? 0 : 1), words.end(),
                       [&](const Word& word) { return word.value == value; });
}

std::vector<const Command*> Script::find(std::string_view name) const {
    std::vector<const Command*> found;
    for (const Command& command : commands) {
        if (command.name() == name)
            found.push_back(&command);
    }
    return found;
}

Script parse(const LogicalText& source, std::size_t begin, std::size_t end) {
    Script script;
    // Guard against a malformed LogicalText: never index past its offsets.
    const std::size_t limit =
        std::min(source.text.size(), source.offsets.empty() ? 0 : source.offsets.size() - 1);
    end = std::min(end, limit);
    begin = std::min(begin, end);
    Parser parser(std::string_view(source.text).substr(0, end), {&source, 0}, begin, script);
    parser.parse_script();
    return script;
}

Script parse_contiguous(std::string_view text, TextSize base) {
    Script script;
    Parser parser(text, {nullptr, base}, 0, script);
    parser.parse_script();
    return script;
}

} // namespace drydock::shell
