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
#include <filesystem>
#include <iostream>
#include <set>
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
    bool written = false;         // written by its worker (see below)
    std::string write_error;      // why the worker could not write it
    bool fails_threshold = false; // a remaining finding at or above the config's failure threshold
};

// `name` in the folder of the file `file_path` ("docker-entrypoint.sh" beside "app/Dockerfile").
std::string beside(const std::string& file_path, const std::string& name) {
    const std::filesystem::path folder = std::filesystem::path(file_path).parent_path();
    return folder.empty() ? name : (folder / name).string();
}

// Writes a fixed Dockerfile and the files its fixes create. The new files come first, each created
// atomically and never over an existing file; if one cannot be created, nothing more is written (the files
// created so far are removed again), so the Dockerfile never refers to a file that is not there.
std::string write_fixed(const std::string& path, const FixReport& report) {
    std::vector<std::string> created;
    auto undo = [&] {
        for (const std::string& file : created)
            std::filesystem::remove(file);
    };
    for (const NewFile& file : report.new_files) {
        const std::string target = beside(path, file.path);
        if (std::string error = create_atomically(target, file.content, file.mode); !error.empty()) {
            undo();
            return error + " (" + path + " left unchanged)";
        }
        created.push_back(target);
    }
    if (std::string error = write_atomically(path, report.text); !error.empty()) {
        undo();
        return error;
    }
    return {};
}

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
    // A file named twice (`Dockerfile ./Dockerfile`, or also found in a folder) is fixed once: files are
    // written by parallel workers, and two of them fixing one file would race.
    std::set<std::filesystem::path> seen;
    for (const std::string& path : found.files) {
        std::error_code ec;
        if (path != "-" && !seen.insert(std::filesystem::weakly_canonical(path, ec)).second && !ec)
            continue;
        FixTask task;
        task.path = path;
        task.report_path = path == "-" && !options.stdin_filename.empty() ? options.stdin_filename : path;
        task.config = resolver.for_file(task.report_path);
        task.compose = is_compose_input(path, task.report_path, options.compose_files);
        tasks.push_back(std::move(task));
    }
    const auto writes_in_place = [&](const FixTask& task) {
        return !options.diff && !options.to_stdout && task.path != "-";
    };
    parallel_for(tasks.size(), options.jobs ? options.jobs : default_jobs(), [&](std::size_t i) {
        FixTask& task = tasks[i];
        if (!task.config)
            return;
        task.input = read_input(task.path, task.error);
        FixRequest file_request = request;
        // A created file (the entrypoint script) is written beside the Dockerfile: impossible when the fixed
        // text goes to standard output.
        file_request.allow_new_files = !options.to_stdout && task.path != "-";
        if (task.input && task.compose)
            task.report =
                fix_compose_text(task.input->text, *task.config, file_request,
                                 read_built_dockerfiles(compose::parse_compose(task.input->text),
                                                        compose_folder(task.path, task.report_path)));
        else if (task.input)
            task.report = fix_text(task.input->text, *task.config, file_request);
        // Held until the report is written: the findings, compactly, not the config.
        task.report.remaining.shrink_to_fit();
        task.fails_threshold = fails_threshold(task.report.remaining, *task.config);
        task.config = Config{};
        // Written here, in parallel: each write waits for the disk (fsync), which made writing in order on
        // one thread most of a corpus fix. Fixes that create files are written below, in order, so that
        // when two Dockerfiles of a folder want the same new file, the first one listed gets it, every time.
        if (writes_in_place(task) && task.input && task.report.new_files.empty() &&
            task.report.text != task.input->text) {
            task.write_error = write_fixed(task.path, task.report);
            task.written = true;
        }
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
        failed = failed || task.fails_threshold;
        const bool changed = report.text != task.input->text;
        files_changed += changed;

        if (options.diff) {
            std::cout << unified_diff(task.input->text, report.text, "a/" + report_path, "b/" + report_path);
            for (const NewFile& created : report.new_files) {
                const std::string shown = beside(report_path, created.path);
                std::cout << unified_diff("", created.content, "/dev/null", "b/" + shown);
            }
        } else if (!writes_in_place(task)) {
            std::cout << report.text;
        } else {
            if (changed && !task.written)
                task.write_error = write_fixed(task.path, report);
            if (!task.write_error.empty()) {
                fmt::print(stderr, "drydock: {}\n", task.write_error);
                io_error = true;
                continue;
            }
            // The texts are not needed any more but for the report's snippets: move, do not copy (a corpus
            // fix would otherwise hold every file three times).
            task.input->text.clear();
            task.input->text.shrink_to_fit();
            drop_fix_edits(task.report.remaining); // the tty report needs only their applicability
            if (!report.remaining.empty())
                remaining_reports.push_back(
                    {report_path, std::move(task.report.text), std::move(task.report.remaining)});
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
