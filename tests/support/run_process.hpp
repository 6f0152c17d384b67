#pragma once
// Runs the real drydock binary for end-to-end tests: argument vector (no shell), optional standard input,
// captured standard output and error, exit status.

#include <string>
#include <vector>

namespace drydock::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `program` with `args` in `working_dir` (empty: the current one), feeding `input` on standard input.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& input = {}, const std::string& working_dir = {},
                          const std::vector<std::string>& extra_env = {});

// Runs build/cli/drydock.
ProcessResult run_drydock(const std::vector<std::string>& args, const std::string& input = {},
                          const std::string& working_dir = {},
                          const std::vector<std::string>& extra_env = {});

} // namespace drydock::testing
