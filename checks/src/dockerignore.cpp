#include "dockerignore.hpp"

#include <fstream>
#include <iterator>

namespace drydock::rules {
namespace {

namespace fs = std::filesystem;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

// The code point that starts at `at` and its length in bytes; a byte that does not start valid UTF-8 is a
// code point of its own (Go's regexp reads such a byte as U+FFFD, one character all the same).
std::pair<char32_t, std::size_t> code_point(std::string_view s, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length <= 1 || at + length > s.size())
        return {lead, 1};
    char32_t cp = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80)
            return {lead, 1};
        cp = (cp << 6) | (byte(at + i) & 0x3F);
    }
    return {cp, length};
}

std::optional<std::string> read_text(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

IgnorePattern::Token IgnorePattern::make_token(Op op, char ch) {
    Token token;
    token.op = op;
    token.ch = ch;
    return token;
}

std::string clean_path(std::string_view path) {
    if (path.empty())
        return ".";
    const bool rooted = path.front() == '/';
    std::string out;
    std::size_t r = 0, dotdot = 0; // dotdot: where `..` can no longer backtrack
    if (rooted) {
        out.push_back('/');
        r = dotdot = 1;
    }
    const std::size_t n = path.size();
    while (r < n) {
        if (path[r] == '/') {
            ++r; // empty element
        } else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
            ++r; // `.` element
        } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
            r += 2; // `..` element: remove the last element, or keep the `..` when there is none
            if (out.size() > dotdot) {
                out.pop_back();
                while (out.size() > dotdot && out.back() != '/')
                    out.pop_back();
                if (!out.empty() && out.back() == '/' && out.size() > dotdot)
                    out.pop_back();
            } else if (!rooted) {
                if (!out.empty())
                    out.push_back('/');
                out += "..";
                dotdot = out.size();
            }
        } else {
            if ((rooted && out.size() != 1) || (!rooted && !out.empty()))
                out.push_back('/');
            for (; r < n && path[r] != '/'; ++r)
                out.push_back(path[r]);
        }
    }
    return out.empty() ? "." : out;
}

std::optional<IgnorePattern> IgnorePattern::compile(std::string_view text) {
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    IgnorePattern p;
    std::string cleaned = clean_path(text);
    if (cleaned.front() == '!') {
        p.exception_ = true;
        cleaned.erase(0, 1);
        if (cleaned.empty())
            return std::nullopt; // a lone `!` is an error for Docker; it excludes nothing
    }
    p.text_ = cleaned;

    // As patternmatcher's compile: literal text compares as a string (Exact); `x/**` is a prefix test,
    // `**/x` (a leading `**`) a suffix test, anything with other wildcards a glob.
    const std::string_view s = p.text_;
    const std::size_t n = s.size();
    std::size_t pos = 0;
    for (std::size_t i = 0; pos < n; ++i) {
        const char ch = s[pos++];
        if (ch == '*') {
            if (pos < n && s[pos] == '*') {
                ++pos;
                if (pos < n && s[pos] == '/')
                    ++pos; // `**/` is `**`
                if (pos == n) {
                    if (p.kind_ == Kind::Exact) {
                        p.kind_ = Kind::Prefix;
                    } else {
                        p.tokens_.push_back(make_token(Op::AnyRest));
                        p.kind_ = Kind::Glob;
                    }
                } else {
                    p.tokens_.push_back(make_token(Op::AnyDirs));
                    p.kind_ = Kind::Glob;
                }
                if (i == 0)
                    p.kind_ = Kind::Suffix;
            } else {
                p.tokens_.push_back(make_token(Op::Star));
                p.kind_ = Kind::Glob;
            }
        } else if (ch == '?') {
            p.tokens_.push_back(make_token(Op::AnyChar));
            p.kind_ = Kind::Glob;
        } else if (ch == '\\') {
            if (pos < n) {
                p.tokens_.push_back(make_token(Op::Literal, s[pos++]));
                p.kind_ = Kind::Glob;
            } else {
                p.tokens_.push_back(make_token(Op::Literal, '\\'));
            }
        } else if (ch == '[') {
            Token token = make_token(Op::Class);
            if (pos < n && s[pos] == '^') {
                token.negated = true;
                ++pos;
            }
            bool closed = false;
            for (bool first = true; pos < n; first = false) {
                if (s[pos] == ']' && !first) {
                    ++pos;
                    closed = true;
                    break;
                }
                auto next_char = [&] {
                    if (s[pos] == '\\' && pos + 1 < n)
                        ++pos;
                    const auto [cp, length] = code_point(s, pos);
                    pos += length;
                    return cp;
                };
                const char32_t lo = next_char();
                char32_t hi = lo;
                if (pos + 1 < n && s[pos] == '-' && s[pos + 1] != ']') {
                    ++pos;
                    hi = next_char();
                }
                token.ranges.emplace_back(lo, hi);
            }
            if (!closed) {
                p.kind_ = Kind::Invalid; // Docker refuses the pattern; here it matches nothing
                return p;
            }
            p.tokens_.push_back(std::move(token));
            p.kind_ = Kind::Glob;
        } else if (ch == ']') {
            p.tokens_.push_back(make_token(Op::Literal, ']'));
            p.kind_ = Kind::Glob;
        } else if (ch == '^') {
            p.tokens_.push_back(make_token(Op::Anchor)); // an anchor in the regular expression Docker builds
        } else {
            p.tokens_.push_back(make_token(Op::Literal, ch));
        }
    }
    return p;
}

