#include "secret_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_hex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_upper_hex(char c) {
    return is_digit(c) || (c >= 'A' && c <= 'F');
}
bool is_upper_alnum(char c) {
    return is_digit(c) || (c >= 'A' && c <= 'Z');
}
bool is_base64url(char c) {
    return is_alnum(c) || c == '_' || c == '-';
}
bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

template <typename Pred>
std::size_t run_length(std::string_view text, std::size_t from, Pred pred) {
    std::size_t end = from;
    while (end < text.size() && pred(text[end]))
        ++end;
    return end - from;
}

// Whether some occurrence of `prefix` in `value`, not preceded by a character of the token's alphabet, is
// followed by at least `min_length` characters of that alphabet (and, when `exact`, by no more).
template <typename Pred>
bool has_token(std::string_view value, std::string_view prefix, Pred alphabet, std::size_t min_length,
               bool exact = false) {
    for (std::size_t at = value.find(prefix); at != std::string_view::npos; at = value.find(prefix, at + 1)) {
        if (at > 0 && (alphabet(value[at - 1]) || is_alnum(value[at - 1])))
            continue;
        const std::size_t length = run_length(value, at + prefix.size(), alphabet);
        if (length >= min_length && (!exact || length == min_length))
            return true;
    }
    return false;
}

// `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`, `-----BEGIN PGP PRIVATE KEY
// BLOCK-----`, …
bool has_private_key(std::string_view value) {
    constexpr std::string_view begin = "-----BEGIN ";
    for (std::size_t at = value.find(begin); at != std::string_view::npos; at = value.find(begin, at + 1)) {
        const std::size_t label = at + begin.size();
        const std::size_t end = value.find("-----", label);
        if (end != std::string_view::npos &&
            value.substr(label, end - label).find("PRIVATE KEY") != std::string_view::npos)
            return true;
    }
    return false;
}

// AKIA/ASIA and 16 upper-case letters or digits, as a whole word.
bool has_aws_access_key_id(std::string_view value) {
    for (const std::string_view prefix : {"AKIA", "ASIA"})
        if (has_token(value, prefix, is_upper_alnum, 16, true))
            return true;
    return false;
}

bool has_github_token(std::string_view value) {
    for (const std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
        if (has_token(value, prefix, is_alnum, 30))
            return true;
    return has_token(
        value, "github_pat_", [](char c) { return is_alnum(c) || c == '_'; }, 22);
}

bool has_slack_token(std::string_view value) {
    for (const std::string_view prefix : {"xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"})
        if (has_token(
                value, prefix, [](char c) { return is_alnum(c) || c == '-'; }, 10))
            return true;
    return false;
}

// Three base64url parts separated by dots; the header and the payload are JSON objects, so both start with
// `eyJ` (`{"`).
bool has_jwt(std::string_view value) {
    constexpr std::size_t min_part = 10;
    for (std::size_t at = value.find("eyJ"); at != std::string_view::npos; at = value.find("eyJ", at + 1)) {
        if (at > 0 && is_base64url(value[at - 1]))
            continue;
        std::size_t pos = at;
        bool ok = true;
        for (int part = 0; part < 3 && ok; ++part) {
            if (part == 1 && value.substr(pos, 3) != "eyJ")
                ok = false;
            const std::size_t length = run_length(value, pos, is_base64url);
            ok = ok && length >= min_part;
            pos += length;
            if (ok && part < 2) {
                ok = pos < value.size() && value[pos] == '.';
                ++pos;
            }
        }
        if (ok)
            return true;
    }
    return false;
}

bool is_url_end(char c) {
    return is_space(c) || c == '"' || c == '\'' || c == '<' || c == '>';
}

// A URL in `value`: the `scheme://` start offset and the text up to the first blank or quote.
struct UrlPart {
    std::string_view authority; // `user:pass@host:port`
    std::string_view query;     // after `?`, without the fragment
};

std::vector<UrlPart> urls_in(std::string_view value) {
    std::vector<UrlPart> out;
    for (std::size_t at = value.find("://"); at != std::string_view::npos; at = value.find("://", at + 3)) {
        if (at == 0 || !std::isalpha(static_cast<unsigned char>(value[at - 1])))
            continue;
        std::size_t end = at + 3;
        while (end < value.size() && !is_url_end(value[end]))
            ++end;
        const std::string_view rest = value.substr(at + 3, end - at - 3);
        const std::size_t authority_end = rest.find_first_of("/?#");
        UrlPart url{rest.substr(0, authority_end), {}};
        if (const std::size_t question = rest.find('?'); question != std::string_view::npos) {
            const std::string_view query = rest.substr(question + 1);
            url.query = query.substr(0, query.find('#'));
        }
        out.push_back(url);
    }
    return out;
}

bool has_variable(std::string_view text) {
    return text.find('$') != std::string_view::npos;
}

bool url_has_password(const UrlPart& url) {
    const std::size_t at = url.authority.rfind('@');
    if (at == std::string_view::npos)
        return false;
    const std::string_view userinfo = url.authority.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view password = userinfo.substr(colon + 1);
    return !password.empty() && !has_variable(password);
}

// `?access_token=…&key=…`: a parameter with a secret name and a literal value long enough to be a token.
bool url_has_query_token(const UrlPart& url) {
    std::string_view query = url.query;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view parameter = query.substr(0, amp);
        const std::size_t eq = parameter.find('=');
        if (eq != std::string_view::npos) {
            const std::string_view value = parameter.substr(eq + 1);
            if (value.size() >= 8 && !has_variable(value) && secret_like_name(parameter.substr(0, eq)))
                return true;
        }
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    return false;
}

// ---- names ----

// BuildKit's deny words (SecretsUsedInArgOrEnv), matched as whole segments, with plurals.
constexpr std::array<std::string_view, 10> secret_segments = {
    "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"};

// Segment endings that make a secret name even inside a longer segment (`DBPASSWORD`, `ACCESSTOKEN`,
// `CLIENTSECRET`): hadolint's substrings, anchored at the end of the segment.
constexpr std::array<std::string_view, 5> secret_suffixes = {"password", "passwd", "secret", "token",
                                                             "apikey"};

// Segments that make the name about a public key (BuildKit allows `public`).
constexpr std::array<std::string_view, 8> public_segments = {"public", "pub",         "gpg",       "pgp",
                                                             "gnupg",  "fingerprint", "keyserver", "keyring"};

// Last segments that name something about a secret rather than the secret: where it is, how it is used,
// whether it is on, who it belongs to.
constexpr std::array<std::string_view, 44> about_segments = {
    "path",      "paths",    "file",     "files", "filename", "filepath", "dir",    "dirs",     "directory",
    "folder",    "location", "url",      "urls",  "uri",      "endpoint", "host",   "hostname", "port",
    "server",    "length",   "len",      "size",  "version",  "enabled",  "enable", "disabled", "disable",
    "required",  "user",     "username", "name",  "names",    "type",     "kind",   "mode",     "method",
    "algorithm", "format",   "prefix",   "ttl",   "timeout",  "expiry",   "id",     "ids"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// `DB_PASSWORD` -> db, password; `apiKeyFile` -> api, key, file; `SECRET.value` -> secret, value.
std::vector<std::string> segments_of(std::string_view name) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (!is_alnum(c)) {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
            continue;
        }
        const bool case_change = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])) &&
                                 std::isupper(static_cast<unsigned char>(c));
        if (case_change && !current.empty()) {
            out.push_back(std::move(current));
            current.clear();
        }
        current.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

