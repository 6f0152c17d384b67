#pragma once
// Code actions for a document's findings:
// * quickfix — a finding's own fix (safe ones preferred; unsafe ones titled as such; display-only fixes, such
//   as ShellCheck's suggestions, are never offered as edits);
// * quickfix — "Ignore CODE on this line": a `# hadolint ignore=CODE` line above the instruction, indented
//   like it, or `,CODE` added to the ignore pragma already right above it;
// * source.fixAll.drydock — every safe fix, through the fix loop (fix, re-lint, fix again until nothing
//   changes), as one edit covering only what changed (usable for editor.codeActionsOnSave).
// Edits are LSP TextEdits in a WorkspaceEdit's `changes` (UTF-16 ranges converted from byte ranges).

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>
#include <drydock/checks/suppression.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/line_index.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace drydock::lsp {

constexpr std::string_view fix_all_kind = "source.fixAll.drydock";

// Whether an action of `kind` answers a request whose context.only is `only` (absent/null: every kind but
// source actions, which clients ask for by name; else `kind` equals an entry or is a sub-kind of it:
// "source.fixAll" asks for "source.fixAll.drydock").
bool kind_requested(std::string_view kind, const nlohmann::json& only);

// The quick fix applying `diagnostic`'s fix, or nullopt when it has none that can be applied.
// `lsp_diagnostic` is the diagnostic as published (CodeAction.diagnostics). A fix that creates files needs a
// client that applies `documentChanges` with create operations (`can_create_files`); otherwise it is not
// offered.
std::optional<nlohmann::json> fix_action(const std::string& uri, const Diagnostic& diagnostic,
                                         const LineIndex& lines, const nlohmann::json& lsp_diagnostic,
                                         bool can_create_files);

// The edit that ignores `code` for the instruction holding byte `at`: extends the `# hadolint ignore=` /
// `# drydock ignore=` line right above the instruction when there is one, else inserts
// `# hadolint ignore=CODE` above it with the instruction's indentation and the file's line terminator.
// nullopt when `at` is not inside an instruction.
std::optional<Edit> ignore_pragma_edit(const Dockerfile& file, const Suppressions& suppressions, TextSize at,
                                       std::string_view code);

// "Ignore CODE on this line", or nullopt for findings a pragma cannot silence (parse errors, findings outside
// an instruction) and when pragmas are disabled by the config.
std::optional<nlohmann::json> ignore_action(const std::string& uri, const Diagnostic& diagnostic,
                                            const Dockerfile& file, const Suppressions& suppressions,
                                            const Config& config, const LineIndex& lines,
                                            const nlohmann::json& lsp_diagnostic);

// source.fixAll.drydock for `text`, or nullopt when no safe fix changes it. ShellCheck is not run (its fixes
// are display-only).
std::optional<nlohmann::json> fix_all_action(const std::string& uri, const std::string& text,
                                             const Config& config);

} // namespace drydock::lsp
