// `.dockerignore` reading and matching with Docker's semantics (moby/patternmatcher and its ignorefile
// reader): path cleaning, the four kinds of patterns, parents, exceptions, and where the file is found.

#include "checks/src/dockerignore.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

namespace fs = std::filesystem;

bool pattern_matches(std::string_view pattern, std::string_view path) {
    const std::optional<IgnorePattern> p = IgnorePattern::compile(pattern);
    return p && p->matches(path);
}

bool excluded(std::string_view ignore_file, std::string_view path) {
    return DockerIgnore::parse(ignore_file).excludes(path);
}

TEST(CleanPath, LikeGoPathClean) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "."},
        {".", "."},
        {"./", "."},
        {"abc", "abc"},
        {"abc/", "abc"},
        {"a//b///c", "a/b/c"},
        {"./a/./b/.", "a/b"},
        {"a/b/..", "a"},
        {"a/b/../..", "."},
        {"a/b/../../..", ".."},
        {"../a", "../a"},
        {"../../a/../b", "../../b"},
        {"/", "/"},
        {"//", "/"},
        {"/..", "/"},
        {"/../a", "/a"},
        {"/a/b/../c/", "/a/c"},
        {"aa/bb/../cc", "aa/cc"},
        {"abc/def/../../..", ".."},
        {"**/", "**"},
        {"!foo/../bar", "bar"},
    };
    for (const auto& [in, out] : cases)
        EXPECT_EQ(clean_path(in), out) << "'" << in << "'";
}

