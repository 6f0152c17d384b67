// End-to-end tests of compose files through the binary: discovery by name and `--compose`, the demo app
// (`drydock lint samples/` reports on the compose file and both Dockerfiles it builds; `drydock fix
// --unsafe-fixes` hardens its compose file into tests/cli/golden/compose/docker-compose.unsafe-fixed.yml),
// the Dockerfiles a compose file builds linted once each, YAML errors with their position, pragmas, and every
// output format (golden files in tests/cli/golden/compose/; DRYDOCK_UPDATE_FIXTURES=1 rewrites them).

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

namespace drydock {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_drydock;
using testing::TempDir;

const fs::path source_dir{DRYDOCK_SOURCE_DIR};
const fs::path golden_dir = source_dir / "tests" / "cli" / "golden" / "compose";

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Findings per file: file -> codes.
std::map<std::string, std::multiset<std::string>> codes_by_file(const std::string& json_text) {
    std::map<std::string, std::multiset<std::string>> out;
    for (const json& f : json::parse(json_text))
        out[f.at("file").get<std::string>()].insert(f.at("code").get<std::string>());
    return out;
}

TEST(ComposeCli, DemoAppIsLintedWithBothDockerfilesItBuilds) {
    const auto r = run_drydock({"lint", "--no-config", "--no-shellcheck", "--format", "json", "samples/"}, {},
                               source_dir.string());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto by_file = codes_by_file(r.out);
    ASSERT_TRUE(by_file.count("samples/docker-compose.yml")) << r.out;
    ASSERT_TRUE(by_file.count("samples/backend-flask/Dockerfile")) << r.out;
    ASSERT_TRUE(by_file.count("samples/frontend-react-js/Dockerfile")) << r.out;
    const std::multiset<std::string>& compose = by_file.at("samples/docker-compose.yml");
    for (const std::string code : {"DD5001", "DD5003", "DD5005", "DD5010", "DD5011", "DD5013", "DD5015"})
        EXPECT_TRUE(compose.count(code)) << code << " missing from " << r.out;
    EXPECT_EQ(compose.count("DD5010"), 2U); // DynamoDB Local and Postgres
    EXPECT_EQ(compose.count("DD5001"), 4U); // no service has a health check
    EXPECT_EQ(compose.count("DL1000"), 0U);
}

TEST(ComposeCli, AComposeFileBringsItsDockerfilesOnceEach) {
    // Given alone, the compose file brings the Dockerfiles it builds; given too, they are not linted twice.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"samples/docker-compose.yml"},
          std::vector<std::string>{"samples/docker-compose.yml", "samples/backend-flask/Dockerfile"},
          std::vector<std::string>{"samples/backend-flask/Dockerfile", "samples/docker-compose.yml"}}) {
        std::vector<std::string> command{"lint", "--no-config", "--no-shellcheck", "--format", "json"};
        command.insert(command.end(), args.begin(), args.end());
        const auto r = run_drydock(command, {}, source_dir.string());
        std::set<std::string> files;
        std::map<std::string, int> dl3042; // one finding of a rule of the backend Dockerfile, per file
        for (const json& f : json::parse(r.out)) {
            files.insert(f.at("file").get<std::string>());
            if (f.at("code") == "DL3042")
                ++dl3042[f.at("file").get<std::string>()];
        }
        EXPECT_EQ(files,
                  (std::set<std::string>{"samples/docker-compose.yml", "samples/backend-flask/Dockerfile",
                                         "samples/frontend-react-js/Dockerfile"}));
        EXPECT_EQ(dl3042["samples/backend-flask/Dockerfile"], 1) << r.out;
    }
}

TEST(ComposeCli, DiscoveryByNameAndTheComposeOption) {
    TempDir dir;
    const std::string service = "services:\n  web:\n    image: nginx\n";
    dir.write("compose.yaml", service);
    dir.write("docker-compose.prod.yml", service);
    dir.write("deploy/docker-compose-dev.yaml", service);
    dir.write("stack.yml", service);       // not a compose file name
    dir.write("config/app.yaml", service); // nor this
    auto r = run_drydock({"lint", "--no-config", "--format", "json", "--select", "DD5011", "."}, {},
                         dir.path().string());
    EXPECT_EQ(r.exit_code, 1);
    std::set<std::string> files;
    for (const auto& [file, codes] : codes_by_file(r.out))
        files.insert(file);
    EXPECT_EQ(files, (std::set<std::string>{"./compose.yaml", "./deploy/docker-compose-dev.yaml",
                                            "./docker-compose.prod.yml"}));
    r = run_drydock(
        {"lint", "--no-config", "--format", "json", "--select", "DD5011", "--compose", "stack.yml"}, {},
        dir.path().string());
    EXPECT_EQ(codes_by_file(r.out)["stack.yml"], std::multiset<std::string>{"DD5011"}) << r.out << r.err;
    // Standard input is a compose file when its name says so.
    r = run_drydock({"lint", "--no-config", "--format", "json", "--select", "DD5011", "--stdin-filename",
                     "docker-compose.yml", "-"},
                    service);
    EXPECT_EQ(codes_by_file(r.out)["docker-compose.yml"], std::multiset<std::string>{"DD5011"}) << r.out;
}

