#pragma once
// The fix loop itself, for any kind of file: lint, apply the fixes that may be applied, re-parse, keep the
// pass only when the parse errors stay the same, re-lint, until nothing changes. fix_loop.cpp runs it on
// Dockerfiles, compose_linter.cpp on compose files.
//
// `Document` is the parsed file; the callbacks are
//   parse(std::string) -> Document          text_of(const Document&) -> const std::string&
//   lint(const Document&) -> std::vector<Diagnostic>
//   errors(const Document&) -> std::vector<std::string>   (the parse errors by message; positions may move)
//   refuses(const Fix&, const Document&) -> bool           (a fix the loop must never apply to this text)

#include <drydock/checks/fix_loop.hpp>
#include <drydock/fixers/apply.hpp>

#include <set>
#include <string>
#include <vector>

namespace drydock::fix_loop {

struct Candidate {
    std::vector<Fix> fixes;
    std::vector<std::string> codes; // codes[i] owns fixes[i]
};

// Whether `fix` creates a file that may not be created: none may when the request forbids it, and one path is
// created once (an earlier pass, or an earlier fix of this pass, took it).
inline bool blocked_new_file(const Fix& fix, const FixRequest& request, const std::vector<NewFile>& created,
                             const std::vector<Fix>& taken) {
    if (fix.new_files.empty())
        return false;
    if (!request.allow_new_files)
        return true;
    for (const NewFile& file : fix.new_files) {
        for (const NewFile& other : created)
            if (other.path == file.path)
                return true;
        for (const Fix& other_fix : taken)
            for (const NewFile& other : other_fix.new_files)
                if (other.path == file.path)
                    return true;
    }
    return false;
}

template <class Document, class Refuses>
Candidate applicable_fixes(const std::vector<Diagnostic>& diagnostics, const Document& file,
                           const FixRequest& request, const std::set<std::string>& excluded, Refuses refuses,
                           const std::vector<NewFile>& created = {}) {
    Candidate out;
    for (const Diagnostic& d : diagnostics) {
        if (!d.fix || d.fix->applicability == Applicability::DisplayOnly ||
            d.fix->applicability < request.minimum)
            continue;
        if (excluded.count(d.code) || refuses(*d.fix, file))
            continue;
        if (blocked_new_file(*d.fix, request, created, out.fixes))
            continue;
        out.fixes.push_back(*d.fix);
        out.codes.push_back(d.code);
    }
    return out;
}

template <class Document, class Parse, class TextOf, class Lint, class Errors, class Refuses>
FixReport run(std::string text, const FixRequest& request, Parse parse, TextOf text_of, Lint lint,
              Errors errors, Refuses refuses) {
    FixReport report;
    Document file = parse(std::move(text));
    std::vector<Diagnostic> diagnostics = lint(file);
    std::set<std::string> excluded;
    std::set<std::string> pending;

    // Whether applying only `code`'s fixes changes the parse errors.
    auto breaks_parse = [&](const Candidate& candidate, const std::string& code,
                            const std::vector<std::string>& before) {
        std::vector<Fix> only;
        for (std::size_t i = 0; i < candidate.fixes.size(); ++i)
            if (candidate.codes[i] == code)
                only.push_back(candidate.fixes[i]);
        return errors(parse(apply_fixes(text_of(file), only).text)) != before;
    };

    for (int pass = 0; pass < request.max_passes; ++pass) {
        const Candidate candidate =
            applicable_fixes(diagnostics, file, request, excluded, refuses, report.new_files);
        if (candidate.fixes.empty())
            break;
        const ApplyResult applied = apply_fixes(text_of(file), candidate.fixes);
        if (applied.applied.empty())
            break;
        Document next = parse(applied.text);
        const std::vector<std::string> before = errors(file);
        if (errors(next) != before) {
            // Drop this pass: find the rules whose fixes break the text and never apply them again.
            std::set<std::string> codes;
            for (std::size_t i : applied.applied)
                codes.insert(candidate.codes[i]);
            bool found = false;
            for (const std::string& code : codes) {
                if (breaks_parse(candidate, code, before)) {
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
        for (std::size_t i : applied.applied) {
            ++report.fixed[candidate.codes[i]];
            const std::vector<NewFile>& created = candidate.fixes[i].new_files;
            report.new_files.insert(report.new_files.end(), created.begin(), created.end());
        }
        ++report.passes;
        file = std::move(next);
        diagnostics = lint(file);
    }
    for (const std::string& code :
         applicable_fixes(diagnostics, file, request, excluded, refuses, report.new_files).codes)
        pending.insert(code);
    report.did_not_converge.assign(pending.begin(), pending.end());
    report.remaining = std::move(diagnostics);
    report.text = text_of(file);
    return report;
}

} // namespace drydock::fix_loop
