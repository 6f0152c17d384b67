#pragma once
// Small text-level helpers for building edits that respect the file's own style: its line terminator, JSON
// quoting for exec form, keyword casing. (Edits that need the syntax tree are built in checks/src/fix_builders.)

#include <drydock/fixers/fix.hpp>

#include <span>
#include <string>
#include <string_view>

namespace drydock {

// "\r\n" when the line holding `offset` ends with CRLF, else "\n".
std::string_view line_terminator_at(std::string_view text, TextSize offset);

// A JSON string literal (with quotes) for `value`, escaping what JSON requires.
std::string json_string(std::string_view value);
// `["a", "b"]` — BuildKit's exec form, with JSON quoting.
std::string json_array(std::span<const std::string> values);

// `keyword` written in the casing of `reference` (all lower when the reference is all lower, else upper).
std::string cased_like(std::string_view keyword, std::string_view reference);

Edit insert_at(TextSize offset, std::string text);
Edit replace_range(TextRange range, std::string text);
Edit delete_range(TextRange range);

} // namespace drydock
