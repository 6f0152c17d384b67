#pragma once
// The options `lint` and `fix` share (rule selection, severities, config file, threshold) and the per-file
// config they resolve to: built-in defaults < hadolint's environment variables < the config file discovered
// for (or given to) each Dockerfile < the command line.

#include <drydock/checks/config.hpp>

#include <CLI/CLI.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock::cli {

struct ConfigOptions {
    std::vector<std::string> select, ignore, trusted_registries, require_labels;
    std::vector<std::string> error, warning, info, style; // severity overrides, as hadolint's flags
    std::string failure_threshold;
    std::string config_file;
    std::string format;
    std::string context; // --context: the build context of every Dockerfile (default: its folder)
    bool no_config = false;
    bool no_fail = false;
    bool no_color = false;
    bool strict_labels = false;
    bool disable_ignore_pragma = false;
    bool no_shellcheck = false;
};

// Adds the shared options to a subcommand.
void add_config_options(CLI::App& command, ConfigOptions& options);

// The command line as a config layered over the file's.
Config config_from_options(const ConfigOptions& options);

// Finds, loads and caches the config of each folder.
class ConfigResolver {
public:
    explicit ConfigResolver(const ConfigOptions& options);
    // The config for a Dockerfile (`-` = standard input: the current folder), or nullopt after printing why.
    // It names the Dockerfile and its build context (`--context`, else the Dockerfile's folder; none for
    // standard input without a name or `--context`).
    std::optional<Config> for_file(const std::string& path);
    // Why the last for_file returned nullopt (the message printed), for callers that show it elsewhere.
    const std::string& last_error() const { return last_error_; }

private:
    const ConfigOptions& options_;
    Config cli_;
    Config environment_;
    std::map<std::string, std::optional<Config>> cache_;
    std::map<std::string, std::string> errors_; // config file -> why it cannot be used
    std::string last_error_;
};

} // namespace drydock::cli
