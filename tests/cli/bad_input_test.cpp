// The README's bad-input table, one test per row: what drydock says for input that is not a sound
// Dockerfile, or not there at all. Never a crash, a hang or a silent pass; a clear message with the file,
// line and column.

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace drydock {
namespace {

using nlohmann::json;
using testing::run_drydock;
using testing::TempDir;

// The findings of `drydock lint --format json` on one file, as "LINE:COL CODE message" strings.
std::vector<std::string> lint_json(const std::string& path, int expected_exit) {
    const auto result = run_drydock({"lint", "--no-config", "--no-shellcheck", "--format", "json", path});
    EXPECT_EQ(result.exit_code, expected_exit) << result.err;
    std::vector<std::string> out;
    for (const json& f : json::parse(result.out))
        out.push_back(std::to_string(f.at("line").get<int>()) + ":" +
                      std::to_string(f.at("column").get<int>()) + " " + f.at("code").get<std::string>() +
                      " " + f.at("message").get<std::string>());
    return out;
}

bool contains(const std::vector<std::string>& findings, const std::string& wanted) {
    return std::find(findings.begin(), findings.end(), wanted) != findings.end();
}

TEST(BadInput, EmptyFile) {
    TempDir dir;
    const auto findings = lint_json(dir.write("Dockerfile", "").string(), 1);
    EXPECT_EQ(findings, std::vector<std::string>{"1:1 DL1000 file with no instructions"});
}

TEST(BadInput, BinaryFileIsRefusedWithThePositionOfItsFirstNulByte) {
    TempDir dir;
    const std::string path =
        dir.write("Dockerfile", std::string("FROM alpine:3.20\nRU\0N\x01\x02", 23)).string();
    const auto result = run_drydock({"lint", "--no-config", path});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "drydock: " + path + ":2:3: not a Dockerfile: binary content (a NUL byte)\n");
    EXPECT_EQ(result.out, "");
    // fix never touches it either
    EXPECT_EQ(run_drydock({"fix", "--no-config", path}).exit_code, 2);
}

TEST(BadInput, InvalidUtf8IsASyntaxErrorAtTheByte) {
    TempDir dir;
    const auto findings =
        lint_json(dir.write("Dockerfile", "FROM alpine:3.20\nRUN echo \xff\xfe bad\n").string(), 1);
    EXPECT_TRUE(contains(findings, "2:10 DL1000 invalid UTF-8 byte sequence")) << findings.size();
}

TEST(BadInput, TenMegabyteFileIsLinted) {
    TempDir dir;
    std::string text = "FROM alpine:3.20\n";
    while (text.size() < 10'000'000)
        text += "# a comment line, padded to look like a long explanation of the next step\n";
    text += "WORKDIR app\n";
    const auto findings = lint_json(dir.write("Dockerfile", text).string(), 1);
    const std::string line = std::to_string(std::count(text.begin(), text.end(), '\n'));
    EXPECT_TRUE(contains(findings, line + ":9 DL3000 Use absolute WORKDIR: 'app' is relative"))
        << (findings.empty() ? "" : findings.back());
}

TEST(BadInput, OneMegabyteLineIsRefusedAsBuildKitDoes) {
    TempDir dir;
    const auto findings = lint_json(
        dir.write("Dockerfile", "FROM alpine:3.20\nRUN echo " + std::string(1 << 20, 'a') + "\n").string(),
        1);
    EXPECT_TRUE(contains(findings, "2:1 DL1000 dockerfile line greater than max allowed size of 65535"));
}

TEST(BadInput, DeeplyNestedCommandSubstitutionsDoNotOverflowTheStack) {
    TempDir dir;
    std::string run = "RUN echo ";
    for (int i = 0; i < 30000; ++i)
        run += "$( ";
    run += "x";
    for (int i = 0; i < 30000; ++i)
        run += " )";
    const auto findings = lint_json(dir.write("Dockerfile", "FROM alpine:3.20\n" + run + "\n").string(), 1);
    EXPECT_FALSE(findings.empty());
}

TEST(BadInput, UnterminatedHeredoc) {
    TempDir dir;
    const auto findings =
        lint_json(dir.write("Dockerfile", "FROM alpine:3.20\nRUN <<EOF\necho hi\n").string(), 1);
    EXPECT_TRUE(contains(findings, "2:5 DL1000 unterminated heredoc: no line 'EOF' closes it"));
}

TEST(BadInput, UnterminatedQuoteIsLeftToTheShellAsBuildKitDoes) {
    TempDir dir;
    const auto findings =
        lint_json(dir.write("Dockerfile", "FROM alpine:3.20\nRUN echo \"unterminated\n").string(), 1);
    for (const std::string& f : findings)
        EXPECT_EQ(f.find("DL1000"), std::string::npos) << f;
}

TEST(BadInput, UnterminatedJsonIsShellFormAsBuildKitReadsIt) {
    TempDir dir;
    const auto findings =
        lint_json(dir.write("Dockerfile", "FROM alpine:3.20\nCMD [\"a\", \"b\"\n").string(), 1);
    EXPECT_TRUE(contains(findings, "2:5 DL3025 Use arguments JSON notation for CMD and ENTRYPOINT arguments: "
                                   "this CMD is in shell form"));
}

TEST(BadInput, DirectoryIsSearchedForDockerfiles) {
    TempDir dir;
    dir.write("sub.Dockerfile/Dockerfile", "FROM alpine:3.20\nWORKDIR app\n");
    const auto findings = lint_json((dir.path() / "sub.Dockerfile").string(), 1);
    EXPECT_TRUE(contains(findings, "2:9 DL3000 Use absolute WORKDIR: 'app' is relative"));
}

TEST(BadInput, MissingFile) {
    TempDir dir;
    const std::string path = (dir.path() / "Dockerfile").string();
    const auto result = run_drydock({"lint", "--no-config", path});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "drydock: " + path + ": No such file or directory\n");
}

TEST(BadInput, UnreadableFile) {
    // Root reads any file, so the binary runs as `nobody` (setpriv, util-linux) on a file only root may read.
    if (::geteuid() != 0 || !std::filesystem::exists("/usr/bin/setpriv"))
        GTEST_SKIP() << "needs root and setpriv to drop privileges";
    TempDir dir;
    const std::string path = dir.write("Dockerfile", "FROM alpine:3.20\n").string();
    std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
    std::filesystem::permissions(path, std::filesystem::perms::none);
    const auto result =
        testing::run_process("/usr/bin/setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups",
                                                  DRYDOCK_BINARY, "lint", "--no-config", path});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "drydock: " + path + ": Permission denied\n");
}

TEST(BadInput, BrokenConfig) {
    TempDir dir;
    const std::string config = dir.write("broken.yaml", "ignored: [DL3008\n  x: : y").string();
    const std::string path = dir.write("Dockerfile", "FROM alpine:3.20\n").string();
    const auto result = run_drydock({"lint", "-c", config, path});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "drydock: " + config + ":2:4: invalid YAML: end of sequence flow not found\n");
}

} // namespace
} // namespace drydock