// The secret word `segment` is or ends with (plural `s` allowed); empty when none.
std::string_view secret_word_of(std::string_view segment) {
    std::string_view singular = segment;
    for (const std::string_view word : secret_segments)
        if (segment == word)
            return word;
    if (singular.size() > 1 && singular.back() == 's')
        singular.remove_suffix(1);
    for (const std::string_view word : secret_segments)
        if (singular == word)
            return word;
    for (const std::string_view word : secret_suffixes)
        if (segment.ends_with(word) || singular.ends_with(word))
            return word;
    return {};
}

// ---- values that are not secrets ----

bool is_path(std::string_view value) {
    if (value.starts_with('/') || value.starts_with("./") || value.starts_with("../") ||
        value.starts_with("~/") || value == "~")
        return true;
    if (value.size() >= 3 && std::isalpha(static_cast<unsigned char>(value[0])) && value[1] == ':' &&
        (value[2] == '\\' || value[2] == '/'))
        return true;
    // `$HOME/.netrc`, `${APP_DIR}/secrets`: a variable followed by a path.
    if (value.starts_with('$')) {
        std::size_t end = 1;
        if (value.size() > 1 && value[1] == '{')
            end = value.find('}') == std::string_view::npos ? value.size() : value.find('}') + 1;
        else
            end += run_length(value, 1, [](char c) { return is_alnum(c) || c == '_'; });
        return end < value.size() && value[end] == '/';
    }
    return false;
}

bool is_url(std::string_view value) {
    const std::size_t scheme_end = value.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0 ||
        !std::isalpha(static_cast<unsigned char>(value[0])))
        return false;
    return std::all_of(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(scheme_end),
                       [](char c) { return is_alnum(c) || c == '+' || c == '.' || c == '-'; });
}

bool is_number(std::string_view value) {
    if (value.starts_with('-') || value.starts_with('+'))
        value.remove_prefix(1);
    const std::size_t digits = run_length(value, 0, is_digit);
    if (digits == 0)
        return false;
    if (digits == value.size())
        return true;
    return value[digits] == '.' && digits + 1 < value.size() &&
           run_length(value, digits + 1, is_digit) == value.size() - digits - 1;
}

bool is_boolean(std::string_view value) {
    const std::string text = lower(value);
    for (const std::string_view word : {"true", "false", "yes", "no", "on", "off"})
        if (text == word)
            return true;
    return false;
}

