// DL3059: consecutive RUN instructions that could be one.

#include "fix_builders.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3059",
    .name = "consecutive-run",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
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
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`): the two `RUN`s become one, `first && second`: the "
             "text from the end of the first command line to the start of the second's commands (the line "
             "break, the second `RUN` keyword and its flags) is replaced by ` && ` when the whole chain of "
             "`RUN`s being joined is one line each and fits on 80 columns, else by a new continuation line, "
             "in the first `RUN`'s style when it spans lines and in the style of the file's other `RUN`s "
             "otherwise (`&&` leading or trailing, their indentation). Offered only when both are shell "
             "form without heredocs, no comment stands between them, the first ends with a plain command "
             "(not in the background, after `;` or inside `if`/`for`/a subshell) and changes no shell state "
             "that the second would then inherit (`cd`, `export`, `set`, variable assignments, `source`, "
             "`exec`, `exit`, `umask`, …), the second is one `&&` list of simple commands (so a failure of "
             "the first still stops everything), and no ignore pragma sits above the first (it would then "
             "cover the second's commands too).\n\nIt is unsafe because the layers change: the two steps "
             "are cached and rebuilt together, and the image has one layer fewer.",
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

// The RUN at top-level index `i` (for ONBUILD: the RUN trigger of the ONBUILD at `i`), or nullptr.
const Instruction* run_at(const Dockerfile& file, std::size_t i, bool onbuild) {
    if (i >= file.instructions.size())
        return nullptr;
    const Instruction& ins = file.instructions[i];
    if (!onbuild)
        return ins.is(InstructionKind::Run) ? &ins : nullptr;
    if (ins.is(InstructionKind::Onbuild) && !ins.trigger.empty() &&
        ins.trigger.front().is(InstructionKind::Run))
        return &ins.trigger.front();
    return nullptr;
}

// Whether the rule reports `second` for following `first`: the same flags, and at most two programs each.
bool reported(const Dockerfile& file, const Instruction& first, const Instruction& second) {
    if (!same_flags(first, second))
        return false;
    const std::optional<std::size_t> count = program_count(file, second);
    const std::optional<std::size_t> first_count = program_count(file, first);
    return count && first_count && *count <= 2 && *first_count <= 2;
}

// Whether the script changes the shell's state (directory, variables, options, traps, …) for commands that
// would come after it in the same shell.
bool changes_shell_state(const shell::Script& script) {
    static constexpr std::array<std::string_view, 28> builtins = {
        "cd",       "pushd", "popd",    "export",    "unset",   "set",     "shopt",
        "source",   ".",     "alias",   "unalias",   "umask",   "ulimit",  "trap",
        "exec",     "exit",  "return",  "eval",      "declare", "typeset", "local",
        "readonly", "read",  "mapfile", "readarray", "shift",   "let",     "getopts"};
    if (script.uses_eval)
        return true;
    return std::any_of(script.commands.begin(), script.commands.end(), [](const shell::Command& c) {
        if (c.words.empty())
            return !c.assignments.empty(); // `VAR=value` alone sets a shell variable
        return std::find(builtins.begin(), builtins.end(), c.name()) != builtins.end();
    });
}

// Whether the script is one `&&` list of simple commands (pipelines allowed), so that `first && script` still
// stops at the first failure.
bool is_and_list(const shell::Script& script) {
    if (!script.errors.empty() || script.commands.empty())
        return false;
    for (std::size_t i = 0; i < script.commands.size(); ++i) {
        const shell::Command& c = script.commands[i];
        if (c.depth != 0)
            return false;
        if (i > 0 && c.preceded_by != shell::Operator::And && c.preceded_by != shell::Operator::Pipe)
            return false;
    }
    return true;
}

// Whether an ignore pragma (`# hadolint ignore=`, `# drydock ignore=`, BuildKit's `# check=`) is among the
// comments above top-level instruction `index`: after a merge it would cover the second RUN's commands too.
bool has_pragma_above(const Dockerfile& file, std::size_t index) {
    // Items tile the file in order: the instruction's item is found by its start offset.
    const TextSize begin = file.instructions[index].range.begin;
    const auto it = std::lower_bound(file.items.begin(), file.items.end(), begin,
                                     [](const Item& item, TextSize at) { return item.range.begin < at; });
    for (auto k = it; k != file.items.begin();) {
        const Item& above = *--k;
        if (above.kind == ItemKind::Blank)
            continue;
        if (above.kind != ItemKind::Comment)
            break;
        const std::string& text = file.comments[above.index].text;
        if (text.starts_with("hadolint") || text.starts_with("drydock") || text.starts_with("check="))
            return true;
    }
    return false;
}

// Whether a top-level comment overlaps `range` (comments are sorted by position).
bool comment_within(const Dockerfile& file, TextRange range) {
    const auto it = std::lower_bound(file.comments.begin(), file.comments.end(), range.begin,
                                     [](const Comment& c, TextSize at) { return c.range.end <= at; });
    return it != file.comments.end() && it->range.begin < range.end;
}

