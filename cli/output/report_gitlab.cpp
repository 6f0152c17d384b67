// GitLab Code Quality (a Code Climate subset, integrations.md 4.3): one JSON array; GitLab reads description,
// check_name, fingerprint, severity and location {path, lines.begin}. hadolint's gitlab_codeclimate also
// writes type and categories; we keep them, extra Code Climate fields are harmless.
//
// GitLab shows only the first issue per fingerprint, so the fingerprint hashes path + rule + the trimmed line
// text
// + the occurrence of that (rule, line text) in the file: unique per issue, and stable when lines move.

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

#include <nlohmann/json.hpp>

namespace drydock::cli::report {

namespace {

using nlohmann::ordered_json;

// hadolint's mapping, so a GitLab pipeline switching from hadolint sees the same severities.
std::string_view severity(Severity s) {
    switch (s) {
    case Severity::Error:
        return "blocker";
    case Severity::Warning:
        return "major";
    case Severity::Info:
        return "info";
    case Severity::Style:
        return "minor";
    case Severity::Ignore:
        return "info";
    }
    return "major";
}

// Code Climate's categories for ours.
std::string_view category(std::string_view code) {
    const RuleMeta* rule = rule_for_code(code);
    if (rule == nullptr)
        return "Bug Risk"; // ShellCheck findings: hadolint files everything under Bug Risk
    switch (rule->category) {
    case Category::Security:
        return "Security";
    case Category::ImageSize:
        return "Performance";
    case Category::Maintainability:
        return "Clarity";
    case Category::Style:
        return "Style";
    case Category::Reproducibility:
        return "Compatibility";
    case Category::Syntax:
    case Category::Correctness:
        return "Bug Risk";
    }
    return "Bug Risk";
}

} // namespace

void write_gitlab(std::span<const FileReport> reports, std::ostream& out) {
    ordered_json issues = ordered_json::array();
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        const std::vector<std::size_t> occurrence = occurrences(file, lines);
        for (std::size_t i = 0; i < file.diagnostics.size(); ++i) {
            const Diagnostic& d = file.diagnostics[i];
            const std::string_view text = trim(line_text(lines, file.source, d.range.begin));
            const std::string key =
                file.path + '\0' + d.code + '\0' + std::string(text) + '\0' + std::to_string(occurrence[i]);
            ordered_json issue;
            issue["type"] = "issue";
            issue["description"] = d.message;
            issue["check_name"] = d.code;
            issue["fingerprint"] = hex64(fnv1a64(key));
            issue["severity"] = severity(d.severity);
            issue["categories"] = ordered_json::array({category(d.code)});
            issue["location"] = {{"path", file.path},
                                 {"lines", {{"begin", lines.position(d.range.begin).line}}}};
            issues.push_back(std::move(issue));
        }
    }
    out << issues.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

} // namespace drydock::cli::report
