// Inline suppression. Reads the top-level comments once, in file order, and turns them into Pragmas with the
// byte range each one covers; a comment that looks like a pragma but cannot work becomes a DD0002 problem.
//
// Where hadolint is ambiguous or silent, drydock decides:
// * Stacked pragmas: hadolint applies `# hadolint ignore=` to the next physical line only, so of several
// pragma
//   lines above an instruction only the last works. drydock makes every one of them work, as long as only
//   pragma lines (`# hadolint …`, `# drydock …`, `# check=…`) stand between the pragma and the instruction. A
//   blank line, an ordinary comment or the end of the file in between makes the pragma misplaced (a problem,
//   never a pragma).
// * A `stage ignore=` covers the FROM line too (hadolint starts on the line after it), up to the stage's last
//   instruction.
// * Rule ids may be codes, names or aliases in any case (hadolint: upper-case DL/SC codes only). An id no
// rule has
//   (and not an SCxxxx code) is a problem; the pragma keeps its other ids. A syntax error (`ignor=`, `*`,
//   text after the list that is not a `# reason`) invalidates the whole pragma, as in hadolint, but is
//   reported.
// * `# hadolint shell=…` is a valid pragma that suppresses nothing (the semantic model owns shells).
// * BuildKit `# check=`: the file-wide parser directive and per-instruction comments (any comment lines since
// the
//   previous instruction; an empty `#` line starts the run anew, as in BuildKit's parser). Skip names may be
//   BuildKit names, our codes, names or aliases (case-insensitive); a name that is neither ours nor one of
//   BuildKit's rules is a problem. An invalid option string (unknown key, no `=`, `error=maybe`) invalidates
//   the whole directive, as BuildKit's build would fail. `error=` counts only in the file-wide directive.

#include "suppression_matcher.hpp"

#include <drydock/checks/registry.hpp>
#include <drydock/checks/suppression.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string_view>

