#pragma once
// Hover text: on a finding, its rule's documentation (the same Markdown as `drydock explain`, from the
// rule's metadata) under the finding's message; on an instruction keyword, what the instruction does and a
// link to Docker's reference.

#include <drydock/checks/diagnostic.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/line_index.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::lsp {

// One sentence on what the instruction does; empty for Unknown.
std::string_view instruction_summary(InstructionKind kind);
// Docker's reference page for the instruction.
std::string instruction_reference_url(InstructionKind kind);

// Markdown for one finding: code, rule name and message, then the rule's documentation (or a link to
// ShellCheck's wiki for SC codes).
std::string finding_markdown(const Diagnostic& diagnostic);

// The Hover result at byte `at`: the findings whose range holds it (an empty range counts at its offset),
// else the instruction keyword there (ONBUILD triggers included); nullopt when there is nothing to say.
std::optional<nlohmann::json> hover_at(const Dockerfile& file, const std::vector<Diagnostic>& findings,
                                       const LineIndex& lines, TextSize at);

} // namespace drydock::lsp
