#pragma once
// Access to the shared real-world corpus (../shared/corpus beside the checkout). Tests that need it skip with
// a clear message where it is absent, e.g. in a user's fresh clone.

#include <filesystem>
#include <string>
#include <vector>

namespace drydock::testing {

std::filesystem::path corpus_root();
// Every file under corpus/dockerfiles, sorted; empty when the corpus is absent.
std::vector<std::filesystem::path> corpus_dockerfiles();
// Every file under corpus/compose (compose files), sorted; empty when the corpus is absent.
std::vector<std::filesystem::path> corpus_compose_files();
std::string read_file(const std::filesystem::path& path);

} // namespace drydock::testing

// Skips the current test when the corpus is not there.
#define DRYDOCK_REQUIRE_CORPUS()                                                                             \
    do {                                                                                                     \
        if (::drydock::testing::corpus_dockerfiles().empty())                                                \
            GTEST_SKIP() << "shared corpus not found at " << ::drydock::testing::corpus_root()               \
                         << " (lay ../shared beside the checkout to run corpus tests)";                      \
    } while (false)
