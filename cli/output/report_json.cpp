// hadolint's json format: one array for all files, each finding an object with hadolint's keys (code, column,
// file, level, line, message) plus drydock's (aliases, endColumn, endLine, fix, name). nlohmann::json keeps
// object keys sorted, which is the alphabetical order hadolint prints. Columns count code points; hadolint's
// `column` is always 1 for rule findings, so any consumer already copes with a real one.

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

#include <nlohmann/json.hpp>

namespace drydock::cli::report {

namespace {

using nlohmann::json;

json fix_json(const Fix& fix) {
    json edits = json::array();
    for (const Edit& e : fix.edits)
        edits.push_back({{"start", e.range.begin}, {"end", e.range.end}, {"replacement", e.replacement}});
    json out = {
        {"title", fix.title}, {"applicability", std::string(to_string(fix.applicability))}, {"edits", edits}};
    if (!fix.new_files.empty()) {
        json created = json::array();
        for (const NewFile& file : fix.new_files)
            created.push_back({{"path", file.path}, {"content", file.content}, {"mode", file.mode}});
        out["newFiles"] = created;
    }
    return out;
}

json aliases_json(std::string_view code) {
    json out = json::array();
    if (const RuleMeta* rule = rule_for_code(code))
        for (const std::string_view alias : rule->aliases)
            out.push_back(std::string(alias));
    return out;
}

} // namespace

void write_json(std::span<const FileReport> reports, std::ostream& out) {
    json findings = json::array();
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        for (const Diagnostic& d : file.diagnostics) {
            const Location span = locate(lines, d.range, ColumnUnit::CodePoints);
            findings.push_back({
                {"code", d.code},
                {"column", span.start.column},
                {"file", file.path},
                {"level", std::string(to_string(d.severity))},
                {"line", span.start.line},
                {"message", d.message},
                {"endLine", span.end.line},
                {"endColumn", span.end.column},
                {"name", d.name},
                {"aliases", aliases_json(d.code)},
                {"fix", d.fix ? fix_json(*d.fix) : json(nullptr)},
            });
        }
    }
    // `replace`: a message quoting invalid UTF-8 from the Dockerfile gets U+FFFD instead of an exception.
    out << findings.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

} // namespace drydock::cli::report
