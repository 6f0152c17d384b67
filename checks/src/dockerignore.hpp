#pragma once
// `.dockerignore` files as Docker reads them (moby/patternmatcher and its ignorefile reader), for the rules
// that judge COPY/ADD sources against the build context (DD1013 copy-ignored-file, DD2011
// copy-sensitive-file).
//
// Reading: a UTF-8 BOM is dropped; lines starting with `#` are comments; every other line is trimmed, blank
// lines are skipped, a leading `!` makes an exception; the pattern is cleaned like Go's filepath.Clean and a
// leading `/` is removed (`/x` and `x` are the same pattern).
//
// Matching (MatchesOrParentMatches): patterns apply in order, the last that matches wins; a pattern matches
// a path when it matches the path itself or one of its parent folders. `*` is any run of characters but `/`,
// `?` one character but `/`, `[...]` a character class (`[^...]` negated), `\x` the character x, `**` any
// number of folders (`**/x` is x in any folder, `x/**` everything under x).

#include <drydock/checks/config.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// Go's path.Clean for `/`-separated paths: no empty or `.` elements, `x/..` removed, no trailing `/`; "."
// for an empty result.
std::string clean_path(std::string_view path);

// One pattern of an ignore file, compiled the way patternmatcher compiles it.
class IgnorePattern {
public:
    // `text` as read (a leading `!` makes an exception); nullopt for an empty pattern.
    static std::optional<IgnorePattern> compile(std::string_view text);

    const std::string& text() const { return text_; } // cleaned, without the `!`
    bool exception() const { return exception_; }
    // Whether the pattern matches `path` itself (cleaned, `/`-separated, relative to the context).
    bool matches(std::string_view path) const;

private:
    enum class Kind { Exact, Prefix, Suffix, Glob, Invalid };
    enum class Op { Literal, AnyChar, Star, AnyDirs, AnyRest, Class, Anchor };
    struct Token {
        Op op = Op::Literal;
        char ch = 0;
        bool negated = false;
        std::vector<std::pair<char32_t, char32_t>> ranges; // Class: inclusive code point ranges
    };
    static Token make_token(Op op, char ch = 0);
    bool glob_matches(std::string_view path, std::size_t token, std::size_t at) const;
    static bool class_matches(const Token& token, char32_t c);

    std::string text_;
    bool exception_ = false;
    Kind kind_ = Kind::Exact;
    std::vector<Token> tokens_;
};

class DockerIgnore {
public:
    // Reads the content of an ignore file.
    static DockerIgnore parse(std::string_view text);

    const std::vector<IgnorePattern>& patterns() const { return patterns_; }
    bool empty() const { return patterns_.empty(); }
    // Whether any pattern is an exception (`!keep.txt`).
    bool has_exceptions() const;
    // Whether `path` (relative to the context, `/`-separated; cleaned here) is left out of the build
    // context: the last pattern that matches it or one of its parent folders is not an exception.
    bool excludes(std::string_view path) const;

private:
    std::vector<IgnorePattern> patterns_;
};

// The ignore file that applies to a build: `<Dockerfile>.dockerignore` beside the Dockerfile when it exists
// (as BuildKit prefers it), else `.dockerignore` in the build context. nullopt when the config names no
// build context, or when neither file exists or can be read.
struct IgnoreFile {
    std::filesystem::path path;
    DockerIgnore rules;
};
std::optional<IgnoreFile> load_dockerignore(const Config& config);

} // namespace drydock::rules
