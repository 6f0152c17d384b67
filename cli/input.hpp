#pragma once
// Reading the files drydock is asked about: a path, or `-` for standard input.

#include <optional>
#include <string>

namespace drydock::cli {

struct Input {
    std::string path; // as given; "-" for standard input
    std::string text;
};

// Reads the whole file. On failure returns nullopt and sets `error` to a message naming the file.
std::optional<Input> read_input(const std::string& path, std::string& error);

} // namespace drydock::cli
