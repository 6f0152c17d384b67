#include "compose_inputs.hpp"

#include "discovery.hpp"
#include "input.hpp"

#include <drydock/checks/compose_linter.hpp>
#include <drydock/parser/compose.hpp>

#include <algorithm>
#include <filesystem>

namespace drydock::cli {
namespace fs = std::filesystem;

bool is_compose_input(const std::string& path, const std::string& name,
                      const std::vector<std::string>& compose_files) {
    if (std::find(compose_files.begin(), compose_files.end(), path) != compose_files.end())
        return true;
    return is_compose_file_name(fs::path(name).filename().string());
}

std::string compose_folder(const std::string& path, const std::string& name) {
    return fs::path(path == "-" ? name : path).parent_path().string();
}

std::vector<std::string> built_dockerfile_paths(const std::string& path) {
    std::string error;
    std::optional<Input> input = read_input(path, error);
    if (!input)
        return {};
    const compose::ComposeFile file = compose::parse_compose(std::move(input->text));
    std::vector<std::string> out;
    for (const auto& [service, built] : read_built_dockerfiles(file, fs::path(path).parent_path()))
        if (std::find(out.begin(), out.end(), built.path) == out.end())
            out.push_back(built.path);
    return out;
}

std::string file_identity(const std::string& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? fs::path(path).lexically_normal().string() : canonical.string();
}

} // namespace drydock::cli
