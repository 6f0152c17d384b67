#pragma once
// The argument layer: turns one logical instruction into a typed Instruction node, with BuildKit's
// per-instruction argument strategies and the typed layer's validation (argument counts, flags, mounts,
// ports, durations).

#include "logical_lines.hpp"

#include <drydock/parser/ast.hpp>

#include <vector>

namespace drydock::detail {

Instruction parse_instruction(LogicalInstruction&& logical, char escape, std::vector<ParseError>& errors);

} // namespace drydock::detail