TEST(ComposeCli, YamlErrorsAreReportedWithTheirPosition) {
    const auto r = run_drydock({"lint", "--no-config", "--no-color", "--stdin-filename", "compose.yaml", "-"},
                               "services:\n  web:\n    image: nginx:1.27\n  - oops\n");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("compose.yaml:4:3 DL1000 [error] invalid YAML: end of map not found"),
              std::string::npos)
        << r.out;
}

TEST(ComposeCli, PragmasInYamlComments) {
    const auto r = run_drydock({"lint", "--no-config", "--format", "json", "--select", "DD5004,DD5011,DD0002",
                                "--stdin-filename", "compose.yaml", "-"},
                               "services:\n"
                               "  # drydock ignore=privileged-service,service-image-latest # a build runner\n"
                               "  runner:\n"
                               "    image: docker:dind\n"
                               "    privileged: true\n"
                               "  other:\n"
                               "    image: docker:dind  # drydock ignore=DD5011\n"
                               "    privileged: true\n"
                               "  # drydock ignore=no-such-rule\n"
                               "  last:\n"
                               "    image: redis:7\n");
    std::multiset<std::string> codes;
    std::set<int> lines;
    for (const json& f : json::parse(r.out)) {
        codes.insert(f.at("code").get<std::string>());
        lines.insert(f.at("line").get<int>());
    }
    EXPECT_EQ(codes, (std::multiset<std::string>{"DD0002", "DD5004"})) << r.out;
    EXPECT_EQ(lines, (std::set<int>{8, 9})) << r.out;
}

TEST(ComposeCli, FixHardensTheDemoComposeFile) {
    // A copy of the demo app's compose file and the Dockerfiles it builds.
    TempDir dir;
    const fs::path samples = source_dir / "samples";
    const fs::path compose = dir.write("docker-compose.yml", read(samples / "docker-compose.yml"));
    dir.write("backend-flask/Dockerfile", read(samples / "backend-flask" / "Dockerfile"));
    dir.write("frontend-react-js/Dockerfile", read(samples / "frontend-react-js" / "Dockerfile"));

    const auto r =
        run_drydock({"fix", "--no-config", "--no-shellcheck", "--unsafe-fixes", "docker-compose.yml"}, {},
                    dir.path().string());
    const fs::path golden = golden_dir / "docker-compose.unsafe-fixed.yml";
    if (std::getenv("DRYDOCK_UPDATE_FIXTURES")) {
        fs::create_directories(golden_dir);
        std::ofstream(golden, std::ios::binary) << read(compose);
        return;
    }
    EXPECT_EQ(read(compose), read(golden)) << "the fixed demo compose file differs from " << golden.string();
    EXPECT_EQ(read(dir.path() / "backend-flask" / "Dockerfile"),
              read(samples / "backend-flask" / "Dockerfile"))
        << "fix changes only the files it is given";
    EXPECT_NE(r.err.find("Fixed 11 findings in 1 file"), std::string::npos) << r.err;
    // What is left has no fix to apply: a second run changes nothing.
    const auto again = run_drydock({"fix", "--no-config", "--no-shellcheck", "--unsafe-fixes",
                                    "--exit-non-zero-on-fix", "docker-compose.yml"},
                                   {}, dir.path().string());
    EXPECT_NE(again.err.find("Fixed 0 findings in 0 files"), std::string::npos) << again.err;
    EXPECT_EQ(read(compose), read(golden));
}

// The SARIF of compose findings against the official schema (tests/sarif/validate.js; needs node and `npm ci`
// in tests/sarif, skipped otherwise).
TEST(ComposeCli, SarifOfComposeFindingsValidatesAgainstTheSchema) {
    const fs::path validator = source_dir / "tests" / "sarif";
    if (!fs::exists(validator / "node_modules" / "@microsoft" / "jest-sarif"))
        GTEST_SKIP() << "SARIF validator not installed (npm ci in tests/sarif)";
    std::string node;
    const char* path = std::getenv("PATH");
    for (std::string_view dirs = path ? path : ""; !dirs.empty() && node.empty();) {
        const std::string_view dir = dirs.substr(0, dirs.find(':'));
        if (fs::exists(fs::path(dir) / "node"))
            node = (fs::path(dir) / "node").string();
        dirs.remove_prefix(std::min(dirs.size(), dir.size() + 1));
    }
    if (node.empty())
        GTEST_SKIP() << "node not found on PATH";
    const auto r = testing::run_process(
        node, {(validator / "validate.js").string(), (golden_dir / "lint.sarif.golden").string()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

class ComposeFormatGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ComposeFormatGolden, MatchesTheGoldenFile) {
    const std::string format = GetParam();
    const auto r = run_drydock({"lint", "--no-config", "--no-color", "--format", format, "--stdin-filename",
                                "docker-compose.yml", "-"},
                               read(golden_dir / "input.yml"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "");
    const fs::path golden = golden_dir / ("lint." + format + ".golden");
    if (std::getenv("DRYDOCK_UPDATE_FIXTURES")) {
        std::ofstream(golden, std::ios::binary) << r.out;
        return;
    }
    EXPECT_EQ(r.out, read(golden)) << "the " << format << " output differs from " << golden.string();
}

INSTANTIATE_TEST_SUITE_P(Formats, ComposeFormatGolden,
                         ::testing::Values("tty", "json", "sarif", "checkstyle", "gitlab", "gnu", "github"));

} // namespace
} // namespace drydock
