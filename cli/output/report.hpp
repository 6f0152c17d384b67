#pragma once
// Output formats of `drydock lint`. Every formatter is fed the same list of per-file results; rules never
// print.

#include <drydock/checks/diagnostic.hpp>

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::cli {

struct FileReport {
    std::string path;   // as given on the command line ("-" or the --stdin-filename for standard input)
    std::string source; // the file's text, for snippets and line/column conversion
    std::vector<Diagnostic> diagnostics; // sorted by position
};

struct ReportOptions {
    bool color = false;      // ANSI colours (tty only)
    bool statistics = false; // append counts per rule (tty/gnu: after the findings; others: to stderr)
};

// Names accepted by --format: tty, json, sarif, checkstyle, gitlab, gnu, github.
std::span<const std::string_view> report_formats();

// Drops the edits and created files of the diagnostics' fixes, keeping their titles and applicability: what
// every format but json and SARIF needs, in a fraction of the memory.
void drop_fix_edits(std::vector<Diagnostic>& diagnostics);

// Writes all reports in `format` (one of report_formats()).
void write_report(std::string_view format, std::span<const FileReport> reports, std::ostream& out,
                  const ReportOptions& options);

} // namespace drydock::cli
