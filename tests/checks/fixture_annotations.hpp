#pragma once
// The expectation annotations of rule fixtures (tests/fixtures/rules/<rule-name>/*.Dockerfile), shared by the
// fixture runner and the registry test.
//
// An annotation is a whole-line Dockerfile comment that starts with `#!` and a blank:
//
//     #! ID @LOCATION ["message fragment"] [fix=safe|unsafe|display]
//
// * ID: the code, name or alias of the rule (`DL3008`, `apt-get-pin-versions`), or DL1000 / syntax-error for
// a
//   parse error.
// * LOCATION: the line where the diagnostic starts, either relative to the annotation's own line (`-1` is the
//   line above, `+2` two lines below) or absolute with `L` (`L7`, 1-based); then optionally `:C` (start
//   column),
//   `:C-E` (start and end column, both on that line) or `:C-+K:E` (the end is K lines below the start, at
//   column E). Columns are 1-based and count code points; the end column is exclusive — the column just past
//   the last character — as in `drydock parse` output (`@2:6-2:12` is a six-character word at columns 6 to
//   11).
// * "message fragment": text the message must contain (everything between the first and the last `"`).
// * fix=…: the diagnostic carries a fix of that applicability; without it, the diagnostic must carry no fix.
//
// Annotations never go on line 1: any comment ends the parser-directive block, so a fixture that needs
// `# escape=` or `# syntax=` would lose it. A file with no annotation expects no diagnostic at all.
//
// A fixture that needs configuration (rules driven by `label-schema`, `trustedRegistries`, …) states it in
// `#! config: <yaml>` lines: their text after `config:` (one leading blank dropped), joined with newlines, is
// a config file read with parse_config(), so either flow style (`#! config: {strict-labels: true}`) or block
// style over several lines works. Config lines may go anywhere, line 1 included (rule examples in the docs
// start with one), but like any comment they end the parser-directive block.
//
// A `#!` line inside a heredoc body is read as an annotation too (the shell takes it for a comment), so cases
// inside `RUN <<EOF` can be annotated right below the command; `#!/bin/sh` shebangs have no blank after `#!`
// and are not annotations.

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::test {

struct Annotation {
    std::uint32_t annotation_line = 0; // 1-based line of the `#!` comment
    std::string id;                    // as written
    std::uint32_t line = 0;            // 1-based line where the diagnostic starts
    std::optional<std::uint32_t> column;
    std::optional<std::uint32_t> end_line;
    std::optional<std::uint32_t> end_column;
    std::optional<std::string> fragment;
    std::optional<std::string> fix; // "safe", "unsafe", "display"
};

struct AnnotationError {
    std::uint32_t line = 0;
    std::string message;
};

struct Annotations {
    std::vector<Annotation> expected;
    std::vector<AnnotationError> errors;
    std::string config; // the YAML of the `#! config:` lines, empty when there are none
};

namespace detail {

inline bool read_number(std::string_view& s, std::uint32_t& out) {
    std::size_t n = 0;
    std::uint64_t value = 0;
    while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n])) && n < 9)
        value = value * 10 + static_cast<std::uint64_t>(s[n++] - '0');
    if (n == 0)
        return false;
    out = static_cast<std::uint32_t>(value);
    s.remove_prefix(n);
    return true;
}

