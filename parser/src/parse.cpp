// Ties the layers together: line pre-pass -> argument layer per instruction -> shell model where a POSIX
// shell runs the text -> file-level checks.

#include "instruction_parser.hpp"
#include "logical_lines.hpp"
#include "shell_contiguous.hpp"

#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace drydock {
namespace {

// Reports the first NUL byte and the first invalid UTF-8 sequence: either makes the file suspect, and one
// error each is enough to find it.
void check_encoding(std::string_view src, std::vector<ParseError>& errors) {
    if (const std::size_t nul = src.find('\0'); nul != std::string_view::npos)
        errors.push_back(
            {{static_cast<TextSize>(nul), static_cast<TextSize>(nul + 1)}, "NUL byte in Dockerfile"});
    const auto* p = reinterpret_cast<const unsigned char*>(src.data());
    const std::size_t n = src.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = len != 0 && i + len <= n;
        for (std::size_t k = 1; ok && k < len; ++k)
            ok = (p[i + k] & 0xC0) == 0x80;
        if (ok && len == 2)
            ok = c >= 0xC2;
        if (ok && len == 3)
            ok = !(c == 0xE0 && p[i + 1] < 0xA0) && !(c == 0xED && p[i + 1] >= 0xA0);
        if (ok && len == 4)
            ok = c <= 0xF4 && !(c == 0xF0 && p[i + 1] < 0x90) && !(c == 0xF4 && p[i + 1] >= 0x90);
        if (!ok) {
            errors.push_back(
                {{static_cast<TextSize>(i), static_cast<TextSize>(i + 1)}, "invalid UTF-8 byte sequence"});
            return;
        }
        i += len;
    }
}

bool is_shell_consumer(const shell::Script& script) {
    if (script.commands.empty())
        return true; // `RUN <<EOF`: the body is the script
    const shell::Command& first = script.commands.front();
    if (first.words.empty())
        return true;
    static constexpr std::string_view shells[] = {"sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"};
    return std::find(std::begin(shells), std::end(shells), first.name()) != std::end(shells);
}

// Keeps the shell model of shell-form commands only under POSIX shells, and adds RUN heredoc bodies read by
// one.
void attach_scripts(Dockerfile& file, Instruction& ins, bool posix) {
    if (!ins.trigger.empty())
        attach_scripts(file, ins.trigger.front(), posix);
    if (!ins.command || !ins.command->script)
        return;
    if (!posix) {
        ins.command->script.reset(); // cmd.exe or PowerShell text: the POSIX model would only guess
        return;
    }
    if (!ins.is(InstructionKind::Run) || ins.heredocs.empty() || !is_shell_consumer(*ins.command->script))
        return;
    for (Heredoc& doc : ins.heredocs)
        doc.script = shell::parse_contiguous(file.text(doc.body), doc.body.begin);
}

} // namespace

Dockerfile parse(std::string source) {
    if (source.size() >= std::numeric_limits<TextSize>::max())
        throw std::length_error("Dockerfile too large (4 GiB or more)");
    Dockerfile file;
    file.source = std::move(source);
    detail::LinePass lines = detail::split_lines(file.source);
    file.escape = lines.escape;
    file.directives = std::move(lines.directives);
    file.comments = std::move(lines.comments);
    file.items = std::move(lines.items);
    file.errors = std::move(lines.errors);
    check_encoding(file.source, file.errors);
    file.instructions.reserve(lines.instructions.size());
    for (detail::LogicalInstruction& logical : lines.instructions)
        file.instructions.push_back(detail::parse_instruction(std::move(logical), file.escape, file.errors));
    if (file.instructions.empty())
        file.errors.push_back({{0, 0}, "file with no instructions"});

    const SemanticModel model(file);
    for (std::size_t i = 0; i < file.instructions.size(); ++i)
        attach_scripts(file, file.instructions[i], model.shell_at(i).posix);

    std::stable_sort(file.errors.begin(), file.errors.end(),
                     [](const ParseError& a, const ParseError& b) { return a.range.begin < b.range.begin; });
    return file;
}

std::string print(const Dockerfile& file) {
    std::string out;
    out.reserve(file.source.size());
    for (const Item& item : file.items)
        out.append(file.text(item.range));
    return out;
}

} // namespace drydock
