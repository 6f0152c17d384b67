// End-to-end tests of the drydock binary: lint (config discovery, hadolint's .hadolint.yaml, pragmas, stdin,
// exit codes, errors), rules, explain and parse.

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>
#include <unistd.h>

namespace drydock {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_drydock;
using testing::TempDir;

const std::string project_dir = std::string(DRYDOCK_SOURCE_DIR) + "/tests/cli/projects/webapp";

using Finding =
    std::tuple<std::string, std::string, int, int, std::string>; // file, code, line, column, level

std::set<Finding> findings(const std::string& json_text) {
    std::set<Finding> out;
    for (const json& f : json::parse(json_text))
        out.insert({f.at("file").get<std::string>(), f.at("code").get<std::string>(), f.at("line").get<int>(),
                    f.at("column").get<int>(), f.at("level").get<std::string>()});
    return out;
}

TEST(LintCli, HadolintConfigOfARealProjectIsHonoured) {
    // .hadolint.yaml: ignored DL3059, DL3007 -> error, DL3008 -> info, DL3025 -> style, threshold warning.
    const auto result = run_drydock({"lint", "--format", "json", "."}, {}, project_dir);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_EQ(result.err, "");
    const std::set<Finding> expected{
        {"./Dockerfile", "DL3007", 1, 13, "error"},
        {"./Dockerfile", "DL3008", 3, 48, "info"},
        {"./Dockerfile", "DL3000", 4, 9, "error"},
        {"./Dockerfile", "DL3025", 5, 5, "style"},
        {"./Dockerfile", "DL3009", 2, 5, "info"},
        // api/Dockerfile line 3 is suppressed by `# hadolint ignore=DL3008` above it (DL3009 is not).
        {"./api/Dockerfile", "DL3008", 4, 48, "info"},
        {"./api/Dockerfile", "DL3009", 3, 5, "info"},
    };
    EXPECT_EQ(findings(result.out), expected);
}

TEST(LintCli, FailureThresholdFromConfigDecidesTheExitCode) {
    // Only an info finding, below the project's `failure-threshold: warning`.
    const auto result = run_drydock({"lint", "api/Dockerfile"}, {}, project_dir);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find("api/Dockerfile:4:48 DL3008 [info]"), std::string::npos) << result.out;
}

TEST(LintCli, NoConfigUsesDefaults) {
    const auto result =
        run_drydock({"lint", "--no-config", "--format", "json", "Dockerfile"}, {}, project_dir);
    EXPECT_EQ(result.exit_code, 1);
    const std::set<Finding> expected{
        {"Dockerfile", "DL3007", 1, 13, "warning"}, {"Dockerfile", "DL3059", 3, 1, "info"},
        {"Dockerfile", "DL3008", 3, 48, "warning"}, {"Dockerfile", "DL3000", 4, 9, "error"},
        {"Dockerfile", "DL3025", 5, 5, "warning"},  {"Dockerfile", "DL3009", 2, 5, "info"},
    };
    EXPECT_EQ(findings(result.out), expected);
}

TEST(LintCli, CommandLineFlagsOverrideTheConfig) {
    auto result = run_drydock({"lint", "--format", "json", "--select", "DL3000,from-latest", "--error",
                               "DL3000", "--warning", "DL3007", "Dockerfile"},
                              {}, project_dir);
    EXPECT_EQ(findings(result.out), (std::set<Finding>{{"Dockerfile", "DL3007", 1, 13, "error"},
                                                       {"Dockerfile", "DL3000", 4, 9, "error"}}))
        << "the config's `override.error: [DL3007]` is more severe than --warning and wins, as in hadolint";
    result = run_drydock({"lint", "--format", "json", "--ignore", "DL3000", "--ignore",
                          "DL3007,DL3008,DL3009,DL3025", "Dockerfile"},
                         {}, project_dir);
    EXPECT_EQ(findings(result.out), std::set<Finding>{});
    EXPECT_EQ(result.exit_code, 0);
}

TEST(LintCli, ExitCodesFollowThresholdAndNoFail) {
    TempDir dir;
    dir.write("Dockerfile", "FROM alpine:3.20\nCMD echo hi\n"); // DL3025, a warning
    const std::string file = (dir.path() / "Dockerfile").string();
    EXPECT_EQ(run_drydock({"lint", "--no-config", file}).exit_code, 1);
    EXPECT_EQ(run_drydock({"lint", "--no-config", "--failure-threshold", "error", file}).exit_code, 0);
    EXPECT_EQ(run_drydock({"lint", "--no-config", "--failure-threshold", "warning", file}).exit_code, 1);
    EXPECT_EQ(run_drydock({"lint", "--no-config", "--no-fail", file}).exit_code, 0);
    EXPECT_EQ(run_drydock({"lint", "--no-config", "--failure-threshold", "loud", file}).exit_code, 2);
    EXPECT_EQ(run_drydock({"lint"}).exit_code, 2);
}

