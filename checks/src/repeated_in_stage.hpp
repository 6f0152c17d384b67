#pragma once
// For the rules that report an instruction repeated within a stage (CMD, ENTRYPOINT, HEALTHCHECK): remembers
// the first one of each stage. ONBUILD triggers and instructions before the first FROM are not counted.

#include <drydock/checks/rule.hpp>

#include <cstdint>
#include <optional>

namespace drydock::rules {

class FirstInStage {
public:
    // nullopt when `instruction` is the first of its kind in the current stage (it is remembered); otherwise
    // the 1-based line of that first one.
    std::optional<std::uint32_t> earlier_line(const Instruction& instruction, const Context& context);

private:
    std::optional<std::size_t> stage_; // the stage whose first instruction is at first_
    TextSize first_ = 0;
};

} // namespace drydock::rules
