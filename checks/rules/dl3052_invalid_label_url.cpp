// DL3052: a label that `label-schema` declares `url` does not hold a valid URI.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <string_view>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3052",
    .name = "invalid-label-url",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Label declared as url is not a valid URL",
    .docs =
        {.what =
             "Reports the value of a `LABEL` whose key `label-schema` declares as `url` when it is not an "
             "absolute URI with an optional fragment as RFC 3986 defines it (what hadolint's URI parser "
             "accepts): a scheme (`https:`, `mailto:`, `urn:`), then an optional `//authority` "
             "(`user@host:port`, the host a name, an IPv4 address or a bracketed IP literal), a path, an "
             "optional `?query` and `#fragment`, with no character outside RFC 3986's set (spaces "
             "included) unless percent-encoded. Quotes are removed first. Empty values are DL3051's "
             "finding; a value given by a variable is judged by its default, and not at all when it has "
             "none. Labels of `ONBUILD LABEL` belong to a later image and are not checked.",
         .why = "Tools follow these labels (`org.opencontainers.image.source`, `.url`, `.documentation`) "
                "as links; a value without a scheme or with a stray space is a dead link in every "
                "registry UI and inventory that shows it.",
         .bad = "#! config: {label-schema: {org.opencontainers.image.source: url}}\n"
                "FROM alpine:3.20\nLABEL org.opencontainers.image.source=github.com/acme/app\n",
         .good = "#! config: {label-schema: {org.opencontainers.image.source: url}}\n"
                 "FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n",
         .options = "`label-schema` (map of label name to type): the labels of type `url`.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3052\n"
                       "https://www.rfc-editor.org/rfc/rfc3986#section-3"},
};

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_unreserved(char c) {
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool is_sub_delim(char c) {
    return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

// Whether every character of `text` is unreserved, a sub-delimiter, one of `extra`, or part of a `%XX`.
bool all_allowed(std::string_view text, std::string_view extra) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2]))
                return false;
            i += 2;
        } else if (!is_unreserved(c) && !is_sub_delim(c) && extra.find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

// `[` IPv6address / IPvFuture `]`: checked for its character set only, which is what matters in a label.
bool valid_ip_literal(std::string_view host) {
    if (host.size() < 3 || host.front() != '[' || host.back() != ']')
        return false;
    const std::string_view inside = host.substr(1, host.size() - 2);
    if (inside.front() == 'v' || inside.front() == 'V')
        return inside.find('.') != std::string_view::npos && all_allowed(inside, ":");
    for (const char c : inside)
        if (!is_hex(c) && c != ':' && c != '.')
            return false;
    return inside.find(':') != std::string_view::npos;
}

// authority = [ userinfo "@" ] host [ ":" port ]
bool valid_authority(std::string_view authority) {
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        if (!all_allowed(authority.substr(0, at), ":"))
            return false;
        authority.remove_prefix(at + 1);
    }
    std::string_view host = authority;
    const std::size_t close = authority.rfind(']');
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
        host = authority.substr(0, colon);
        for (const char c : authority.substr(colon + 1))
            if (!is_digit(c))
                return false;
    }
    if (host.starts_with("["))
        return valid_ip_literal(host);
    return all_allowed(host, ""); // a reg-name (IPv4 addresses are reg-names by character set)
}

// URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
bool valid_uri(std::string_view uri) {
    const std::size_t colon = uri.find(':');
    if (colon == std::string_view::npos || colon == 0 || !is_alpha(uri.front()))
        return false;
    for (const char c : uri.substr(0, colon))
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.')
            return false;
    std::string_view rest = uri.substr(colon + 1);
    std::string_view fragment;
    if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
        fragment = rest.substr(hash + 1);
        rest = rest.substr(0, hash);
    }
    std::string_view query;
    if (const std::size_t question = rest.find('?'); question != std::string_view::npos) {
        query = rest.substr(question + 1);
        rest = rest.substr(0, question);
    }
    if (rest.starts_with("//")) {
        rest.remove_prefix(2);
        const std::size_t slash = rest.find('/');
        if (!valid_authority(rest.substr(0, slash)))
            return false;
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    return all_allowed(rest, ":@/") && all_allowed(query, ":@/?") && all_allowed(fragment, ":@/?");
}

class InvalidLabelUrl final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        check_label_values(ins, context, "url", valid_uri, "a valid URL");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3052, drydock::rules::rule_meta, drydock::rules::InvalidLabelUrl)
