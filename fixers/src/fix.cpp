#include <drydock/fixers/fix.hpp>

namespace drydock {

std::string_view to_string(Applicability applicability) {
    switch (applicability) {
    case Applicability::DisplayOnly:
        return "display-only";
    case Applicability::Unsafe:
        return "unsafe";
    case Applicability::Safe:
        return "safe";
    }
    return "safe";
}

Fix Fix::replace(std::string title, TextRange range, std::string replacement, Applicability applicability) {
    return Fix{std::move(title), {Edit{range, std::move(replacement)}}, applicability};
}

} // namespace drydock
