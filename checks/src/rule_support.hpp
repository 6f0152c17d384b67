#pragma once
// What every rule file includes: the Rule interface, and the macro that defines the rule's registry entry.

#include <drydock/checks/registry.hpp>
#include <drydock/checks/rule.hpp>

#include <array>
#include <memory>
#include <string_view>

// Defines `RuleEntry drydock::rules::rule_entry_<id>()`, which checks/rules.def lists.
#define DRYDOCK_REGISTER_RULE(id, META, CLASS)                                                               \
    namespace drydock::rules {                                                                               \
    RuleEntry rule_entry_##id() {                                                                            \
        return {&META, []() -> std::unique_ptr<Rule> { return std::make_unique<CLASS>(); }};                 \
    }                                                                                                        \
    }
