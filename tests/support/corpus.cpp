#include "corpus.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace drydock::testing {

std::filesystem::path corpus_root() {
    return std::filesystem::path(DRYDOCK_SHARED_DIR) / "corpus";
}

std::vector<std::filesystem::path> corpus_dockerfiles() {
    static const std::vector<std::filesystem::path> files = [] {
        std::vector<std::filesystem::path> out;
        const auto dir = corpus_root() / "dockerfiles";
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec))
            return out;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
            if (entry.is_regular_file())
                out.push_back(entry.path());
        std::sort(out.begin(), out.end());
        return out;
    }();
    return files;
}

std::vector<std::filesystem::path> corpus_compose_files() {
    static const std::vector<std::filesystem::path> files = [] {
        std::vector<std::filesystem::path> out;
        const auto dir = corpus_root() / "compose";
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec))
            return out;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
            if (entry.is_regular_file())
                out.push_back(entry.path());
        std::sort(out.begin(), out.end());
        return out;
    }();
    return files;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace drydock::testing
