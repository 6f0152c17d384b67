// GitHub Actions workflow commands, which the runner turns into annotations on the pull request
// (integrations.md 4.2):
//
//   ::error file=Dockerfile,line=2,col=9,endLine=2,endColumn=12,title=DL3000::Use absolute WORKDIR: …
//
// error → error, warning → warning, info and style → notice. col/endColumn (code points, end exclusive, as in
// SARIF) only for single-line ranges: GitHub ignores them otherwise. Escaping follows @actions/core.

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

namespace drydock::cli::report {

namespace {

std::string_view command(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
    case Severity::Style:
    case Severity::Ignore:
        return "notice";
    }
    return "warning";
}

// The message: '%' first so the escapes it introduces are not escaped again; CR/LF keep the command on one
// line (GitHub shows them as line breaks).
std::string escape_data(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '%':
            out += "%25";
            break;
        case '\r':
            out += "%0D";
            break;
        case '\n':
            out += "%0A";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// A property value also may not contain the separators of the property list.
std::string escape_property(std::string_view text) {
    std::string out;
    for (const char c : escape_data(text)) {
        switch (c) {
        case ':':
            out += "%3A";
            break;
        case ',':
            out += "%2C";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

void write_github(std::span<const FileReport> reports, std::ostream& out) {
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        const std::string path = escape_property(file.path);
        for (const Diagnostic& d : file.diagnostics) {
            const Location span = locate(lines, d.range, ColumnUnit::CodePoints);
            out << "::" << command(d.severity) << " file=" << path << ",line=" << span.start.line;
            if (span.start.line == span.end.line)
                out << ",col=" << span.start.column;
            out << ",endLine=" << span.end.line;
            if (span.start.line == span.end.line)
                out << ",endColumn=" << span.end.column;
            out << ",title=" << escape_property(d.code) << "::" << escape_data(d.message) << '\n';
        }
    }
}

} // namespace drydock::cli::report
