#pragma once
// The shell model of text that is one contiguous stretch of the file (a heredoc body), private to the parser.

#include <drydock/parser/shell.hpp>

#include <string_view>

namespace drydock::shell {

// What parse(LogicalText::contiguous(text, base)) returns, without building the LogicalText: its copy of the
// text and its offset table (4 bytes per byte) were most of the memory a multi-megabyte heredoc cost.
Script parse_contiguous(std::string_view text, TextSize base);

} // namespace drydock::shell
