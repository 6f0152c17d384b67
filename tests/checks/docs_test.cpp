// docs/rules.md is generated from the rules' metadata; this test fails when it is stale.

#include <drydock/checks/rule_docs.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

namespace drydock {
namespace {

TEST(RuleDocs, GeneratedRulesMarkdownIsUpToDate) {
    std::ifstream in(std::string(DRYDOCK_SOURCE_DIR) + "/docs/rules.md", std::ios::binary);
    const std::string committed{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(committed, rules_markdown()) << "docs/rules.md is stale: regenerate it with `build/cli/drydock "
                                              "rules --format markdown > docs/rules.md`";
}

} // namespace
} // namespace drydock
