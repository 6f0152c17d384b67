// The real binary's output in every format for one Dockerfile read from standard input, compared with golden
// files in tests/cli/golden/ (DRYDOCK_UPDATE_FIXTURES=1 rewrites them for review in `git diff`).

#include "support/run_process.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace drydock {
namespace {

const std::string golden_dir = std::string(DRYDOCK_SOURCE_DIR) + "/tests/cli/golden/";

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class LintFormatGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(LintFormatGolden, MatchesTheGoldenFile) {
    const std::string format = GetParam();
    const auto result = testing::run_drydock({"lint", "--no-config", "--no-shellcheck", "--no-color", "--format",
                                              format, "--stdin-filename", "Dockerfile", "-"},
                                             read(golden_dir + "input.Dockerfile"));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "");
    const std::string golden = golden_dir + "lint." + format + ".golden";
    if (std::getenv("DRYDOCK_UPDATE_FIXTURES")) {
        std::ofstream(golden, std::ios::binary) << result.out;
        return;
    }
    EXPECT_EQ(result.out, read(golden)) << "the " << format << " output differs from " << golden;
}

INSTANTIATE_TEST_SUITE_P(Formats, LintFormatGolden,
                         ::testing::Values("tty", "json", "sarif", "checkstyle", "gitlab", "gnu", "github"));

} // namespace
} // namespace drydock
