// The OS package-manager fixes working together, with every rule on (the rule fixtures select one rule
// each): Parfum's stale-lists regression, its positive case, and `apt` -> `apt-get`, which waits while the
// result would raise a finding that no fix removes.

#include <drydock/checks/config.hpp>
#include <drydock/checks/fix_loop.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock {
namespace {

std::string fixed(const std::string& text, std::vector<std::string> ignored = {},
                  Applicability minimum = Applicability::Safe) {
    Config config;
    config.select = {"all"};
    config.ignored = std::move(ignored);
    config.shellcheck = false;
    FixRequest request;
    request.minimum = minimum;
    const FixReport report = fix_text(text, config, request);
    EXPECT_TRUE(report.broken.empty());
    EXPECT_TRUE(report.did_not_converge.empty());
    return report.text;
}

// Parfum appended `rm -rf /var/lib/apt/lists/*;` after the lone update, and the installs of the next RUNs
// failed with "Unable to locate package". The lists stay while a later RUN installs without an update.
TEST(PackageFixes, KeepsListsThatLaterInstallsRead) {
    const std::string text = "FROM debian:12\n"
                             "RUN apt-get update\n"
                             "RUN apt install curl\n"
                             "RUN apt-get install -y git\n";
    EXPECT_EQ(fixed(text), text);
    EXPECT_EQ(fixed(text, {"DL3008"}), text); // curl and git may need the ca-certificates they recommend
}

// Parfum's positive case, in one RUN: every fix joins the RUN, the lists go last, nothing else changes.
TEST(PackageFixes, FixesAnInstallInOneRun) {
    EXPECT_EQ(
        fixed("FROM debian:12\n"
              "RUN apt-get update && apt-get install curl ca-certificates\n"),
        "FROM debian:12\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf "
        "/var/lib/apt/lists/*\n");
}

// As `apt-get install`, an unpinned package is reported by DL3008, which has no fix: while DL3008 is on,
// `apt install jq` stays. The `apt update` of the first RUN keeps its lists for that later install.
TEST(PackageFixes, AptBecomesAptGetWithoutNewFindings) {
    const std::string text = "FROM debian:12\n"
                             "RUN apt update && apt install curl=7.88.1-10 ca-certificates=20230311\n"
                             "RUN apt install -y jq\n";
    EXPECT_EQ(fixed(text), "FROM debian:12\n"
                           "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 "
                           "ca-certificates=20230311\n"
                           "RUN apt install -y jq\n");
    EXPECT_EQ(fixed(text, {"DL3008"}), "FROM debian:12\n"
                                       "RUN apt-get update && apt-get install -y --no-install-recommends "
                                       "curl=7.88.1-10 ca-certificates=20230311\n"
                                       "RUN apt-get install -y --no-install-recommends jq\n");
}

} // namespace
} // namespace drydock
