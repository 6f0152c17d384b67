#include "shellcheck.hpp"

#include "process.hpp"
#include "shell_queries.hpp"

#include <drydock/checks/shellcheck.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <tuple>
#include <unistd.h>
#include <unordered_map>
#include <utility>

namespace drydock {
namespace shellcheck {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Codes hadolint leaves out: SC2187 (ash is not supported: a shebang/dialect question a Dockerfile cannot
// answer), SC1090/SC1091 (following `source` needs directives a Dockerfile cannot give).
constexpr std::string_view excluded_codes = "SC2187,SC1090,SC1091";
// One ShellCheck process checks every script of a Dockerfile in a dialect; a pathological input must not hang
// the linter.
constexpr std::chrono::seconds process_timeout{60};
// The cache forgets everything when it grows past this many scripts (an editor session linting for hours).
constexpr std::size_t cache_limit = 50000;
// Bytes drydock adds to a script (the export lines, a final newline) have no place in the Dockerfile.
constexpr TextSize synthetic = std::numeric_limits<TextSize>::max();

// hadolint's predefined build arguments, always in the environment of RUN when passed.
constexpr std::array<std::string_view, 10> proxy_names{
    "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY",
    "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"};

// Text with the original offset of each of its bytes.
struct Mapped {
    std::string text;
    std::vector<TextSize> origin;

    void append(std::string_view source, TextRange range) {
        for (TextSize i = range.begin; i < range.end && i < source.size(); ++i)
            append_at(source[i], i);
    }
    void append_at(char c, TextSize offset) {
        text.push_back(c);
        origin.push_back(offset);
    }
    void append_synthetic(std::string_view s) {
        text.append(s);
        origin.insert(origin.end(), s.size(), synthetic);
    }
    void append(const Mapped& other, std::size_t from) {
        text.append(other.text, from);
        origin.insert(origin.end(), other.origin.begin() + static_cast<std::ptrdiff_t>(from),
                      other.origin.end());
    }
};

struct Replacement {
    int line = 0, column = 0, end_line = 0, end_column = 0;
    std::string text;
};

// One of ShellCheck's comments, in the coordinates of the file it checked.
struct RawFinding {
    int line = 0, column = 0, end_line = 0, end_column = 0;
    std::string level;
    int code = 0;
    std::string message;
    std::vector<Replacement> fix; // empty: no fix
};

// One script to check and where its bytes come from.
struct Job {
    std::string dialect;
    Mapped script;
    std::size_t preamble_begin = 0, preamble_end = 0; // the export lines, in script bytes
    TextSize anchor = 0; // where a finding that maps nowhere is reported: the start of the script's text
    std::string key;     // program, dialect and script: the cache key
    const std::vector<RawFinding>* results = nullptr;
};

// Process-wide: the cache, the counters and the notes. Guarded by `mutex`, since the CLI lints files on
// several threads.
struct State {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<RawFinding>> cache;
    ShellCheckStats stats;
    std::set<std::string> noted;
    std::vector<std::string> notes;
};

State& state() {
    static State s;
    return s;
}

void note(std::string message) {
    State& s = state();
    const std::lock_guard lock(s.mutex);
    if (s.noted.insert(message).second)
        s.notes.push_back(std::move(message));
}

std::string_view basename(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_identifier(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// ShellCheck's dialect for a shell program, nullopt for one it cannot check (zsh, fish, python, …).
std::optional<std::string> dialect_of_program(std::string_view program) {
    const std::string_view name = basename(program);
    if (name == "sh" || name == "ash" || name == "busybox")
        return "sh";
    if (name == "dash" || name == "bash")
        return std::string(name);
    if (name == "ksh" || name == "mksh" || name == "ksh93" || name == "pdksh")
        return "ksh";
    return std::nullopt;
}

// The dialect of RUN's shell: the program of SHELL's argv (looking through `/usr/bin/env`).
std::optional<std::string> dialect_of_shell(const ShellInfo& shell) {
    if (!shell.posix || shell.argv.empty())
        return std::nullopt;
    if (basename(shell.argv.front()) == "env") {
        for (std::size_t i = 1; i < shell.argv.size(); ++i)
            if (!shell.argv[i].starts_with("-") && shell.argv[i].find('=') == std::string::npos)
                return dialect_of_program(shell.argv[i]);
        return std::nullopt;
    }
    return dialect_of_program(shell.argv.front());
}

// `# hadolint shell=NAME` (or `# drydock shell=NAME`): where it is and the shell it names.
struct ShellPragma {
    TextSize offset = 0;
    std::string shell;
};

std::vector<ShellPragma> shell_pragmas(const Dockerfile& file) {
    std::vector<ShellPragma> out;
    for (const Comment& comment : file.comments) {
        std::string_view text = comment.text;
        std::string_view tool;
        for (std::string_view name : {std::string_view("hadolint"), std::string_view("drydock")})
            if (text.starts_with(name))
                tool = name;
        if (tool.empty())
            continue;
        text.remove_prefix(tool.size());
        const auto skip_blanks = [&] {
            while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
                text.remove_prefix(1);
        };
        skip_blanks();
        if (!text.starts_with("shell"))
            continue;
        text.remove_prefix(5);
        skip_blanks();
        if (!text.starts_with("="))
            continue;
        text.remove_prefix(1);
        skip_blanks();
        const std::string_view shell = text.substr(0, text.find_first_of(" \t#"));
        if (!shell.empty())
            out.push_back({comment.range.begin, std::string(shell)});
    }
    return out;
}

// The shell a pragma sets for instruction `index`, as hadolint reads it: the last pragma in the instruction's
// stage (after its FROM), unless a SHELL instruction comes after it; else, with no SHELL in effect, the last
// pragma before the first FROM.
std::optional<std::string> pragma_shell(const Dockerfile& file, const SemanticModel& model,
                                        const std::vector<ShellPragma>& pragmas, std::size_t index,
                                        const ShellInfo& shell) {
    const std::optional<std::size_t> stage = model.stage_of(index);
    if (pragmas.empty() || !stage)
        return std::nullopt;
    const TextSize from = file.instructions[model.stages()[*stage].from].range.begin;
    const TextSize first_from = file.instructions[model.stages().front().from].range.begin;
    const TextSize at = file.instructions[index].range.begin;
    const std::optional<TextSize> shell_at =
        shell.declared_at ? std::optional(file.instructions[*shell.declared_at].range.begin) : std::nullopt;
    const ShellPragma* in_stage = nullptr;
    const ShellPragma* global = nullptr;
    for (const ShellPragma& p : pragmas) {
        if (p.offset > from && p.offset < at)
            in_stage = &p;
        if (p.offset < first_from)
            global = &p;
    }
    if (in_stage && (!shell_at || *shell_at < in_stage->offset))
        return in_stage->shell;
    if (global && !shell_at)
        return global->shell;
    return std::nullopt;
}

bool names_non_posix_shell(std::string_view shell) {
    std::string lower(shell);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find("pwsh") != std::string::npos || lower.find("powershell") != std::string::npos ||
           lower.find("cmd") != std::string::npos;
}

// The interpreter of a `#!` line (`#!/usr/bin/env bash` gives "bash"); empty without a shebang.
std::string_view shebang_interpreter(std::string_view text) {
    if (!text.starts_with("#!"))
        return {};
    std::string_view line =
        text.substr(2, text.find('\n') == std::string_view::npos ? text.npos : text.find('\n') - 2);
    std::vector<std::string_view> words;
    std::size_t p = 0;
    while (p < line.size()) {
        while (p < line.size() && std::isspace(static_cast<unsigned char>(line[p])))
            ++p;
        const std::size_t begin = p;
        while (p < line.size() && !std::isspace(static_cast<unsigned char>(line[p])))
            ++p;
        if (p > begin)
            words.push_back(line.substr(begin, p - begin));
    }
    if (words.empty())
        return {};
    if (basename(words.front()) != "env")
        return basename(words.front());
    for (std::size_t i = 1; i < words.size(); ++i)
        if (!words[i].starts_with("-") && words[i].find('=') == std::string_view::npos)
            return basename(words[i]);
    return {};
}

// The names a RUN's environment has: ARG/ENV in scope, the proxy build arguments, and the `env=` of secret
// mounts (`RUN --mount=type=secret,id=token,env=TOKEN`). Sorted, valid shell names only.
std::vector<std::string> declared_names(const SemanticModel& model, std::size_t index,
                                        const Instruction& run) {
    std::set<std::string> names(proxy_names.begin(), proxy_names.end());
    for (const Variable& v : model.scope_at(index))
        names.insert(v.name);
    for (const Flag& flag : run.flags) {
        if (flag.name.value != "mount" || !flag.value)
            continue;
        bool secret = false;
        std::string env;
        std::string_view rest = flag.value->value;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(',');
            const std::string_view field = rest.substr(0, comma);
            if (field == "type=secret")
                secret = true;
            else if (field.starts_with("env="))
                env = field.substr(4);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        if (secret && !env.empty())
            names.insert(env);
    }
    std::vector<std::string> out;
    for (const std::string& name : names)
        if (is_identifier(name))
            out.push_back(name);
    return out;
}

// The command line as the shell receives it: the file's bytes in the command's range minus what BuildKit
// drops when it joins the lines (continuations, comment lines, empty continuation lines), each byte with its
// offset. Should that ever differ from the parser's text, the parser's text is used, all of it placed at the
// command's start (hadolint's precision).
Mapped command_text(const Dockerfile& file, const Instruction& top, const Instruction& run) {
    const CommandLine& line = *run.command;
    std::vector<TextRange> dropped;
    for (const Instruction* ins : {&top, &run}) {
        dropped.insert(dropped.end(), ins->continuations.begin(), ins->continuations.end());
        dropped.insert(dropped.end(), ins->comments.begin(), ins->comments.end());
        dropped.insert(dropped.end(), ins->empty_continuation_lines.begin(),
                       ins->empty_continuation_lines.end());
        if (&top == &run)
            break;
    }
    std::sort(dropped.begin(), dropped.end(), [](TextRange a, TextRange b) { return a.begin < b.begin; });
    Mapped out;
    TextSize pos = line.range.begin;
    for (const TextRange& r : dropped) {
        if (r.end <= pos)
            continue;
        if (r.begin >= line.range.end)
            break;
        out.append(file.source, {pos, std::max(pos, r.begin)});
        pos = std::max(pos, r.end);
    }
    out.append(file.source, {pos, std::max(pos, line.range.end)});
    if (out.text != line.text) {
        out.text = line.text;
        out.origin.assign(out.text.size(), line.range.begin);
    }
    return out;
}

// `RUN <<EOF` (one heredoc, nothing else on the line): BuildKit runs the body itself, the line is no script.
bool heredoc_is_command(const Instruction& run) {
    const std::vector<shell::Command>& top = run.command->script->commands;
    return run.heredocs.size() == 1 && top.size() == 1 && top.front().words.empty();
}

// A job for `body` in `dialect`: the shebang line (if any) first, then the export lines, then the rest.
void add_job(std::vector<Job>& jobs, const std::string& dialect, const std::vector<std::string>& names,
             const Mapped& body, TextSize anchor) {
    if (std::all_of(body.text.begin(), body.text.end(), [](unsigned char c) { return std::isspace(c); }))
        return;
    Job job;
    job.dialect = dialect;
    job.anchor = anchor;
    std::size_t from = 0;
    if (body.text.starts_with("#!")) {
        const std::size_t newline = body.text.find('\n');
        if (newline == std::string::npos)
            return; // only a shebang
        from = newline + 1;
        job.script.text = body.text.substr(0, from);
        job.script.origin.assign(body.origin.begin(),
                                 body.origin.begin() + static_cast<std::ptrdiff_t>(from));
    }
    // Only the names the script mentions: the others cannot change what ShellCheck says, and leaving them out
    // lets the same RUN in files with different ARGs share a cache entry.
    job.preamble_begin = job.script.text.size();
    for (const std::string& name : names)
        if (body.text.find(name) != std::string::npos)
            job.script.append_synthetic("export " + name + "=1\n");
    job.preamble_end = job.script.text.size();
    job.script.append(body, from);
    if (job.script.text.back() != '\n')
        job.script.append_synthetic("\n");
    jobs.push_back(std::move(job));
}

// The scripts of one RUN (top-level, or the trigger of ONBUILD instruction `top`) at instruction `index`.
void collect(const Dockerfile& file, const SemanticModel& model, const std::vector<ShellPragma>& pragmas,
             std::size_t index, const Instruction& top, const Instruction& run, std::vector<Job>& jobs) {
    if (!run.command || run.command->form != CommandForm::Shell || !run.command->script)
        return;
    const ShellInfo shell = model.shell_at(index);
    std::optional<std::string> run_dialect;
    if (const std::optional<std::string> pragma = pragma_shell(file, model, pragmas, index, shell)) {
        if (names_non_posix_shell(*pragma))
            return;
        run_dialect = dialect_of_program(*pragma);
    } else {
        if (!shell.posix)
            return;
        run_dialect = dialect_of_shell(shell);
    }
    const std::vector<std::string> names = declared_names(model, index, run);
    const rules::RunCommands commands(file, run);
    for (const rules::RunScript& script : commands.scripts()) {
        if (script.source == rules::CommandSource::CommandLine) {
            if (!run_dialect || heredoc_is_command(run))
                continue;
            Mapped body = command_text(file, top, run);
            if (!run.heredocs.empty()) {
                // `RUN cat <<EOF > /etc/x`, `RUN bash <<EOF`: the shell reads the bodies after the line.
                if (!std::all_of(run.heredocs.begin(), run.heredocs.end(),
                                 [](const Heredoc& d) { return d.terminated; }))
                    continue;
                body.append_at('\n', run.command->range.end);
                body.append(file.source,
                            {run.heredocs.front().body.begin, run.heredocs.back().terminator.end});
            }
            add_job(jobs, *run_dialect, names, body, run.command->range.begin);
            continue;
        }
        if (script.source != rules::CommandSource::Heredoc)
            continue;
        const auto doc = std::find_if(run.heredocs.begin(), run.heredocs.end(), [&](const Heredoc& d) {
            return d.script && &*d.script == script.script;
        });
        if (doc == run.heredocs.end())
            continue;
        const std::string_view text = file.text(doc->body);
        std::optional<std::string> dialect = run_dialect;
        if (heredoc_is_command(run) && text.starts_with("#!"))
            dialect = dialect_of_program(shebang_interpreter(text));
        else if (script.reader)
            dialect = dialect_of_program(script.reader->name());
        if (!dialect)
            continue;
        Mapped body;
        body.append(file.source, doc->body);
        add_job(jobs, *dialect, names, body, doc->body.begin);
    }
}

// Bytes of the UTF-8 character at `i` (ShellCheck counts columns in characters; a byte that starts no valid
// sequence counts as one).
std::size_t char_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4;
    if (i + length > text.size())
        return 1;
    for (std::size_t k = 1; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80)
            return 1;
    return length;
}

// Maps ShellCheck's 1-based line and column in a job's script to a byte index of it (clamped to the line).
class Locator {
public:
    explicit Locator(const std::string& text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n')
                starts_.push_back(i + 1);
    }
    std::size_t index(int line, int column) const {
        if (line < 1)
            return 0;
        if (static_cast<std::size_t>(line) > starts_.size())
            return text_.size();
        std::size_t i = starts_[static_cast<std::size_t>(line) - 1];
        const std::size_t line_end = static_cast<std::size_t>(line) < starts_.size()
                                         ? starts_[static_cast<std::size_t>(line)] - 1
                                         : text_.size();
        for (int c = 1; c < column && i < line_end; ++c)
            i += char_length(text_, i);
        return std::min(i, line_end);
    }

private:
    const std::string& text_;
    std::vector<std::size_t> starts_;
};

bool in_preamble(const Job& job, std::size_t i) {
    return i >= job.preamble_begin && i < job.preamble_end;
}

std::optional<TextSize> origin_at(const Job& job, std::size_t i) {
    if (i >= job.script.origin.size() || job.script.origin[i] == synthetic)
        return std::nullopt;
    return job.script.origin[i];
}

// Script bytes [b, e) in the Dockerfile; nullopt for a finding inside drydock's own export lines.
std::optional<TextRange> map_range(const Job& job, std::size_t b, std::size_t e) {
    if (in_preamble(job, b))
        return std::nullopt;
    TextSize begin = job.anchor;
    if (const std::optional<TextSize> at = origin_at(job, b)) {
        begin = *at;
    } else {
        // Past the end or on the added final newline: just after the nearest real byte before it.
        for (std::size_t k = std::min(b, job.script.origin.size()); k-- > 0;) {
            if (const std::optional<TextSize> before = origin_at(job, k)) {
                begin = *before + 1;
                break;
            }
        }
    }
    TextSize end = begin;
    for (std::size_t k = std::min(e, job.script.origin.size()); k-- > b;) {
        if (const std::optional<TextSize> last = origin_at(job, k)) {
            end = std::max(begin, *last + 1);
            break;
        }
    }
    return TextRange{begin, end};
}

// ShellCheck's suggested edit, when every replacement lands on bytes that are contiguous in the Dockerfile.
std::optional<Fix> map_fix(const Job& job, const Locator& locator, const RawFinding& finding) {
    if (finding.fix.empty())
        return std::nullopt;
    std::vector<Edit> edits;
    for (const Replacement& r : finding.fix) {
        const std::size_t b = locator.index(r.line, r.column);
        const std::size_t e = locator.index(r.end_line, r.end_column);
        if (e < b || in_preamble(job, b) || (e > b && in_preamble(job, e - 1)))
            return std::nullopt;
        TextRange range;
        if (b == e) {
            // An insertion goes right after the character before it, so a quote closing a word before a line
            // continuation stays on that line.
            const std::optional<TextSize> before =
                b > 0 && !in_preamble(job, b - 1) ? origin_at(job, b - 1) : std::nullopt;
            const std::optional<TextSize> at = origin_at(job, b);
            if (!before && !at)
                return std::nullopt;
            const TextSize offset = before ? *before + 1 : *at;
            range = {offset, offset};
        } else {
            for (std::size_t k = b; k < e; ++k) {
                const std::optional<TextSize> o = origin_at(job, k);
                if (!o || (k > b && *o != *origin_at(job, k - 1) + 1))
                    return std::nullopt; // spans a continuation or added text
            }
            range = {*origin_at(job, b), *origin_at(job, e - 1) + 1};
        }
        edits.push_back({range, r.text});
    }
    std::stable_sort(edits.begin(), edits.end(),
                     [](const Edit& a, const Edit& c) { return a.range.begin < c.range.begin; });
    // Insertions at one place become one edit; overlapping edits make no fix.
    std::vector<Edit> merged;
    for (Edit& edit : edits) {
        if (!merged.empty() && merged.back().range.empty() && edit.range.empty() &&
            merged.back().range.begin == edit.range.begin) {
            merged.back().replacement += edit.replacement;
            continue;
        }
        if (!merged.empty() && edit.range.begin < merged.back().range.end)
            return std::nullopt;
        merged.push_back(std::move(edit));
    }
    Fix fix;
    fix.title = "ShellCheck's suggestion";
    fix.edits = std::move(merged);
    // Shown, never applied: quoting or `|| exit` changes what the command does, and what ShellCheck says
    // about the edited script is ShellCheck's business (quoting `$x` in `$(cat $x | …)` brings up SC2002), so
    // `drydock fix` cannot promise it leaves fewer findings.
    fix.applicability = Applicability::DisplayOnly;
    return fix;
}

Severity severity_of(std::string_view level) {
    if (level == "error")
        return Severity::Error;
    if (level == "warning")
        return Severity::Warning;
    if (level == "info")
        return Severity::Info;
    return Severity::Style;
}

int int_field(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string string_field(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// ShellCheck's json1 output: {"comments": [{file, line, endLine, column, endColumn, level, code, message,
// fix: {replacements: [...]}}, …]}, grouped by file. nullopt when it is not that.
std::optional<std::map<std::string, std::vector<RawFinding>>> parse_output(const std::string& out) {
    const json root = json::parse(out, nullptr, false);
    if (root.is_discarded() || !root.is_object() || !root.contains("comments") ||
        !root["comments"].is_array())
        return std::nullopt;
    std::map<std::string, std::vector<RawFinding>> by_file;
    for (const json& c : root["comments"]) {
        if (!c.is_object())
            continue;
        RawFinding f;
        f.line = int_field(c, "line");
        f.column = int_field(c, "column");
        f.end_line = int_field(c, "endLine");
        f.end_column = int_field(c, "endColumn");
        f.level = string_field(c, "level");
        f.code = int_field(c, "code");
        f.message = string_field(c, "message");
        if (c.contains("fix") && c["fix"].is_object() && c["fix"].contains("replacements") &&
            c["fix"]["replacements"].is_array()) {
            for (const json& r : c["fix"]["replacements"]) {
                if (!r.is_object())
                    continue;
                f.fix.push_back({int_field(r, "line"), int_field(r, "column"), int_field(r, "endLine"),
                                 int_field(r, "endColumn"), string_field(r, "replacement")});
            }
        }
        by_file[string_field(c, "file")].push_back(std::move(f));
    }
    return by_file;
}

// The user's SHELLCHECK_OPTS, split on blanks as ShellCheck splits it, less what drydock decides itself (the
// output format, the dialect) and what prints something other than findings (version, help). They go before
// drydock's own options, and SHELLCHECK_OPTS is removed from ShellCheck's environment, so that `-e SC2086`,
// `-S warning` or `-o all` work and nothing else changes.
std::vector<std::string> user_options() {
    const char* env = std::getenv("SHELLCHECK_OPTS");
    std::vector<std::string> words;
    std::string_view rest = env ? env : "";
    while (!rest.empty()) {
        const std::size_t begin = rest.find_first_not_of(" \t\n");
        if (begin == std::string_view::npos)
            break;
        rest.remove_prefix(begin);
        const std::size_t end = std::min(rest.find_first_of(" \t\n"), rest.size());
        words.emplace_back(rest.substr(0, end));
        rest.remove_prefix(end);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "-f" || w == "--format" || w == "-s" || w == "--shell") {
            ++i; // and its value
            continue;
        }
        if (w.starts_with("-f") || w.starts_with("--format=") || w.starts_with("-s") ||
            w.starts_with("--shell=") || w == "-V" || w == "--version" || w == "--help" ||
            w == "--list-optional")
            continue;
        out.push_back(w);
    }
    return out;
}

// A private folder for the scripts of one run, removed when done.
class TempDir {
public:
    TempDir() {
        std::error_code ec;
        fs::path base = fs::temp_directory_path(ec);
        if (ec)
            base = "/tmp";
        base = fs::absolute(base, ec);
        std::string pattern = (base / "drydock-shellcheck-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr)
            path_ = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        if (!path_.empty()) {
            std::error_code ec;
            fs::remove_all(path_, ec);
        }
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Runs ShellCheck once on `scripts` (unique texts, one dialect) and returns the findings of each, in order;
// nullopt (after a note) when it could not be run or its output is unreadable.
std::optional<std::vector<std::vector<RawFinding>>>
run_shellcheck(const std::string& program, const std::vector<std::string>& options,
               const std::string& dialect, const std::vector<const std::string*>& scripts) {
    const TempDir dir;
    if (dir.path().empty()) {
        note("ShellCheck skipped: cannot create a temporary folder");
        return std::nullopt;
    }
    std::vector<std::string> args = options;
    for (std::string option : {std::string("--format=json1"), std::string("--norc"), "--shell=" + dialect,
                               "--exclude=" + std::string(excluded_codes)})
        args.push_back(std::move(option));
    std::vector<std::string> files;
    for (std::size_t i = 0; i < scripts.size(); ++i) {
        const fs::path file = dir.path() / (std::to_string(i) + ".sh");
        std::ofstream out(file, std::ios::binary);
        out << *scripts[i];
        if (!out) {
            note("ShellCheck skipped: cannot write a script to " + dir.path().string());
            return std::nullopt;
        }
        files.push_back(file.string());
    }
    args.insert(args.end(), files.begin(), files.end());
    {
        State& s = state();
        const std::lock_guard lock(s.mutex);
        ++s.stats.processes;
        s.stats.scripts += scripts.size();
    }
    const process::Result result = process::run(program, args, process_timeout, {"SHELLCHECK_OPTS"});
    if (!result.started) {
        note("cannot run ShellCheck (" + program + "): " + result.error + "; SC findings are left out");
        return std::nullopt;
    }
    if (result.timed_out) {
        note("ShellCheck (" + program + ") did not finish within " + std::to_string(process_timeout.count()) +
             " s and was stopped; its findings are left out");
        return std::nullopt;
    }
    // 0: no findings, 1: findings, 2: some file could not be processed (its findings are simply absent).
    const std::optional<std::map<std::string, std::vector<RawFinding>>> parsed =
        result.exit_code <= 2 ? parse_output(result.out) : std::nullopt;
    if (!parsed) {
        std::string detail = result.err.substr(0, result.err.find('\n'));
        if (detail.empty())
            detail = "exit status " + std::to_string(result.exit_code);
        note("ShellCheck (" + program + ") failed: " + detail + "; SC findings are left out");
        return std::nullopt;
    }
    std::vector<std::vector<RawFinding>> out(scripts.size());
    for (std::size_t i = 0; i < files.size(); ++i)
        if (const auto it = parsed->find(files[i]); it != parsed->end())
            out[i] = it->second;
    return out;
}

} // namespace

std::vector<Diagnostic> findings(const Dockerfile& file, const SemanticModel& model, const Config& config) {
    const std::vector<ShellPragma> pragmas = shell_pragmas(file);
    std::vector<Job> jobs;
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const Instruction& ins = file.instructions[i];
        if (ins.is(InstructionKind::Run))
            collect(file, model, pragmas, i, ins, ins, jobs);
        else if (ins.is(InstructionKind::Onbuild) && !ins.trigger.empty() &&
                 ins.trigger.front().is(InstructionKind::Run))
            collect(file, model, pragmas, i, ins, ins.trigger.front(), jobs);
    }
    if (jobs.empty())
        return {};
    const std::optional<std::string> program = find_shellcheck(config);
    if (!program) {
        note(config.shellcheck_path
                 ? "ShellCheck not found at '" + *config.shellcheck_path +
                       "' (DRYDOCK_SHELLCHECK): SC findings are left out"
                 : std::string("ShellCheck not found on PATH: SC findings are left out (install shellcheck, "
                               "or turn this off with --no-shellcheck or `shellcheck: false`)"));
        return {};
    }

    const std::vector<std::string> options = user_options();
    std::string options_key;
    for (const std::string& o : options)
        options_key += o + ' ';

    // Answer what the cache knows; the rest goes to ShellCheck, one process per dialect, each text once.
    std::map<std::string, std::vector<RawFinding>> fresh;    // key -> findings, for this file's misses
    std::map<std::string, std::vector<std::string>> missing; // dialect -> keys
    std::map<std::string, const std::string*> script_of;     // key -> script text
    {
        State& s = state();
        const std::lock_guard lock(s.mutex);
        for (Job& job : jobs) {
            job.key = *program + '\n' + options_key + '\n' + job.dialect + '\n' + job.script.text;
            if (const auto hit = s.cache.find(job.key); hit != s.cache.end()) {
                fresh.emplace(job.key, hit->second);
                ++s.stats.cache_hits;
            } else if (script_of.emplace(job.key, &job.script.text).second) {
                missing[job.dialect].push_back(job.key);
            }
        }
    }
    for (const auto& [dialect, keys] : missing) {
        std::vector<const std::string*> scripts;
        for (const std::string& key : keys)
            scripts.push_back(script_of[key]);
        const auto results = run_shellcheck(*program, options, dialect, scripts);
        if (!results)
            continue;
        State& s = state();
        const std::lock_guard lock(s.mutex);
        if (s.cache.size() + keys.size() > cache_limit)
            s.cache.clear();
        for (std::size_t i = 0; i < keys.size(); ++i) {
            s.cache[keys[i]] = (*results)[i];
            fresh[keys[i]] = (*results)[i];
        }
    }

    std::vector<Diagnostic> out;
    std::set<std::tuple<std::string, TextSize, TextSize, std::string>> seen;
    for (const Job& job : jobs) {
        const auto found = fresh.find(job.key);
        if (found == fresh.end())
            continue;
        const Locator locator(job.script.text);
        for (const RawFinding& f : found->second) {
            const std::size_t b = locator.index(f.line, f.column);
            const std::size_t e = std::max(b, locator.index(f.end_line, f.end_column));
            const std::optional<TextRange> range = map_range(job, b, e);
            if (!range)
                continue;
            std::string code = "SC" + std::to_string(f.code);
            // `RUN bash <<EOF` is checked as the line with its heredoc and as the heredoc's own script: the
            // same finding can come from both.
            if (!seen.emplace(code, range->begin, range->end, f.message).second)
                continue;
            out.push_back({std::move(code), "shellcheck", severity_of(f.level), f.message, *range,
                           map_fix(job, locator, f)});
        }
    }
    return out;
}

} // namespace shellcheck

std::optional<std::string> find_shellcheck(const Config& config) {
    const char* path = std::getenv("PATH");
    const std::string_view path_list = path ? path : "/usr/local/bin:/usr/bin:/bin";
    return process::find_in_path(config.shellcheck_path.value_or("shellcheck"), path_list);
}

ShellCheckStats shellcheck_stats() {
    shellcheck::State& s = shellcheck::state();
    const std::lock_guard lock(s.mutex);
    return s.stats;
}

void clear_shellcheck_cache() {
    shellcheck::State& s = shellcheck::state();
    const std::lock_guard lock(s.mutex);
    s.cache.clear();
    s.stats = {};
}

std::vector<std::string> take_shellcheck_notes() {
    shellcheck::State& s = shellcheck::state();
    const std::lock_guard lock(s.mutex);
    return std::exchange(s.notes, {});
}

} // namespace drydock
