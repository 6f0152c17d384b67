#include "lsp/code_actions.hpp"

#include "lsp/diagnostics.hpp"
#include "lsp/document_store.hpp"
#include "lsp/protocol.hpp"

#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/fixers/text_edits.hpp>

#include <algorithm>

namespace drydock::lsp {
namespace {

nlohmann::json workspace_edit(const std::string& uri, nlohmann::json edits) {
    return {{"changes", {{uri, std::move(edits)}}}};
}

// A fix that creates files: `documentChanges` with a create operation (never over an existing file) and an
// insertion of the content into it, then the edits of the document itself. The new file's URI is the
// document's folder plus its path.
nlohmann::json workspace_edit_creating(const std::string& uri, const Fix& fix, nlohmann::json edits) {
    nlohmann::json changes = nlohmann::json::array();
    const std::string folder = uri.substr(0, uri.rfind('/') + 1);
    for (const NewFile& created : fix.new_files) {
        const std::string created_uri = folder + created.path;
        changes.push_back({{"kind", "create"},
                           {"uri", created_uri},
                           {"options", {{"overwrite", false}, {"ignoreIfExists", true}}}});
        const nlohmann::json start = {{"line", 0}, {"character", 0}};
        changes.push_back({{"textDocument", {{"uri", created_uri}, {"version", nullptr}}},
                           {"edits", nlohmann::json::array({{{"range", {{"start", start}, {"end", start}}},
                                                             {"newText", created.content}}})}});
    }
    changes.push_back({{"textDocument", {{"uri", uri}, {"version", nullptr}}}, {"edits", std::move(edits)}});
    return {{"documentChanges", std::move(changes)}};
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// The top-level instruction whose lines hold `at`.
const Instruction* instruction_at(const Dockerfile& file, TextSize at) {
    for (const Instruction& ins : file.instructions)
        if (ins.line_range.begin <= at && at < std::max(ins.line_range.end, ins.range.end + 1))
            return &ins;
    return nullptr;
}

// The next-instruction pragma on the line right above `ins`, if any.
const Pragma* pragma_above(const Dockerfile& file, const Suppressions& suppressions, const Instruction& ins) {
    const Pragma* found = nullptr;
    for (const Pragma& p : suppressions.pragmas) {
        if (p.scope != Pragma::Scope::NextInstruction || p.from_check_directive || p.covers != ins.line_range)
            continue;
        // Only blanks and the line terminator between the comment's end and the instruction's line.
        const std::string_view between = file.text({p.range.end, ins.line_range.begin});
        if (between.find_first_not_of(" \t\r\n") == std::string_view::npos &&
            std::count(between.begin(), between.end(), '\n') == 1)
            found = &p;
    }
    return found;
}

} // namespace

bool kind_requested(std::string_view kind, const nlohmann::json& only) {
    if (!only.is_array())
        return !kind.starts_with("source");
    return std::any_of(only.begin(), only.end(), [&](const nlohmann::json& entry) {
        if (!entry.is_string())
            return false;
        const std::string& wanted = entry.get_ref<const std::string&>();
        return kind == wanted ||
               (kind.starts_with(wanted) && kind.size() > wanted.size() && kind[wanted.size()] == '.');
    });
}

std::optional<nlohmann::json> fix_action(const std::string& uri, const Diagnostic& d, const LineIndex& lines,
                                         const nlohmann::json& lsp_diagnostic, bool can_create_files) {
    if (!d.fix || d.fix->applicability == Applicability::DisplayOnly || d.fix->edits.empty())
        return std::nullopt;
    if (!d.fix->new_files.empty() && !can_create_files)
        return std::nullopt;
    const bool safe = d.fix->applicability == Applicability::Safe;
    std::string title = d.fix->title.empty() ? "Fix " + d.code : d.fix->title;
    if (!safe)
        title += " (unsafe fix: check the result)";
    return nlohmann::json{{"title", std::move(title)},
                          {"kind", "quickfix"},
                          {"diagnostics", nlohmann::json::array({lsp_diagnostic})},
                          {"isPreferred", safe},
                          {"edit", d.fix->new_files.empty()
                                       ? workspace_edit(uri, text_edits(*d.fix, lines))
                                       : workspace_edit_creating(uri, *d.fix, text_edits(*d.fix, lines))}};
}

std::optional<Edit> ignore_pragma_edit(const Dockerfile& file, const Suppressions& suppressions, TextSize at,
                                       std::string_view code) {
    const Instruction* ins = instruction_at(file, at);
    if (!ins)
        return std::nullopt;
    if (const Pragma* pragma = pragma_above(file, suppressions, *ins)) {
        // After the last id: before a `# reason` and the blanks in front of it.
        const std::string_view comment = file.text(pragma->range);
        std::size_t end = comment.find('#', 1);
        if (end == std::string_view::npos)
            end = comment.size();
        while (end > 0 && is_blank(comment[end - 1]))
            --end;
        return insert_at(pragma->range.begin + static_cast<TextSize>(end), "," + std::string(code));
    }
    const TextSize line_start = ins->line_range.begin;
    std::string_view indent = file.text({line_start, std::max(line_start, ins->range.begin)});
    if (indent.find_first_not_of(" \t") != std::string_view::npos)
        indent = {};
    return insert_at(line_start, std::string(indent) + "# hadolint ignore=" + std::string(code) +
                                     std::string(line_terminator_at(file.source, ins->range.begin)));
}

std::optional<nlohmann::json> ignore_action(const std::string& uri, const Diagnostic& d,
                                            const Dockerfile& file, const Suppressions& suppressions,
                                            const Config& config, const LineIndex& lines,
                                            const nlohmann::json& lsp_diagnostic) {
    if (config.disable_ignore_pragma || d.code == syntax_error_rule().code)
        return std::nullopt;
    const std::optional<Edit> edit = ignore_pragma_edit(file, suppressions, d.range.begin, d.code);
    if (!edit)
        return std::nullopt;
    Fix fix{"", {*edit}, Applicability::Safe};
    return nlohmann::json{{"title", "Ignore " + d.code + " on this line"},
                          {"kind", "quickfix"},
                          {"diagnostics", nlohmann::json::array({lsp_diagnostic})},
                          {"isPreferred", false},
                          {"edit", workspace_edit(uri, text_edits(fix, lines))}};
}

std::optional<nlohmann::json> fix_all_action(const std::string& uri, const std::string& text,
                                             const Config& config) {
    Config quiet = config;
    quiet.shellcheck = false;
    const FixReport report = fix_text(text, quiet, FixRequest{Applicability::Safe});
    if (report.text == text)
        return std::nullopt;
    const TextChange change = minimal_change(text, report.text);
    const LineIndex lines(text);
    const Edit edit{change.replaced, report.text.substr(change.replaced.begin, change.inserted)};
    const std::size_t count = report.fixed_count();
    return nlohmann::json{
        {"title",
         "Fix all safe drydock findings (" + std::to_string(count) + (count == 1 ? " fix)" : " fixes)")},
        {"kind", fix_all_kind},
        {"edit", workspace_edit(uri, text_edits(Fix{"", {edit}, Applicability::Safe}, lines))}};
}

} // namespace drydock::lsp
