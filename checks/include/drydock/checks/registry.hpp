#pragma once
// The list of every rule (from checks/rules.def, no static initialisers) and lookups by code, name or alias.
// Dockerfile rules and compose rules share the list; RuleMeta::file_kind says which is which.

#include <drydock/checks/compose_rule.hpp>
#include <drydock/checks/rule.hpp>

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace drydock {

struct RuleEntry {
    const RuleMeta* meta;
    std::unique_ptr<Rule> (*make)();                          // Dockerfile rules; nullptr for compose rules
    std::unique_ptr<ComposeRule> (*make_compose)() = nullptr; // compose rules
};

// Every rule, sorted by code.
std::span<const RuleEntry> all_rules();
// The rule with this code, name or alias (case-insensitive), or nullptr.
const RuleEntry* find_rule(std::string_view id);

// The pseudo-rule of parse errors (hadolint's DL1000).
const RuleMeta& syntax_error_rule();

} // namespace drydock
