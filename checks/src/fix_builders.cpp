#include "fix_builders.hpp"

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

} // namespace

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
    if (!run.command || !run.command->script || &*run.command->script != &script)
        return std::nullopt;
    // The command line: after the last command (and its redirects), unless it runs in the background.
    TextSize end = last.range.end;
    for (const shell::Redirect& r : last.redirects)
        end = std::max(end, r.range.end);
    const std::string_view after = text.substr(end, run.command->range.end - end);
    if (after.find_first_not_of(" \t;") != std::string_view::npos ||
        after.find(';') != std::string_view::npos)
        return std::nullopt; // a trailing `&`, `;` or comment: appending would change how the list ends
    if (run.continuations.empty() || run.heredocs.size() > 0)
        return Fix{std::move(title), {insert_at(end, " && " + std::string(command))}, applicability};
    const std::string_view eol = line_terminator_at(text, end);
    const std::string indent(indentation_of_line(text, end)); // the RUN's last line
    const std::string escape(1, file.escape);
    const std::string joined = operators_lead_lines(file, script)
                                   ? " " + escape + std::string(eol) + indent + "&& " + std::string(command)
                                   : " && " + escape + std::string(eol) + indent + std::string(command);
    return Fix{std::move(title), {insert_at(end, joined)}, applicability};
}

} // namespace drydock::rules
