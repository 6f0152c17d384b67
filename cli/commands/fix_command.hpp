#pragma once
// `drydock fix [PATH...|-]`: applies the fixes of the findings (safe ones by default), re-checking each pass,
// and writes the files atomically, or prints a diff or the fixed text.

#include "config_resolver.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace drydock::cli {

struct FixOptions {
    std::vector<std::string> paths;
    std::vector<std::string> compose_files; // --compose: read as compose files whatever their names
    std::string stdin_filename;
    ConfigOptions config;
    bool diff = false;
    bool to_stdout = false;
    bool unsafe_fixes = false;
    bool exit_non_zero_on_fix = false;
    unsigned jobs = 0; // 0 = one per core
};

void add_fix_options(CLI::App& command, FixOptions& options);
int run_fix(const FixOptions& options);

} // namespace drydock::cli
