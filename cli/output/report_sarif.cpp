// SARIF 2.1.0 for GitHub code scanning and SARIF viewers (integrations.md 4.1): one run; a `rules` entry for
// every rule that has a result (GitHub rejects results without rule metadata); results with a region in
// UTF-16 code units (run.columnKind), a stable partialFingerprints.primaryLocationLineHash (without it the
// upload API creates duplicate alerts), and the fix as artifactChanges when there is one.

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

#include <drydock/checks/rule_docs.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace drydock::cli::report {

namespace {

// ordered_json: keys in the order written, so the document reads version-first like the specification's
// examples.
using nlohmann::ordered_json;

// Where drydock lives. A placeholder until the project has a public home, like the rule pages' address
// (rule_docs_url); the SARIF golden tests spell both out.
constexpr std::string_view kInformationUri = "https://github.com/drydock-lint/drydock";

std::string_view level(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
    case Severity::Style:
        return "note"; // SARIF has no finer levels; hadolint maps these to note too
    case Severity::Ignore:
        return "none";
    }
    return "warning";
}

// A relative URI reference for the path as given: forward slashes, and everything but unreserved characters,
// sub-delimiters, '@' and '/' percent-encoded (':' too, so "C:/x" is not read as a scheme). A leading "./"
// goes: code scanning matches URIs against repository paths, which never start with it (`drydock lint .`
// names files "./Dockerfile").
std::string artifact_uri(std::string_view path) {
    while (path.size() > 2 && path[0] == '.' && (path[1] == '/' || path[1] == '\\'))
        path.remove_prefix(2);
    constexpr std::string_view keep = "-._~!$&'()*+,;=@/";
    constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out;
    for (const char raw : path) {
        const char c = raw == '\\' ? '/' : raw;
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4U];
            out += hex[byte & 0xFU];
        }
    }
    return out;
}

std::string text_or(std::string_view text, std::string_view fallback) {
    return std::string(text.empty() ? fallback : text);
}

ordered_json rule_json(std::string_view code, std::string_view diagnostic_name) {
    const RuleMeta* rule = rule_for_code(code);
    ordered_json out;
    out["id"] = code;
    if (rule == nullptr) {
        // A code drydock does not define (ShellCheck's): what the diagnostic itself says, and ShellCheck's
        // wiki.
        if (!diagnostic_name.empty() && diagnostic_name != code)
            out["name"] = diagnostic_name;
        const bool shellcheck = code.starts_with("SC");
        out["shortDescription"] = {
            {"text", shellcheck ? "ShellCheck " + std::string(code) : std::string(code)}};
        if (const std::string url = rule_docs_url(code); !url.empty())
            out["helpUri"] = url;
        return out;
    }
    const std::string summary = text_or(rule->summary, rule->name);
    const std::string what = text_or(rule->docs.what, summary);
    std::string help_text = what;
    std::string help_markdown = "**What it does**\n\n" + what;
    if (!rule->docs.why.empty()) {
        help_text += "\n\n" + std::string(rule->docs.why);
        help_markdown += "\n\n**Why is this bad?**\n\n" + std::string(rule->docs.why);
    }
    out["name"] = rule->name;
    out["shortDescription"] = {{"text", summary}};
    out["fullDescription"] = {{"text", what}};
    out["help"] = {{"text", help_text}, {"markdown", help_markdown}};
    out["helpUri"] = rule_docs_url(rule->code);
    out["defaultConfiguration"] = {{"level", level(rule->severity)}};
    out["properties"] = {{"tags", ordered_json::array({to_string(rule->category)})}};
    return out;
}

ordered_json region_json(const Location& span) {
    return {{"startLine", span.start.line},
            {"startColumn", span.start.column},
            {"endLine", span.end.line},
            {"endColumn", span.end.column}};
}

