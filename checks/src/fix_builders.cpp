#include "fix_builders.hpp"

#include <drydock/checks/suppression.hpp>
#include <drydock/fixers/text_edits.hpp>

#include <algorithm>

namespace drydock::rules {

std::string dockerfile_quoted(std::string_view value, char escape) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '$' || c == escape)
            out.push_back(escape);
        out.push_back(c);
    }
    return out + "\"";
}

Fix replace_keyword(const Instruction& instruction, std::string_view keyword, std::string title,
                    Applicability applicability) {
    return Fix::replace(std::move(title), instruction.keyword.range,
                        cased_like(keyword, instruction.keyword.raw), applicability);
}

bool drops_comments(const Instruction& instruction, TextRange range) {
    return std::any_of(instruction.comments.begin(), instruction.comments.end(),
                       [&](TextRange c) { return c.begin < range.end && range.begin < c.end; });
}

Fix insert_after_word(const shell::Word& word, std::string_view text, std::string title,
                      Applicability applicability) {
    return Fix{std::move(title), {insert_at(word.range.end, " " + std::string(text))}, applicability};
}

namespace {

// Start of the line holding `offset`, and the indentation (blanks) at its start.
std::string_view indentation_of_line(std::string_view text, TextSize offset) {
    const std::size_t start = offset == 0 ? 0 : text.rfind('\n', offset - 1) + 1;
    std::size_t end = start;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t'))
        ++end;
    return text.substr(start, end - start);
}

// Whether the RUN's continued lines begin with their operator (`    && make`) rather than end with it.
bool operators_lead_lines(const Dockerfile& file, const shell::Script& script) {
    for (const shell::Command& c : script.commands) {
        if (c.preceded_by != shell::Operator::And && c.preceded_by != shell::Operator::Or)
            continue;
        const std::size_t line_start = file.source.rfind('\n', c.range.begin) + 1;
        const std::string_view before =
            std::string_view(file.source).substr(line_start, c.range.begin - line_start);
        const std::size_t first = before.find_first_not_of(" \t");
        if (first != std::string_view::npos &&
            (before.substr(first, 2) == "&&" || before.substr(first, 2) == "||"))
            return true;
    }
    return false;
}

// The style of the first line break of `script` at which an and-or list goes on (`… && \` then `    make`,
// or `… \` then `    && make`); nullopt when no `&&`/`||` of the script sits at a line break.
std::optional<ContinuationStyle> style_of(const Dockerfile& file, const shell::Script& script) {
    const std::string_view text = file.source;
    for (const shell::Command& c : script.commands) {
        if (c.preceded_by != shell::Operator::And && c.preceded_by != shell::Operator::Or)
            continue;
        const std::size_t line_start = text.rfind('\n', c.range.begin) + 1;
        const std::string_view before = text.substr(line_start, c.range.begin - line_start);
        const std::size_t first = before.find_first_not_of(" \t");
        const std::string indent(before.substr(0, std::min(first, before.size())));
        if (first != std::string_view::npos) {
            if (before.substr(first, 2) == "&&" || before.substr(first, 2) == "||")
                return ContinuationStyle{true, indent};
            continue; // the operator is within the line
        }
        // The command starts its line: the operator ends the line before, ahead of the continuation.
        if (line_start == 0)
            continue;
        std::size_t p = line_start - 1; // the line feed
        if (p > 0 && text[p - 1] == '\r')
            --p;
        while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t'))
            --p;
        if (p > 0 && text[p - 1] == file.escape)
            --p;
        while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t'))
            --p;
        if (p >= 2 && (text.substr(p - 2, 2) == "&&" || text.substr(p - 2, 2) == "||"))
            return ContinuationStyle{false, indent};
    }
    return std::nullopt;
}

} // namespace

ContinuationStyle continuation_style(const Dockerfile& file) {
    for (const Instruction& top : file.instructions) {
        const Instruction& ins = top.trigger.empty() ? top : top.trigger.front();
        if (!ins.is(InstructionKind::Run) || ins.continuations.empty() || !ins.command ||
            !ins.command->script)
            continue;
        if (const std::optional<ContinuationStyle> style = style_of(file, *ins.command->script))
            return *style;
    }
    return {};
}

std::string continuation_joiner(const Dockerfile& file, const ContinuationStyle& style, TextSize at) {
    const std::string eol(line_terminator_at(file.source, at));
    const std::string escape(1, file.escape);
    return style.operators_lead ? " " + escape + eol + style.indent + "&& "
                                : " && " + escape + eol + style.indent;
}

Fix insert_argument_after(const shell::Word& word, CommandSource source, std::string_view argument,
                          std::string title, Applicability applicability) {
    const std::string text =
        source == CommandSource::ExecForm ? ", " + json_string(argument) : " " + std::string(argument);
    return Fix{std::move(title), {insert_at(word.range.end, text)}, applicability};
}

std::optional<Fix> delete_argument(const Dockerfile& file, const Instruction& run,
                                   const shell::Command& command, std::size_t index, CommandSource source,
                                   std::string title, Applicability applicability) {
    if (index == 0 || index >= command.words.size())
        return std::nullopt;
    const TextRange range{command.words[index - 1].range.end, command.words[index].range.end};
    const std::string_view between = file.text({range.begin, command.words[index].range.begin});
    std::size_t commas = 0;
    for (const char c : between) {
        if (c == ',' && source == CommandSource::ExecForm)
            ++commas;
        else if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\\' && c != file.escape)
            return std::nullopt;
    }
    if (commas != (source == CommandSource::ExecForm ? 1U : 0U) || drops_comments(run, range))
        return std::nullopt;
    return Fix{std::move(title), {delete_range(range)}, applicability};
}