// Parses `@LOCATION` (without the `@`) into `a`; returns an error message or empty.
inline std::string parse_location(std::string_view s, std::uint32_t own_line, Annotation& a) {
    std::uint32_t n = 0;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        const bool minus = s[0] == '-';
        s.remove_prefix(1);
        if (!read_number(s, n))
            return "expected a line offset after '@-' or '@+'";
        if (minus && n >= own_line)
            return "relative line points before the file's first line";
        a.line = minus ? own_line - n : own_line + n;
    } else if (!s.empty() && s[0] == 'L') {
        s.remove_prefix(1);
        if (!read_number(s, n) || n == 0)
            return "expected a 1-based line number after '@L'";
        a.line = n;
    } else {
        return "a location starts with '-N', '+N' or 'LN'";
    }
    if (s.empty())
        return {};
    if (s[0] != ':')
        return "expected ':' after the line";
    s.remove_prefix(1);
    if (!read_number(s, n) || n == 0)
        return "expected a 1-based start column";
    a.column = n;
    if (s.empty())
        return {};
    if (s[0] != '-')
        return "expected '-' before the end column";
    s.remove_prefix(1);
    if (!s.empty() && s[0] == '+') {
        s.remove_prefix(1);
        if (!read_number(s, n) || s.empty() || s[0] != ':')
            return "expected '+K:E' for an end on a later line";
        a.end_line = a.line + n;
        s.remove_prefix(1);
    } else {
        a.end_line = a.line;
    }
    if (!read_number(s, n) || n == 0)
        return "expected a 1-based end column";
    a.end_column = n;
    if (!s.empty())
        return "unexpected text after the location: '" + std::string(s) + "'";
    return {};
}

} // namespace detail

// Reads every annotation of a fixture's text.
inline Annotations parse_annotations(std::string_view text) {
    Annotations out;
    std::uint32_t line_number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t eol = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? text.size() + 1 : eol + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        if (!line.starts_with("#!") || line.size() < 3 || (line[2] != ' ' && line[2] != '\t'))
            continue;
        auto fail = [&](std::string message) { out.errors.push_back({line_number, std::move(message)}); };
        if (std::string_view setting = line.substr(3); setting.starts_with("config:")) {
            setting.remove_prefix(7);
            if (!setting.empty() && setting.front() == ' ')
                setting.remove_prefix(1);
            out.config.append(setting).append("\n");
            continue;
        }
        if (line_number == 1) {
            fail("an annotation on line 1 ends the parser-directive block; move it below the instruction");
            continue;
        }
        std::string_view rest = line.substr(3);
        Annotation a;
        a.annotation_line = line_number;
        // The fragment first: it may contain blanks.
        if (const std::size_t open = rest.find('"'); open != std::string_view::npos) {
            const std::size_t close = rest.rfind('"');
            if (close == open) {
                fail("unterminated message fragment");
                continue;
            }
            a.fragment = std::string(rest.substr(open + 1, close - open - 1));
            std::string_view after = rest.substr(close + 1);
            rest = rest.substr(0, open);
            // `fix=` may follow the fragment.
            while (!after.empty() && after.front() == ' ')
                after.remove_prefix(1);
            if (after.starts_with("fix=")) {
                a.fix = std::string(after.substr(4, after.find(' ') == std::string_view::npos
                                                        ? std::string_view::npos
                                                        : after.find(' ') - 4));
            } else if (!after.empty()) {
                fail("unexpected text after the message fragment");
                continue;
            }
        }
        std::vector<std::string_view> tokens;
        for (std::size_t p = 0; p < rest.size();) {
            while (p < rest.size() && (rest[p] == ' ' || rest[p] == '\t'))
                ++p;
            const std::size_t begin = p;
            while (p < rest.size() && rest[p] != ' ' && rest[p] != '\t')
                ++p;
            if (p > begin)
                tokens.push_back(rest.substr(begin, p - begin));
        }
        if (tokens.empty()) {
            fail("expected a rule id after '#!'");
            continue;
        }
        a.id = std::string(tokens[0]);
        bool has_location = false;
        std::string error;
        for (std::size_t k = 1; k < tokens.size() && error.empty(); ++k) {
            if (tokens[k].starts_with("@")) {
                error = detail::parse_location(tokens[k].substr(1), line_number, a);
                has_location = true;
            } else if (tokens[k].starts_with("fix=")) {
                a.fix = std::string(tokens[k].substr(4));
            } else {
                error = "unexpected '" + std::string(tokens[k]) + "' (a fragment must be in double quotes)";
            }
        }
        if (error.empty() && !has_location)
            error = "expected a location such as '@-1' or '@L3:5-12'";
        if (a.fix && *a.fix != "safe" && *a.fix != "unsafe" && *a.fix != "display")
            error = "fix= takes safe, unsafe or display";
        if (!error.empty()) {
            fail(error);
            continue;
        }
        out.expected.push_back(std::move(a));
    }
    return out;
}

} // namespace drydock::test
