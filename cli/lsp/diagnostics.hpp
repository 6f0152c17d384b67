#pragma once
// drydock findings as LSP Diagnostics: the exact range in UTF-16 positions, `code` = the rule code linked to
// its documentation (codeDescription.href), `source` = "drydock", the severity the config gave the finding
// (error → Error, warning → Warning, info → Information, style → Hint), tags (Deprecated for
// maintainer-deprecated, Unnecessary for unused suppressions), and `data`:
//   {"version": <document version>, "name": <rule name>,
//    "fix": {"title", "applicability": "safe"|"unsafe", "edits": [TextEdit…]}}   (when there is a fix that
//                                                                             can be applied)
// so a client can apply the fix without asking again. Display-only fixes are left out of `data`.

#include "lsp/protocol.hpp"

#include <drydock/checks/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace drydock::lsp {

int lsp_severity(Severity severity);

// A fix's edits as LSP TextEdits (ranges in the text `lines` indexes).
nlohmann::json text_edits(const Fix& fix, const LineIndex& lines);

nlohmann::json to_lsp_diagnostic(const Diagnostic& diagnostic, const LineIndex& lines, std::int64_t version);

// The publishDiagnostics notification for a document.
nlohmann::json publish_diagnostics(const std::string& uri, std::int64_t version,
                                   const std::vector<Diagnostic>& diagnostics, const LineIndex& lines);

// ShellCheck's findings (code SCxxxx), which the server computes in the background.
bool is_shellcheck_finding(const Diagnostic& diagnostic);

} // namespace drydock::lsp