std::optional<Fix> delete_option_letter(const shell::Word& word, std::size_t position, std::string title,
                                        Applicability applicability) {
    const bool plain = !word.quoted && word.range.end - word.range.begin == word.value.size();
    if (!plain || position == 0 || position >= word.value.size() || word.value.size() < 3)
        return std::nullopt;
    const TextSize at = word.range.begin + static_cast<TextSize>(position);
    return Fix{std::move(title), {delete_range({at, at + 1})}, applicability};
}

std::optional<TextSize> command_line_end(const Dockerfile& file, const Instruction& run,
                                         const shell::Script& script) {
    if (!run.command || !run.command->script || &*run.command->script != &script)
        return std::nullopt;
    if (!script.errors.empty() || script.commands.empty())
        return std::nullopt;
    const shell::Command& last = script.commands.back();
    if (last.depth != 0)
        return std::nullopt; // the script ends inside `if`/`for`/a subshell: the end is not the end of a
                             // command
    TextSize end = last.range.end;
    for (const shell::Redirect& r : last.redirects)
        end = std::max(end, r.range.end);
    const std::string_view after = std::string_view(file.source).substr(end, run.command->range.end - end);
    if (after.find_first_not_of(" \t;") != std::string_view::npos ||
        after.find(';') != std::string_view::npos)
        return std::nullopt; // a trailing `&`, `;` or comment: joining would change how the list ends
    return end;
}

std::string and_joiner(const Dockerfile& file, const Instruction& run, const shell::Script& script,
                       TextSize end) {
    if (run.continuations.empty() || !run.heredocs.empty())
        return " && ";
    // The RUN's own style: where it puts `&&`, and the indentation of the line where its last command starts
    // (a package list continued on deeper-indented lines must not push the new command that far right); the
    // last line's indentation when that command starts on the RUN's own line.
    const TextSize last_start = script.commands.back().range.begin;
    const bool on_run_line = file.source.rfind('\n', last_start) < run.range.begin ||
                             file.source.rfind('\n', last_start) == std::string::npos;
    const ContinuationStyle style{
        operators_lead_lines(file, script),
        std::string(indentation_of_line(file.source, on_run_line ? end : last_start))};
    return continuation_joiner(file, style, end);
}

Edit insert_line_before(const Dockerfile& file, std::size_t index, std::string_view line) {
    const Instruction& ins = file.instructions[index];
    std::size_t item = 0;
    while (item < file.items.size() &&
           !(file.items[item].kind == ItemKind::Instruction && file.items[item].index == index))
        ++item;
    // The comment lines right above the instruction (no blank line between) are its own: its description
    // and its `# hadolint ignore=` pragmas. The new line goes above them.
    TextSize at = ins.line_range.begin;
    std::size_t k = item;
    while (k > 0 && file.items[k - 1].kind == ItemKind::Comment)
        at = file.items[--k].range.begin;
    // BuildKit gives an instruction every comment since the previous instruction, blank lines or not: a
    // `# check=` comment further up must keep its instruction too.
    for (std::size_t far = k; far > 0; --far) {
        const Item& above = file.items[far - 1];
        if (above.kind != ItemKind::Comment && above.kind != ItemKind::Blank)
            break;
        if (above.kind == ItemKind::Comment && file.comments[above.index].text.starts_with("check="))
            at = above.range.begin;
    }
    // The terminator of the line above (the new line ends like the lines around it), and the indentation
    // of the instruction.
    const std::string_view eol = line_terminator_at(file.source, at > 0 ? at - 1 : at);
    const std::string indent(indentation_of_line(file.source, ins.range.begin));
    return insert_at(at, indent + std::string(line) + std::string(eol));
}

namespace {

// The file's pragmas, read once per file for is_suppressed_at (a rule asking for each RUN of a stage read the
// whole file's comments each time).
struct SuppressionsMemo {
    std::optional<Suppressions> suppressions;
};

} // namespace

bool is_suppressed_at(const Context& context, const RuleMeta& rule, TextRange range) {
    if (context.config().disable_ignore_pragma)
        return false;
    SuppressionsMemo& memo = context.cache<SuppressionsMemo>();
    if (!memo.suppressions)
        memo.suppressions = collect_suppressions(context.file(), context.model());
    const Suppressions& suppressions = *memo.suppressions;
    const Diagnostic finding{std::string(rule.code), std::string(rule.name), rule.severity, {}, range, {}};
    std::vector<bool> used;
    return is_suppressed(finding, suppressions, used);
}

std::optional<Fix> append_command(const Dockerfile& file, const Instruction& run, const shell::Script& script,
                                  std::string_view command, std::string title, Applicability applicability) {
    if (!script.errors.empty() || script.commands.empty())
        return std::nullopt;
    const shell::Command& last = script.commands.back();
    if (last.depth != 0)
        return std::nullopt; // the script ends inside `if`/`for`/a subshell: the end is not the end of a
                             // command
    const std::string_view text = file.source;
    // Heredoc body: a new line before the terminator.
    for (const Heredoc& doc : run.heredocs) {
        if (!doc.script || &*doc.script != &script)
            continue;
        if (!doc.terminated || doc.body.empty())
            return std::nullopt;
        const std::string_view eol = line_terminator_at(text, doc.body.begin);
        const std::string indent(indentation_of_line(text, last.range.begin));
        return Fix{std::move(title),
                   {insert_at(doc.terminator.begin, indent + std::string(command) + std::string(eol))},
                   applicability};
    }
    // The command line: after the last command (and its redirects), unless it runs in the background.
    const std::optional<TextSize> end = command_line_end(file, run, script);
    if (!end)
        return std::nullopt;
    return Fix{std::move(title),
               {insert_at(*end, and_joiner(file, run, script, *end) + std::string(command))},
               applicability};
}

} // namespace drydock::rules
