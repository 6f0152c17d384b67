#pragma once
// A fresh folder under the system temp dir for one test, removed when the test ends.

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace drydock::testing {

class TempDir {
public:
    TempDir() {
        path_ = std::filesystem::temp_directory_path() /
                ("drydock-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes `text` (bytes as given) to `relative`, creating folders; returns the full path.
    std::filesystem::path write(const std::string& relative, const std::string& text) const {
        const std::filesystem::path p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

private:
    static inline int counter_ = 0;
    std::filesystem::path path_;
};

} // namespace drydock::testing
