#pragma once
// Building fixes from the syntax tree, in the file's own style (keyword casing, escape character, line
// terminators), so that no rule splices strings by hand.

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