// Where the RUN at `second_index` can be joined onto the RUN before it: the text from the first's last
// command to the second's first command (line break, keyword, flags), which the joiner replaces so that both
// command texts stay as written. nullopt when the two must stay apart (see fix_safety).
std::optional<TextRange> join_range(const Dockerfile& file, std::size_t second_index, bool onbuild) {
    if (second_index == 0)
        return std::nullopt;
    const Instruction* first = run_at(file, second_index - 1, onbuild);
    const Instruction* second = run_at(file, second_index, onbuild);
    if (!first || !second || !reported(file, *first, *second))
        return std::nullopt;
    if (!first->heredocs.empty() || !second->heredocs.empty() || !first->command || !second->command ||
        !first->command->script || !second->command->script)
        return std::nullopt;
    const shell::Script& head = *first->command->script;
    const shell::Script& tail = *second->command->script;
    const std::optional<TextSize> end = command_line_end(file, *first, head);
    if (!end || changes_shell_state(head) || !is_and_list(tail) || has_pragma_above(file, second_index - 1))
        return std::nullopt;
    const TextRange between{*end, tail.commands.front().range.begin};
    if (comment_within(file, between) || drops_comments(*first, between) || drops_comments(*second, between))
        return std::nullopt;
    return between;
}

// The widest line a chain of one-line RUNs may be joined into; longer chains are continued over lines.
constexpr std::size_t max_joined_width = 80;

// The joins of one file (top-level RUNs or ONBUILD RUN triggers), each computed once: a chain of thousands
// of joinable RUNs must not be walked again for each of its members.
class JoinPlan {
public:
    JoinPlan(const Dockerfile& file, bool onbuild)
        : file_(file), onbuild_(onbuild), joins_(file.instructions.size() + 1), chain_fits_(joins_.size()) {}

    const std::optional<TextRange>& join(std::size_t second_index) {
        if (second_index >= joins_.size())
            return none_;
        auto& memo = joins_[second_index];
        if (!memo)
            memo = join_range(file_, second_index, onbuild_);
        return *memo;
    }

    // Whether the chain of RUNs that the fixes join together with the RUN at `second_index` (all consecutive
    // RUNs joinable to their neighbour) are all one line each and fit on one line when joined. Checks run in
    // file order, so the chain is measured when its first join is asked for and remembered for the rest.
    bool chain_fits_one_line(std::size_t second_index) {
        if (chain_fits_[second_index])
            return *chain_fits_[second_index];
        std::size_t first = second_index - 1;
        while (first > 0 && join(first))
            --first;
        std::size_t last = second_index;
        while (join(last + 1))
            ++last;
        const bool fits = measure(first, last);
        for (std::size_t i = first + 1; i <= last; ++i)
            chain_fits_[i] = fits;
        return fits;
    }

private:
    bool measure(std::size_t first, std::size_t last) const {
        std::size_t width = 0;
        for (std::size_t i = first; i <= last && width <= max_joined_width; ++i) {
            const Instruction& run = *run_at(file_, i, onbuild_);
            if (!run.continuations.empty())
                return false;
            const Instruction& top = file_.instructions[i];
            // The first line from its start; the others from their first command, after ` && `.
            width += i == first ? top.range.end - top.line_range.begin
                                : 4 + (run.range.end - run.command->script->commands.front().range.begin);
        }
        return width <= max_joined_width;
    }

    const Dockerfile& file_;
    bool onbuild_;
    std::vector<std::optional<std::optional<TextRange>>> joins_;
    std::vector<std::optional<bool>> chain_fits_;
    std::optional<TextRange> none_;
};

class ConsecutiveRun final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const std::size_t index = context.index();
        if (index == 0)
            return;
        const Instruction* previous = run_at(context.file(), index - 1, context.in_onbuild());
        if (!previous || !reported(context.file(), *previous, ins))
            return;
        const std::string what = context.in_onbuild() ? "`ONBUILD RUN`" : "`RUN`";
        const std::uint32_t line = context.line_of(previous->range.begin);
        context.report(ins.keyword.range,
                       "Multiple consecutive " + what + " instructions. Consider consolidation with the " +
                           what + " on line " + std::to_string(line),
                       merge_fix(context, index, line));
    }

private:
    JoinPlan& plan(const Context& context) {
        std::optional<JoinPlan>& plan = context.in_onbuild() ? onbuild_plan_ : run_plan_;
        if (!plan)
            plan.emplace(context.file(), context.in_onbuild());
        return *plan;
    }

    // `RUN a` + `RUN b` -> `RUN a && b`: on one line when the whole chain of joined RUNs fits on one, else
    // `b` on a new continuation line, in the first RUN's style when it spans lines, else in the file's.
    std::optional<Fix> merge_fix(const Context& context, std::size_t index, std::uint32_t first_line) {
        const Dockerfile& file = context.file();
        const std::optional<TextRange> between = plan(context).join(index);
        if (!between)
            return std::nullopt;
        const Instruction& first = *run_at(file, index - 1, context.in_onbuild());
        std::string joiner;
        if (!first.continuations.empty())
            joiner = and_joiner(file, first, *first.command->script, between->begin);
        else if (plan(context).chain_fits_one_line(index))
            joiner = " && ";
        else {
            if (!style_)
                style_ = continuation_style(file);
            joiner = continuation_joiner(file, *style_, between->begin);
        }
        return Fix{"Merge into the RUN on line " + std::to_string(first_line),
                   {replace_range(*between, std::move(joiner))},
                   Applicability::Unsafe};
    }

    std::optional<JoinPlan> run_plan_, onbuild_plan_;
    std::optional<ContinuationStyle> style_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3059, drydock::rules::rule_meta, drydock::rules::ConsecutiveRun)
