#pragma once
// The command line: builds the CLI11 app with its subcommands and runs the one asked for.

namespace drydock::cli {

// Returns the process exit code (see exit_codes.hpp).
int run(int argc, char** argv);

} // namespace drydock::cli