ordered_json fix_json(const Fix& fix, const Utf16Offsets& utf16_offset, const std::string& uri) {
    ordered_json replacements = ordered_json::array();
    for (const Edit& e : fix.edits) {
        // Character offsets in the run's column unit (UTF-16 code units), like the columns.
        const std::uint32_t begin = utf16_offset(e.range.begin);
        const std::uint32_t end = utf16_offset(std::max(e.range.begin, e.range.end));
        replacements.push_back({{"deletedRegion", {{"charOffset", begin}, {"charLength", end - begin}}},
                                {"insertedContent", {{"text", e.replacement}}}});
    }
    ordered_json changes = ordered_json::array(
        {ordered_json{{"artifactLocation", {{"uri", uri}}}, {"replacements", replacements}}});
    // A file the fix creates: an insertion into an empty artifact beside the Dockerfile.
    for (const NewFile& created : fix.new_files) {
        const std::size_t slash = uri.rfind('/');
        const std::string created_uri =
            (slash == std::string::npos ? "" : uri.substr(0, slash + 1)) + created.path;
        changes.push_back(
            {{"artifactLocation", {{"uri", created_uri}}},
             {"replacements",
              ordered_json::array({ordered_json{{"deletedRegion", {{"charOffset", 0}, {"charLength", 0}}},
                                                {"insertedContent", {{"text", created.content}}}}})}});
    }
    return {{"description", {{"text", fix.title}}}, {"artifactChanges", changes}};
}

} // namespace

void write_sarif(std::span<const FileReport> reports, std::ostream& out, std::string_view tool_version) {
    // Rules sorted by code, so ruleIndex values do not depend on which file was reported first.
    std::map<std::string_view, std::string_view> codes; // code -> the diagnostic's name
    for (const FileReport& file : reports)
        for (const Diagnostic& d : file.diagnostics)
            codes.emplace(d.code, d.name);
    ordered_json rules = ordered_json::array();
    std::map<std::string_view, std::size_t> rule_index;
    for (const auto& [code, name] : codes) {
        rule_index[code] = rules.size();
        rules.push_back(rule_json(code, name));
    }

    ordered_json results = ordered_json::array();
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        const Utf16Offsets utf16_offsets(lines, file.source);
        const std::string uri = artifact_uri(file.path);
        const std::vector<std::size_t> occurrence = occurrences(file, lines);
        for (std::size_t i = 0; i < file.diagnostics.size(); ++i) {
            const Diagnostic& d = file.diagnostics[i];
            // GitHub's own form "hash:occurrence": rule + trimmed line text, so the alert follows the line
            // when lines are added above it; the occurrence keeps identical lines apart.
            const std::string line = std::string(trim(line_text(lines, file.source, d.range.begin)));
            const std::string hash =
                hex64(fnv1a64(d.code + '\0' + line)) + ":" + std::to_string(occurrence[i]);
            ordered_json location = {{"physicalLocation",
                                      {{"artifactLocation", {{"uri", uri}}},
                                       {"region", region_json(locate(lines, d.range, ColumnUnit::Utf16))}}}};
            ordered_json result;
            result["ruleId"] = d.code;
            result["ruleIndex"] = rule_index[d.code];
            result["level"] = level(d.severity);
            result["message"] = {{"text", d.message}};
            result["locations"] = ordered_json::array({location});
            result["partialFingerprints"] = {{"primaryLocationLineHash", hash}};
            if (d.fix)
                result["fixes"] = ordered_json::array({fix_json(*d.fix, utf16_offsets, uri)});
            results.push_back(std::move(result));
        }
    }

    ordered_json driver;
    driver["name"] = "drydock";
    driver["version"] = tool_version;
    driver["informationUri"] = kInformationUri;
    driver["rules"] = std::move(rules);
    ordered_json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["columnKind"] = "utf16CodeUnits";
    run["results"] = std::move(results);
    ordered_json log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = ordered_json::array({std::move(run)});
    out << log.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

} // namespace drydock::cli::report
