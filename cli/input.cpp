#include "input.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace drydock::cli {

std::optional<Input> read_input(const std::string& path, std::string& error) {
    Input input{path, {}};
    if (path == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        input.text = std::move(buffer).str();
        return input;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = path + ": is a directory";
        return std::nullopt;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        error = path + ": " + std::strerror(errno);
        return std::nullopt;
    }
    input.text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    if (file.bad()) {
        error = path + ": read error";
        return std::nullopt;
    }
    return input;
}

} // namespace drydock::cli
