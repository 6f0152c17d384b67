#pragma once
// ShellCheck on RUN scripts, as seen from outside the engine: which program lint() runs, what it cost, and
// what went wrong. lint() itself runs ShellCheck (see checks/src/shellcheck.hpp); the CLI only prints the
// notes.

#include <drydock/checks/config.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// The ShellCheck program lint() runs under `config`: Config::shellcheck_path (a path, or a name looked up on
// PATH) when set, else `shellcheck` on PATH. nullopt when there is no such executable file.
std::optional<std::string> find_shellcheck(const Config& config);

// Counters since the process started (or the last clear_shellcheck_cache), for tests and benchmarks.
struct ShellCheckStats {
    std::size_t processes = 0;  // ShellCheck processes started
    std::size_t scripts = 0;    // scripts handed to those processes
    std::size_t cache_hits = 0; // scripts answered from the in-process cache instead
};
ShellCheckStats shellcheck_stats();

// Empties the cache of ShellCheck results (identical script + dialect + declared names = same findings) and
// resets the counters.
void clear_shellcheck_cache();

// Problems met while running ShellCheck (the program is missing, timed out, or printed something unreadable)
// since the last call, each message at most once per process, for the CLI to print as notes. lint() goes on
// without ShellCheck's findings then; these are never errors.
std::vector<std::string> take_shellcheck_notes();

} // namespace drydock
