// Property tests of the fix loop over the whole corpus, with every rule on: the fixed text parses with no new
// errors, fixing twice changes nothing, no rule reports more findings than before, every comment, the stages
// and the instructions survive (but for merged RUNs and added SHELL/WORKDIR lines), and no safe fix is left
// unapplied. Prints the before / fixed / left table.
//
// The structural rewrites (non-root user, multi-stage split, start command in a script) add instructions,
// stages and files by design, so the instruction-level invariants are checked without them, and the
// rewrites get their own corpus test: parses, converges, idempotent, every comment kept, and no rule reports
// more than before but for the base-image rules on a runtime stage the split adds.

#include "support/corpus.hpp"

#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/parser/parse.hpp>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace drydock {
namespace {

std::map<std::string, std::size_t> count_by_code(const std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, std::size_t> out;
    for (const Diagnostic& d : diagnostics)
        ++out[d.code];
    return out;
}

std::vector<std::string> comment_texts(const Dockerfile& file) {
    std::vector<std::string> out;
    for (const Comment& c : file.comments)
        out.push_back(std::string(file.text(c.range)));
    std::sort(out.begin(), out.end());
    return out;
}

struct InstructionCounts {
    std::size_t runs = 0, shells_and_workdirs = 0, others = 0;
};

InstructionCounts instruction_counts(const Dockerfile& file) {
    InstructionCounts out;
    for (const Instruction& ins : file.instructions) {
        const Instruction& target = ins.trigger.empty() ? ins : ins.trigger.front();
        if (target.is(InstructionKind::Run))
            ++out.runs;
        else if (!ins.is(InstructionKind::Onbuild) &&
                 (ins.is(InstructionKind::Shell) || ins.is(InstructionKind::Workdir)))
            ++out.shells_and_workdirs;
        else
            ++out.others;
    }
    return out;
}

// The image of each FROM, lower-cased (DD1001 lower-cases references to stage names): the stage graph.
std::vector<std::string> from_images(const Dockerfile& file) {
    std::vector<std::string> out;
    for (const Instruction& ins : file.instructions) {
        if (!ins.from)
            continue;
        // Without tag and digest: the base-image-eol fix moves a base to a supported tag of the same image.
        const ImageReference& ref = ins.from->image;
        std::string image = ref.word.raw;
        if (ref.word.variables.empty() && ref.word.raw == ref.word.value && !ref.tag.empty() &&
            ref.tag.begin > ref.word.range.begin)
            image = image.substr(0, ref.tag.begin - ref.word.range.begin - 1);
        std::transform(image.begin(), image.end(), image.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out.push_back(std::move(image));
    }
    return out;
}

// The rules whose fixes restructure the file (unsafe only).
const std::vector<std::string> structural_rules = {"DD2001", "DD2002", "DD2013"};

// What every fix of a corpus file must keep, structural or not: the parse errors, no broken fix, convergence,
// idempotence (no file created twice either), the comments, and no finding more of a code than before unless
// `may_grow(code)`.
void expect_sound_fix(const std::string& path, const std::string& text, const std::vector<Diagnostic>& before,
                      const FixReport& report, const Config& config, const FixRequest& request,
                      bool (*may_grow)(const std::string&)) {
    const Dockerfile original = parse(text);
    const Dockerfile fixed = parse(report.text);
    EXPECT_EQ(fixed.errors.size(), original.errors.size()) << path << ": the fixes changed the parse errors";
    EXPECT_TRUE(report.broken.empty()) << path << ": fixes of " << report.broken.front() << " broke the file";
    EXPECT_TRUE(report.did_not_converge.empty())
        << path << ": " << report.did_not_converge.front() << " did not converge";
    const FixReport again = fix_text(report.text, config, request);
    EXPECT_EQ(again.text, report.text) << path << ": fixing is not idempotent";
    EXPECT_TRUE(again.new_files.empty()) << path << ": a second fix creates files again";
    EXPECT_EQ(comment_texts(fixed), comment_texts(original)) << path << ": a comment changed";
    const auto counts_before = count_by_code(before);
    for (const auto& [code, after] : count_by_code(report.remaining)) {
        const auto it = counts_before.find(code);
        if (!may_grow(code)) {
            EXPECT_LE(after, it == counts_before.end() ? 0 : it->second) << path << ": fixes added " << code;
        }
    }
}

bool never_grows(const std::string&) {
    return false;
}

void check_corpus(Applicability minimum, const char* label) {
    Config config;
    config.select = {"all"};
    config.ignored = structural_rules;
    config.shellcheck = false; // ShellCheck's suggestions are display-only; its own corpus test covers it
    FixRequest request;
    request.minimum = minimum;
    struct Row {
        std::size_t before = 0, fixed = 0, left = 0;
    };
    std::map<std::string, Row> table;
    std::size_t files_changed = 0;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const std::string text = testing::read_file(path);
        const Dockerfile original = parse(text);
        const std::vector<Diagnostic> before = lint(original, config);
        const FixReport report = fix_text(text, config, request);
        const Dockerfile fixed = parse(report.text);
        files_changed += report.text != text;
        expect_sound_fix(path, text, before, report, config, request, never_grows);
        // Instructions survive, except the ones the structural fixes add or remove: merged RUNs (DL3059), an
        // added SHELL (DL4006) or WORKDIR (DL3003). The stages and their images stay as they were (tags
        // aside).
        const InstructionCounts counts_fixed = instruction_counts(fixed);
        const InstructionCounts counts_original = instruction_counts(original);
        EXPECT_EQ(counts_fixed.others, counts_original.others) << path << ": instructions were lost or added";
        EXPECT_LE(counts_fixed.runs, counts_original.runs) << path;
        EXPECT_GE(counts_fixed.shells_and_workdirs, counts_original.shells_and_workdirs) << path;
        EXPECT_EQ(from_images(fixed), from_images(original)) << path << ": the stages changed";

        for (const auto& [code, n] : count_by_code(before))
            table[code].before += n;
        for (const auto& [code, n] : report.fixed)
            table[code].fixed += n;
        for (const Diagnostic& d : report.remaining) {
            ++table[d.code].left;
            // A fix is left only where it would touch an instruction with a parse error.
            const bool in_broken_instruction =
                d.fix && std::any_of(fixed.instructions.begin(), fixed.instructions.end(),
                                     [&](const Instruction& ins) {
                                         return !ins.valid && ins.line_range.contains(d.range.begin);
                                     });
            EXPECT_FALSE(d.fix && d.fix->applicability >= minimum && !in_broken_instruction)
                << path << ": a " << d.code << " fix was left unapplied";
        }
    }
    std::string out = fmt::format("[ corpus   ] fix ({}) over {} files, {} changed\n", label,
                                  testing::corpus_dockerfiles().size(), files_changed);
    out += fmt::format("             {:<8} {:>8} {:>8} {:>8}\n", "rule", "before", "fixed", "left");
    for (const auto& [code, row] : table)
        if (row.fixed > 0)
            out +=
                fmt::format("             {:<8} {:>8} {:>8} {:>8}\n", code, row.before, row.fixed, row.left);
    std::cout << out;
}

TEST(FixCorpus, SafeFixesKeepEveryFileSound) {
    DRYDOCK_REQUIRE_CORPUS();
    check_corpus(Applicability::Safe, "safe");
}

TEST(FixCorpus, UnsafeFixesKeepEveryFileSound) {
    DRYDOCK_REQUIRE_CORPUS();
    check_corpus(Applicability::Unsafe, "unsafe");
}

// Findings a structural rewrite may add without making anything worse: base-image rules on the runtime stage
// a multi-stage split adds (an end-of-life Node.js version is reported on the builder and again on the
// runtime image of the same version), and DL3066 (non-numeric USER) where the non-root rewrite switches to
// the user a `useradd` of the Dockerfile creates without a UID, known only by name, and DL3059 where the
// user-creating RUN follows a short RUN it cannot be joined to (one that ends in a loop).
bool may_grow(const std::string& code) {
    return code.starts_with("DD300") || code == "DL3006" || code == "DL3007" || code == "DL3026" ||
           code == "DL3066" || code == "DL3059";
}

TEST(FixCorpus, StructuralRewritesKeepEveryFileSound) {
    DRYDOCK_REQUIRE_CORPUS();
    Config config;
    config.select = {"all"};
    config.shellcheck = false;
    FixRequest request;
    request.minimum = Applicability::Unsafe;
    std::map<std::string, std::size_t> rewritten;
    std::size_t new_files = 0;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const std::string text = testing::read_file(path);
        const Dockerfile original = parse(text);
        const std::vector<Diagnostic> before = lint(original, config);
        const FixReport report = fix_text(text, config, request);
        for (const std::string& code : structural_rules)
            if (const auto it = report.fixed.find(code); it != report.fixed.end())
                rewritten[code] += it->second;
        new_files += report.new_files.size();
        expect_sound_fix(path, text, before, report, config, request, may_grow);
    }
    std::string out =
        fmt::format("[ corpus   ] structural rewrites over {} files:", testing::corpus_dockerfiles().size());
    for (const auto& [code, n] : rewritten)
        out += fmt::format(" {} {}", code, n);
    std::cout << out << fmt::format(", {} files created\n", new_files);
}

} // namespace
} // namespace drydock
