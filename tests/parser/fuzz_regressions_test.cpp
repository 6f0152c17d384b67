// Every input a fuzzer ever crashed on (tests/fuzz/regressions/<target>/) replayed in the ordinary suite, so
// the gcc and sanitizer builds check them too, not only the clang fuzz build: the tree invariants hold, and
// linting and fixing (unsafe fixes included) neither crash nor break the parse.

#include "support/tree_invariants.hpp"

#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace drydock {
namespace {

namespace fs = std::filesystem;

TEST(FuzzRegressions, DockerfileCrashersStaySound) {
    const fs::path root = fs::path(DRYDOCK_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
    std::size_t replayed = 0;
    for (const char* target : {"parse_fuzzer", "lint_fuzzer", "fix_fuzzer"}) {
        if (!fs::is_directory(root / target))
            continue;
        for (const fs::directory_entry& entry : fs::directory_iterator(root / target)) {
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            const Dockerfile file = parse(text);
            for (const std::string& problem : testing::check_tree_invariants(file))
                ADD_FAILURE() << entry.path().string() << ": " << problem;
            Config config;
            config.select = {"all"};
            config.shellcheck = false;
            (void)lint(file, config);
            // As the fix fuzzer: safe and unsafe fixes keep the parse errors, break nothing and are
            // idempotent.
            for (const Applicability minimum : {Applicability::Safe, Applicability::Unsafe}) {
                FixRequest request;
                request.minimum = minimum;
                const FixReport report = fix_text(text, config, request);
                EXPECT_EQ(parse(report.text).errors.size(), file.errors.size()) << entry.path().string();
                EXPECT_TRUE(report.broken.empty()) << entry.path().string() << ": " << report.broken.front();
                if (report.did_not_converge.empty())
                    EXPECT_EQ(fix_text(report.text, config, request).text, report.text)
                        << entry.path().string() << ": fixing twice changes the text";
            }
            ++replayed;
        }
    }
    EXPECT_GT(replayed, 0U) << "no regression inputs found under " << root.string();
}

} // namespace
} // namespace drydock