// `1.2.3`, `v2.0`, `3.12.1-rc1`, `1.0.0+build.5`: digits and dots with at least one dot, then an optional
// `-` or `+` suffix.
bool is_version(std::string_view value) {
    if (value.starts_with('v') || value.starts_with('V'))
        value.remove_prefix(1);
    if (value.empty() || !is_digit(value.front()))
        return false;
    const std::size_t core = run_length(value, 0, [](char c) { return is_digit(c) || c == '.'; });
    if (value.substr(0, core).find('.') == std::string_view::npos || value[core - 1] == '.')
        return false;
    if (core == value.size())
        return true;
    if (value[core] != '-' && value[core] != '+')
        return false;
    return core + 1 < value.size() && run_length(value, core + 1, [](char c) {
                                          return is_alnum(c) || c == '.' || c == '-' || c == '+';
                                      }) == value.size() - core - 1;
}

bool is_key_id(std::string_view part) {
    if (part.size() == 40 && std::all_of(part.begin(), part.end(), is_upper_hex))
        return true;
    if (!part.starts_with("0x") && !part.starts_with("0X"))
        return false;
    part.remove_prefix(2);
    return (part.size() == 8 || part.size() == 16 || part.size() == 40) &&
           std::all_of(part.begin(), part.end(), is_hex);
}

// One or more fingerprints or key ids separated by blanks or commas, or one fingerprint written in groups
// (`A035 C8C1 9219 …`).
bool is_key_id_list(std::string_view value) {
    std::string joined;
    bool all_ids = true;
    std::size_t parts = 0;
    while (!value.empty()) {
        const std::size_t start = run_length(value, 0, [](char c) { return is_space(c) || c == ','; });
        value.remove_prefix(start);
        if (value.empty())
            break;
        const std::size_t length = run_length(value, 0, [](char c) { return !is_space(c) && c != ','; });
        const std::string_view part = value.substr(0, length);
        all_ids = all_ids && is_key_id(part);
        joined += part;
        ++parts;
        value.remove_prefix(length);
    }
    return parts > 0 && (all_ids || is_key_id(joined));
}

// `resetOSPassword.sh`, `server.key`, `config.json`: one word ending in a file extension. A file holds key
// material at most; its name is not a secret.
bool is_file_name(std::string_view value) {
    static constexpr std::array<std::string_view, 22> extensions = {
        "sh",  "py",  "rb",  "js",  "json", "yaml", "yml", "xml", "txt", "conf", "cfg",
        "ini", "env", "rsp", "pem", "key",  "crt",  "cer", "p12", "pfx", "jks",  "properties"};
    const std::size_t dot = value.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || !std::all_of(value.begin(), value.end(), [](char c) {
            return is_alnum(c) || c == '.' || c == '_' || c == '-';
        }))
        return false;
    return contains(extensions, lower(value.substr(dot + 1)));
}

} // namespace

std::optional<std::string_view> secret_value_kind(std::string_view value) {
    if (has_private_key(value))
        return "a private key";
    if (has_aws_access_key_id(value))
        return "an AWS access key id";
    if (has_github_token(value))
        return "a GitHub token";
    if (has_token(value, "glpat-", is_base64url, 20))
        return "a GitLab token";
    if (has_slack_token(value))
        return "a Slack token";
    if (has_jwt(value))
        return "a JSON Web Token";
    for (const UrlPart& url : urls_in(value)) {
        if (url_has_password(url))
            return "a URL with a password";
        if (url_has_query_token(url))
            return "a URL with a token in its query";
    }
    return std::nullopt;
}

std::string_view secret_name_word(std::string_view name) {
    const std::vector<std::string> segments = segments_of(name);
    const std::size_t n = segments.size();
    if (n == 0)
        return {};
    for (const std::string& segment : segments)
        if (contains(public_segments, segment))
            return {};
    const std::string& last = segments.back();
    if (n >= 3 && segments[n - 3] == "access" && segments[n - 2] == "key" && last == "id")
        return "access_key_id";
    if (n >= 2 && segments[n - 2] == "secret" && last == "id")
        return "secret";
    if (contains(about_segments, last) && secret_word_of(last).empty())
        return {};
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view word = secret_word_of(segments[i]);
        if (word.empty())
            continue;
        if (word == "key" && i > 0 && segments[i - 1] == "release")
            continue;
        return word;
    }
    return {};
}

bool secret_like_name(std::string_view name) {
    return !secret_name_word(name).empty();
}

bool value_shows_not_secret(std::string_view value) {
    value = trim(value);
    if (secret_value_kind(value))
        return false;
    if (std::none_of(value.begin(), value.end(), is_alnum))
        return true;
    return is_path(value) || is_url(value) || is_number(value) || is_boolean(value) || is_version(value) ||
           is_key_id_list(value) || is_file_name(value);
}

bool value_clears_name(std::string_view name, std::string_view value) {
    if (value_shows_not_secret(value))
        return true;
    value = trim(value);
    // `Filters__0__Key=ProcessId`, `CACHE_KEY=name`: the key of a lookup, not key material.
    return secret_name_word(name) == "key" && !value.empty() && value.size() < 16 &&
           std::all_of(value.begin(), value.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

} // namespace drydock::rules
