#pragma once
// `drydock lint [PATH...|-]`: lints files and folders (Dockerfiles and compose files, with the Dockerfiles
// the compose files build) and reports in one of the output formats.

#include "config_resolver.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace drydock::cli {

struct LintOptions {
    std::vector<std::string> paths;
    std::vector<std::string> compose_files; // --compose: read as compose files whatever their names
    std::string stdin_filename;
    ConfigOptions config; // selection, severities, config file, threshold, format
    bool statistics = false;
    unsigned jobs = 0; // 0: one per core
};

void add_lint_options(CLI::App& command, LintOptions& options);
int run_lint(const LintOptions& options);

} // namespace drydock::cli
