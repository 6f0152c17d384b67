// DD1003: BuildKit's NoEmptyContinuation — an empty or blank line inside a backslash-continued instruction.

#include "rule_support.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"NoEmptyContinuation"};

constexpr RuleMeta rule_meta{
    .code = "DD1003",
    .name = "no-empty-continuation",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Syntax,
    .fix = FixAvailability::Always,
    .summary = "Empty continuation lines will become errors in a future release",
    .docs =
        {.what =
             "Reports an empty or whitespace-only line inside an instruction that a line continuation (`\\`, "
             "or the `# escape=` character) carries on, as BuildKit's NoEmptyContinuation check does. One "
             "finding per instruction, at its first empty line (BuildKit reports at the instruction's last "
             "line); the message says how many such lines the instruction has.",
         .why = "The builder drops such lines today, so the instruction goes on below them, but Docker has "
                "deprecated this and a future BuildKit release will reject it. An empty line also reads as "
                "the end of the instruction: the next line looks like a new instruction although it is not.",
         .bad = "FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n",
         .good = "FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n",
         .fix_safety =
             "Safe: the empty lines are deleted; the builder dropped them already, so the instruction "
             "stays the same.",
         .references = "https://docs.docker.com/reference/build-checks/no-empty-continuation/"},
};

// The line content of an empty-line range (which includes its terminator): what the finding points at.
TextRange without_terminator(std::string_view source, TextRange line) {
    TextSize end = line.end;
    if (end > line.begin && source[end - 1] == '\n')
        --end;
    if (end > line.begin && source[end - 1] == '\r')
        --end;
    return {line.begin, end};
}

class NoEmptyContinuation final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check(const Instruction& ins, Context& context) override {
        // The lines belong to the top-level instruction; an ONBUILD trigger has none of its own.
        if (context.in_onbuild() || ins.empty_continuation_lines.empty())
            return;
        const std::size_t count = ins.empty_continuation_lines.size();
        std::string message = "Empty continuation line";
        if (count > 1)
            message += " (and " + std::to_string(count - 1) + " more in this instruction)";
        message += ": the instruction goes on below it, and a future BuildKit release will reject it";
        Fix fix{count > 1 ? "Delete the empty continuation lines" : "Delete the empty continuation line",
                {},
                Applicability::Safe};
        for (const TextRange line : ins.empty_continuation_lines)
            fix.edits.push_back(delete_range(line));
        context.report(without_terminator(context.file().source, ins.empty_continuation_lines.front()),
                       std::move(message), std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1003, drydock::rules::rule_meta, drydock::rules::NoEmptyContinuation)
