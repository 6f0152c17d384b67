#include "input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace drydock::cli {

namespace {

// "LINE:COLUMN" (1-based, columns in bytes) of `offset` in `text`.
std::string position_of(const std::string& text, std::size_t offset) {
    const std::size_t line_start = offset == 0 ? 0 : text.rfind('\n', offset - 1) + 1; // npos + 1 == 0
    const std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
    return std::to_string(line + 1) + ":" + std::to_string(offset - line_start + 1);
}

// A NUL byte never occurs in a text file: such input is a binary (an image, an archive) given by mistake,
// and a page of syntax errors about it would help nobody.
std::optional<std::string> binary_content_error(const std::string& name, const std::string& text) {
    const std::size_t nul = text.find('\0');
    if (nul == std::string::npos)
        return std::nullopt;
    return name + ":" + position_of(text, nul) + ": not a Dockerfile: binary content (a NUL byte)";
}

} // namespace

std::optional<Input> read_input(const std::string& path, std::string& error) {
    Input input{path, {}};
    if (path == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        input.text = std::move(buffer).str();
        if (std::optional<std::string> binary = binary_content_error("<stdin>", input.text)) {
            error = std::move(*binary);
            return std::nullopt;
        }
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
    if (std::optional<std::string> binary = binary_content_error(path, input.text)) {
        error = std::move(*binary);
        return std::nullopt;
    }
    return input;
}

} // namespace drydock::cli
