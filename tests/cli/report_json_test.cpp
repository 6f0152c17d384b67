// The json report is written directly, not through a nlohmann::json tree: it must stay byte for byte what
// the tree's dump() printed (keys sorted, compact, invalid UTF-8 replaced by U+FFFD), for every kind of
// string a finding carries — quotes, backslashes, control characters, non-ASCII, invalid UTF-8 — and for
// fixes with several edits and created files.

#include "output/report_formats.hpp"

#include <drydock/checks/registry.hpp>
#include <drydock/fixers/fix.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <sstream>
#include <string>
#include <vector>

namespace drydock::cli {
namespace {

using nlohmann::json;

// The aliases of the rule whose code is `code` (none for a code drydock does not define).
json aliases_of(std::string_view code) {
    json out = json::array();
    if (const RuleEntry* rule = find_rule(code); rule && rule->meta->code == code)
        for (const std::string_view alias : rule->meta->aliases)
            out.push_back(std::string(alias));
    return out;
}

// The tree the writer used to build. `positions`: per file and finding, {line, column, endLine, endColumn}.
json expected_tree(const std::vector<FileReport>& reports,
                   const std::vector<std::vector<std::array<unsigned, 4>>>& positions) {
    json out = json::array();
    for (std::size_t f = 0; f < reports.size(); ++f) {
        for (std::size_t i = 0; i < reports[f].diagnostics.size(); ++i) {
            const Diagnostic& d = reports[f].diagnostics[i];
            json fix = nullptr;
            if (d.fix) {
                json edits = json::array();
                for (const Edit& e : d.fix->edits)
                    edits.push_back(
                        {{"start", e.range.begin}, {"end", e.range.end}, {"replacement", e.replacement}});
                fix = {{"title", d.fix->title},
                       {"applicability", std::string(to_string(d.fix->applicability))},
                       {"edits", edits}};
                if (!d.fix->new_files.empty()) {
                    json created = json::array();
                    for (const NewFile& n : d.fix->new_files)
                        created.push_back({{"path", n.path}, {"content", n.content}, {"mode", n.mode}});
                    fix["newFiles"] = created;
                }
            }
            const auto& p = positions[f][i];
            out.push_back({{"code", d.code},
                           {"column", p[1]},
                           {"file", reports[f].path},
                           {"level", std::string(to_string(d.severity))},
                           {"line", p[0]},
                           {"message", d.message},
                           {"endLine", p[2]},
                           {"endColumn", p[3]},
                           {"name", d.name},
                           {"aliases", aliases_of(d.code)},
                           {"fix", fix}});
        }
    }
    return out;
}

Diagnostic finding(std::string code, std::string name, std::string message, TextRange range,
                   std::optional<Fix> fix = std::nullopt) {
    Diagnostic d;
    d.code = std::move(code);
    d.name = std::move(name);
    d.severity = Severity::Warning;
    d.message = std::move(message);
    d.range = range;
    d.fix = std::move(fix);
    return d;
}

TEST(JsonReport, SameBytesAsTheNlohmannTree) {
    FileReport report;
    report.path = "dir with \"quotes\"/\xC3\xA9\\Dockerfile";
    report.source = "FROM a\nRUN echo \"\t\x01\xFF\xF0\x9F\x98\x80\"\n";
    Fix fix = Fix::replace("Quote \"it\"\\now", {11, 15}, "line1\nline2\t\x7F\xC3");
    fix.edits.push_back({{20, 20}, "\xE2\x82\xAC"});
    fix.new_files.push_back({"docker-entrypoint.sh", "#!/bin/sh\nexec \"$@\"\n", 0755});
    report.diagnostics.push_back(finding("DL3000", "workdir-absolute", "plain message", {0, 4}));
    report.diagnostics.push_back(finding(
        "SC2086", "shellcheck", "tab\there, bell\x07, bad \xFF\xFE, \xF0\x9F\x98\x80 ok", {11, 15}, fix));
    FileReport clean;
    clean.path = "clean";
    clean.source = "FROM a\n";

    std::ostringstream out;
    write_report("json", std::vector<FileReport>{report, clean}, out, ReportOptions{});
    // Positions as the report computes them (code points): FROM at 1:1-1:5; `echo` at 2:5-2:9.
    const json tree = expected_tree({report, clean}, {{{1, 1, 1, 5}, {2, 5, 2, 9}}, {}});
    ASSERT_FALSE(aliases_of("DL3000").empty()); // the aliases array is exercised
    EXPECT_EQ(out.str(), tree.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

TEST(JsonReport, EmptyIsAnEmptyArray) {
    std::ostringstream out;
    write_report("json", std::vector<FileReport>{}, out, ReportOptions{});
    EXPECT_EQ(out.str(), "[]\n");
}

} // namespace
} // namespace drydock::cli
