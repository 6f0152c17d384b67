// GNU style, one finding per line, for editors' compile-mode parsers:
//
//   drydock:Dockerfile:2:9: DL3000 error: Use absolute WORKDIR: 'app' is relative
//
// (hadolint's gnu format has no column; ours has the real one, in code points.)

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

namespace drydock::cli::report {

void write_gnu(std::span<const FileReport> reports, std::ostream& out) {
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        const std::string path = terminal_safe(file.path);
        for (const Diagnostic& d : file.diagnostics) {
            const Position start = lines.position(d.range.begin, ColumnUnit::CodePoints);
            out << "drydock:" << path << ':' << start.line << ':' << start.column << ": "
                << terminal_safe(d.code) << ' ' << to_string(d.severity) << ": " << terminal_safe(d.message)
                << '\n';
        }
    }
}

} // namespace drydock::cli::report
