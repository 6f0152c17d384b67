// Writing files atomically: replacing a file keeps its mode; creating one never replaces what is there,
// leaves no temporary file behind, and says why it failed.

#include "cli/atomic_write.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace drydock::cli {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(CreateAtomically, CreatesTheFileWithItsMode) {
    testing::TempDir dir;
    const fs::path path = dir.path() / "docker-entrypoint.sh";
    EXPECT_EQ(create_atomically(path.string(), "#!/bin/sh\nexec \"$@\"\n", 0755), "");
    EXPECT_EQ(read(path), "#!/bin/sh\nexec \"$@\"\n");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755u);
    EXPECT_EQ(entries(dir.path()), 1u); // no temporary file left
}

TEST(CreateAtomically, NeverReplacesAnExistingFile) {
    testing::TempDir dir;
    const fs::path path = dir.write("docker-entrypoint.sh", "mine\n");
    EXPECT_EQ(create_atomically(path.string(), "theirs\n", 0755),
              path.string() + ": exists already; drydock never overwrites a file it creates");
    EXPECT_EQ(read(path), "mine\n");
    EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(CreateAtomically, ReportsAMissingFolder) {
    testing::TempDir dir;
    const fs::path path = dir.path() / "missing" / "docker-entrypoint.sh";
    const std::string error = create_atomically(path.string(), "x\n", 0644);
    EXPECT_EQ(error, path.string() + ": cannot create a temporary file beside it: No such file or directory");
}

} // namespace
} // namespace drydock::cli
