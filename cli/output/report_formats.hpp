#pragma once
// The individual report formats behind write_report() (private to cli/output and the tests). Each one writes
// the findings of every report to `out` and nothing else; --statistics is added by write_report(), except in
// tty, whose statistics go between the findings and the summary line.

#include "output/report.hpp"

#include <ostream>
#include <span>
#include <string_view>

namespace drydock::cli {

// write_report() with the stream that receives the statistics of machine-readable formats (std::cerr in the
// public overload), so tests can see them. Throws std::invalid_argument for a format not in report_formats().
void write_report(std::string_view format, std::span<const FileReport> reports, std::ostream& out,
                  std::ostream& statistics_out, const ReportOptions& options);

namespace report {

void write_tty(std::span<const FileReport> reports, std::ostream& out, const ReportOptions& options);
void write_json(std::span<const FileReport> reports, std::ostream& out);
// `tool_version` is a parameter, not DRYDOCK_VERSION, so golden tests do not change with every release.
void write_sarif(std::span<const FileReport> reports, std::ostream& out, std::string_view tool_version);
void write_checkstyle(std::span<const FileReport> reports, std::ostream& out);
void write_gitlab(std::span<const FileReport> reports, std::ostream& out);
void write_gnu(std::span<const FileReport> reports, std::ostream& out);
void write_github(std::span<const FileReport> reports, std::ostream& out);

} // namespace report
} // namespace drydock::cli
