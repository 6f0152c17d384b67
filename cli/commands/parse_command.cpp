#include "commands/parse_command.hpp"

#include "exit_codes.hpp"
#include "input.hpp"
#include "output/tree_json.hpp"

#include <drydock/parser/dump.hpp>
#include <drydock/parser/line_index.hpp>
#include <drydock/parser/parse.hpp>

#include <fmt/core.h>

#include <iostream>

namespace drydock::cli {

void add_parse_options(CLI::App& command, ParseOptions& options) {
    command.add_option("--format", options.format, "Output format")
        ->check(CLI::IsMember({"json", "text"}))
        ->capture_default_str();
    command.add_option("file", options.path, "Dockerfile to parse, or - for standard input")->required();
}

int run_parse(const ParseOptions& options) {
    std::string error;
    const std::optional<Input> input = read_input(options.path, error);
    if (!input) {
        fmt::print(stderr, "drydock: {}\n", error);
        return UsageError;
    }
    const Dockerfile file = parse(input->text);
    if (options.format == "text")
        std::cout << dump(file);
    else
        std::cout
            << tree_to_json(file, input->path).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
    const LineIndex lines(file.source);
    for (const ParseError& e : file.errors) {
        const Position p = lines.position(e.range.begin);
        fmt::print(stderr, "{}:{}:{}: error: {}\n", input->path, p.line, p.column, e.message);
    }
    return file.errors.empty() ? Success : Findings;
}

} // namespace drydock::cli
