#include "corpus.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

namespace drydock::testing {

std::filesystem::path corpus_root() {
    return std::filesystem::path(DRYDOCK_SHARED_DIR) / "corpus";
}

namespace {

// Every regular file under corpus/<folder>, sorted; empty when the corpus is absent.
std::vector<std::filesystem::path> corpus_files(const std::string& folder) {
    std::vector<std::filesystem::path> out;
    const auto dir = corpus_root() / folder;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
        if (entry.is_regular_file())
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

std::vector<std::filesystem::path> corpus_dockerfiles() {
    static const std::vector<std::filesystem::path> files = corpus_files("dockerfiles");
    return files;
}

std::vector<std::filesystem::path> corpus_compose_files() {
    static const std::vector<std::filesystem::path> files = corpus_files("compose");
    return files;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace drydock::testing
