#include "config_resolver.hpp"

#include <drydock/checks/config_file.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>

namespace drydock::cli {
namespace {

namespace fs = std::filesystem;

// `--ignore A,B --ignore C` and hadolint's repeated flags both work.
std::vector<std::string> split_commas(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& v : values) {
        std::size_t start = 0;
        while (start <= v.size()) {
            const std::size_t comma = v.find(',', start);
            std::string item =
                v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!item.empty())
                out.push_back(std::move(item));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    return out;
}

// Repeatable options take one value per occurrence (`--ignore A --ignore B,C`), so they never swallow the
// paths that follow them.
CLI::Option* repeatable(CLI::Option* option) {
    return option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// `config` for the Dockerfile at `path`, with its build context and path (`-`: standard input).
std::optional<Config> with_build_context(std::optional<Config> config, const std::string& path,
                                         const std::string& context) {
    if (!config)
        return config;
    std::error_code ec;
    if (path != "-") {
        const fs::path absolute = fs::absolute(path, ec);
        config->dockerfile_path = absolute.string();
        config->build_context = absolute.parent_path().string();
    }
    if (!context.empty())
        config->build_context = context;
    return config;
}

} // namespace

void add_config_options(CLI::App& cmd, ConfigOptions& o) {
    repeatable(
        cmd.add_option("--select", o.select,
                       "Only run these rules (codes, names or aliases; comma-separated; all = every rule)"));
    repeatable(cmd.add_option("--ignore", o.ignore, "Do not report these rules"));
    repeatable(cmd.add_option("--error", o.error, "Report these rules as errors"));
    repeatable(cmd.add_option("--warning", o.warning, "Report these rules as warnings"));
    repeatable(cmd.add_option("--info", o.info, "Report these rules as info"));
    repeatable(cmd.add_option("--style", o.style, "Report these rules as style"));
    cmd.add_option("-t,--failure-threshold", o.failure_threshold,
                   "Exit 1 only for findings at least this severe (error|warning|info|style|ignore|none)")
        ->check(CLI::IsMember({"error", "warning", "info", "style", "ignore", "none"}));
    cmd.add_flag("--no-fail", o.no_fail, "Always exit 0 when the command worked");
    cmd.add_option("-c,--config", o.config_file, "Use this config file instead of discovering one");
    cmd.add_flag("--no-config", o.no_config, "Use no config file");
    cmd.add_flag("--no-color", o.no_color, "No ANSI colours (also NO_COLOR)");
    repeatable(cmd.add_option("--trusted-registry", o.trusted_registries, "Registry trusted by DL3026"));
    repeatable(cmd.add_option("--require-label", o.require_labels, "Label schema entry name:type"));
    cmd.add_flag("--strict-labels", o.strict_labels, "Report labels not in the label schema");
    cmd.add_flag("--disable-ignore-pragma", o.disable_ignore_pragma, "Ignore inline ignore pragmas");
    cmd.add_flag("--no-shellcheck", o.no_shellcheck, "Do not run ShellCheck on RUN scripts (SC findings)");
    cmd.add_option("--context", o.context,
                   "Build context for .dockerignore and COPY checks (default: each Dockerfile's folder)");
}

Config config_from_options(const ConfigOptions& o) {
    Config c;
    c.select = split_commas(o.select);
    c.ignored = split_commas(o.ignore);
    c.trusted_registries = split_commas(o.trusted_registries);
    const std::pair<const std::vector<std::string>*, Severity> overrides[] = {{&o.style, Severity::Style},
                                                                              {&o.info, Severity::Info},
                                                                              {&o.warning, Severity::Warning},
                                                                              {&o.error, Severity::Error}};
    for (const auto& [ids, severity] : overrides)
        for (const std::string& id : split_commas(*ids))
            c.overrides[id] = severity;
    for (const std::string& label : split_commas(o.require_labels)) {
        const std::size_t colon = label.find(':');
        c.label_schema[label.substr(0, colon)] =
            colon == std::string::npos ? "text" : label.substr(colon + 1);
    }
    if (!o.failure_threshold.empty())
        c.failure_threshold = parse_severity(o.failure_threshold);
    c.no_fail = o.no_fail;
    c.no_color = o.no_color;
    c.strict_labels = o.strict_labels;
    c.disable_ignore_pragma = o.disable_ignore_pragma;
    if (!o.format.empty())
        c.format = o.format;
    if (o.no_shellcheck)
        c.shellcheck = false;
    return c;
}

ConfigResolver::ConfigResolver(const ConfigOptions& options)
    : options_(options), cli_(config_from_options(options)),
      environment_(config_from_environment([](const char* name) { return std::getenv(name); })) {}

std::optional<Config> ConfigResolver::for_file(const std::string& path) {
    std::optional<fs::path> file;
    if (!options_.config_file.empty())
        file = options_.config_file;
    else if (!options_.no_config)
        file = find_config(path == "-" ? fs::current_path() : fs::absolute(path).parent_path());
    const std::string key = file ? file->string() : std::string();
    if (const auto cached = cache_.find(key); cached != cache_.end()) {
        last_error_ = cached->second ? std::string() : errors_[key];
        return with_build_context(cached->second, path, options_.context);
    }
    Config config = environment_;
    if (file) {
        std::vector<ConfigWarning> warnings;
        try {
            config.merge(load_config_file(*file, warnings));
        } catch (const ConfigError& e) {
            last_error_ = e.line() > 0 ? fmt::format("{}:{}:{}: {}", e.file(), e.line(), e.column(), e.what())
                                       : fmt::format("{}: {}", e.file(), e.what());
            fmt::print(stderr, "drydock: {}\n", last_error_);
            errors_[key] = last_error_;
            cache_[key] = std::nullopt;
            return std::nullopt;
        }
        for (const ConfigWarning& w : warnings)
            fmt::print(stderr, "drydock: warning: {}\n", to_string(w));
    }
    config.merge(cli_);
    cache_[key] = config;
    last_error_.clear();
    return with_build_context(config, path, options_.context);
}

} // namespace drydock::cli
