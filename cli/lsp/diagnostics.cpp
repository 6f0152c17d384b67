#include "lsp/diagnostics.hpp"

#include <drydock/checks/rule_docs.hpp>

#include <algorithm>
#include <cctype>

namespace drydock::lsp {
namespace {

// LSP's DiagnosticSeverity and DiagnosticTag values.
constexpr int severity_error = 1, severity_warning = 2, severity_information = 3, severity_hint = 4;
constexpr int tag_unnecessary = 1, tag_deprecated = 2;

} // namespace

int lsp_severity(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return severity_error;
    case Severity::Warning:
        return severity_warning;
    case Severity::Info:
        return severity_information;
    case Severity::Style:
    case Severity::Ignore:
        return severity_hint;
    }
    return severity_warning;
}

nlohmann::json text_edits(const Fix& fix, const LineIndex& lines) {
    nlohmann::json edits = nlohmann::json::array();
    for (const Edit& e : fix.edits)
        edits.push_back({{"range", to_json(to_lsp(lines, e.range))}, {"newText", e.replacement}});
    return edits;
}

nlohmann::json to_lsp_diagnostic(const Diagnostic& d, const LineIndex& lines, std::int64_t version) {
    nlohmann::json out = {{"range", to_json(to_lsp(lines, d.range))},
                          {"severity", lsp_severity(d.severity)},
                          {"code", d.code},
                          {"source", "drydock"},
                          {"message", d.message}};
    if (const std::string url = rule_docs_url(d.code); !url.empty())
        out["codeDescription"] = {{"href", url}};
    if (d.name.find("deprecated") != std::string::npos)
        out["tags"] = {tag_deprecated};
    else if (d.name == "unused-suppression")
        out["tags"] = {tag_unnecessary};
    nlohmann::json data = {{"version", version}, {"name", d.name}};
    if (d.fix && d.fix->applicability != Applicability::DisplayOnly && !d.fix->edits.empty())
        data["fix"] = {{"title", d.fix->title},
                       {"applicability", to_string(d.fix->applicability)},
                       {"edits", text_edits(*d.fix, lines)}};
    out["data"] = std::move(data);
    return out;
}

nlohmann::json publish_diagnostics(const std::string& uri, std::int64_t version,
                                   const std::vector<Diagnostic>& diagnostics, const LineIndex& lines) {
    nlohmann::json list = nlohmann::json::array();
    for (const Diagnostic& d : diagnostics)
        list.push_back(to_lsp_diagnostic(d, lines, version));
    return {{"jsonrpc", "2.0"},
            {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", uri}, {"version", version}, {"diagnostics", std::move(list)}}}};
}

bool is_shellcheck_finding(const Diagnostic& d) {
    return d.code.size() > 2 && d.code.starts_with("SC") &&
           std::all_of(d.code.begin() + 2, d.code.end(), [](unsigned char c) { return std::isdigit(c); });
}

} // namespace drydock::lsp
