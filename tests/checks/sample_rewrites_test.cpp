// The sample apps' golden rewrites (samples/<app>/Dockerfile.fixed, docker-entrypoint.sh.fixed) are exactly
// what the fix loop makes of their Dockerfiles with unsafe fixes on, as scripts/image-test.sh runs it
// (`--ignore base-image-eol`: the stand-in images only have Debian's toolchain versions). The image test
// builds and runs them where podman can; this test checks the rewrite itself on every machine, and that it is
// final.

#include <drydock/checks/fix_loop.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace drydock {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(SampleRewrites, FixingEachSampleGivesItsGolden) {
    const fs::path samples = fs::path(DRYDOCK_SOURCE_DIR) / "samples";
    std::size_t checked = 0;
    for (const fs::directory_entry& app : fs::directory_iterator(samples)) {
        const fs::path golden = app.path() / "Dockerfile.fixed";
        if (!fs::exists(golden))
            continue;
        Config config;
        config.ignored = {"base-image-eol"};
        config.today =
            "2026-12-01"; // as scripts/image-test.sh: the date-dependent rules do not age the goldens
        config.dockerfile_path = (app.path() / "Dockerfile").string();
        config.build_context = app.path().string();
        FixRequest request;
        request.minimum = Applicability::Unsafe;
        const FixReport report = fix_text(read(app.path() / "Dockerfile"), config, request);
        EXPECT_EQ(report.text, read(golden)) << app.path().filename().string();
        EXPECT_TRUE(report.broken.empty() && report.did_not_converge.empty())
            << app.path().filename().string();
        const fs::path script_golden = app.path() / "docker-entrypoint.sh.fixed";
        if (fs::exists(script_golden)) {
            ASSERT_EQ(report.new_files.size(), 1U) << app.path().filename().string();
            EXPECT_EQ(report.new_files.front().path, "docker-entrypoint.sh");
            EXPECT_EQ(report.new_files.front().content, read(script_golden));
            EXPECT_EQ(report.new_files.front().mode, 0755U);
        } else {
            EXPECT_TRUE(report.new_files.empty()) << app.path().filename().string();
        }
        // The rewrite is final: fixing the golden again changes nothing.
        EXPECT_EQ(fix_text(report.text, config, request).text, report.text) << app.path().filename().string();
        ++checked;
    }
    EXPECT_GE(checked, 6U);
}

} // namespace
} // namespace drydock
