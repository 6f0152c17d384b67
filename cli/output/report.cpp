// write_report(): picks the format; adds --statistics where the format leaves room for it.

#include "output/report.hpp"

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

#include <array>
#include <iostream>
#include <stdexcept>
#include <string>

namespace drydock::cli {

namespace {

constexpr std::array<std::string_view, 7> kFormats{"tty",    "json", "sarif", "checkstyle",
                                                   "gitlab", "gnu",  "github"};

} // namespace

std::span<const std::string_view> report_formats() {
    return kFormats;
}

void write_report(std::string_view format, std::span<const FileReport> reports, std::ostream& out,
                  std::ostream& statistics_out, const ReportOptions& options) {
    if (format == "tty") {
        report::write_tty(reports, out, options); // places its own statistics, before the summary line
        return;
    }
    if (format == "gnu") {
        report::write_gnu(reports, out);
        if (options.statistics)
            report::write_statistics(reports, out);
        return;
    }
    if (format == "json")
        report::write_json(reports, out);
    else if (format == "sarif")
        report::write_sarif(reports, out, DRYDOCK_VERSION);
    else if (format == "checkstyle")
        report::write_checkstyle(reports, out);
    else if (format == "gitlab")
        report::write_gitlab(reports, out);
    else if (format == "github")
        report::write_github(reports, out);
    else
        throw std::invalid_argument("unknown report format '" + std::string(format) + "'");
    // Machine-readable output must stay parsable, so the counts go to the other stream.
    if (options.statistics)
        report::write_statistics(reports, statistics_out);
}

void write_report(std::string_view format, std::span<const FileReport> reports, std::ostream& out,
                  const ReportOptions& options) {
    write_report(format, reports, out, std::cerr, options);
}

} // namespace drydock::cli

namespace drydock::cli {

void drop_fix_edits(std::vector<Diagnostic>& diagnostics) {
    for (Diagnostic& d : diagnostics)
        if (d.fix) {
            d.fix->edits = {};
            d.fix->new_files = {};
        }
}

} // namespace drydock::cli