bool IgnorePattern::class_matches(const Token& token, char32_t c) {
    bool in = false;
    for (const auto& [lo, hi] : token.ranges)
        in = in || (c >= lo && c <= hi);
    return in != token.negated;
}

bool IgnorePattern::glob_matches(std::string_view path, std::size_t t, std::size_t at) const {
    if (t == tokens_.size())
        return at == path.size();
    const Token& token = tokens_[t];
    const std::size_t n = path.size();
    switch (token.op) {
    case Op::Literal:
        return at < n && path[at] == token.ch && glob_matches(path, t + 1, at + 1);
    case Op::AnyChar:
        return at < n && path[at] != '/' && glob_matches(path, t + 1, at + code_point(path, at).second);
    case Op::Class: {
        if (at >= n)
            return false;
        const auto [cp, length] = code_point(path, at);
        return class_matches(token, cp) && glob_matches(path, t + 1, at + length);
    }
    case Op::Anchor:
        return at == 0 && glob_matches(path, t + 1, at);
    case Op::Star:
        for (std::size_t k = at;; ++k) {
            if (glob_matches(path, t + 1, k))
                return true;
            if (k == n || path[k] == '/')
                return false;
        }
    case Op::AnyDirs: // `(.*/)?`: nothing, or anything that ends with a `/`
        if (glob_matches(path, t + 1, at))
            return true;
        for (std::size_t k = at; k < n; ++k)
            if (path[k] == '/' && glob_matches(path, t + 1, k + 1))
                return true;
        return false;
    case Op::AnyRest:
        for (std::size_t k = at; k <= n; ++k)
            if (glob_matches(path, t + 1, k))
                return true;
        return false;
    }
    return false;
}

bool IgnorePattern::matches(std::string_view path) const {
    switch (kind_) {
    case Kind::Exact:
        return path == text_;
    case Kind::Prefix:
        return path.starts_with(std::string_view(text_).substr(0, text_.size() - 2));
    case Kind::Suffix: {
        const std::string_view suffix = std::string_view(text_).substr(2);
        if (path.ends_with(suffix))
            return true;
        return !suffix.empty() && suffix.front() == '/' && path == suffix.substr(1); // `**/x` matches `x`
    }
    case Kind::Glob:
        return glob_matches(path, 0, 0);
    case Kind::Invalid:
        return false;
    }
    return false;
}

DockerIgnore DockerIgnore::parse(std::string_view text) {
    DockerIgnore out;
    bool first = true;
    while (!text.empty() || first) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (first && line.starts_with("\xEF\xBB\xBF"))
            line.remove_prefix(3);
        first = false;
        if (line.starts_with('#'))
            continue;
        line = trim(line);
        if (line.empty())
            continue;
        // `!` exceptions: the rest is trimmed again, then cleaned; a leading `/` is dropped either way.
        const bool exception = line.front() == '!';
        if (exception)
            line = trim(line.substr(1));
        std::string pattern = line.empty() ? std::string() : clean_path(line);
        if (pattern.size() > 1 && pattern.front() == '/')
            pattern.erase(0, 1);
        if (exception)
            pattern.insert(0, "!");
        if (std::optional<IgnorePattern> compiled = IgnorePattern::compile(pattern))
            out.patterns_.push_back(std::move(*compiled));
    }
    return out;
}

bool DockerIgnore::has_exceptions() const {
    for (const IgnorePattern& p : patterns_)
        if (p.exception())
            return true;
    return false;
}

bool DockerIgnore::excludes(std::string_view path) const {
    std::string file = clean_path(path);
    while (file.size() > 1 && file.front() == '/')
        file.erase(0, 1); // the context's root: `/x` is `x`
    // The parent folders, outermost first: `a/b/c` -> `a`, `a/b`.
    std::vector<std::string_view> parents;
    for (std::size_t slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1))
        parents.push_back(std::string_view(file).substr(0, slash));
    bool matched = false;
    for (const IgnorePattern& pattern : patterns_) {
        // An exclusion only matters while the path is kept, an exception only once it is excluded.
        if (pattern.exception() != matched)
            continue;
        bool match = pattern.matches(file);
        for (std::size_t i = 0; !match && i < parents.size(); ++i)
            match = pattern.matches(parents[i]);
        if (match)
            matched = !pattern.exception();
    }
    return matched;
}

std::optional<IgnoreFile> load_dockerignore(const Config& config) {
    if (!config.build_context)
        return std::nullopt;
    std::vector<fs::path> candidates;
    if (config.dockerfile_path && !config.dockerfile_path->empty())
        candidates.emplace_back(*config.dockerfile_path + ".dockerignore");
    candidates.push_back(fs::path(*config.build_context) / ".dockerignore");
    for (const fs::path& candidate : candidates)
        if (std::optional<std::string> text = read_text(candidate))
            return IgnoreFile{candidate, DockerIgnore::parse(*text)};
    return std::nullopt;
}

} // namespace drydock::rules
