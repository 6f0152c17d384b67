#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/fixers/apply.hpp>
#include <drydock/parser/parse.hpp>

#include <algorithm>
#include <set>

namespace drydock {
namespace {

struct Candidate {
    std::vector<Fix> fixes;
    std::vector<std::string> codes; // codes[i] owns fixes[i]
};

// Whether a fix edits an instruction that has a parse error: broken text is left as the user wrote it, since
// how the builder reads it is not known.
bool touches_invalid_instruction(const Fix& fix, const Dockerfile& file) {
    return std::any_of(file.instructions.begin(), file.instructions.end(), [&](const Instruction& ins) {
        return !ins.valid && std::any_of(fix.edits.begin(), fix.edits.end(), [&](const Edit& e) {
            return e.range.begin < ins.line_range.end && ins.line_range.begin <= e.range.end;
        });
    });
}

Candidate applicable_fixes(const std::vector<Diagnostic>& diagnostics, const Dockerfile& file,
                           const FixRequest& request, const std::set<std::string>& excluded) {
    Candidate out;
    for (const Diagnostic& d : diagnostics) {
        if (!d.fix || d.fix->applicability == Applicability::DisplayOnly ||
            d.fix->applicability < request.minimum)
            continue;
        if (excluded.count(d.code) || touches_invalid_instruction(*d.fix, file))
            continue;
        out.fixes.push_back(*d.fix);
        out.codes.push_back(d.code);
    }
    return out;
}

// The parse errors of a text, by message: a fix must leave them exactly as they were (fixing a parse error,
// or changing how broken text reads, is not a fix's business; positions may move).
std::vector<std::string> error_messages(const Dockerfile& file) {
    std::vector<std::string> out;
    for (const ParseError& e : file.errors)
        out.push_back(e.message);
    return out;
}

// Whether applying only `code`'s fixes to `text` changes its parse errors.
bool breaks_parse(const std::string& text, const Candidate& candidate, const std::string& code,
                  const std::vector<std::string>& errors) {
    std::vector<Fix> only;
    for (std::size_t i = 0; i < candidate.fixes.size(); ++i)
        if (candidate.codes[i] == code)
            only.push_back(candidate.fixes[i]);
    return error_messages(parse(apply_fixes(text, only).text)) != errors;
}

} // namespace

std::size_t FixReport::fixed_count() const {
    std::size_t total = 0;
    for (const auto& [code, count] : fixed)
        total += count;
    return total;
}

FixReport fix_text(std::string text, const Config& config, const FixRequest& request) {
    FixReport report;
    Dockerfile file = parse(std::move(text));
    std::vector<Diagnostic> diagnostics = lint(file, config);
    std::set<std::string> excluded;
    std::set<std::string> pending;

    for (int pass = 0; pass < request.max_passes; ++pass) {
        const Candidate candidate = applicable_fixes(diagnostics, file, request, excluded);
        if (candidate.fixes.empty())
            break;
        const ApplyResult applied = apply_fixes(file.source, candidate.fixes);
        if (applied.applied.empty())
            break;
        Dockerfile next = parse(applied.text);
        const std::vector<std::string> errors = error_messages(file);
        if (error_messages(next) != errors) {
            // Drop this pass: find the rules whose fixes break the text and never apply them again.
            std::set<std::string> codes;
            for (std::size_t i : applied.applied)
                codes.insert(candidate.codes[i]);
            bool found = false;
            for (const std::string& code : codes) {
                if (breaks_parse(file.source, candidate, code, errors)) {
                    excluded.insert(code);
                    report.broken.push_back(code);
                    found = true;
                }
            }
            if (!found) // only the combination breaks: give up on all of them rather than guess
                for (const std::string& code : codes) {
                    excluded.insert(code);
                    report.broken.push_back(code);
                }
            continue;
        }
        for (std::size_t i : applied.applied)
            ++report.fixed[candidate.codes[i]];
        ++report.passes;
        file = std::move(next);
        diagnostics = lint(file, config);
    }
    for (const std::string& code : applicable_fixes(diagnostics, file, request, excluded).codes)
        pending.insert(code);
    report.did_not_converge.assign(pending.begin(), pending.end());
    report.remaining = std::move(diagnostics);
    report.text = std::move(file.source);
    return report;
}

} // namespace drydock
