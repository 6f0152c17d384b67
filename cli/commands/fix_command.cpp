#include "commands/fix_command.hpp"

#include "atomic_write.hpp"
#include "discovery.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "output/report.hpp"

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

} // namespace

void add_fix_options(CLI::App& cmd, FixOptions& o) {
    cmd.add_option("paths", o.paths, "Dockerfiles or folders to fix (- for standard input)");
    cmd.add_option("--stdin-filename", o.stdin_filename,
                   "Name to report (and find config from) for standard input");
    cmd.add_flag("--diff", o.diff, "Print a unified diff of the fixes and write nothing");
    cmd.add_flag("--stdout", o.to_stdout, "Print the fixed text instead of writing the file");
    cmd.add_flag("--unsafe-fixes", o.unsafe_fixes, "Also apply fixes that may change behaviour");
    cmd.add_flag("--exit-non-zero-on-fix", o.exit_non_zero_on_fix,
                 "Exit 1 when a fix was applied (pre-commit)");
    add_config_options(cmd, o.config);
}

int run_fix(const FixOptions& options) {
    if (options.paths.empty()) {
        fmt::print(stderr, "drydock: no Dockerfile given (pass files, folders, or - for standard input)\n");
        return UsageError;
    }
    const Discovery found = discover(options.paths);
    bool io_error = !found.errors.empty();
    for (const std::string& e : found.errors)
        fmt::print(stderr, "drydock: {}\n", e);

    ConfigResolver resolver(options.config);
    FixRequest request;
    request.minimum = options.unsafe_fixes ? Applicability::Unsafe : Applicability::Safe;
    std::vector<FileReport> remaining_reports;
    std::size_t fixed_total = 0, files_changed = 0, remaining_total = 0;
    bool failed = false;

    for (const std::string& path : found.files) {
        const bool from_stdin = path == "-";
        const std::string report_path =
            from_stdin && !options.stdin_filename.empty() ? options.stdin_filename : path;
        const std::optional<Config> config = resolver.for_file(report_path);
        std::string error;
        const std::optional<Input> input = config ? read_input(path, error) : std::nullopt;
        if (!input) {
            if (!error.empty())
                fmt::print(stderr, "drydock: {}\n", error);
            io_error = true;
            continue;
        }
        const FixReport report = fix_text(input->text, *config, request);
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
        failed = failed || fails_threshold(report.remaining, *config);
        const bool changed = report.text != input->text;
        files_changed += changed;

        if (options.diff) {
            std::cout << unified_diff(input->text, report.text, "a/" + report_path, "b/" + report_path);
        } else if (options.to_stdout || from_stdin) {
            std::cout << report.text;
        } else {
            if (changed) {
                if (const std::string write_error = write_atomically(path, report.text);
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
