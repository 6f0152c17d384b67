#pragma once
// A small, honest model of POSIX shell text: the simple commands that run, their words (with quotes and
// escapes understood), and the operators between them. Rules about apt-get, pip, curl and friends read this
// model, never raw text. What cannot be known statically (a variable, a command substitution, `eval`) is
// marked, not guessed.

#include <drydock/parser/logical_text.hpp>
#include <drydock/parser/text_range.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::shell {

struct Word {
    TextRange range;     // original offsets of the word as written (quotes included)
    std::string value;   // after quote removal and escape processing; `$X`, `$(…)` kept verbatim
    bool quoted = false; // some part of the word was quoted or escaped
    bool dynamic =
        false; // contains a parameter expansion, `$(…)` or backticks: its value is not known statically

    friend bool operator==(const Word&, const Word&) = default;
};

// The operator that separates a command from the one before it.
enum class Operator { None, And, Or, Semicolon, Pipe, Background, Newline };

struct Redirect {
    TextRange range; // the whole redirect, e.g. `2>/dev/null`
    std::string op;  // `>`, `>>`, `<`, `2>`, `&>`, `>&`, `<<`, `<<-`, `<<<`, …
    Word target;     // the file, fd or heredoc delimiter word
};

struct Command {
    TextRange range;               // from the first word (or assignment) to the last word or redirect
    std::vector<Word> assignments; // `VAR=value` prefixes
    std::vector<Word> words;       // argv; words[0] is the command as written (`/usr/bin/apt-get`)
    std::vector<Redirect> redirects;
    Operator preceded_by = Operator::None;
    int depth = 0;            // 0 at top level; +1 inside each `( … )`, `{ …; }`, if/while/for/case body
    bool in_pipeline = false; // joined to a neighbour by `|`

    // Basename of words[0] ("apt-get" for "/usr/bin/apt-get"); empty for an assignment-only command.
    std::string_view name() const;
    // Arguments after the command name.
    std::vector<Word> arguments() const;
    // Whether a flag is present: `has_flag("y")` matches `-y` and combined short flags such as `-qy`;
    // `has_flag("yes")` matches `--yes` and `--yes=…`. Flags after a `--` word are not flags.
    bool has_flag(std::string_view flag) const;
    bool has_any_flag(std::initializer_list<std::string_view> flags) const;
    // Value of `--name=value`, `--name value`, `-n value` or `-nvalue` (only for the spelling given).
    std::optional<Word> flag_value(std::string_view flag) const;
    // Arguments that are not flags. Words after a `--` are always kept. Pass the flags that take a separate
    // value (e.g. {"o", "output"}) so that their values are not mistaken for operands.
    std::vector<Word> operands(std::initializer_list<std::string_view> flags_with_values = {}) const;
    // Whether argument `word` (not counting the command name) equals `value` for some argument, e.g. a
    // subcommand.
    bool has_argument(std::string_view value) const;
};

struct Error {
    TextRange range;
    std::string message;
};

struct Script {
    std::vector<Command> commands; // in source order, nested ones included (see Command::depth)
    std::vector<Error> errors;     // unterminated quotes, unbalanced parentheses: the model is partial then
    bool uses_eval = false;        // `eval`, `source`/`.`, `sh -c "…"`: some commands are hidden in strings

    // Every command whose name() is `name`, in source order.
    std::vector<const Command*> find(std::string_view name) const;
    bool contains(std::string_view name) const { return !find(name).empty(); }
};

// Tokenizes logical bytes [begin, end) of `source` (the whole text when end is npos). Always returns a
// result: malformed input yields a partial model plus errors, never an exception.
Script parse(const LogicalText& source, std::size_t begin = 0, std::size_t end = std::string::npos);

} // namespace drydock::shell
