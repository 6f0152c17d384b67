#include "app.hpp"

#include "commands/fix_command.hpp"
#include "commands/lint_command.hpp"
#include "commands/lsp_command.hpp"
#include "commands/parse_command.hpp"
#include "commands/rules_command.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <iostream>
#include <string_view>

namespace drydock::cli {
namespace {

constexpr std::array<std::string_view, 6> subcommand_names = {"lint",  "fix",     "parse",
                                                              "rules", "explain", "lsp"};

// The subcommand the command line names: its first argument that is not an option (drydock's own options,
// --help and --version, take no value). Empty when there is none, or when it names no subcommand (CLI11
// then reports it, with every subcommand's options registered as usual).
std::string_view requested_subcommand(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("-"))
            continue;
        for (const std::string_view name : subcommand_names)
            if (arg == name)
                return name;
        return {};
    }
    return {};
}

} // namespace

int run(int argc, char** argv) {
    CLI::App app{"drydock: a Dockerfile linter and best-practice rewriter", "drydock"};
    app.set_version_flag("--version", std::string("drydock ") + DRYDOCK_VERSION);
    app.require_subcommand(1);
    // Only the subcommand that runs gets its options: CLI11 compares each new option with every earlier one
    // of its command, and registering all six subcommands' options was half the work of linting a small file.
    const std::string_view requested = requested_subcommand(argc, argv);
    const auto registers = [&](std::string_view name) { return requested.empty() || requested == name; };

    LintOptions lint_options;
    CLI::App* lint = app.add_subcommand("lint", "Lint Dockerfiles and report what is wrong");
    if (registers("lint"))
        add_lint_options(*lint, lint_options);

    FixOptions fix_options;
    CLI::App* fix =
        app.add_subcommand("fix", "Apply the fixes of the findings (safe ones unless --unsafe-fixes)");
    if (registers("fix"))
        add_fix_options(*fix, fix_options);

    ParseOptions parse_options;
    CLI::App* parse = app.add_subcommand("parse", "Print the syntax tree of a Dockerfile");
    if (registers("parse"))
        add_parse_options(*parse, parse_options);

    RulesOptions rules_options;
    CLI::App* rules = app.add_subcommand("rules", "List every rule");
    if (registers("rules"))
        add_rules_options(*rules, rules_options);

    ExplainOptions explain_options;
    CLI::App* explain = app.add_subcommand("explain", "Show a rule's documentation");
    if (registers("explain"))
        add_explain_options(*explain, explain_options);

    LspOptions lsp_options;
    CLI::App* lsp = app.add_subcommand("lsp", "Run the language server (LSP over standard input and output)");
    if (registers("lsp"))
        add_lsp_options(*lsp, lsp_options);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e, std::cout, std::cerr);
        return code == 0 ? Success : UsageError;
    }
    if (lint->parsed())
        return run_lint(lint_options);
    if (fix->parsed())
        return run_fix(fix_options);
    if (parse->parsed())
        return run_parse(parse_options);
    if (rules->parsed())
        return run_rules(rules_options);
    if (explain->parsed())
        return run_explain(explain_options);
    if (lsp->parsed())
        return run_lsp(lsp_options);
    return UsageError;
}

} // namespace drydock::cli
