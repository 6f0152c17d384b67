#pragma once
// Where the structural rewrites put the instructions they add: after an instruction's line, or before an
// instruction together with the comment lines that describe it, in the file's own line terminator.

#include <drydock/parser/ast.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// The start of the comment lines directly above top-level instruction `index` (no blank line between), or of
// its own line: what describes the instruction and moves or stays with it.
TextSize start_with_comments(const Dockerfile& file, std::size_t index);

// An insertion of whole lines at `offset`, which is a line start or the end of a file whose last line has no
// terminator (then the lines are preceded by one).
struct LineInsertion {
    TextSize offset = 0;
    std::string text;
};

// `lines` (without terminators) inserted at `offset`, each ended by the terminator of the file's line at
// `offset` (CRLF files stay CRLF).
LineInsertion insert_lines(const Dockerfile& file, TextSize offset, const std::vector<std::string>& lines);

} // namespace drydock::rules
