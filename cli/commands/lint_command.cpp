#include "commands/lint_command.hpp"

#include "compose_inputs.hpp"
#include "discovery.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "output/report.hpp"
#include "parallel.hpp"

#include <drydock/checks/compose_linter.hpp>
#include <drydock/checks/config_file.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/checks/shellcheck.hpp>
#include <drydock/parser/line_index.hpp>
#include <drydock/parser/parse.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <unistd.h>

namespace drydock::cli {
namespace {

namespace fs = std::filesystem;

struct FileTask {
    std::string path;        // as read
    std::string report_path; // as reported (the --stdin-filename for standard input)
    std::optional<Config> config;
    bool compose = false; // a compose file
    FileReport report;
    bool failed = false;          // unreadable
    bool fails_threshold = false; // a finding at or above the config's failure threshold
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
    if (task.compose) {
        compose::ComposeFile file = compose::parse_compose(std::move(input->text));
        const BuiltDockerfiles built =
            read_built_dockerfiles(file, compose_folder(task.path, task.report_path));
        task.report.diagnostics = lint_compose(file, *task.config, built);
        task.report.source = std::move(file.yaml.source);
        return;
    }
    Dockerfile file = parse(std::move(input->text));
    task.report.diagnostics = lint(file, *task.config);
    task.report.source = std::move(file.source);
}

} // namespace

void add_lint_options(CLI::App& cmd, LintOptions& o) {
    cmd.add_option("paths", o.paths, "Dockerfiles, compose files or folders to lint (- for standard input)");
    cmd.add_option("--compose", o.compose_files, "Lint this file as a compose file, whatever its name");
    cmd.add_option("--stdin-filename", o.stdin_filename,
                   "Name to report (and find config from) for standard input");
    cmd.add_option("-f,--format", o.config.format, "Output format")
        ->check(CLI::IsMember(std::vector<std::string>(report_formats().begin(), report_formats().end())));
    add_config_options(cmd, o.config);
    cmd.add_flag("--statistics", o.statistics, "Print the number of findings per rule");
    cmd.add_option("-j,--jobs", o.jobs, "Files linted in parallel (default: one per core)");
}

int run_lint(const LintOptions& options) {
    std::vector<std::string> paths = options.paths;
    paths.insert(paths.end(), options.compose_files.begin(), options.compose_files.end());
    if (paths.empty()) {
        fmt::print(stderr, "drydock: no Dockerfile given (pass files, folders, or - for standard input)\n");
        return UsageError;
    }
    const Discovery found = discover(paths);
    bool io_error = !found.errors.empty();
    for (const std::string& e : found.errors)
        fmt::print(stderr, "drydock: {}\n", e);

    ConfigResolver resolver(options.config);
    std::vector<FileTask> tasks;
    auto add_task = [&](const std::string& path) {
        FileTask task;
        task.path = path;
        task.report_path = path == "-" && !options.stdin_filename.empty() ? options.stdin_filename : path;
        task.config =
            resolver.for_file(path == "-" && !options.stdin_filename.empty() ? options.stdin_filename : path);
        task.compose = is_compose_input(path, task.report_path, options.compose_files);
        if (!task.config)
            io_error = true;
        tasks.push_back(std::move(task));
    };
    for (const std::string& path : found.files)
        add_task(path);
    // The Dockerfiles that compose files build are linted too, once each (also when found in a folder).
    std::vector<std::string> seen;
    for (const FileTask& task : tasks)
        if (task.path != "-")
            seen.push_back(file_identity(task.path));
    const std::size_t given = tasks.size();
    for (std::size_t i = 0; i < given; ++i) {
        if (!tasks[i].compose || tasks[i].path == "-")
            continue;
        for (const std::string& dockerfile : built_dockerfile_paths(tasks[i].path)) {
            const std::string identity = file_identity(dockerfile);
            if (std::find(seen.begin(), seen.end(), identity) != seen.end())
                continue;
            seen.push_back(identity);
            add_task(dockerfile);
        }
    }
    // Only the json and SARIF reports print the edits of fixes; the others need a fix's applicability at
    // most, so the edits are dropped as soon as a file is linted (a corpus-sized run would hold them all).
    const std::string planned_format =
        tasks.empty() || !tasks.front().config ? "tty" : tasks.front().config->format.value_or("tty");
    const bool keep_edits = planned_format == "json" || planned_format == "sarif";
    // Results stay in task order, so output is stable whatever the thread count.
    parallel_for(tasks.size(), options.jobs ? options.jobs : default_jobs(), [&](std::size_t i) {
        if (!tasks[i].config)
            return;
        FileTask& task = tasks[i];
        lint_one(task);
        // What the report needs is kept, compactly: a corpus-sized run holds every file's findings until the
        // report is written, but not its config.
        if (!keep_edits)
            drop_fix_edits(task.report.diagnostics);
        task.report.diagnostics.shrink_to_fit();
        task.fails_threshold = !task.failed && fails_threshold(task.report.diagnostics, *task.config);
        if (i > 0)
            task.config = Config{}; // tasks.front()'s config still gives the output format below
    });
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
        failed = failed || task.fails_threshold;
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
