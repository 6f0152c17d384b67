#pragma once
// Helpers shared by the report formats (private to cli/output): rule lookup, positions, text clean-up for
// terminals and XML, stable hashes and per-rule counts. Everything here is a pure function of its arguments.

#include "output/report.hpp"

#include <drydock/checks/rule.hpp>
#include <drydock/parser/line_index.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::cli::report {

// The rule whose code is exactly `code` (the syntax-error pseudo-rule for DL1000), or nullptr for codes
// drydock does not define (ShellCheck's SCxxxx). Aliases and names are not matched: a report names rules by
// code.
const RuleMeta* rule_for_code(std::string_view code);

// Start and end of a diagnostic, 1-based, columns in `unit`.
struct Location {
    Position start;
    Position end;
};
Location locate(const LineIndex& lines, TextRange range, ColumnUnit unit);

// The text of the line (0-based) holding `offset`, without its terminator.
std::string_view line_text(const LineIndex& lines, std::string_view source, TextSize offset);
// `text` without leading and trailing spaces, tabs and carriage returns.
std::string_view trim(std::string_view text);

// One character of UTF-8 text: its code point and byte length; an invalid byte is {U+FFFD, 1, false}.
struct Utf8Char {
    char32_t code_point = 0;
    std::size_t length = 1;
    bool valid = false;
};
Utf8Char decode_utf8(std::string_view text, std::size_t i);
void append_utf8(std::string& out, char32_t code_point);
// Offset in UTF-16 code units from the start of `source` (after a UTF-8 BOM, which is not a character of the
// text) to byte `offset`; an offset inside a character counts from that character's start.
std::uint32_t utf16_offset(std::string_view source, TextSize offset);

// utf16_offset for many offsets of one file (every edit of every fix in a SARIF report): the UTF-16 offset of
// each line start is counted once, so an offset costs a walk of its own line rather than of the file before
// it (which made SARIF output quadratic in the number of findings).
class Utf16Offsets {
public:
    Utf16Offsets(const LineIndex& lines, std::string_view source);
    std::uint32_t operator()(TextSize offset) const;

private:
    const LineIndex& lines_;
    std::string_view source_;
    std::vector<std::uint32_t> line_units_; // per line: UTF-16 units before its start
};

// `text` made safe for a terminal or a line-oriented parser, one column per character so underlines still
// line up: CR and LF become spaces, other control characters (but tab) and invalid UTF-8 become U+FFFD. A
// Dockerfile cannot move the cursor, change colours or start a new output line.
std::string terminal_safe(std::string_view text);

// 64-bit FNV-1a: small, dependency-free and stable across platforms; enough to tell findings apart, not meant
// to resist an attacker.
std::uint64_t fnv1a64(std::string_view data);
std::string hex64(std::uint64_t value);

// For each diagnostic of `file`, its 1-based occurrence among the file's diagnostics with the same code on a
// line with the same trimmed text (1 for the first). Keeps fingerprints of identical lines apart without
// using line numbers, which shift on every edit above.
std::vector<std::size_t> occurrences(const FileReport& file, const LineIndex& lines);

// Number of findings per rule over all reports, most frequent first, then by code.
struct RuleCount {
    std::string code;
    std::string name;
    std::size_t count = 0;
};
std::vector<RuleCount> count_by_rule(std::span<const FileReport> reports);
// One aligned line per rule: "count  code  name".
void write_statistics(std::span<const FileReport> reports, std::ostream& out);

} // namespace drydock::cli::report
