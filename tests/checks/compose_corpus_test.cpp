// Every compose file of the corpus (../shared/corpus/compose) through every compose rule: no crash, no YAML
// error, every finding inside the file with a known code and sorted, linting twice gives the same findings;
// and through the fix loop with unsafe fixes: the result is valid YAML with the same errors, fixing twice
// changes nothing, no fix breaks the file, every comment survives. Prints the findings per rule.

#include "support/corpus.hpp"

#include <drydock/checks/compose_linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/parser/compose.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>

namespace drydock {
namespace {

#define DRYDOCK_REQUIRE_COMPOSE_CORPUS()                                                                     \
    do {                                                                                                     \
        if (::drydock::testing::corpus_compose_files().empty())                                              \
            GTEST_SKIP() << "compose corpus not found at " << ::drydock::testing::corpus_root() / "compose"  \
                         << " (lay ../shared beside the checkout to run corpus tests)";                      \
    } while (false)

Config every_rule() {
    Config config;
    config.select = {"all"};
    return config;
}

std::vector<std::string> comment_texts(const compose::ComposeFile& file) {
    std::vector<std::string> out;
    for (const yaml::Comment& c : file.yaml.comments)
        out.emplace_back(file.text(c.range));
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ComposeCorpus, EveryFileLintsAndFindingsAreWellFormed) {
    DRYDOCK_REQUIRE_COMPOSE_CORPUS();
    const Config config = every_rule();
    std::map<std::string, std::size_t> per_rule;
    for (const auto& path : testing::corpus_compose_files()) {
        const compose::ComposeFile file = compose::parse_compose(testing::read_file(path));
        EXPECT_TRUE(file.yaml.errors.empty()) << path << ": " << file.yaml.errors.front().message;
        const std::vector<Diagnostic> found = lint_compose(file, config);
        for (std::size_t i = 0; i < found.size(); ++i) {
            const Diagnostic& d = found[i];
            ++per_rule[d.code];
            EXPECT_LE(d.range.begin, d.range.end) << path << " " << d.code;
            EXPECT_LE(d.range.end, file.source().size()) << path << " " << d.code;
            EXPECT_TRUE(d.code == "DL1000" || find_rule(d.code)) << path << ": unknown code " << d.code;
            EXPECT_FALSE(d.message.empty()) << path << " " << d.code;
            if (i > 0) {
                EXPECT_LE(found[i - 1].range.begin, d.range.begin) << path << ": findings not sorted";
            }
            if (d.fix) {
                for (const Edit& e : d.fix->edits) {
                    EXPECT_LE(e.range.end, file.source().size()) << path << " " << d.code;
                }
            }
        }
        EXPECT_EQ(lint_compose(file, config).size(), found.size())
            << path << ": linting is not deterministic";
    }
    std::cout << "[ corpus   ] compose findings per rule (" << testing::corpus_compose_files().size()
              << " files):";
    for (const auto& [code, count] : per_rule)
        std::cout << " " << code << "=" << count;
    std::cout << "\n";
}

TEST(ComposeCorpus, UnsafeFixesKeepTheYamlValidAndConverge) {
    DRYDOCK_REQUIRE_COMPOSE_CORPUS();
    const Config config = every_rule();
    FixRequest request;
    request.minimum = Applicability::Unsafe;
    std::map<std::string, std::size_t> fixed;
    std::size_t changed = 0;
    for (const auto& path : testing::corpus_compose_files()) {
        const std::string text = testing::read_file(path);
        const FixReport report = fix_compose_text(text, config, request);
        EXPECT_TRUE(report.broken.empty())
            << path << ": fixes of " << report.broken.front() << " broke the YAML";
        EXPECT_TRUE(report.did_not_converge.empty()) << path << ": " << report.did_not_converge.front();
        const compose::ComposeFile before = compose::parse_compose(text);
        const compose::ComposeFile after = compose::parse_compose(report.text);
        EXPECT_EQ(after.yaml.errors.size(), before.yaml.errors.size()) << path;
        EXPECT_EQ(after.services.size(), before.services.size()) << path;
        EXPECT_EQ(comment_texts(after), comment_texts(before)) << path << ": a comment was lost";
        EXPECT_EQ(fix_compose_text(report.text, config, request).text, report.text)
            << path << ": fixing twice changes the text again";
        for (const auto& [code, count] : report.fixed)
            fixed[code] += count;
        changed += report.text != text;
    }
    std::cout << "[ corpus   ] compose fixes applied (" << changed << " files changed):";
    for (const auto& [code, count] : fixed)
        std::cout << " " << code << "=" << count;
    std::cout << "\n";
}

// Broken YAML never crashes: every corpus file cut at 8 points (inside keys, values, quotes, block scalars)
// and with a quote dropped in, linted and fixed with every rule; every finding and edit stays inside the
// text.
TEST(ComposeCorpus, TruncatedAndDamagedFilesNeverCrash) {
    DRYDOCK_REQUIRE_COMPOSE_CORPUS();
    const Config config = every_rule();
    FixRequest request;
    request.minimum = Applicability::Unsafe;
    std::size_t with_errors = 0;
    for (const auto& path : testing::corpus_compose_files()) {
        const std::string text = testing::read_file(path);
        for (std::size_t k = 1; k <= 8; ++k) {
            const std::size_t cut = text.size() * k / 9;
            for (const std::string& damaged :
                 {text.substr(0, cut), text.substr(0, cut) + "\"" + text.substr(cut)}) {
                const compose::ComposeFile file = compose::parse_compose(damaged);
                with_errors += !file.yaml.errors.empty();
                for (const Diagnostic& d : lint_compose(file, config)) {
                    EXPECT_LE(d.range.begin, d.range.end) << path << " cut at " << cut << " " << d.code;
                    EXPECT_LE(d.range.end, damaged.size()) << path << " cut at " << cut << " " << d.code;
                }
                const FixReport report = fix_compose_text(damaged, config, request);
                EXPECT_TRUE(report.broken.empty()) << path << " cut at " << cut;
            }
        }
    }
    EXPECT_GT(with_errors, 0U);
}

} // namespace
} // namespace drydock
