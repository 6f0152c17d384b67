#pragma once
// Entry points of the parser layer.

#include <drydock/parser/ast.hpp>

#include <string>

namespace drydock {

// Parses a whole Dockerfile. Never throws on bad input: problems become ParseErrors and parsing goes on with
// the next instruction. Throws std::length_error only for input of 4 GiB or more (offsets are 32-bit).
Dockerfile parse(std::string source);

// Reproduces the file from its items (the lossless round trip the tests check byte for byte).
std::string print(const Dockerfile& file);

} // namespace drydock
