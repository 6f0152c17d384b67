#pragma once
// `drydock lsp [--stdio] [config options]`: the language server (cli/lsp/) over standard input and output,
// with the same rule selection, severity and config-file options as `lint`.

#include "config_resolver.hpp"

#include <CLI/CLI.hpp>

namespace drydock::cli {

struct LspOptions {
    bool stdio = false; // the only transport; accepted because clients pass it by habit
    ConfigOptions config;
};

void add_lsp_options(CLI::App& command, LspOptions& options);
int run_lsp(const LspOptions& options);

} // namespace drydock::cli
