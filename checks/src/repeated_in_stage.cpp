#include "repeated_in_stage.hpp"

#include "instruction_queries.hpp"

namespace drydock::rules {

std::optional<std::uint32_t> FirstInStage::earlier_line(const Instruction& instruction,
                                                        const Context& context) {
    if (context.in_onbuild() || !context.stage())
        return std::nullopt;
    if (stage_ != context.stage()) {
        stage_ = context.stage();
        first_ = instruction.range.begin;
        return std::nullopt;
    }
    return context.line_of(first_);
}

} // namespace drydock::rules
