// Checkstyle XML (Jenkins warnings-ng, reviewdog and most CI UIs), the shape hadolint emits:
//
//   <checkstyle version="4.3">
//     <file name="Dockerfile">
//       <error line="2" column="9" severity="error" message="…" source="DL3000"/>
//     </file>
//   </checkstyle>
//
// Every file is listed, also those without findings, as Checkstyle itself does (tools count checked files
// from it). Columns count code points. Severity is one Checkstyle knows (error, warning, info, ignore): style
// → info.

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

namespace drydock::cli::report {

namespace {

std::string_view severity(Severity s) {
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
    case Severity::Style:
        return "info";
    case Severity::Ignore:
        return "ignore";
    }
    return "warning";
}

// XML 1.0 allows tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF; anything else (other control
// characters, U+FFFE/U+FFFF, invalid UTF-8) cannot even be written as a character reference.
bool allowed_in_xml(const Utf8Char& c) {
    const char32_t cp = c.code_point;
    if (!c.valid)
        return false;
    return cp == 0x9U || cp == 0xAU || cp == 0xDU || (cp >= 0x20U && cp <= 0xD7FFU) ||
           (cp >= 0xE000U && cp <= 0xFFFDU) || cp >= 0x10000U;
}

// An attribute value: markup characters as entities, tab/LF/CR as character references (attribute-value
// normalisation would turn them into spaces), forbidden characters as U+FFFD.
std::string attribute(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        if (!allowed_in_xml(c)) {
            append_utf8(out, U'\uFFFD');
        } else {
            switch (c.code_point) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out.append(text.substr(i, c.length));
            }
        }
        i += c.length;
    }
    return out;
}

} // namespace

void write_checkstyle(std::span<const FileReport> reports, std::ostream& out) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        out << "  <file name=\"" << attribute(file.path) << "\">\n";
        for (const Diagnostic& d : file.diagnostics) {
            const Position start = lines.position(d.range.begin, ColumnUnit::CodePoints);
            out << "    <error line=\"" << start.line << "\" column=\"" << start.column << "\" severity=\""
                << severity(d.severity) << "\" message=\"" << attribute(d.message) << "\" source=\""
                << attribute(d.code) << "\"/>\n";
        }
        out << "  </file>\n";
    }
    out << "</checkstyle>\n";
}

} // namespace drydock::cli::report
