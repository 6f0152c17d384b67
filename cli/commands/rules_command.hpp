#pragma once
// `drydock rules [--format text|json|markdown]` lists every rule (`--data`: the base image lifecycle table's
// version, date and coverage); `drydock explain CODE|NAME` prints one
// rule's documentation. Both read the rules' own metadata.

#include <CLI/CLI.hpp>

#include <string>

namespace drydock::cli {

struct RulesOptions {
    std::string format = "text";
    bool data = false; // `--data`: the base image lifecycle table instead of the rules
};

struct ExplainOptions {
    std::string id;
};

void add_rules_options(CLI::App& command, RulesOptions& options);
int run_rules(const RulesOptions& options);
void add_explain_options(CLI::App& command, ExplainOptions& options);
int run_explain(const ExplainOptions& options);

} // namespace drydock::cli
