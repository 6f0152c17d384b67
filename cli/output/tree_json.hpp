#pragma once
// The tree as JSON (`drydock parse --format json`): byte offsets into the original file plus 1-based line and
// column (code points) for every node, so that text[start:end] of an instruction begins with its keyword.

#include <drydock/parser/ast.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace drydock::cli {

nlohmann::json tree_to_json(const Dockerfile& file, const std::string& path);

} // namespace drydock::cli
