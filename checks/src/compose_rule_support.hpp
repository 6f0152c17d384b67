#pragma once
// What every compose rule file includes: the ComposeRule interface, the queries compose rules share, and the
// macro that defines the rule's registry entry.

#include "compose_queries.hpp"

#include <drydock/checks/compose_rule.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/checks/rule.hpp>
#include <drydock/parser/compose.hpp>

#include <array>
#include <memory>
#include <string_view>

// Defines `RuleEntry drydock::rules::rule_entry_<id>()`, which checks/rules.def lists like any rule's.
#define DRYDOCK_REGISTER_COMPOSE_RULE(id, META, CLASS)                                                       \
    namespace drydock::rules {                                                                               \
    RuleEntry rule_entry_##id() {                                                                            \
        return {&META, nullptr, []() -> std::unique_ptr<ComposeRule> { return std::make_unique<CLASS>(); }}; \
    }                                                                                                        \
    }
