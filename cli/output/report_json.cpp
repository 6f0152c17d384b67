// hadolint's json format: one array for all files, each finding an object with hadolint's keys (code, column,
// file, level, line, message) plus drydock's (aliases, endColumn, endLine, fix, name), keys in alphabetical
// order as hadolint prints them (and as nlohmann::json orders an object). Columns count code points;
// hadolint's `column` is always 1 for rule findings, so any consumer already copes with a real one.
//
// The text is written directly rather than through a nlohmann::json tree: building a tree of maps for every
// finding cost most of the time of a report with many findings. Strings that need escaping still go through
// nlohmann's serializer, so the output is byte for byte what nlohmann::json::dump() prints.

#include "output/report_formats.hpp"
#include "output/report_support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace drydock::cli::report {

namespace {

// A JSON string literal of `text`. Printable ASCII without `"` or `\` is written as is; anything else is left
// to nlohmann (escapes, and U+FFFD for invalid UTF-8 from the Dockerfile instead of an exception).
void append_string(std::string& out, std::string_view text) {
    const bool plain = std::all_of(text.begin(), text.end(),
                                   [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
    if (plain) {
        out += '"';
        out.append(text);
        out += '"';
        return;
    }
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `"key":` (keys are plain ASCII).
void append_key(std::string& out, std::string_view key) {
    out += '"';
    out.append(key);
    out += "\":";
}

void append_fix(std::string& out, const Fix& fix) {
    out += '{';
    append_key(out, "applicability");
    append_string(out, to_string(fix.applicability));
    out += ',';
    append_key(out, "edits");
    out += '[';
    for (std::size_t i = 0; i < fix.edits.size(); ++i) {
        const Edit& e = fix.edits[i];
        out += i == 0 ? "{" : ",{";
        append_key(out, "end");
        out += std::to_string(e.range.end);
        out += ',';
        append_key(out, "replacement");
        append_string(out, e.replacement);
        out += ',';
        append_key(out, "start");
        out += std::to_string(e.range.begin);
        out += '}';
    }
    out += ']';
    if (!fix.new_files.empty()) {
        out += ',';
        append_key(out, "newFiles");
        out += '[';
        for (std::size_t i = 0; i < fix.new_files.size(); ++i) {
            const NewFile& file = fix.new_files[i];
            out += i == 0 ? "{" : ",{";
            append_key(out, "content");
            append_string(out, file.content);
            out += ',';
            append_key(out, "mode");
            out += std::to_string(file.mode);
            out += ',';
            append_key(out, "path");
            append_string(out, file.path);
            out += '}';
        }
        out += ']';
    }
    out += ',';
    append_key(out, "title");
    append_string(out, fix.title);
    out += '}';
}

void append_aliases(std::string& out, std::string_view code) {
    out += '[';
    if (const RuleMeta* rule = rule_for_code(code)) {
        for (std::size_t i = 0; i < rule->aliases.size(); ++i) {
            if (i > 0)
                out += ',';
            append_string(out, rule->aliases[i]);
        }
    }
    out += ']';
}

} // namespace

void write_json(std::span<const FileReport> reports, std::ostream& out) {
    std::string text = "[";
    bool first = true;
    for (const FileReport& file : reports) {
        const LineIndex lines(file.source);
        for (const Diagnostic& d : file.diagnostics) {
            const Location span = locate(lines, d.range, ColumnUnit::CodePoints);
            text += first ? "{" : ",{";
            first = false;
            append_key(text, "aliases");
            append_aliases(text, d.code);
            text += ',';
            append_key(text, "code");
            append_string(text, d.code);
            text += ',';
            append_key(text, "column");
            text += std::to_string(span.start.column);
            text += ',';
            append_key(text, "endColumn");
            text += std::to_string(span.end.column);
            text += ',';
            append_key(text, "endLine");
            text += std::to_string(span.end.line);
            text += ',';
            append_key(text, "file");
            append_string(text, file.path);
            text += ',';
            append_key(text, "fix");
            if (d.fix)
                append_fix(text, *d.fix);
            else
                text += "null";
            text += ',';
            append_key(text, "level");
            append_string(text, to_string(d.severity));
            text += ',';
            append_key(text, "line");
            text += std::to_string(span.start.line);
            text += ',';
            append_key(text, "message");
            append_string(text, d.message);
            text += ',';
            append_key(text, "name");
            append_string(text, d.name);
            text += '}';
        }
    }
    text += "]\n";
    out << text;
}

} // namespace drydock::cli::report