TEST(IgnorePattern, ExactPatternsCompareWholePaths) {
    EXPECT_TRUE(pattern_matches("abc.def", "abc.def"));
    EXPECT_FALSE(pattern_matches("abc.def", "abcZdef")); // `.` is not a wildcard
    EXPECT_FALSE(pattern_matches("abc.def", "abcdef"));
    EXPECT_TRUE(pattern_matches("a(b)c/def", "a(b)c/def"));
    EXPECT_TRUE(pattern_matches("a.|)$(}+{bc", "a.|)$(}+{bc"));
    EXPECT_FALSE(pattern_matches("docs", "docs/README.md")); // the pattern alone; parents are DockerIgnore's
    EXPECT_TRUE(pattern_matches("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
}

TEST(IgnorePattern, SingleStarAndQuestionMarkStayInOneFolder) {
    EXPECT_TRUE(pattern_matches("*", "fileutils.go"));
    EXPECT_FALSE(pattern_matches("*", "dir/file"));
    EXPECT_TRUE(pattern_matches("*.go", "fileutils.go"));
    EXPECT_TRUE(pattern_matches("*c", "abc"));
    EXPECT_TRUE(pattern_matches("a*", "a"));
    EXPECT_FALSE(pattern_matches("a*", "ab/c"));
    EXPECT_TRUE(pattern_matches("a*/b", "abc/b"));
    EXPECT_FALSE(pattern_matches("a*/b", "a/c/b"));
    EXPECT_TRUE(pattern_matches("a*b*c*d*e*/f", "axbxcxdxexxx/f"));
    EXPECT_FALSE(pattern_matches("a*b*c*d*e*/f", "axbxcxdxe/xxx/f"));
    EXPECT_TRUE(pattern_matches("a*b?c*x", "abxbbxdbxebxczzx"));
    EXPECT_FALSE(pattern_matches("a*b?c*x", "abxbbxdbxebxczzy"));
    EXPECT_TRUE(pattern_matches("abc?def", "abcZdef"));
    EXPECT_FALSE(pattern_matches("abc?def", "abcdef"));
    EXPECT_FALSE(pattern_matches("a?b", "a/b"));
    EXPECT_FALSE(pattern_matches("a*b", "a/b"));
    EXPECT_TRUE(pattern_matches("a?b", "a\xE2\x98\xBA"
                                       "b")); // one character, three bytes
    EXPECT_FALSE(pattern_matches("a???b", "a\xE2\x98\xBA"
                                          "b"));
    EXPECT_TRUE(pattern_matches(".*", ".foo"));
    EXPECT_FALSE(pattern_matches(".*", "foo"));
    EXPECT_TRUE(pattern_matches("*x", "xxx"));
    EXPECT_TRUE(pattern_matches("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
    EXPECT_TRUE(pattern_matches("a/*.txt", "a/file.txt"));
    EXPECT_FALSE(pattern_matches("a/*.txt", "a/dir/file.txt"));
}

TEST(IgnorePattern, CharacterClassesAndEscapes) {
    EXPECT_TRUE(pattern_matches("a[b-d]e", "ace"));
    EXPECT_FALSE(pattern_matches("a[b-d]e", "ae"));
    EXPECT_FALSE(pattern_matches("a[b-d]e", "aae"));
    EXPECT_TRUE(pattern_matches("a[^b-d]e", "aze"));
    EXPECT_TRUE(pattern_matches("ab[c]", "abc"));
    EXPECT_FALSE(pattern_matches("ab[e-g]", "abc"));
    EXPECT_FALSE(pattern_matches("ab[^c]", "abc"));
    EXPECT_TRUE(pattern_matches("ab[^e-g]", "abc"));
    EXPECT_TRUE(pattern_matches("a[^a]b", "a\xE2\x98\xBA"
                                          "b"));
    EXPECT_TRUE(pattern_matches("[a-\xCE\xB6]*", "\xCE\xB1")); // [a-ζ]* matches α
    EXPECT_TRUE(pattern_matches("[\\]a]", "]"));
    EXPECT_TRUE(pattern_matches("[x\\-]", "-"));
    EXPECT_FALSE(pattern_matches("[x\\-]", "z"));
    EXPECT_TRUE(pattern_matches("[\\-x]", "x"));
    EXPECT_TRUE(pattern_matches("a\\*b", "a*b"));
    EXPECT_FALSE(pattern_matches("a\\*b", "ab"));
    EXPECT_TRUE(pattern_matches("a\\\\", "a\\"));
    // `[!x]` is not a negation for Docker: the class holds `!` and `x`.
    EXPECT_TRUE(pattern_matches("[!x]", "!"));
    EXPECT_FALSE(pattern_matches("[!x]", "y"));
    // Malformed classes match nothing (Docker refuses the file).
    EXPECT_FALSE(pattern_matches("[", "["));
    EXPECT_FALSE(pattern_matches("a[", "a"));
    EXPECT_FALSE(pattern_matches("[^bc", "a"));
}

TEST(IgnorePattern, DoubleStar) {
    const std::vector<std::pair<std::string, std::string>> matching = {
        {"**", "file"},
        {"**", "dir/file"},
        {"**/", "file"},
        {"**/", "dir/file"},
        {"**/**", "dir/file"},
        {"dir/**", "dir/file"},
        {"dir/**", "dir/dir2/file"},
        {"**/dir", "dir"},
        {"**/dir2/*", "dir/dir2/file"},
        {"**/dir2/**", "dir/dir2/dir3/file"},
        {"**file", "file"},
        {"**file", "dir/file"},
        {"**file", "dir/dir/file"},
        {"**/file", "dir/file"},
        {"**/file", "dir/dir/file"},
        {"**/file*", "dir/dir/file.txt"},
        {"**/file*txt", "dir/dir/file.txt"},
        {"**/file*.txt*", "dir/dir/file.txt"},
        {"**/**/*.txt", "dir/dir/file.txt"},
        {"**/*.txt", "file.txt"},
        {"**/**/*.txt", "file.txt"},
        {"a**/*.txt", "a/file.txt"},
        {"a**/*.txt", "a/dir/dir/file.txt"},
        {"a/*.txt**", "a/file.txt"},
        {"**/foo/bar", "foo/bar"},
        {"**/foo/bar", "dir/dir2/foo/bar"},
        {"abc/**", "abc/def/ghi"},
        {"**/.foo", ".foo"},
        {"foo**", "foobar/baz"}, // a prefix test: anything that starts with `foo`
    };
    for (const auto& [pattern, path] : matching)
        EXPECT_TRUE(pattern_matches(pattern, path)) << pattern << " vs " << path;
    const std::vector<std::pair<std::string, std::string>> not_matching = {
        {"**/dir", "dir/file"}, // only through the parent (DockerIgnore::excludes)
        {"**/**/*.txt2", "dir/dir/file.txt"},
        {"abc/**", "abc"},
        {"**/.foo", "bar.foo"},
        {"**/foo/bar", "xfoo/bar"},
        {"a**b", "axb"}, // `**` not at an end stands for whole folders: `a(.*/)?b`
    };
    for (const auto& [pattern, path] : not_matching)
        EXPECT_FALSE(pattern_matches(pattern, path)) << pattern << " vs " << path;
    EXPECT_TRUE(pattern_matches("a**b", "ab"));
    EXPECT_TRUE(pattern_matches("a**b", "ax/b"));
}

TEST(IgnorePattern, CaretIsAnAnchorInGlobsAndLiteralOtherwise) {
    EXPECT_TRUE(pattern_matches("a^b", "a^b")); // no wildcard: compared as text
    EXPECT_FALSE(pattern_matches("a^b*", "a^bc"));
    EXPECT_TRUE(pattern_matches("^b*", "bc"));
}

TEST(IgnorePattern, ExceptionsAndEmptyPatterns) {
    const std::optional<IgnorePattern> p = IgnorePattern::compile("!docs/README.md");
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->exception());
    EXPECT_EQ(p->text(), "docs/README.md");
    EXPECT_FALSE(IgnorePattern::compile(""));
    EXPECT_FALSE(IgnorePattern::compile("   "));
    EXPECT_FALSE(IgnorePattern::compile("!"));
}

TEST(DockerIgnore, ReadingTrimsCleansAndSkipsComments) {
    const DockerIgnore ignore = DockerIgnore::parse("\xEF\xBB\xBF# comment\n"
                                                    "  node_modules  \r\n"
                                                    "\n"
                                                    "/build/\n"
                                                    "  # not a comment once indented\n"
                                                    "!  keep.txt\n"
                                                    "a/./b/../c\n"
                                                    "\t\n"
                                                    "last");
    std::vector<std::string> texts;
    for (const IgnorePattern& p : ignore.patterns())
        texts.push_back((p.exception() ? "!" : "") + p.text());
    EXPECT_EQ(texts, (std::vector<std::string>{"node_modules", "build", "# not a comment once indented",
                                               "!keep.txt", "a/c", "last"}));
    EXPECT_TRUE(ignore.has_exceptions());
    EXPECT_FALSE(DockerIgnore::parse("*.log\ntmp/\n").has_exceptions());
    EXPECT_TRUE(DockerIgnore::parse("").empty());
    EXPECT_TRUE(DockerIgnore::parse("# only a comment\n\n").empty());
}

TEST(DockerIgnore, FirstLineCommentOnlyWithoutIndentation) {
    EXPECT_TRUE(excluded("\xEF\xBB\xBF#x\nsecret", "secret"));
    EXPECT_FALSE(excluded("#secret", "secret"));
}

TEST(DockerIgnore, ParentsAreMatchedToo) {
    EXPECT_TRUE(excluded("docs", "docs/README.md"));
    EXPECT_TRUE(excluded("docs/", "docs/a/b/c.md"));
    EXPECT_TRUE(excluded("**/dir", "dir/file"));
    EXPECT_TRUE(excluded("**/dir2/*", "dir/dir2/file/sub"));
    EXPECT_TRUE(excluded("*/tmp", "a/tmp/x"));
    EXPECT_FALSE(excluded("*/tmp", "tmp/x"));
    EXPECT_TRUE(excluded("node_modules", "node_modules"));
    EXPECT_FALSE(excluded("node_modules", "web/node_modules/x")); // no `**/`: only at the root
    EXPECT_TRUE(excluded("**/node_modules", "web/node_modules/x"));
    EXPECT_FALSE(excluded("*.go", "."));
    EXPECT_FALSE(excluded("", "anything"));
}

TEST(DockerIgnore, PathsAreCleanedAndRelativeToTheContext) {
    EXPECT_TRUE(excluded("secret.txt", "./secret.txt"));
    EXPECT_TRUE(excluded("secret.txt", "/secret.txt"));
    EXPECT_TRUE(excluded("secret.txt", "dir/../secret.txt"));
    EXPECT_TRUE(excluded("/build", "build/out"));
    EXPECT_TRUE(excluded("a//b", "a/b"));
}

TEST(DockerIgnore, ExceptionsApplyInOrder) {
    EXPECT_FALSE(excluded("docs\n!docs/README.md", "docs/README.md"));
    EXPECT_TRUE(excluded("docs\n!docs/README.md", "docs/other.md"));
    EXPECT_FALSE(excluded("docs/\n!docs/README.md", "docs/README.md"));
    EXPECT_FALSE(excluded("docs/*\n!docs/README.md", "docs/README.md"));
    EXPECT_FALSE(excluded("*.go\n!fileutils.go", "fileutils.go"));
    EXPECT_TRUE(excluded("!fileutils.go\n*.go", "fileutils.go")); // the last matching pattern wins
    EXPECT_FALSE(excluded("**\n!util/docker/web", "util/docker/web/foo"));
    EXPECT_TRUE(excluded("**\n!util/docker/web\nutil/docker/web/foo", "util/docker/web/foo"));
    EXPECT_FALSE(excluded("**\n!dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
    EXPECT_TRUE(excluded("*\n!src\nsrc/*.test", "src/a.test"));
    EXPECT_FALSE(excluded("*\n!src\nsrc/*.test", "src/a.go"));
    EXPECT_TRUE(excluded("*\n!src", "README.md"));
}

class DockerIgnoreFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("drydock-dockerignore-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "docker");
    }
    void TearDown() override { fs::remove_all(dir_); }
    void write(const fs::path& path, std::string_view text) { std::ofstream(path, std::ios::binary) << text; }

    fs::path dir_;
};

TEST_F(DockerIgnoreFiles, NoContextNoFile) {
    EXPECT_FALSE(load_dockerignore(Config{}));
    Config config;
    config.build_context = dir_.string();
    EXPECT_FALSE(load_dockerignore(config));
}

TEST_F(DockerIgnoreFiles, ContextFile) {
    write(dir_ / ".dockerignore", "*.log\n");
    Config config;
    config.build_context = dir_.string();
    config.dockerfile_path = (dir_ / "docker" / "app.Dockerfile").string();
    const std::optional<IgnoreFile> found = load_dockerignore(config);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->path, dir_ / ".dockerignore");
    EXPECT_TRUE(found->rules.excludes("debug.log"));
}

TEST_F(DockerIgnoreFiles, DockerfileSpecificFileWins) {
    write(dir_ / ".dockerignore", "*.log\n");
    write(dir_ / "docker" / "app.Dockerfile.dockerignore", "secrets\n");
    Config config;
    config.build_context = dir_.string();
    config.dockerfile_path = (dir_ / "docker" / "app.Dockerfile").string();
    const std::optional<IgnoreFile> found = load_dockerignore(config);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->path, dir_ / "docker" / "app.Dockerfile.dockerignore");
    EXPECT_TRUE(found->rules.excludes("secrets/key"));
    EXPECT_FALSE(found->rules.excludes("debug.log"));
}

} // namespace
} // namespace drydock::rules
