#pragma once
// The lint engine: one walk over the tree, dispatching each instruction to the rules that asked for its kind,
// then suppression (pragmas, `# check=skip=`), configuration (ignore, select, severity overrides) and
// sorting.

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>
#include <drydock/checks/rule.hpp>
#include <drydock/parser/ast.hpp>

#include <vector>

namespace drydock {

// All findings for one parsed file, sorted by position: parse errors (DL1000) and rule findings, with the
// configuration and the file's pragmas applied.
std::vector<Diagnostic> lint(const Dockerfile& file, const Config& config);

// Whether `findings` should fail the run: one at or above the config's failure threshold (default info;
// `ignore`/`none` = any finding), unless `no-fail` is set.
bool fails_threshold(const std::vector<Diagnostic>& findings, const Config& config);

// Whether a rule runs under `config` and at which severity (nullopt = off).
std::optional<Severity> effective_severity(const RuleMeta& rule, const Config& config);

} // namespace drydock
