#pragma once
// `drydock lint [PATH...|-]`: lints files and folders and reports in one of the output formats.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace drydock::cli {

struct LintOptions {
    std::vector<std::string> paths;
    std::string stdin_filename;
    std::string format; // empty: from the config, else tty
    std::vector<std::string> select, ignore, trusted_registries, require_labels;
    std::vector<std::string> error, warning, info, style; // severity overrides, as hadolint's flags
    std::string failure_threshold;
    std::string config_file;
    bool no_config = false;
    bool no_fail = false;
    bool no_color = false;
    bool statistics = false;
    bool disable_ignore_pragma = false;
    bool strict_labels = false;
    bool no_shellcheck = false;
    unsigned jobs = 0; // 0: one per core
};

void add_lint_options(CLI::App& command, LintOptions& options);
int run_lint(const LintOptions& options);

} // namespace drydock::cli
