#include "commands/lint_command.hpp"

#include "discovery.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "output/report.hpp"

#include <drydock/checks/config_file.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/checks/shellcheck.hpp>
#include <drydock/parser/line_index.hpp>
#include <drydock/parser/parse.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

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
            const std::string item =
                v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!item.empty())
                out.push_back(item);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    return out;
}

// The command line, as a config layered over the file's.
Config config_from_options(const LintOptions& o) {
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
    if (o.no_shellcheck)
        c.shellcheck = false;
    if (!o.format.empty())
        c.format = o.format;
    return c;
}

// Finds, loads and caches the config of each folder (built-in < environment < file < command line).
class ConfigResolver {
public:
    ConfigResolver(const LintOptions& options) : options_(options), cli_(config_from_options(options)) {
        environment_ = config_from_environment([](const char* name) { return std::getenv(name); });
    }

    // The config for a Dockerfile, or nullopt after printing the error.
    std::optional<Config> for_file(const std::string& path) {
        std::optional<fs::path> file;
        if (!options_.config_file.empty())
            file = options_.config_file;
        else if (!options_.no_config)
            file = find_config(path == "-" ? fs::current_path() : fs::absolute(path).parent_path());
        const std::string key = file ? file->string() : std::string();
        const auto cached = cache_.find(key);
        if (cached != cache_.end())
            return cached->second;
        Config config = environment_;
        if (file) {
            std::vector<ConfigWarning> warnings;
            try {
                config.merge(load_config_file(*file, warnings));
            } catch (const ConfigError& e) {
                if (e.line() > 0)
                    fmt::print(stderr, "drydock: {}:{}:{}: {}\n", e.file(), e.line(), e.column(), e.what());
                else
                    fmt::print(stderr, "drydock: {}: {}\n", e.file(), e.what());
                cache_[key] = std::nullopt;
                return std::nullopt;
            }
            for (const ConfigWarning& w : warnings)
                fmt::print(stderr, "drydock: warning: {}\n", to_string(w));
        }
        config.merge(cli_);
        cache_[key] = config;
        return config;
    }

private:
    const LintOptions& options_;
    Config cli_;
    Config environment_;
    std::map<std::string, std::optional<Config>> cache_;
};

struct FileTask {
    std::string path;        // as read
    std::string report_path; // as reported (the --stdin-filename for standard input)
    std::optional<Config> config;
    FileReport report;
    bool failed = false; // unreadable
};

void lint_one(FileTask& task) {
    std::string error;
    std::optional<Input> input = read_input(task.path, error);
    if (!input) {
        fmt::print(stderr, "drydock: {}\n", error);
        task.failed = true;
        return;
    }
    task.report.path = task.report_path;
    const Dockerfile file = parse(std::move(input->text));
    task.report.diagnostics = lint(file, *task.config);
    task.report.source = file.source;
}

// Lints the tasks on `jobs` threads; results stay in task order, so output is stable.
void lint_all(std::vector<FileTask>& tasks, unsigned jobs) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < tasks.size(); i = next++)
            if (tasks[i].config)
                lint_one(tasks[i]);
    };
    const unsigned count = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(tasks.size())));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < count; ++t)
        threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads)
        t.join();
}

bool fails(const FileTask& task) {
    const Config& c = *task.config;
    if (c.no_fail)
        return false;
    const Severity threshold = c.failure_threshold.value_or(Severity::Info);
    return std::any_of(task.report.diagnostics.begin(), task.report.diagnostics.end(),
                       [&](const Diagnostic& d) {
                           return threshold == Severity::Ignore || at_least(d.severity, threshold);
                       });
}

} // namespace

