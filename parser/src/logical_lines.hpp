#pragma once
// The line layer: a hand-written pre-pass over the physical lines of a Dockerfile. It finds the parser
// directives, comments, blank lines, line continuations (with either escape character), comment and empty
// lines inside continued instructions, and heredoc bodies, and hands every instruction to the argument layer
// as one logical text whose bytes all know their original offsets.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/logical_text.hpp>

#include <string_view>
#include <vector>

namespace drydock::detail {

struct LogicalInstruction {
    TextRange line_range; // whole physical lines, final terminator included
    TextRange range;      // keyword to the last byte (no final terminator)
    LogicalText text;     // the joined logical line, starting at the keyword
    std::vector<TextRange> continuations;
    std::vector<TextRange> comments;
    std::vector<TextRange> empty_lines;
    std::vector<Heredoc> heredocs; // markers and bodies; scripts are filled in later
};

struct LinePass {
    char escape = '\\';
    std::vector<Directive> directives;
    std::vector<Comment> comments;
    std::vector<LogicalInstruction> instructions;
    std::vector<Item> items; // Item::index of an instruction indexes `instructions`
    std::vector<ParseError> errors;
};

LinePass split_lines(std::string_view source);

// Keyword of the instruction a logical text holds, looking through ONBUILD to its trigger.
InstructionKind effective_kind(std::string_view logical_text);

} // namespace drydock::detail
