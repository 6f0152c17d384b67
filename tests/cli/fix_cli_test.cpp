// End-to-end tests of `drydock fix`: in place (atomically, keeping mode, CRLF and BOM), --diff, --stdout,
// standard input, --unsafe-fixes, exit codes.

#include "support/run_process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace drydock {
namespace {

namespace fs = std::filesystem;
using testing::run_drydock;

class FixCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("drydock-fix-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return (dir_ / name).string();
    }
    static std::string read(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    fs::path dir_;
};

const std::string smelly =
    "FROM alpine:3.20 as build\nMAINTAINER Jane <j@x.org>\nADD app.py /app/\nCMD python3 /app/app.py\n";
// With a USER, so that missing-user (DD2001, no fix) does not count among the findings left.
const std::string smelly_with_user = smelly + "USER 10001\n";

TEST_F(FixCli, FixesInPlaceKeepingModeAndReportsWhatIsLeft) {
    const std::string path = write("Dockerfile", smelly_with_user);
    ::chmod(path.c_str(), 0640);
    const auto r = run_drydock({"fix", "--no-config", path});
    EXPECT_EQ(read(path),
              "FROM alpine:3.20 AS build\nLABEL org.opencontainers.image.authors=\"Jane <j@x.org>\"\n"
              "COPY app.py /app/\nCMD python3 /app/app.py\nUSER 10001\n");
    struct stat st {};
    ::stat(path.c_str(), &st);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_EQ(r.err, "Fixed 3 findings in 1 file (1 remaining)\n");
    EXPECT_NE(r.out.find(":4:5 DL3025 [warning]"), std::string::npos) << r.out; // the unsafe one is left
    EXPECT_EQ(r.exit_code, 1);
    for (const auto& entry : fs::directory_iterator(dir_))
        EXPECT_EQ(entry.path().filename(), "Dockerfile") << "a temporary file was left behind";
}

TEST_F(FixCli, UnsafeFixesAndExitCodes) {
    const std::string path = write("Dockerfile", smelly_with_user);
    const auto r = run_drydock({"fix", "--no-config", "--unsafe-fixes", path});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(read(path).substr(read(path).rfind("CMD")), "CMD [\"python3\", \"/app/app.py\"]\nUSER 10001\n");
    EXPECT_EQ(r.err, "Fixed 4 findings in 1 file (0 remaining)\n");
    // Nothing left to fix: a second run changes nothing.
    const auto again = run_drydock({"fix", "--no-config", "--unsafe-fixes", "--exit-non-zero-on-fix", path});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(again.err, "Fixed 0 findings in 0 files (0 remaining)\n");
    write("Dockerfile", smelly_with_user);
    EXPECT_EQ(
        run_drydock({"fix", "--no-config", "--exit-non-zero-on-fix", "--select", "DL4000", path}).exit_code,
        1);
}

TEST_F(FixCli, KeepsCrlfAndBom) {
    const std::string path = write("Dockerfile", "\xEF\xBB\xBF"
                                                 "FROM alpine:3.20 as base\r\nADD a.txt /a\r\n");
    run_drydock({"fix", "--no-config", path});
    EXPECT_EQ(read(path), "\xEF\xBB\xBF"
                          "FROM alpine:3.20 AS base\r\nCOPY a.txt /a\r\n");
}

TEST_F(FixCli, DiffWritesNothing) {
    const std::string path = write("Dockerfile", smelly);
    const auto r = run_drydock({"fix", "--no-config", "--diff", "--select", "DL3020", path});
    EXPECT_EQ(read(path), smelly);
    EXPECT_EQ(
        r.out,
        "--- a/" + path + "\n+++ b/" + path +
            "\n@@ -1,4 +1,4 @@\n FROM alpine:3.20 as build\n"
            " MAINTAINER Jane <j@x.org>\n-ADD app.py /app/\n+COPY app.py /app/\n CMD python3 /app/app.py\n");
    EXPECT_EQ(r.err, "Would fix 1 finding in 1 file (0 remaining)\n");
}

TEST_F(FixCli, StdinAndStdoutPrintTheFixedText) {
    auto r = run_drydock({"fix", "--no-config", "--select", "from-as-casing", "-"}, "from alpine AS x\n");
    EXPECT_EQ(r.out, "from alpine as x\n");
    EXPECT_EQ(r.exit_code, 0);
    const std::string path = write("Dockerfile", smelly);
    r = run_drydock({"fix", "--no-config", "--stdout", "--select", "DL3020", path});
    EXPECT_EQ(
        r.out,
        "FROM alpine:3.20 as build\nMAINTAINER Jane <j@x.org>\nCOPY app.py /app/\nCMD python3 /app/app.py\n");
    EXPECT_EQ(read(path), smelly);
}

TEST_F(FixCli, ParseErrorsAreKeptAndTheRestIsFixed) {
    const std::string path = write("Dockerfile", "FROM alpine:3.20\nRUNN x\nADD a.txt /a\n");
    const auto r = run_drydock({"fix", "--no-config", path});
    EXPECT_EQ(read(path), "FROM alpine:3.20\nRUNN x\nCOPY a.txt /a\n");
    EXPECT_EQ(r.exit_code, 1); // the parse error remains
}

TEST_F(FixCli, MissingFileIsAnError) {
    const auto r = run_drydock({"fix", "--no-config", (dir_ / "nope").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "drydock: " + (dir_ / "nope").string() +
                         ": No such file or directory\n"
                         "Fixed 0 findings in 0 files (0 remaining)\n");
}

} // namespace
} // namespace drydock
