#pragma once
// Inline suppression: `# hadolint ignore=A,B` (next instruction), `# hadolint global ignore=…` (file),
// `# hadolint stage ignore=…` (the stage whose FROM follows), the same with `drydock` for `hadolint`,
// accepting codes, names and aliases and an optional reason after a second `#`; and BuildKit's `#
// check=skip=…` directive (file-wide) and per-instruction `# check=skip=…` comments.

#include <drydock/checks/diagnostic.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <string>
#include <vector>

namespace drydock {

struct Pragma {
    enum class Scope { NextInstruction, Stage, Global };
    Scope scope = Scope::NextInstruction;
    std::vector<std::string> ids; // as written (codes, names or aliases), or "all" from `# check=skip=all`
    TextRange range;              // the comment
    std::string reason;           // text after a second `#`
    // What it covers, in byte offsets: the next instruction, the stage, or the whole file.
    TextRange covers;
    bool from_check_directive = false; // BuildKit `# check=skip=`
};

struct Suppressions {
    std::vector<Pragma> pragmas;
    std::vector<Diagnostic> problems; // malformed pragmas, reported as diagnostics by the engine
    bool check_error = false;         // `# check=error=true`
};

Suppressions collect_suppressions(const Dockerfile& file, const SemanticModel& model);

// Whether `diagnostic` is suppressed; marks the pragmas that were used in `used` (same size as pragmas).
bool is_suppressed(const Diagnostic& diagnostic, const Suppressions& suppressions, std::vector<bool>& used);

} // namespace drydock
