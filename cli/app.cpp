#include "app.hpp"

#include "commands/parse_command.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace drydock::cli {

int run(int argc, char** argv) {
    CLI::App app{"drydock: a Dockerfile linter and best-practice rewriter", "drydock"};
    app.set_version_flag("--version", std::string("drydock ") + DRYDOCK_VERSION);
    app.require_subcommand(1);

    ParseOptions parse_options;
    CLI::App* parse = app.add_subcommand("parse", "Print the syntax tree of a Dockerfile");
    add_parse_options(*parse, parse_options);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e, std::cout, std::cerr);
        return code == 0 ? Success : UsageError;
    }
    if (parse->parsed())
        return run_parse(parse_options);
    return UsageError;
}

} // namespace drydock::cli
