#include "commands/fix_command.hpp"

#include "atomic_write.hpp"
#include "compose_inputs.hpp"
#include "discovery.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "output/report.hpp"
#include "parallel.hpp"

#include <drydock/checks/compose_linter.hpp>
#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/checks/shellcheck.hpp>
#include <drydock/fixers/diff.hpp>
#include <drydock/parser/parse.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace drydock::cli {
namespace {

std::string plural(std::size_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

// One file's work: its config, its text and what fixing it gave.
struct FixTask {
    std::string path;        // as read
    std::string report_path; // as reported (the --stdin-filename for standard input)
    std::optional<Config> config;
    bool compose = false; // a compose file
    std::optional<Input> input;
    std::string error; // why the file could not be read
    FixReport report;
};

} // namespace

void add_fix_options(CLI::App& cmd, FixOptions& o) {
    cmd.add_option("paths", o.paths, "Dockerfiles, compose files or folders to fix (- for standard input)");
    cmd.add_option("--compose", o.compose_files, "Fix this file as a compose file, whatever its name");
    cmd.add_option("--stdin-filename", o.stdin_filename,
                   "Name to report (and find config from) for standard input");
    cmd.add_flag("--diff", o.diff, "Print a unified diff of the fixes and write nothing");
    cmd.add_flag("--stdout", o.to_stdout, "Print the fixed text instead of writing the file");
    cmd.add_flag("--unsafe-fixes", o.unsafe_fixes, "Also apply fixes that may change behaviour");
    cmd.add_flag("--exit-non-zero-on-fix", o.exit_non_zero_on_fix,
                 "Exit 1 when a fix was applied (pre-commit)");
    add_config_options(cmd, o.config);
    cmd.add_option("-j,--jobs", o.jobs, "Files fixed in parallel (default: one per core)");
}

int run_fix(const FixOptions& options) {
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

    // Configs are resolved in order (the resolver caches per folder), then the files are read and fixed in
    // parallel, then reported and written in order, so output is stable whatever the thread count.
    ConfigResolver resolver(options.config);
    FixRequest request;
    request.minimum = options.unsafe_fixes ? Applicability::Unsafe : Applicability::Safe;
    std::vector<FixTask> tasks;
    for (const std::string& path : found.files) {
        FixTask task;
        task.path = path;
        task.report_path = path == "-" && !options.stdin_filename.empty() ? options.stdin_filename : path;
        task.config = resolver.for_file(task.report_path);
        task.compose = is_compose_input(path, task.report_path, options.compose_files);
        tasks.push_back(std::move(task));
    }
    parallel_for(tasks.size(), options.jobs ? options.jobs : default_jobs(), [&](std::size_t i) {
        FixTask& task = tasks[i];
        if (!task.config)
            return;
        task.input = read_input(task.path, task.error);
        if (task.input && task.compose)
            task.report =
                fix_compose_text(task.input->text, *task.config, request,
                                 read_built_dockerfiles(compose::parse_compose(task.input->text),
                                                        compose_folder(task.path, task.report_path)));
        else if (task.input)
            task.report = fix_text(task.input->text, *task.config, request);
    });

    std::vector<FileReport> remaining_reports;
    std::size_t fixed_total = 0, files_changed = 0, remaining_total = 0;
    bool failed = false;
    for (FixTask& task : tasks) {
        if (!task.input) {
            if (!task.error.empty())
                fmt::print(stderr, "drydock: {}\n", task.error);
            io_error = true;
            continue;
        }
        const std::string& report_path = task.report_path;
        const FixReport& report = task.report;
        for (const std::string& code : report.broken)
            fmt::print(stderr,
                       "drydock: {}: the fixes of {} would break the file and were not applied; please "
                       "report this as a bug\n",
                       report_path, code);
        for (const std::string& code : report.did_not_converge)
            fmt::print(stderr, "drydock: {}: the fixes of {} did not converge after 10 passes\n", report_path,
                       code);
        fixed_total += report.fixed_count();
        remaining_total += report.remaining.size();
        failed = failed || fails_threshold(report.remaining, *task.config);
        const bool changed = report.text != task.input->text;
        files_changed += changed;

        if (options.diff) {
            std::cout << unified_diff(task.input->text, report.text, "a/" + report_path, "b/" + report_path);
        } else if (options.to_stdout || task.path == "-") {
            std::cout << report.text;
        } else {
            if (changed) {
                if (const std::string write_error = write_atomically(task.path, report.text);
                    !write_error.empty()) {
                    fmt::print(stderr, "drydock: {}\n", write_error);
                    io_error = true;
                    continue;
                }
            }
            remaining_reports.push_back({report_path, report.text, report.remaining});
        }
    }
    for (const std::string& note : take_shellcheck_notes())
        fmt::print(stderr, "drydock: note: {}\n", note);
    if (!remaining_reports.empty()) {
        ReportOptions report_options;
        report_options.color = !options.config.no_color && !std::getenv("NO_COLOR") && isatty(STDOUT_FILENO);
        write_report("tty", remaining_reports, std::cout, report_options);
    }
    const std::string verb = options.diff ? "Would fix" : "Fixed";
    fmt::print(stderr, "{} {} in {} ({} remaining)\n", verb, plural(fixed_total, "finding"),
               plural(files_changed, "file"), remaining_total);
    std::cout.flush();
    if (io_error)
        return UsageError;
    if (options.exit_non_zero_on_fix && fixed_total > 0)
        return Findings;
    return failed ? Findings : Success;
}

} // namespace drydock::cli
