#pragma once

#include <optional>
#include <string_view>

namespace drydock {

// hadolint's levels, most severe first. `Ignore` switches a rule off (hadolint's `ignore` severity).
enum class Severity { Error, Warning, Info, Style, Ignore };

std::string_view to_string(Severity severity);
// "error", "warning", "info", "style", "ignore" (also "none" = ignore), case-insensitive.
std::optional<Severity> parse_severity(std::string_view text);
// Whether `severity` is at least as severe as `threshold` (Error is the most severe).
constexpr bool at_least(Severity severity, Severity threshold) {
    return severity <= threshold;
}

} // namespace drydock
