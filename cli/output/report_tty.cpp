// The default, human format:
//
//   Dockerfile:2:9 DL3000 [error] Use absolute WORKDIR: 'app' is relative
//     2 | WORKDIR app
//       |         ^^^
//
//   1 finding (1 error) in 1 file
//   1 fixable with `drydock fix --unsafe-fixes`
// A finding with a safe fix shows `[*]` after its code.
//
// Columns count code points. The underline covers the diagnostic's range on its first line (to the line's end
// for a range that goes on), at least one caret. A clean run prints nothing, like hadolint.

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::cli::report {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kGutter = "\x1b[34m"; // blue

std::string_view severity_color(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "\x1b[1;31m"; // bold red
    case Severity::Warning:
        return "\x1b[33m"; // yellow
    case Severity::Info:
        return "\x1b[36m"; // cyan
    case Severity::Style:
        return "\x1b[35m"; // magenta
    case Severity::Ignore:
        return "\x1b[2m"; // dim
    }
    return "";
}

// Wraps text in a colour only when colours are on, so the plain output has no escape codes at all.
class Painter {
public:
    explicit Painter(bool enabled) : enabled_(enabled) {}
    std::string operator()(std::string_view color, std::string_view text) const {
        if (!enabled_)
            return std::string(text);
        return std::string(color) + std::string(text) + std::string(kReset);
    }

private:
    bool enabled_;
};

// The line as shown, plus what goes under it: the underline's indentation (blanks for every character before
// the range, tabs kept so that it lines up under tabs) and its caret count (code points in the range, at
// least 1).
struct Snippet {
    std::string text;
    std::string indent;
    std::size_t carets = 1;
};

Snippet snippet(const LineIndex& lines, std::string_view source, TextRange range) {
    const TextRange content = lines.line_content(lines.line_of(range.begin));
    const TextSize first = std::clamp(range.begin, content.begin, content.end);
    const TextSize last =
        std::clamp(range.end, first, content.end); // a multi-line range stops at the line's end
    Snippet out;
    out.text = terminal_safe(content.slice(source));
    std::size_t i = content.begin;
    // A character goes into the indentation only if it ends at or before the range's start, so a range
    // starting inside a character underlines that character (as its column does).
    while (i < content.end) {
        const Utf8Char c = decode_utf8(source, i);
        if (i + c.length > first)
            break;
        out.indent += c.code_point == '\t' ? '\t' : ' ';
        i += c.length;
    }
    std::size_t carets = 0;
    while (i < last) {
        i += decode_utf8(source, i).length;
        ++carets;
    }
    out.carets = std::max<std::size_t>(carets, 1);
    return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// "3 findings (1 error, 2 warnings) in 2 files": counts by severity, most severe first; files with findings.
std::string summary(std::span<const FileReport> reports) {
    std::array<std::size_t, 5> by_severity{};
    std::size_t total = 0;
    std::size_t files = 0;
    for (const FileReport& file : reports) {
        for (const Diagnostic& d : file.diagnostics)
            ++by_severity[static_cast<std::size_t>(d.severity)];
        total += file.diagnostics.size();
        files += file.diagnostics.empty() ? 0 : 1;
    }
    constexpr std::array<std::array<std::string_view, 2>, 5> names{{
        {"error", "errors"},
        {"warning", "warnings"},
        {"info", "info"},
        {"style", "style"},
        {"ignored", "ignored"},
    }};
    std::string parts;
    for (std::size_t s = 0; s < by_severity.size(); ++s) {
        if (by_severity[s] == 0)
            continue;
        if (!parts.empty())
            parts += ", ";
        parts += plural(by_severity[s], names[s][0], names[s][1]);
    }
    return plural(total, "finding", "findings") + " (" + parts + ") in " + plural(files, "file", "files");
}

// "2 fixable with `drydock fix` (1 more with `drydock fix --unsafe-fixes`)", or empty.
std::string fixable_hint(std::span<const FileReport> reports) {
    std::size_t safe = 0, unsafe = 0;
    for (const FileReport& file : reports)
        for (const Diagnostic& d : file.diagnostics) {
            if (d.fix && d.fix->applicability == Applicability::Safe)
                ++safe;
            else if (d.fix && d.fix->applicability == Applicability::Unsafe)
                ++unsafe;
        }
    std::string out;
    if (safe > 0)
        out = std::to_string(safe) + " fixable with `drydock fix`";
    if (unsafe > 0)
        out += (out.empty() ? std::to_string(unsafe) + " fixable" : " (" + std::to_string(unsafe) + " more") +
               " with `drydock fix --unsafe-fixes`" + (safe > 0 ? ")" : "");
    return out;
}

} // namespace

void write_tty(std::span<const FileReport> reports, std::ostream& out, const ReportOptions& options) {
    const Painter paint(options.color);
    bool any = false;
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        const std::string path = terminal_safe(file.path);
        for (const Diagnostic& d : file.diagnostics) {
            any = true;
            const Position start = lines.position(d.range.begin, ColumnUnit::CodePoints);
            const std::string_view color = severity_color(d.severity);
            out << paint(kBold, path + ":" + std::to_string(start.line) + ":" + std::to_string(start.column))
                << ' ' << paint(kBold, terminal_safe(d.code)) << ' '
                << (d.fix && d.fix->applicability == Applicability::Safe ? "[*] " : "")
                << paint(color, "[" + std::string(to_string(d.severity)) + "]") << ' '
                << terminal_safe(d.message) << '\n';
            const Snippet s = snippet(lines, file.source, d.range);
            const std::string number = std::to_string(start.line);
            const std::string blank(number.size(), ' ');
            out << paint(kGutter, "  " + number + " |") << (s.text.empty() ? "" : " ") << s.text << '\n';
            out << paint(kGutter, "  " + blank + " |") << ' ' << s.indent
                << paint(color, std::string(s.carets, '^')) << "\n\n";
        }
    }
    if (!any)
        return;
    if (options.statistics) {
        write_statistics(reports, out);
        out << '\n';
    }
    out << paint(kBold, summary(reports)) << '\n';
    if (const std::string hint = fixable_hint(reports); !hint.empty())
        out << hint << '\n';
}

} // namespace drydock::cli::report
