#include "image_references.hpp"

#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool is_word(char c) {
    return is_alnum(c) || c == '_';
}

bool is_hex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
bool valid_path_component(std::string_view s) {
    std::size_t pos = 0;
    const auto alnum_run = [&] {
        const std::size_t start = pos;
        while (pos < s.size() && is_lower_alnum(s[pos]))
            ++pos;
        return pos > start;
    };
    if (!alnum_run())
        return false;
    while (pos < s.size()) {
        if (s[pos] == '.') {
            ++pos;
        } else if (s[pos] == '_') {
            pos += pos + 1 < s.size() && s[pos + 1] == '_' ? 2 : 1;
        } else if (s[pos] == '-') {
            while (pos < s.size() && s[pos] == '-')
                ++pos;
        } else {
            return false;
        }
        if (!alnum_run())
            return false;
    }
    return true;
}

// `host[:port]`: dot-separated labels of letters, digits and inner dashes, or `[ipv6]`.
bool valid_domain(std::string_view s) {
    std::string_view host = s;
    if (const std::size_t colon = s.rfind(':');
        colon != std::string_view::npos && s.find(']', colon) == std::string_view::npos) {
        const std::string_view port = s.substr(colon + 1);
        if (port.empty())
            return false;
        for (const char c : port)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return false;
        host = s.substr(0, colon);
    }
    if (host.starts_with('[')) {
        if (host.size() < 3 || !host.ends_with(']'))
            return false;
        for (const char c : host.substr(1, host.size() - 2))
            if (!is_hex(c) && c != ':')
                return false;
        return true;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = host.find('.', start);
        const std::string_view label =
            host.substr(start, dot == std::string_view::npos ? host.npos : dot - start);
        if (label.empty() || !is_alnum(label.front()) || !is_alnum(label.back()))
            return false;
        for (const char c : label)
            if (!is_alnum(c) && c != '-')
                return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

// `[\w][\w.-]{0,127}`
bool valid_tag(std::string_view s) {
    if (s.empty() || s.size() > 128 || !is_word(s.front()))
        return false;
    for (const char c : s)
        if (!is_word(c) && c != '.' && c != '-')
            return false;
    return true;
}

// `algorithm:encoded` with an algorithm Docker knows and its exact number of lower-case hex digits.
bool valid_digest(std::string_view s) {
    const std::size_t colon = s.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view algorithm = s.substr(0, colon), encoded = s.substr(colon + 1);
    const std::size_t length = algorithm == "sha256"   ? 64
                               : algorithm == "sha384" ? 96
                               : algorithm == "sha512" ? 128
                                                       : 0;
    if (length == 0 || encoded.size() != length)
        return false;
    for (const char c : encoded)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

} // namespace

bool valid_image_reference(std::string_view reference) {
    if (reference.empty())
        return false;
    // A bare 64-digit hex string is an image ID, not a name.
    if (reference.size() == 64) {
        bool all_hex = true;
        for (const char c : reference)
            all_hex = all_hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (all_hex)
            return false;
    }
    // The first component is a registry when it has a `.` or `:`, is `localhost`, or has upper case.
    std::string_view domain, rest = reference;
    if (const std::size_t slash = reference.find('/'); slash != std::string_view::npos) {
        const std::string_view first = reference.substr(0, slash);
        bool has_upper = false;
        for (const char c : first)
            has_upper = has_upper || std::isupper(static_cast<unsigned char>(c));
        if (first.find_first_of(".:") != std::string_view::npos || first == "localhost" || has_upper) {
            domain = first;
            rest = reference.substr(slash + 1);
        }
    }
    if (!domain.empty() && !valid_domain(domain))
        return false;
    if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
        if (!valid_digest(rest.substr(at + 1)))
            return false;
        rest = rest.substr(0, at);
    }
    const std::size_t last_slash = rest.rfind('/');
    if (const std::size_t colon = rest.find(':', last_slash == std::string_view::npos ? 0 : last_slash);
        colon != std::string_view::npos) {
        if (!valid_tag(rest.substr(colon + 1)))
            return false;
        rest = rest.substr(0, colon);
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = rest.find('/', start);
        if (!valid_path_component(
                rest.substr(start, slash == std::string_view::npos ? rest.npos : slash - start)))
            return false;
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    const std::size_t name_length =
        (domain.empty() ? std::string_view("docker.io").size() : domain.size()) + 1 + rest.size();
    return name_length <= 255;
}

} // namespace drydock::rules