TEST(LintCli, StdinWithAFileName) {
    const auto result =
        run_drydock({"lint", "--no-config", "--format", "json", "--stdin-filename", "svc/Dockerfile", "-"},
                    "FROM alpine:3.20\nWORKDIR srv\nUSER 10001\n");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(findings(result.out), (std::set<Finding>{{"svc/Dockerfile", "DL3000", 2, 9, "error"}}));
}

TEST(LintCli, ParseErrorsAreFindingsAndTheRestIsStillChecked) {
    const auto result = run_drydock({"lint", "--no-config", "--format", "json", "-"},
                                    "FROM alpine:3.20\nRUNN echo\nWORKDIR srv\nUSER 10001\n");
    EXPECT_EQ(result.exit_code, 1);
    const json out = json::parse(result.out);
    ASSERT_EQ(out.size(), 2u) << result.out;
    EXPECT_EQ(out[0]["code"], "DL1000");
    EXPECT_EQ(out[0]["line"], 2);
    EXPECT_EQ(out[0]["column"], 1);
    EXPECT_EQ(out[0]["message"], "unknown instruction: RUNN (did you mean RUN?)");
    EXPECT_EQ(out[1]["code"], "DL3000");
    EXPECT_EQ(out[1]["line"], 3);
}

TEST(LintCli, UnreadableFileIsAnErrorAndOtherFilesAreStillLinted) {
    TempDir dir;
    const fs::path good = dir.write("Dockerfile", "FROM alpine:3.20\nWORKDIR srv\nUSER 10001\n");
    const auto result = run_drydock({"lint", "--no-config", "--format", "json",
                                     (dir.path() / "missing.Dockerfile").string(), good.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err,
              "drydock: " + (dir.path() / "missing.Dockerfile").string() + ": No such file or directory\n");
    EXPECT_EQ(findings(result.out), (std::set<Finding>{{good.string(), "DL3000", 2, 9, "error"}}));
}

TEST(LintCli, BrokenConfigIsAClearError) {
    TempDir dir;
    dir.write(".hadolint.yaml", "ignored:\n  - DL3000\nfailure-threshold: loud\n");
    dir.write("Dockerfile", "FROM alpine:3.20\n");
    const auto result = run_drydock({"lint", "Dockerfile"}, {}, dir.path().string());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find(".hadolint.yaml:3:20: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("failure-threshold"), std::string::npos) << result.err;
}

TEST(LintCli, ConfigIsFoundByWalkingUpFromTheDockerfile) {
    TempDir dir;
    fs::create_directories(dir.path() / ".git");
    dir.write(".drydock.yaml", "select: [DL3000]\n");
    dir.write("services/api/Dockerfile", "FROM alpine\nWORKDIR srv\n"); // DL3006 is not selected
    const auto result =
        run_drydock({"lint", "--format", "json", "services/api/Dockerfile"}, {}, dir.path().string());
    EXPECT_EQ(findings(result.out),
              (std::set<Finding>{{"services/api/Dockerfile", "DL3000", 2, 9, "error"}}));
}

TEST(LintCli, PragmasWithCodesAndNames) {
    const auto result = run_drydock({"lint", "--no-config", "--format", "json", "-"},
                                    "FROM alpine:3.20\n"
                                    "# hadolint ignore=DL3000\n"
                                    "WORKDIR a\n"
                                    "# drydock ignore=workdir-absolute # generated paths\n"
                                    "WORKDIR b\n"
                                    "WORKDIR c\n"
                                    "USER 10001\n");
    EXPECT_EQ(findings(result.out), (std::set<Finding>{{"-", "DL3000", 6, 9, "error"}}));
}

TEST(LintCli, FolderDiscoverySkipsGitAndIgnoredFolders) {
    TempDir dir;
    const std::string bad = "FROM alpine:3.20\nWORKDIR x\n";
    dir.write(".gitignore", "node_modules/\n*.tmp.Dockerfile\n");
    dir.write("Dockerfile", bad);
    dir.write("api/Dockerfile.prod", bad);
    dir.write("web/web.Dockerfile", bad);
    dir.write("Containerfile", bad);
    dir.write("node_modules/pkg/Dockerfile", bad);
    dir.write("scratch.tmp.Dockerfile", bad);
    dir.write(".git/Dockerfile", bad);
    dir.write("README.md", "# not a Dockerfile\n");
    const auto result =
        run_drydock({"lint", "--no-config", "--format", "json", "."}, {}, dir.path().string());
    std::set<std::string> files;
    for (const json& f : json::parse(result.out))
        files.insert(f["file"].get<std::string>());
    EXPECT_EQ(files, (std::set<std::string>{"./Containerfile", "./Dockerfile", "./api/Dockerfile.prod",
                                            "./web/web.Dockerfile"}));
}

TEST(LintCli, TtyOutputWithSnippet) {
    const auto result =
        run_drydock({"lint", "--no-config", "--no-color", "--stdin-filename", "Dockerfile", "-"},
                    "FROM alpine:3.20\nWORKDIR app\nUSER 10001\n");
    EXPECT_EQ(result.out, "Dockerfile:2:9 DL3000 [error] Use absolute WORKDIR: 'app' is relative\n"
                          "  2 | WORKDIR app\n"
                          "    |         ^^^\n"
                          "\n"
                          "1 finding (1 error) in 1 file\n"
                          "1 fixable with `drydock fix --unsafe-fixes`\n");
}

TEST(LintCli, BuildContextIsTheDockerfilesFolderOrTheContextOption) {
    TempDir dir;
    dir.write(".dockerignore", "*.log\n");
    dir.write("docker/app.Dockerfile", "FROM alpine:3.20\nCOPY debug.log /var/log/\n");
    const std::vector<std::string> lint = {"lint", "--no-config", "--format", "json", "--select", "DD1013"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = lint;
        args.insert(args.end(), extra.begin(), extra.end());
        return run_drydock(args, {}, dir.path().string());
    };
    // docker/ has no .dockerignore: nothing is excluded there.
    EXPECT_EQ(findings(with({"docker/app.Dockerfile"}).out), std::set<Finding>{});
    const std::set<Finding> excluded{{"docker/app.Dockerfile", "DD1013", 2, 6, "warning"}};
    EXPECT_EQ(findings(with({"--context", ".", "docker/app.Dockerfile"}).out), excluded);
    // `<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's.
    dir.write("docker/app.Dockerfile.dockerignore", "tmp\n");
    EXPECT_EQ(findings(with({"--context", ".", "docker/app.Dockerfile"}).out), std::set<Finding>{});
    // Standard input: the context of --stdin-filename's folder, or --context.
    const std::string text = "FROM alpine:3.20\nCOPY debug.log /var/log/\n";
    std::vector<std::string> stdin_args = lint;
    stdin_args.insert(stdin_args.end(), {"--stdin-filename", "Dockerfile", "-"});
    EXPECT_EQ(findings(run_drydock(stdin_args, text, dir.path().string()).out),
              (std::set<Finding>{{"Dockerfile", "DD1013", 2, 6, "warning"}}));
    stdin_args = lint;
    stdin_args.push_back("-");
    EXPECT_EQ(findings(run_drydock(stdin_args, text, dir.path().string()).out), std::set<Finding>{});
}

TEST(RulesCli, ListsAndExplainsRules) {
    const auto rules = run_drydock({"rules", "--format", "json"});
    EXPECT_EQ(rules.exit_code, 0);
    bool found = false;
    for (const json& r : json::parse(rules.out))
        found =
            found || (r["code"] == "DL3000" && r["name"] == "workdir-absolute" && r["severity"] == "error");
    EXPECT_TRUE(found) << rules.out;

    const auto by_code = run_drydock({"explain", "DL3000"});
    const auto by_name = run_drydock({"explain", "workdir-absolute"});
    EXPECT_EQ(by_code.exit_code, 0);
    EXPECT_EQ(by_code.out, by_name.out);
    EXPECT_EQ(by_code.out.rfind("<a id=\"DL3000\"></a>\n\n## DL3000 `workdir-absolute`\n", 0), 0u)
        << by_code.out;
    EXPECT_NE(by_code.out.find("### Why is this bad?"), std::string::npos);

    const auto missing = run_drydock({"explain", "DL9999"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err, "drydock: no rule 'DL9999' (see `drydock rules`)\n");
}

TEST(ParseCli, JsonRangesPointAtTheKeywordAsWritten) {
    const std::string text = "# syntax=docker/dockerfile:1\nfrom alpine:3.20 AS base\n  run echo \\\n  hi\n";
    const auto result = run_drydock({"parse", "-"}, text);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const json tree = json::parse(result.out);
    EXPECT_EQ(tree["directives"][0]["name"], "syntax");
    ASSERT_EQ(tree["instructions"].size(), 2u);
    for (const json& ins : tree["instructions"]) {
        const std::size_t start = ins["range"]["start"], end = ins["range"]["end"];
        EXPECT_EQ(text.substr(start, ins["keyword"].get<std::string>().size()), ins["keyword"]);
        EXPECT_LE(end, text.size());
    }
    EXPECT_EQ(tree["instructions"][1]["keyword"], "run");
    EXPECT_EQ(tree["instructions"][1]["line"], 3);
    EXPECT_EQ(tree["instructions"][1]["column"], 3);
    EXPECT_EQ(tree["instructions"][0]["from"]["stage"]["raw"], "base");
    EXPECT_EQ(tree["errors"].size(), 0u);
}

TEST(ParseCli, ExitStatusForErrorsAndUsage) {
    const auto broken = run_drydock({"parse", "-"}, "FROM a\nCOPY --chown onlyone\n");
    EXPECT_EQ(broken.exit_code, 1);
    const json tree = json::parse(broken.out);
    ASSERT_FALSE(tree["errors"].empty());
    EXPECT_EQ(tree["errors"][0]["line"], 2);
    EXPECT_EQ(broken.err.rfind("-:2:6: error: ", 0), 0u) << broken.err;
    EXPECT_EQ(run_drydock({"parse"}).exit_code, 2);
    EXPECT_EQ(run_drydock({"parse", "/nonexistent/Dockerfile"}).exit_code, 2);
    EXPECT_EQ(run_drydock({"frobnicate"}).exit_code, 2);
}

} // namespace
} // namespace drydock
