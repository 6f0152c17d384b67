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

TEST_F(FixCli, ManyFilesInParallelAndAFileNamedTwiceFixedOnce) {
    std::vector<std::string> args = {"fix", "--no-config", "-j", "2"};
    for (int i = 0; i < 8; ++i) {
        fs::create_directories(dir_ / std::to_string(i));
        args.push_back(write(std::to_string(i) + "/Dockerfile", smelly_with_user));
    }
    args.push_back((dir_ / "." / "0" / "Dockerfile").string()); // the first file again
    args.push_back((dir_ / "1").string());                      // the second, found in its folder
    const auto r = run_drydock(args);
    EXPECT_EQ(r.err, "Fixed 24 findings in 8 files (8 remaining)\n");
    EXPECT_EQ(r.exit_code, 1);
    for (int i = 0; i < 8; ++i)
        EXPECT_EQ(read((dir_ / std::to_string(i) / "Dockerfile").string()),
                  "FROM alpine:3.20 AS build\nLABEL org.opencontainers.image.authors=\"Jane <j@x.org>\"\n"
                  "COPY app.py /app/\nCMD python3 /app/app.py\nUSER 10001\n");
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

// The start command moved into an entrypoint script (DD2013): a fix that creates a file.
const std::string chained = "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\nUSER 1000:1000\n"
                            "CMD cd /app && node migrate.js && node server.js\n";
const std::string chained_fixed = "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\nUSER 1000:1000\n"
                                  "COPY --chmod=0755 docker-entrypoint.sh /usr/local/bin/\n"
                                  "ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n";
const std::string entrypoint_script = "#!/bin/sh\nset -eu\ncd /app\nnode migrate.js\nexec \"$@\"\n";

TEST_F(FixCli, CreatesTheEntrypointScriptBesideTheDockerfile) {
    const std::string path = write("Dockerfile", chained);
    const auto r = run_drydock({"fix", "--no-config", "--unsafe-fixes", "--select", "DD2013", path});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(read(path), chained_fixed);
    const std::string script = (dir_ / "docker-entrypoint.sh").string();
    EXPECT_EQ(read(script), entrypoint_script);
    struct stat st {};
    ASSERT_EQ(::stat(script.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0755u);
    EXPECT_EQ(r.err, "Fixed 1 finding in 1 file (0 remaining)\n");
    // Fixed: nothing left, nothing created again.
    const auto again = run_drydock({"fix", "--no-config", "--unsafe-fixes", "--select", "DD2013", path});
    EXPECT_EQ(again.err, "Fixed 0 findings in 0 files (0 remaining)\n");
}

TEST_F(FixCli, DiffShowsTheCreatedFileAndWritesNothing) {
    const std::string path = write("Dockerfile", chained);
    const auto r =
        run_drydock({"fix", "--no-config", "--unsafe-fixes", "--diff", "--select", "DD2013", path});
    const std::string script = (dir_ / "docker-entrypoint.sh").string();
    EXPECT_FALSE(fs::exists(script));
    EXPECT_EQ(read(path), chained);
    EXPECT_EQ(r.out,
              "--- a/" + path + "\n+++ b/" + path +
                  "\n@@ -2,4 +2,6 @@\n WORKDIR /app\n COPY . .\n USER 1000:1000\n"
                  "-CMD cd /app && node migrate.js && node server.js\n"
                  "+COPY --chmod=0755 docker-entrypoint.sh /usr/local/bin/\n"
                  "+ENTRYPOINT [\"docker-entrypoint.sh\"]\n+CMD [\"node\", \"server.js\"]\n"
                  "--- /dev/null\n+++ b/" +
                  script +
                  "\n@@ -0,0 +1,5 @@\n+#!/bin/sh\n+set -eu\n+cd /app\n+node migrate.js\n+exec \"$@\"\n");
}

TEST_F(FixCli, NeverOverwritesAnExistingScript) {
    const std::string path = write("Dockerfile", chained);
    const std::string script = write("docker-entrypoint.sh", "#!/bin/sh\necho mine\n");
    const auto r = run_drydock({"fix", "--no-config", "--unsafe-fixes", "--select", "DD2013", path});
    EXPECT_EQ(read(path), chained);
    EXPECT_EQ(read(script), "#!/bin/sh\necho mine\n");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("DD2013"), std::string::npos) << r.out;
    const auto lint = run_drydock({"lint", "--no-config", "--format", "json", "--select", "DD2013", path});
    EXPECT_NE(lint.out.find("\"applicability\":\"display-only\""), std::string::npos) << lint.out;
    EXPECT_NE(lint.out.find("exists already"), std::string::npos) << lint.out;
}

TEST_F(FixCli, StandardOutputGetsNoCreatingFix) {
    const std::string path = write("Dockerfile", chained);
    const auto r =
        run_drydock({"fix", "--no-config", "--unsafe-fixes", "--stdout", "--select", "DD2013", path});
    EXPECT_EQ(r.out, chained);
    EXPECT_FALSE(fs::exists(dir_ / "docker-entrypoint.sh"));
}

TEST_F(FixCli, SimpleShellCommandsNeedTheRuleSelectedByName) {
    const std::string path = write("Dockerfile", "FROM python:3.12-slim\nUSER 1000\nCMD python app.py\n");
    EXPECT_EQ(run_drydock({"lint", "--no-config", "--format", "gnu", path}).out.find("DD2013"),
              std::string::npos);
    EXPECT_NE(run_drydock({"lint", "--no-config", "--format", "gnu", "--select", "entrypoint-script", path})
                  .out.find("DD2013"),
              std::string::npos);
    write("Dockerfile", "FROM python:3.12-slim\nUSER 1000\nCMD cd /srv && python app.py\n");
    const std::string out = run_drydock({"lint", "--no-config", "--format", "gnu", path}).out;
    EXPECT_NE(out.find("drydock:" + path + ":3:1: DD2013 info: The shell-form CMD chains set-up steps"),
              std::string::npos)
        << out;
}

} // namespace
} // namespace drydock
