// DL3058: a label that `label-schema` declares `email` does not hold an email address.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <string_view>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3058",
    .name = "invalid-label-email",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Label declared as email is not a valid email address",
    .docs =
        {.what =
             "Reports the value of a `LABEL` whose key `label-schema` declares as `email` when it is not an "
             "RFC 5322 `addr-spec` (`local@domain`). The local part is a dot-atom (letters, digits and "
             "``!#$%&'*+-/=?^_`{|}~``, dots only between them) or a quoted string; the domain is a "
             "host name (labels of letters, digits and inner `-`, at most 63 characters each; one label "
             "such as `localhost` is accepted) or a bracketed literal (`[192.0.2.1]`). Limits: 64 "
             "characters for the local part, 254 in all. This is a practical validator: the obsolete "
             "syntax, comments and folding white space of RFC 5322 and non-ASCII addresses (RFC 6532) "
             "are reported, and so is a display name (`Jane Doe <jane@example.com>`) — the label must "
             "hold the address alone, as hadolint's validator requires. Quotes are removed first. Empty "
             "values are DL3051's finding; a value given by a variable is judged by its default, and not "
             "at all when it has none. Labels of `ONBUILD LABEL` belong to a later image and are not "
             "checked.",
         .why = "Contact labels (`org.opencontainers.image.authors`, `maintainer`) are how people and "
                "tools reach the owner of an image, for a vulnerability report for instance; an address "
                "that isn't one bounces or is never used.",
         .bad = "#! config: {label-schema: {maintainer: email}}\n"
                "FROM alpine:3.20\nLABEL maintainer=\"ops team at example.com\"\n",
         .good = "#! config: {label-schema: {maintainer: email}}\n"
                 "FROM alpine:3.20\nLABEL maintainer=ops@example.com\n",
         .options = "`label-schema` (map of label name to type): the labels of type `email`.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3058\n"
                       "https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1"},
};

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// atext: the characters of an unquoted local part besides the dots between them.
bool is_atext(char c) {
    return is_alnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_printable(char c) {
    return c >= 0x21 && c <= 0x7e;
}

// dot-atom-text = 1*atext *("." 1*atext)
bool valid_dot_atom(std::string_view text) {
    if (text.empty() || text.front() == '.' || text.back() == '.' ||
        text.find("..") != std::string_view::npos)
        return false;
    for (const char c : text)
        if (c != '.' && !is_atext(c))
            return false;
    return true;
}

// quoted-string: printable characters and blanks between `"`, with `\` escaping the next one.
bool valid_quoted_string(std::string_view text) {
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return false;
    const std::string_view inside = text.substr(1, text.size() - 2);
    for (std::size_t i = 0; i < inside.size(); ++i) {
        const char c = inside[i];
        if (c == '\\') {
            if (++i == inside.size() || !(is_printable(inside[i]) || inside[i] == ' '))
                return false;
        } else if (c == '"' || !(is_printable(c) || c == ' ' || c == '\t')) {
            return false;
        }
    }
    return true;
}

// A host name: dot-separated labels of letters, digits and inner hyphens, 1 to 63 characters each.
bool valid_host_name(std::string_view text) {
    if (text.empty() || text.size() > 253)
        return false;
    while (true) {
        const std::size_t dot = text.find('.');
        const std::string_view label = text.substr(0, dot);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (const char c : label)
            if (!is_alnum(c) && c != '-')
                return false;
        if (dot == std::string_view::npos)
            return true;
        text.remove_prefix(dot + 1);
    }
}

// domain-literal: `[` printable characters other than `[`, `]` and `\` `]`.
bool valid_domain_literal(std::string_view text) {
    if (text.size() < 3 || text.front() != '[' || text.back() != ']')
        return false;
    for (const char c : text.substr(1, text.size() - 2))
        if (!is_printable(c) || c == '[' || c == ']' || c == '\\')
            return false;
    return true;
}

// addr-spec = local-part "@" domain; the last `@` splits them, as a quoted local part may hold one.
bool valid_email(std::string_view text) {
    const std::size_t at = text.rfind('@');
    if (at == std::string_view::npos || text.size() > 254)
        return false;
    const std::string_view local = text.substr(0, at);
    const std::string_view domain = text.substr(at + 1);
    if (local.empty() || local.size() > 64)
        return false;
    if (!valid_dot_atom(local) && !valid_quoted_string(local))
        return false;
    return valid_host_name(domain) || valid_domain_literal(domain);
}

class InvalidLabelEmail final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        check_label_values(ins, context, "email", valid_email, "a valid email address");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3058, drydock::rules::rule_meta, drydock::rules::InvalidLabelEmail)
