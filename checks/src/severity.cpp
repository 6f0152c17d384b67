#include <drydock/checks/severity.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock {

std::string_view to_string(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
        return "info";
    case Severity::Style:
        return "style";
    case Severity::Ignore:
        return "ignore";
    }
    return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
    std::string s(text);
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (s == "error")
        return Severity::Error;
    if (s == "warning")
        return Severity::Warning;
    if (s == "info")
        return Severity::Info;
    if (s == "style")
        return Severity::Style;
    if (s == "ignore" || s == "none")
        return Severity::Ignore;
    return std::nullopt;
}

} // namespace drydock