void add_lint_options(CLI::App& cmd, LintOptions& o) {
    // Repeatable options take one value per occurrence (`--ignore A --ignore B,C`), so they never swallow the
    // paths that follow them.
    cmd.add_option("paths", o.paths, "Dockerfiles or folders to lint (- for standard input)");
    cmd.add_option("--stdin-filename", o.stdin_filename,
                   "Name to report (and find config from) for standard input");
    cmd.add_option("-f,--format", o.format, "Output format")
        ->check(CLI::IsMember(std::vector<std::string>(report_formats().begin(), report_formats().end())));
    cmd.add_option("--select", o.select, "Only run these rules (codes, names or aliases; comma-separated)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--ignore", o.ignore, "Do not report these rules")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--error", o.error, "Report these rules as errors")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--warning", o.warning, "Report these rules as warnings")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--info", o.info, "Report these rules as info")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--style", o.style, "Report these rules as style")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("-t,--failure-threshold", o.failure_threshold,
                   "Exit 1 only for findings at least this severe (error|warning|info|style|ignore|none)")
        ->check(CLI::IsMember({"error", "warning", "info", "style", "ignore", "none"}));
    cmd.add_flag("--no-fail", o.no_fail, "Always exit 0 when linting worked");
    cmd.add_option("-c,--config", o.config_file, "Use this config file instead of discovering one");
    cmd.add_flag("--no-config", o.no_config, "Use no config file");
    cmd.add_flag("--no-color", o.no_color, "No ANSI colours (also NO_COLOR)");
    cmd.add_option("--trusted-registry", o.trusted_registries, "Registry trusted by DL3026 (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--require-label", o.require_labels, "Label schema entry name:type (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_flag("--strict-labels", o.strict_labels, "Report labels not in the label schema");
    cmd.add_flag("--disable-ignore-pragma", o.disable_ignore_pragma, "Ignore inline ignore pragmas");
    cmd.add_flag("--no-shellcheck", o.no_shellcheck, "Do not run ShellCheck on RUN scripts (SC findings)");
    cmd.add_flag("--statistics", o.statistics, "Print the number of findings per rule");
    cmd.add_option("-j,--jobs", o.jobs, "Files linted in parallel (default: one per core)");
}

int run_lint(const LintOptions& options) {
    std::vector<std::string> paths = options.paths;
    if (paths.empty()) {
        fmt::print(stderr, "drydock: no Dockerfile given (pass files, folders, or - for standard input)\n");
        return UsageError;
    }
    const Discovery found = discover(paths);
    bool io_error = !found.errors.empty();
    for (const std::string& e : found.errors)
        fmt::print(stderr, "drydock: {}\n", e);

    ConfigResolver resolver(options);
    std::vector<FileTask> tasks;
    for (const std::string& path : found.files) {
        FileTask task;
        task.path = path;
        task.report_path = path == "-" && !options.stdin_filename.empty() ? options.stdin_filename : path;
        task.config =
            resolver.for_file(path == "-" && !options.stdin_filename.empty() ? options.stdin_filename : path);
        if (!task.config)
            io_error = true;
        tasks.push_back(std::move(task));
    }
    lint_all(tasks, options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency()));
    // ShellCheck missing or failing is a note, never an error; each one once per run.
    for (const std::string& note : take_shellcheck_notes())
        fmt::print(stderr, "drydock: note: {}\n", note);

    std::vector<FileReport> reports;
    bool failed = false;
    for (FileTask& task : tasks) {
        if (!task.config || task.failed) {
            io_error = true;
            continue;
        }
        failed = failed || fails(task);
        reports.push_back(std::move(task.report));
    }
    const Config defaults = tasks.empty() || !tasks.front().config ? Config{} : *tasks.front().config;
    const std::string format = defaults.format.value_or("tty");
    if (std::find(report_formats().begin(), report_formats().end(), format) == report_formats().end()) {
        fmt::print(stderr, "drydock: unknown format '{}' (from the config)\n", format);
        return UsageError;
    }
    ReportOptions report_options;
    report_options.statistics = options.statistics;
    report_options.color =
        format == "tty" && !defaults.no_color && !std::getenv("NO_COLOR") && isatty(STDOUT_FILENO);
    write_report(format, reports, std::cout, report_options);
    std::cout.flush();
    if (io_error)
        return UsageError;
    return failed ? Findings : Success;
}

} // namespace drydock::cli
