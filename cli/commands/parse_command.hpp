#pragma once
// `drydock parse [--format json|text] FILE|-`: prints the lossless tree.

#include <CLI/CLI.hpp>

#include <string>

namespace drydock::cli {

struct ParseOptions {
    std::string format = "json";
    std::string path;
};

void add_parse_options(CLI::App& command, ParseOptions& options);
int run_parse(const ParseOptions& options);

} // namespace drydock::cli
