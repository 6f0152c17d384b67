#pragma once
// Structural invariants of a parsed tree, shared by the corpus tests and the fuzz targets: the items tile the
// file, printing reproduces it byte for byte, and every node's range lies inside its parent, in source order.

#include <drydock/parser/ast.hpp>

#include <string>
#include <vector>

namespace drydock::testing {

// Returns one message per violated invariant (empty when the tree is sound).
std::vector<std::string> check_tree_invariants(const Dockerfile& file);

} // namespace drydock::testing
