#pragma once
// The lossless Dockerfile tree. Every node carries its exact byte range in the original text (half-open
// offsets); top-level items (BOM, directives, comments, blank lines, instructions) tile the whole file, so
// the tree plus its trivia reproduce the input byte for byte.

#include <drydock/parser/shell.hpp>
#include <drydock/parser/text_range.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

enum class InstructionKind {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown,
};

// Canonical upper-case keyword ("RUN"); "UNKNOWN" for Unknown.
std::string_view keyword_name(InstructionKind kind);
// Case-insensitive keyword lookup; Unknown when the word is not an instruction.
InstructionKind keyword_kind(std::string_view word);

// `$X`, `${X}`, `${X:-default}` and the other modifiers, found inside a word.
struct VariableRef {
    TextRange range;      // `$X` or `${X…}` as written
    std::string name;     // `X`
    std::string modifier; // "", ":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//"
    std::string operand;  // the word after the modifier (may itself contain variables)
    bool braced = false;
    friend bool operator==(const VariableRef&, const VariableRef&) = default;
};

struct Word {
    TextRange range;
    std::string raw;   // as written, with continuations removed
    std::string value; // what the builder sees: quotes removed and escapes processed where the instruction
                       // does word processing, the decoded string for JSON elements, else equal to raw
    std::vector<VariableRef> variables;
    friend bool operator==(const Word&, const Word&) = default;
};

// `--name=value` or `--name`. The name's range excludes the leading dashes.
struct Flag {
    TextRange range;
    Word name;
    std::optional<Word> value;
};

// ENV / LABEL / ARG entries. `legacy` marks `ENV key value with spaces`.
struct KeyValue {
    TextRange range;
    Word key;
    std::optional<Word> value; // absent for `ARG name`
    bool legacy = false;
};

// registry/path:tag@digest, split. Parts not present have empty ranges at the point they would be.
struct ImageReference {
    Word word;
    TextRange registry, repository, tag, digest;
    std::string registry_text, repository_text, tag_text, digest_text;
    bool has_variables = false;
};

struct FromClause {
    ImageReference image;
    std::optional<Word> as_keyword;
    std::optional<Word> stage_name;
};

struct PortSpec {
    Word word;
    unsigned start = 0, end = 0; // equal for a single port
    std::string protocol;        // as written ("tcp" when absent)
    TextRange protocol_range;    // empty when absent
    bool has_variables = false;
    bool legacy_mapping = false; // `host:container` (deprecated)
};

struct Heredoc {
    TextRange marker;        // `<<EOF`, `<<-"EOF"`, `3<< EOF` in the instruction line
    std::string delimiter;   // quotes removed
    int fd = -1;             // leading fd digits, -1 when absent
    bool strip_tabs = false; // `<<-`
    bool expands = true;     // false when any part of the delimiter was quoted
    TextRange body;          // from the first body line to the terminator line (line terminators included)
    TextRange terminator;    // the terminator line's content; empty (at end of file) when unterminated
    bool terminated = true;
    // For RUN heredocs read by a shell (`RUN <<EOF`, `RUN bash <<EOF`): the body as shell commands.
    std::optional<shell::Script> script;
};

enum class CommandForm { Shell, Exec };

// The command of RUN / CMD / ENTRYPOINT / SHELL and of HEALTHCHECK CMD.
struct CommandLine {
    CommandForm form = CommandForm::Shell;
    TextRange range;            // shell text, or the JSON array with its brackets
    std::vector<Word> elements; // exec form: the decoded strings, each with its literal's range
    std::string text;           // shell form: the text as the shell receives it (continuations removed)
    std::optional<shell::Script> script; // shell form under a POSIX shell
};

struct Instruction {
    InstructionKind kind = InstructionKind::Unknown;
    TextRange
        range; // keyword to the instruction's last byte (heredoc terminators included), no final newline
    TextRange line_range; // whole lines: indentation, the instruction, its final line terminator
    Word keyword;
    std::vector<Flag> flags;
    // The arguments after the flags, split the way BuildKit splits them for this instruction: FROM/EXPOSE/
    // COPY/ADD/VOLUME words (or JSON elements), the one argument of USER/WORKDIR/STOPSIGNAL/MAINTAINER,
    // the exec-form elements or the single shell text of RUN/CMD/ENTRYPOINT.
    std::vector<Word> arguments;
    std::optional<CommandLine> command;
    std::vector<KeyValue> pairs;          // ENV, LABEL, ARG
    std::optional<FromClause> from;       // FROM
    std::vector<PortSpec> ports;          // EXPOSE
    std::vector<Heredoc> heredocs;        // RUN, COPY, ADD
    std::optional<Word> healthcheck_type; // HEALTHCHECK: `CMD`, `NONE` or the unknown word
    std::vector<Instruction> trigger;     // ONBUILD: the nested instruction (zero or one element)
    std::vector<TextRange> continuations; // escape character + trailing blanks + line terminator
    std::vector<TextRange> comments;      // comment lines inside the instruction (with their terminator)
    std::vector<TextRange> empty_continuation_lines;
    bool json_form = false; // arguments came from a JSON array
    bool valid = true;      // false when the instruction had a parse error

    bool is(InstructionKind k) const { return kind == k; }
    const Flag* flag(std::string_view name) const; // first flag with that name (case-insensitive)
};

struct Directive {
    TextRange range; // the whole line content
    Word name;       // as written; compare case-insensitively
    Word value;
};

struct Comment {
    TextRange range;  // `#` to the end of the line content
    std::string text; // after `#`, trimmed
};

struct ParseError {
    TextRange range;
    std::string message;
    friend bool operator==(const ParseError&, const ParseError&) = default;
};

enum class ItemKind { ByteOrderMark, Directive, Comment, Blank, Instruction };

// A top-level piece of the file, with its line terminator. Items tile the file: item[i].range.end ==
// item[i+1].range.begin, the first begins at 0 and the last ends at the file's size.
struct Item {
    ItemKind kind;
    std::size_t index; // into directives / comments / instructions (0 for BOM and blank lines)
    TextRange range;
};

struct Dockerfile {
    std::string source;
    char escape = '\\';
    std::vector<Directive> directives;
    std::vector<Comment> comments; // top-level comment lines (interior comments live in their instruction)
    std::vector<Instruction> instructions;
    std::vector<ParseError> errors; // sorted by position
    std::vector<Item> items;

    std::string_view text(TextRange r) const { return r.slice(source); }
    const Directive* directive(std::string_view name) const; // case-insensitive
};

} // namespace drydock
