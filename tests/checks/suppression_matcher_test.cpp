// SuppressionMatcher (what the engine uses) answers exactly as is_suppressed and marks the same pragmas used,
// for findings at every offset of a file with global, stage and next-instruction pragmas, stacked pragmas,
// BuildKit `# check=` comments, ShellCheck codes and parse errors.

#include "checks/src/suppression_matcher.hpp"

#include <drydock/checks/suppression.hpp>
#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock {
namespace {

Diagnostic finding(std::string code, std::string name, TextSize at) {
    Diagnostic d;
    d.code = std::move(code);
    d.name = std::move(name);
    d.range = {at, at + 1};
    return d;
}

TEST(SuppressionMatcher, SameAnswersAndUsedMarksAsIsSuppressed) {
    const Dockerfile file = parse("# check=skip=DL3059\n"
                                  "# hadolint global ignore=DL3008\n"
                                  "# hadolint stage ignore=DL3003\n"
                                  "FROM debian:12 AS one\n"
                                  "# hadolint ignore=DL3000\n"
                                  "# drydock ignore=workdir-absolute,SC2086\n"
                                  "WORKDIR app\n"
                                  "RUN cd /x && echo $HOME\n"
                                  "# hadolint stage ignore=shellcheck\n"
                                  "FROM debian:12 AS two\n"
                                  "# hadolint ignore=DL3003\n"
                                  "RUN cd /y \\\n"
                                  "    && make\n"
                                  "# hadolint ignore=DL3000 # reason\n"
                                  "WORKDIR b\n"
                                  "RUN apt-get install curl\n");
    const SemanticModel model(file);
    const Suppressions suppressions = collect_suppressions(file, model);
    ASSERT_EQ(suppressions.pragmas.size(), 8U);
    ASSERT_TRUE(suppressions.problems.empty());
    const SuppressionMatcher matcher(suppressions);
    const std::vector<std::pair<std::string, std::string>> rules = {
        {"DL3000", "workdir-absolute"},     {"DL3003", "cd-instead-of-workdir"},
        {"DL3008", "apt-get-pin-versions"}, {"DL3059", "consecutive-run"},
        {"SC2086", "shellcheck"},           {"DL1000", "syntax-error"}};
    std::size_t suppressed = 0;
    for (TextSize at = 0; at <= file.source.size(); ++at) {
        for (const auto& [code, name] : rules) {
            const Diagnostic d = finding(code, name, at);
            std::vector<bool> expected_used(suppressions.pragmas.size(), false);
            std::vector<bool> used(suppressions.pragmas.size(), false);
            const bool expected = is_suppressed(d, suppressions, expected_used);
            EXPECT_EQ(matcher.suppressed(d, used), expected) << code << " at " << at;
            EXPECT_EQ(used, expected_used) << code << " at " << at;
            suppressed += expected ? 1 : 0;
        }
    }
    EXPECT_GT(suppressed, 0U);
}

} // namespace
} // namespace drydock