namespace drydock {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
bool is_id_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

bool has_code_shape(std::string_view id, char first, char second) {
    return id.size() > 2 && std::toupper(static_cast<unsigned char>(id[0])) == first &&
           std::toupper(static_cast<unsigned char>(id[1])) == second &&
           std::all_of(id.begin() + 2, id.end(), [](unsigned char c) { return std::isdigit(c); });
}

// ShellCheck codes, and every code hadolint has ever had (DL1001, DL3000-DL3067, DL4000-DL4006, removed ones
// included), are valid in pragmas even where drydock has no such rule, so a hadolint user's pragmas never
// become findings. DL1000 is not among them: parse errors cannot be suppressed.
bool is_foreign_code(std::string_view id) {
    if (has_code_shape(id, 'S', 'C'))
        return true;
    if (!has_code_shape(id, 'D', 'L') || id.size() != 6)
        return false;
    const int number = std::stoi(std::string(id.substr(2)));
    return number == 1001 || (number >= 3000 && number <= 3067) || (number >= 4000 && number <= 4006);
}

// BuildKit's build-check rules (frontend/dockerfile/linter/ruleset.go). A `# check=skip=` may name one that
// drydock has no rule for; that is not a mistake, it just never matches a drydock finding.
bool is_buildkit_rule(std::string_view name) {
    constexpr std::array<std::string_view, 22> names{"StageNameCasing",
                                                     "FromAsCasing",
                                                     "NoEmptyContinuation",
                                                     "ConsistentInstructionCasing",
                                                     "DuplicateStageName",
                                                     "ReservedStageName",
                                                     "JSONArgsRecommended",
                                                     "MaintainerDeprecated",
                                                     "UndefinedArgInFrom",
                                                     "WorkdirRelativePath",
                                                     "UndefinedVar",
                                                     "MultipleInstructionsDisallowed",
                                                     "LegacyKeyValueFormat",
                                                     "InvalidBaseImagePlatform",
                                                     "RedundantTargetPlatform",
                                                     "SecretsUsedInArgOrEnv",
                                                     "InvalidDefaultArgInFrom",
                                                     "FromPlatformFlagConstDisallowed",
                                                     "CopyIgnoredFile",
                                                     "InvalidDefinitionDescription",
                                                     "ExposeProtoCasing",
                                                     "ExposeInvalidFormat"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Go's strconv.ParseBool, which BuildKit uses for `error=`.
std::optional<bool> parse_go_bool(std::string_view text) {
    for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"})
        if (text == t)
            return true;
    for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"})
        if (text == f)
            return false;
    return std::nullopt;
}

// Walks part of the source by absolute offsets, so every word keeps its range for diagnostics.
class Scanner {
public:
    Scanner(std::string_view source, TextSize begin, TextSize end) : src_(source), pos_(begin), end_(end) {}

    bool at_end() const { return pos_ >= end_; }
    char peek() const { return at_end() ? '\0' : src_[pos_]; }
    TextSize pos() const { return pos_; }
    TextSize end() const { return end_; }

    void skip_blanks() {
        while (!at_end() && is_blank(src_[pos_]))
            ++pos_;
    }
    bool consume(char c) {
        if (peek() != c || at_end())
            return false;
        ++pos_;
        return true;
    }
    // Letters, digits, `-` and `_` (a rule code, name or alias, or a keyword); empty when there is none.
    TextRange word() {
        const TextSize begin = pos_;
        while (!at_end() && is_id_char(src_[pos_]))
            ++pos_;
        return {begin, pos_};
    }
    // Up to the next blank or the end.
    TextRange non_blank() {
        const TextSize begin = pos_;
        while (!at_end() && !is_blank(src_[pos_]))
            ++pos_;
        return {begin, pos_};
    }
    std::string_view text(TextRange range) const { return range.slice(src_); }
    std::string_view rest() const { return src_.substr(pos_, end_ - pos_); }

private:
    std::string_view src_;
    TextSize pos_, end_;
};

std::string trimmed(std::string_view text) {
    while (!text.empty() && is_blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

// A comment that is a pragma line: it keeps pragmas below it "stacked" onto the next instruction. `pragma` is
// empty for `shell=`, malformed pragmas and pragmas whose ids are all unknown.
struct PragmaLine {
    std::optional<Pragma> pragma;
};

class Collector {
public:
    Collector(const Dockerfile& file, const SemanticModel& model) : file_(file), model_(model) {
        const RuleEntry* rule = find_rule("invalid-suppression");
        problem_code_ = rule ? rule->meta->code : "DD0002";
        problem_name_ = rule ? rule->meta->name : "invalid-suppression";
        problem_severity_ = rule ? rule->meta->severity : Severity::Warning;
    }

    Suppressions run() {
        read_check_directive();
        for (const Item& item : file_.items) {
            switch (item.kind) {
            case ItemKind::Comment:
                on_comment(file_.comments[item.index]);
                break;
            case ItemKind::Blank:
                misplace_pending();
                break;
            case ItemKind::Instruction:
                attach_pending(item.index);
                break;
            case ItemKind::ByteOrderMark:
            case ItemKind::Directive:
                break;
            }
        }
        misplace_pending();
        misplace_pending_checks();
        return std::move(out_);
    }

private:
    TextRange whole_file() const { return {0, static_cast<TextSize>(file_.source.size())}; }

    void problem(TextRange range, std::string message) {
        out_.problems.push_back({std::string(problem_code_), std::string(problem_name_), problem_severity_,
                                 std::move(message), range, std::nullopt});
    }

    // --- hadolint / drydock pragmas ---

    void on_comment(const Comment& comment) {
        if (std::optional<PragmaLine> line = read_tool_pragma(comment)) {
            if (line->pragma && line->pragma->scope == Pragma::Scope::Global) {
                line->pragma->covers = whole_file();
                out_.pragmas.push_back(std::move(*line->pragma));
            } else if (line->pragma) {
                pending_.push_back(std::move(*line->pragma));
            }
            return;
        }
        if (std::optional<PragmaLine> line = read_check_comment(comment)) {
            if (line->pragma)
                pending_checks_.push_back(std::move(*line->pragma));
            return;
        }
        // An ordinary comment separates pragmas from the instruction; an empty `#` also ends BuildKit's run
        // of comments above an instruction.
        misplace_pending();
        if (comment.text.empty())
            misplace_pending_checks();
    }

    // `hadolint` or `drydock`, then blanks, then something that is meant as a pragma: a keyword or an `=`.
    // Anything else (`# hadolint complains here because…`) is an ordinary comment.
    std::optional<PragmaLine> read_tool_pragma(const Comment& comment) {
        Scanner s(file_.source, comment.range.begin + 1, comment.range.end);
        s.skip_blanks();
        const std::string_view tool = s.text(s.word());
        if (!iequals(tool, "hadolint") && !iequals(tool, "drydock"))
            return std::nullopt;
        if (!is_blank(s.peek()))
            return std::nullopt;
        s.skip_blanks();
        const std::string_view body = s.rest().substr(0, s.rest().find('#'));
        Scanner probe = s;
        const std::string_view first = probe.text(probe.word());
        const bool keyword = first == "ignore" || first == "global" || first == "stage" || first == "shell";
        if (!keyword && body.find('=') == std::string_view::npos)
            return std::nullopt;

        PragmaLine line;
        line.pragma = parse_tool_pragma(s, comment);
        return line;
    }

    // After `hadolint `: `[global |stage ]ignore = id[, id…] [# reason]` or `shell = name [# reason]`.
    std::optional<Pragma> parse_tool_pragma(Scanner& s, const Comment& comment) {
        Pragma pragma;
        pragma.range = comment.range;
        const TextRange first = s.word();
        const std::string_view keyword = s.text(first);
        if (keyword == "shell")
            return parse_shell_pragma(s, comment);
        if (keyword == "global" || keyword == "stage") {
            pragma.scope = keyword == "global" ? Pragma::Scope::Global : Pragma::Scope::Stage;
            const TextSize after_scope = s.pos();
            s.skip_blanks();
            if (s.pos() == after_scope || s.text(s.word()) != "ignore") {
                problem(comment.range,
                        "Malformed pragma: expected 'ignore=' after '" + std::string(keyword) + "'");
                return std::nullopt;
            }
        } else if (keyword != "ignore") {
            const std::string shown = keyword.empty() ? std::string(1, s.peek()) : std::string(keyword);
            problem(comment.range, "Unknown pragma '" + shown +
                                       "': expected ignore=, global ignore=, stage ignore= or shell=");
            return std::nullopt;
        }
        s.skip_blanks();
        if (!s.consume('=')) {
            problem(comment.range, "Malformed pragma: expected '=' after 'ignore'");
            return std::nullopt;
        }
        std::vector<TextRange> ids;
        char separator = '=';
        for (;;) {
            s.skip_blanks();
            const TextRange id = s.word();
            if (id.empty()) {
                problem(comment.range,
                        std::string("Malformed pragma: expected a rule code, name or alias after '") +
                            separator + "'");
                return std::nullopt;
            }
            ids.push_back(id);
            s.skip_blanks();
            if (!s.consume(','))
                break;
            separator = ',';
        }
        if (!read_reason(s, comment, pragma.reason))
            return std::nullopt;
        for (TextRange id : ids) {
            const std::string_view text = s.text(id);
            if (is_foreign_code(text) || find_rule(text))
                pragma.ids.emplace_back(text);
            else
                problem(id, "Unknown rule '" + std::string(text) + "' in pragma");
        }
        if (pragma.ids.empty())
            return std::nullopt;
        return pragma;
    }

    std::optional<Pragma> parse_shell_pragma(Scanner& s, const Comment& comment) {
        s.skip_blanks();
        const bool has_equals = s.consume('=');
        s.skip_blanks();
        const TextRange name = s.non_blank();
        if (!has_equals || name.empty() || s.text(name).front() == '#') {
            problem(comment.range, "Malformed pragma: expected a shell name after 'shell='");
            return std::nullopt;
        }
        std::string reason;
        read_reason(s, comment, reason);
        return std::nullopt; // valid, and suppresses nothing
    }

    // The end of the pragma: nothing, or `# reason`. Other text is a problem (hadolint silently drops the
    // pragma).
    bool read_reason(Scanner& s, const Comment& comment, std::string& reason) {
        s.skip_blanks();
        if (s.at_end())
            return true;
        if (s.consume('#')) {
            reason = trimmed(s.rest());
            return true;
        }
        problem(comment.range, "Malformed pragma: unexpected text '" + trimmed(s.rest()) +
                                   "' after the rule list (write a reason after a second '#')");
        return false;
    }

    // Next-instruction and stage pragmas wait here for the instruction below them.
    void attach_pending(std::size_t index) {
        const Instruction& instruction = file_.instructions[index];
        for (Pragma& pragma : pending_) {
            if (pragma.scope == Pragma::Scope::Stage && !instruction.is(InstructionKind::From)) {
                misplaced(pragma);
                continue;
            }
            pragma.covers =
                pragma.scope == Pragma::Scope::Stage ? stage_range(index) : instruction.line_range;
            out_.pragmas.push_back(std::move(pragma));
        }
        for (Pragma& pragma : pending_checks_) {
            pragma.covers = instruction.line_range;
            out_.pragmas.push_back(std::move(pragma));
        }
        pending_.clear();
        pending_checks_.clear();
    }

    // From the FROM line to the end of the stage's last instruction.
    TextRange stage_range(std::size_t from) const {
        const std::vector<Stage>& stages = model_.stages();
        const auto stage =
            std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.from == from; });
        const TextRange first = file_.instructions[from].line_range;
        if (stage == stages.end() || stage->end <= from)
            return first;
        return {first.begin, file_.instructions[stage->end - 1].line_range.end};
    }

    void misplace_pending() {
        for (const Pragma& pragma : pending_)
            misplaced(pragma);
        pending_.clear();
    }

    void misplace_pending_checks() {
        for (const Pragma& pragma : pending_checks_)
            problem(pragma.range, "check=skip comment is not above an instruction, so it suppresses nothing");
        pending_checks_.clear();
    }

    void misplaced(const Pragma& pragma) {
        if (pragma.scope == Pragma::Scope::Stage)
            problem(pragma.range, "'stage ignore' pragma is not directly above a FROM instruction, so it "
                                  "suppresses nothing");
        else
            problem(pragma.range,
                    "'ignore' pragma is not directly above an instruction, so it suppresses nothing");
    }

    // --- BuildKit `# check=` ---

    void read_check_directive() {
        const Directive* directive = file_.directive("check");
        if (!directive)
            return;
        bool error = false;
        if (std::optional<Pragma> pragma =
                parse_check_value(directive->range, directive->value.range, error)) {
            pragma->scope = Pragma::Scope::Global;
            pragma->covers = whole_file();
            out_.pragmas.push_back(std::move(*pragma));
        }
        out_.check_error = error;
    }

    // `check = options [anything]` in an ordinary comment (BuildKit's directive syntax, per instruction).
    std::optional<PragmaLine> read_check_comment(const Comment& comment) {
        Scanner s(file_.source, comment.range.begin + 1, comment.range.end);
        s.skip_blanks();
        if (!iequals(s.text(s.word()), "check"))
            return std::nullopt;
        s.skip_blanks();
        if (!s.consume('='))
            return std::nullopt;
        s.skip_blanks();
        bool error_ignored = false; // `error=` is a whole-build setting; only the directive's counts
        PragmaLine line;
        line.pragma = parse_check_value(comment.range, {s.pos(), s.end()}, error_ignored);
        return line;
    }

    // `skip=A,B;error=true;experimental=C`, cut at the first blank (the rest is a comment to BuildKit).
    // Returns a pragma when something is skipped; sets `error` from `error=`.
    std::optional<Pragma> parse_check_value(TextRange line, TextRange value, bool& error) {
        Scanner s(file_.source, value.begin, value.end);
        const TextRange options = s.non_blank();
        Pragma pragma;
        pragma.range = line;
        pragma.from_check_directive = true;
        pragma.reason = trimmed(s.rest());
        std::vector<TextRange> names;
        bool parsed_error = false;
        TextSize part_begin = options.begin;
        while (part_begin <= options.end) {
            const std::string_view all = s.text(options);
            const std::size_t semicolon = all.find(';', part_begin - options.begin);
            const TextSize part_end = semicolon == std::string_view::npos
                                          ? options.end
                                          : options.begin + static_cast<TextSize>(semicolon);
            if (!parse_check_option({part_begin, part_end}, line, names, parsed_error))
                return std::nullopt;
            part_begin = part_end + 1;
        }
        error = parsed_error;
        for (TextRange name : names) {
            const std::string_view text = s.text(name);
            if (text == "all" || is_buildkit_rule(text) || is_foreign_code(text) || find_rule(text))
                pragma.ids.emplace_back(text);
            else
                problem(name, "Unknown rule '" + std::string(text) + "' in check=skip");
        }
        if (pragma.ids.empty())
            return std::nullopt;
        return pragma;
    }

    // One `key=value` of a check option string; false (with a problem) when BuildKit would reject it.
    bool parse_check_option(TextRange part, TextRange line, std::vector<TextRange>& names, bool& error) {
        const std::string_view text = part.slice(file_.source);
        const std::size_t equals = text.find('=');
        if (equals == std::string_view::npos) {
            problem(line, "Invalid check option '" + std::string(text) +
                              "': expected skip=, error= or experimental=");
            return false;
        }
        const std::string_view key = text.substr(0, equals);
        const TextSize value_begin = part.begin + static_cast<TextSize>(equals) + 1;
        if (key == "skip") {
            split_names({value_begin, part.end}, names);
            return true;
        }
        if (key == "error") {
            const std::optional<bool> value = parse_go_bool(text.substr(equals + 1));
            if (!value) {
                problem(line, "Invalid check option '" + std::string(text) + "': expected true or false");
                return false;
            }
            error = *value;
            return true;
        }
        if (key == "experimental")
            return true; // accepted, not acted on: DD1008, the one experimental check, is enabled by select
        problem(line,
                "Invalid check option '" + std::string(text) + "': expected skip=, error= or experimental=");
        return false;
    }

    // `A, B` -> the ranges of A and B, blanks around names trimmed, empty names dropped.
    void split_names(TextRange list, std::vector<TextRange>& names) const {
        TextSize begin = list.begin;
        while (begin <= list.end) {
            TextSize end = begin;
            while (end < list.end && file_.source[end] != ',')
                ++end;
            TextSize b = begin, e = end;
            while (b < e && is_blank(file_.source[b]))
                ++b;
            while (e > b && is_blank(file_.source[e - 1]))
                --e;
            if (b < e)
                names.push_back({b, e});
            begin = end + 1;
        }
    }

    const Dockerfile& file_;
    const SemanticModel& model_;
    std::string_view problem_code_, problem_name_;
    Severity problem_severity_ = Severity::Warning;
    Suppressions out_;
    std::vector<Pragma> pending_;        // next-instruction and stage pragmas above the coming instruction
    std::vector<Pragma> pending_checks_; // `# check=` comments above the coming instruction
};

// Whether pragma id `id` names the rule of `diagnostic` (`rule` is that rule; for a ShellCheck code, the
// `shellcheck` pseudo-rule).
bool id_matches(std::string_view id, const Diagnostic& diagnostic, const RuleEntry* rule) {
    if (id == "all")
        return true;
    if (iequals(id, diagnostic.code))
        return true;
    return rule && rule->meta->matches(id);
}

} // namespace

Suppressions collect_suppressions(const Dockerfile& file, const SemanticModel& model) {
    return Collector(file, model).run();
}

namespace {

// The rule a finding is matched against. A ShellCheck finding (SCxxxx) has no rule of its own: its
// pseudo-rule, named by the diagnostic, stands in, so `ignore=shellcheck` covers every SC code.
const RuleEntry* rule_of(const Diagnostic& diagnostic) {
    const RuleEntry* rule = find_rule(diagnostic.code);
    if (!rule && !diagnostic.name.empty())
        rule = find_rule(diagnostic.name);
    return rule;
}

bool can_be_suppressed(const Diagnostic& diagnostic, const Suppressions& suppressions) {
    return !suppressions.pragmas.empty() && diagnostic.code != syntax_error_rule().code;
}

// Whether pragma `i` covers the finding and names its rule; marks it used when it does. Every pragma that
// matches is marked used, so a finding under both a global and a local pragma does not make either look
// unused.
bool apply(const Suppressions& suppressions, std::size_t i, const Diagnostic& diagnostic,
           const RuleEntry* rule, std::vector<bool>& used) {
    const Pragma& pragma = suppressions.pragmas[i];
    if (!pragma.covers.contains(diagnostic.range.begin) && pragma.scope != Pragma::Scope::Global)
        return false;
    const bool matches = std::any_of(pragma.ids.begin(), pragma.ids.end(),
                                     [&](const std::string& id) { return id_matches(id, diagnostic, rule); });
    if (matches)
        used[i] = true;
    return matches;
}

} // namespace

bool is_suppressed(const Diagnostic& diagnostic, const Suppressions& suppressions, std::vector<bool>& used) {
    if (!can_be_suppressed(diagnostic, suppressions))
        return false; // a file that does not parse cannot be excused
    if (used.size() < suppressions.pragmas.size())
        used.resize(suppressions.pragmas.size(), false);
    const RuleEntry* rule = rule_of(diagnostic);
    bool suppressed = false;
    for (std::size_t i = 0; i < suppressions.pragmas.size(); ++i)
        suppressed = apply(suppressions, i, diagnostic, rule, used) || suppressed;
    return suppressed;
}

SuppressionMatcher::SuppressionMatcher(const Suppressions& suppressions) : suppressions_(suppressions) {
    const std::vector<Pragma>& pragmas = suppressions.pragmas;
    for (std::size_t i = 0; i < pragmas.size(); ++i)
        (pragmas[i].scope == Pragma::Scope::NextInstruction ? by_begin_ : everywhere_).push_back(i);
    std::stable_sort(by_begin_.begin(), by_begin_.end(), [&](std::size_t a, std::size_t b) {
        return pragmas[a].covers.begin < pragmas[b].covers.begin;
    });
    reach_.reserve(by_begin_.size());
    for (const std::size_t i : by_begin_)
        reach_.push_back(std::max(reach_.empty() ? TextSize{0} : reach_.back(), pragmas[i].covers.end));
}

bool SuppressionMatcher::suppressed(const Diagnostic& diagnostic, std::vector<bool>& used) const {
    if (!can_be_suppressed(diagnostic, suppressions_))
        return false;
    if (used.size() < suppressions_.pragmas.size())
        used.resize(suppressions_.pragmas.size(), false);
    const RuleEntry* rule = rule_of(diagnostic);
    const TextSize at = diagnostic.range.begin;
    bool suppressed = false;
    for (const std::size_t i : everywhere_)
        suppressed = apply(suppressions_, i, diagnostic, rule, used) || suppressed;
    // The ranges that start at or before `at`, from the last one back while one of them may still reach it.
    std::size_t k =
        static_cast<std::size_t>(std::upper_bound(by_begin_.begin(), by_begin_.end(), at,
                                                  [&](TextSize offset, std::size_t i) {
                                                      return offset < suppressions_.pragmas[i].covers.begin;
                                                  }) -
                                 by_begin_.begin());
    while (k > 0 && reach_[k - 1] > at) {
        --k;
        suppressed = apply(suppressions_, by_begin_[k], diagnostic, rule, used) || suppressed;
    }
    return suppressed;
}

} // namespace drydock
