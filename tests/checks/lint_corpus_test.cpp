// Lints every corpus Dockerfile with every rule enabled: no crash, every finding inside the file with a known
// rule code, findings sorted, and linting the same tree twice gives the same findings. ShellCheck's findings
// are checked on a sample of the corpus (one ShellCheck process per file makes the whole corpus take a
// minute).

#include "support/corpus.hpp"

#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/checks/shellcheck.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <map>

namespace drydock {
namespace {

TEST(LintCorpus, EveryFileLintsWithEveryRuleAndFindingsAreWellFormed) {
    DRYDOCK_REQUIRE_CORPUS();
    Config config;
    config.select = {"all"};
    config.shellcheck = false; // see ShellCheckFindingsOnASampleAreWellFormed
    std::map<std::string, std::size_t> per_rule;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const Dockerfile file = parse(testing::read_file(path));
        const std::vector<Diagnostic> found = lint(file, config);
        for (std::size_t i = 0; i < found.size(); ++i) {
            const Diagnostic& d = found[i];
            ++per_rule[d.code];
            EXPECT_LE(d.range.begin, d.range.end) << path << " " << d.code;
            EXPECT_LE(d.range.end, file.source.size()) << path << " " << d.code;
            EXPECT_TRUE(d.code == "DL1000" || d.code.starts_with("SC") || find_rule(d.code))
                << path << ": unknown code " << d.code;
            EXPECT_FALSE(d.message.empty()) << path << " " << d.code;
            if (i > 0) {
                EXPECT_LE(found[i - 1].range.begin, d.range.begin) << path << ": findings not sorted";
            }
        }
        const std::vector<Diagnostic> again = lint(file, config);
        ASSERT_EQ(again.size(), found.size()) << path << ": linting is not deterministic";
    }
    std::cout << "[ corpus   ] findings per rule:";
    for (const auto& [code, count] : per_rule)
        std::cout << " " << code << "=" << count;
    std::cout << "\n";
}

// Every 8th corpus file through ShellCheck: each finding inside the file, on the text ShellCheck meant (a
// SC2086 range starts with `$`, a SC2164 range with `cd`), its fix inside the file with ordered edits, and
// the same findings again from the cache.
TEST(LintCorpus, ShellCheckFindingsOnASampleAreWellFormed) {
    DRYDOCK_REQUIRE_CORPUS();
    if (!find_shellcheck(Config{}))
        GTEST_SKIP() << "the shellcheck program is not installed (apt-get install shellcheck)";
    Config config;
    config.select = {"shellcheck"};
    const std::vector<std::filesystem::path> files = testing::corpus_dockerfiles();
    std::size_t count = 0;
    for (std::size_t k = 0; k < files.size(); k += 8) {
        const auto& path = files[k];
        const Dockerfile file = parse(testing::read_file(path));
        const std::vector<Diagnostic> found = lint(file, config);
        for (const Diagnostic& d : found) {
            if (!d.code.starts_with("SC"))
                continue; // parse errors are always reported
            ++count;
            EXPECT_LE(d.range.begin, d.range.end) << path << " " << d.code;
            EXPECT_LE(d.range.end, file.source.size()) << path << " " << d.code;
            EXPECT_FALSE(d.message.empty()) << path << " " << d.code;
            const std::string_view text = file.text(d.range);
            if (d.code == "SC2086") {
                EXPECT_TRUE(text.starts_with("$")) << path << " " << d.code << " at `" << text << "`";
            }
            if (d.code == "SC2164") {
                EXPECT_TRUE(text.starts_with("cd")) << path << " " << d.code << " at `" << text << "`";
            }
            if (d.fix) {
                for (std::size_t e = 0; e < d.fix->edits.size(); ++e) {
                    EXPECT_LE(d.fix->edits[e].range.end, file.source.size()) << path << " " << d.code;
                    if (e > 0) {
                        EXPECT_LE(d.fix->edits[e - 1].range.end, d.fix->edits[e].range.begin)
                            << path << " " << d.code;
                    }
                }
            }
        }
        const std::vector<Diagnostic> again = lint(file, config);
        ASSERT_EQ(again.size(), found.size()) << path << ": linting is not deterministic";
    }
    EXPECT_GT(count, 0U);
}

} // namespace
} // namespace drydock
