#pragma once
// One finding: which rule, how severe, what is wrong, exactly where, and optionally how to fix it.

#include <drydock/checks/severity.hpp>
#include <drydock/fixers/fix.hpp>
#include <drydock/parser/text_range.hpp>

#include <optional>
#include <string>

namespace drydock {

struct Diagnostic {
    std::string code; // "DL3008", "DD0001", "DL1000" for parse errors
    std::string name; // kebab-case rule name ("syntax-error" for parse errors)
    Severity severity = Severity::Warning;
    std::string message;
    TextRange range; // exact byte range in the original file
    std::optional<Fix> fix;
};

} // namespace drydock
