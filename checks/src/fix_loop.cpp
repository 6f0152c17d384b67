#include "fix_loop_core.hpp"

#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/parser/parse.hpp>

#include <algorithm>

namespace drydock {
namespace {

// Whether a fix edits an instruction that has a parse error: broken text is left as the user wrote it, since
// how the builder reads it is not known.
bool touches_invalid_instruction(const Fix& fix, const Dockerfile& file) {
    return std::any_of(file.instructions.begin(), file.instructions.end(), [&](const Instruction& ins) {
        return !ins.valid && std::any_of(fix.edits.begin(), fix.edits.end(), [&](const Edit& e) {
            return e.range.begin < ins.line_range.end && ins.line_range.begin <= e.range.end;
        });
    });
}

// The parse errors of a text, by message: a fix must leave them exactly as they were (fixing a parse error,
// or changing how broken text reads, is not a fix's business; positions may move).
std::vector<std::string> error_messages(const Dockerfile& file) {
    std::vector<std::string> out;
    for (const ParseError& e : file.errors)
        out.push_back(e.message);
    return out;
}

} // namespace

std::size_t FixReport::fixed_count() const {
    std::size_t total = 0;
    for (const auto& [code, count] : fixed)
        total += count;
    return total;
}

FixReport fix_text(std::string text, const Config& config, const FixRequest& request) {
    return fix_loop::run<Dockerfile>(
        std::move(text), request, [](std::string source) { return parse(std::move(source)); },
        [](const Dockerfile& file) -> const std::string& { return file.source; },
        [&](const Dockerfile& file) { return lint(file, config); }, error_messages,
        touches_invalid_instruction);
}

} // namespace drydock
