#pragma once
// Runs another program and waits for it: an argument vector handed to posix_spawn (never a shell, so no
// quoting and no injection), standard input from /dev/null, standard output and error captured, and a
// deadline after which the program is killed, so a hung child never hangs drydock. Safe to call from several
// threads at once: the pipes are close-on-exec, so one child never inherits another's.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::process {

struct Result {
    bool started = false;   // false: the program could not be run at all (see `error`)
    bool timed_out = false; // killed at the deadline; `out` and `err` hold what it wrote until then
    int exit_code = -1;     // the exit status, or 128 + the signal that ended it; -1 when not started
    std::string out;
    std::string err;
    std::string error; // why it did not start or could not be waited for (strerror text), else empty
};

// Runs `program` (a path: no PATH search here, see find_in_path) with argv[0] = `program` and `args` after
// it, in the current working directory and environment less the variables named in `unset`. Returns when the
// program has exited, or after `timeout`, when it is killed (SIGKILL) and reaped.
Result run(const std::string& program, const std::vector<std::string>& args,
           std::chrono::milliseconds timeout, const std::vector<std::string>& unset = {});

// The first executable regular file named `name` in the colon-separated folder list `path_list` (as in
// $PATH; an empty entry means the current folder), or nullopt. A `name` with a slash is returned as it is
// when it is executable.
std::optional<std::string> find_in_path(std::string_view name, std::string_view path_list);

// Whether `path` is a regular file this process may execute.
bool is_executable(const std::string& path);

} // namespace drydock::process
