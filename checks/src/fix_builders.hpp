#pragma once
// Building fixes from the syntax tree, in the file's own style (keyword casing, escape character, line
// terminators), so that no rule splices strings by hand.

#include <drydock/fixers/fix.hpp>
#include <drydock/fixers/text_edits.hpp>
#include <drydock/parser/ast.hpp>

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

} // namespace drydock::rules
