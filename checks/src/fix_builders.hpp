#pragma once
// Building fixes from the syntax tree, in the file's own style (keyword casing, escape character, line
// terminators), so that no rule splices strings by hand.

#include "shell_queries.hpp"

#include <drydock/checks/rule.hpp>
#include <drydock/fixers/fix.hpp>
#include <drydock/fixers/text_edits.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/shell.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// `value` as one double-quoted Dockerfile word that the builder reads back unchanged: `"`, `$` and the escape
// character are escaped with the file's escape character.
std::string dockerfile_quoted(std::string_view value, char escape);

// Replaces an instruction's keyword with `keyword`, written in the casing of the keyword it replaces.
Fix replace_keyword(const Instruction& instruction, std::string_view keyword, std::string title,
                    Applicability applicability = Applicability::Safe);

// Whether replacing `range` would delete one of the instruction's interior comment lines.
bool drops_comments(const Instruction& instruction, TextRange range);

// Inserts ` <text>` right after `word` (e.g. `-y` after `install` in `apt-get install curl`).
Fix insert_after_word(const shell::Word& word, std::string_view text, std::string title,
                      Applicability applicability = Applicability::Safe);

// Inserts `argument` as a new argument right after `word` of a command that a RUN runs: ` argument` in shell
// text, `, "argument"` in an exec-form JSON array (`source` says which). `argument` must be a plain shell
// word (no blanks, quotes or expansions).
Fix insert_argument_after(const shell::Word& word, CommandSource source, std::string_view argument,
                          std::string title, Applicability applicability = Applicability::Safe);

// Deletes argument `index` (≥ 1) of `command`, a command a RUN runs, together with what separates it from
// the word before it: blanks and line continuations in shell text (`curl -k url` → `curl url`), the comma in
// an exec-form JSON array. nullopt when anything else stands between the two words (a redirect), or when the
// deletion would take an interior comment line of `run` with it.
std::optional<Fix> delete_argument(const Dockerfile& file, const Instruction& run,
                                   const shell::Command& command, std::size_t index, CommandSource source,
                                   std::string title, Applicability applicability = Applicability::Safe);

// Deletes the letter at `position` (≥ 1) of a cluster of short options written plainly in shell text (`k` of
// `-fsSLk` → `-fsSL`). nullopt when the word has quotes or a continuation inside, or has no other letter.
std::optional<Fix> delete_option_letter(const shell::Word& word, std::size_t position, std::string title,
                                        Applicability applicability = Applicability::Safe);

// Where a command can be joined with `&&` to the end of the RUN's shell-form command line `script`: just
// after its last command and that command's redirects. nullopt when joining would change what runs: the
// last command runs in the background or is followed by `;` or a comment, the script ends inside a
// compound command (`if`, `for`, a subshell), or it has shell errors.
std::optional<TextSize> command_line_end(const Dockerfile& file, const Instruction& run,
                                         const shell::Script& script);

// The text that joins a command to the command line `script` of `run` at `end` (from command_line_end), in
// the file's style: ` && ` when the RUN is one line (or has heredocs, whose bodies follow the line), else a
// new continuation line (`\` or the escape directive's character, the file's line terminator, the indentation
// of the RUN's last line) with `&&` where the file puts it (`… && \` or `    && …`).
std::string and_joiner(const Dockerfile& file, const Instruction& run, const shell::Script& script,
                       TextSize end);

// How a file continues and-lists over lines: `&&` leading the continued line (`    && make`) or ending the
// line before (`… && \`), and the indentation of continued lines.
struct ContinuationStyle {
    bool operators_lead = false;
    std::string indent = "    ";
};

// The style of the first RUN that continues an and-list on a new line; `… && \` and four spaces when none
// does.
ContinuationStyle continuation_style(const Dockerfile& file);

// The text that joins a command on a new continuation line in `style`, with the file's escape character and
// the line terminator of the line holding `at`: ` && \`, line break, indentation; or ` \`, line break,
// indentation, `&& `.
std::string continuation_joiner(const Dockerfile& file, const ContinuationStyle& style, TextSize at);

// Inserts `line` (an instruction, e.g. `WORKDIR /src`) as a new line above the top-level instruction
// `index`: above the comment lines directly above it (its description and `# hadolint ignore=` pragmas stay
// with it; so do BuildKit `# check=` comments since the previous instruction), with that instruction's
// indentation and the file's line terminator.
Edit insert_line_before(const Dockerfile& file, std::size_t index, std::string_view line);

// Whether a finding of `rule` at `range` would be suppressed (`# hadolint ignore=`, `# check=skip=`, …). A
// fix that reaches beyond its own finding (a whole stage, a neighbouring instruction) leaves such places
// alone.
bool is_suppressed_at(const Context& context, const RuleMeta& rule, TextRange range);

// Appends `command` to the end of the script that holds `script` in a RUN: for the command line, ` &&
// command` after its last command, on a new continuation line in the file's own style when the RUN already
// spans lines
// (`\` or the escape directive's character, the last line's indentation, `&&` where the file puts it); for a
// heredoc body, a new line before the terminator. nullopt when appending would change what runs: the last
// command runs in the background, the script ends inside a compound command, or it has shell errors.
std::optional<Fix> append_command(const Dockerfile& file, const Instruction& run, const shell::Script& script,
                                  std::string_view command, std::string title,
                                  Applicability applicability = Applicability::Safe);

} // namespace drydock::rules
