// DL3059: consecutive RUN instructions that could be one.

#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <drydock/parser/line_index.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3059",
    .name = "consecutive-run",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .summary = "Multiple consecutive RUN instructions. Consider consolidation",
    .docs =
        {.what =
             "Reports a `RUN` that directly follows another `RUN` with the same flags (`--mount`, "
             "`--network`, `--security`, compared as written) when both run at most two programs "
             "(counted over the command line and the heredoc bodies; an exec-form `RUN` counts one). "
             "Comments between the two do not separate them; any other instruction does. Two consecutive "
             "`ONBUILD RUN` triggers are reported the same way. A shell-form `RUN` under a non-POSIX "
             "`SHELL` is never reported: its commands are not known.\n\n"
             "A `RUN` with more than two programs is left alone, as in hadolint: splitting a long chain is "
             "usually deliberate, for example to cache an expensive step.",
         .why = "Each `RUN` makes a layer. Short steps in a row add layers, image metadata and build steps "
                "without buying any caching, and files deleted in a later `RUN` still take space in the "
                "earlier layer.",
         .bad = "FROM debian:12\nRUN mkdir -p /app\nRUN chown nobody /app\n",
         .good = "FROM debian:12\nRUN mkdir -p /app && chown nobody /app\n",
         .references =
             "https://github.com/hadolint/hadolint/wiki/DL3059\n"
             "https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers"},
};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool same_flags(const Instruction& a, const Instruction& b) {
    if (a.flags.size() != b.flags.size())
        return false;
    for (std::size_t i = 0; i < a.flags.size(); ++i) {
        const Flag& x = a.flags[i];
        const Flag& y = b.flags[i];
        if (lower(x.name.value) != lower(y.name.value) || x.value.has_value() != y.value.has_value())
            return false;
        if (x.value && x.value->value != y.value->value)
            return false;
    }
    return true;
}

// Programs a RUN runs, or nullopt when its commands are not known.
std::optional<std::size_t> program_count(const Dockerfile& file, const Instruction& run) {
    const RunCommands commands(file, run);
    if (!commands.known())
        return std::nullopt;
    return commands.program_count();
}

class ConsecutiveRun final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const std::size_t index = context.index();
        if (index == 0)
            return;
        const Instruction& before = context.file().instructions[index - 1];
        const Instruction* previous = nullptr;
        if (!context.in_onbuild() && before.is(InstructionKind::Run))
            previous = &before;
        else if (context.in_onbuild() && before.is(InstructionKind::Onbuild) && !before.trigger.empty() &&
                 before.trigger.front().is(InstructionKind::Run))
            previous = &before.trigger.front();
        if (!previous || !same_flags(*previous, ins))
            return;
        const std::optional<std::size_t> count = program_count(context.file(), ins);
        const std::optional<std::size_t> previous_count = program_count(context.file(), *previous);
        if (!count || !previous_count || *count > 2 || *previous_count > 2)
            return;
        const LineIndex lines(context.file().source);
        const std::string what = context.in_onbuild() ? "`ONBUILD RUN`" : "`RUN`";
        context.report(ins.keyword.range,
                       "Multiple consecutive " + what + " instructions. Consider consolidation with the " +
                           what + " on line " + std::to_string(lines.position(previous->range.begin).line));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3059, drydock::rules::rule_meta, drydock::rules::ConsecutiveRun)
