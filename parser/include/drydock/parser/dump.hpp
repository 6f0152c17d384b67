#pragma once
// A readable, stable text dump of the tree (`drydock parse --format text`, and the golden files of the parser
// tests). Positions are `line:column` (code points, 1-based) of each node's start and end.

#include <drydock/parser/ast.hpp>

#include <string>

namespace drydock {

std::string dump(const Dockerfile& file);

} // namespace drydock
