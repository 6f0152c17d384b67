// DD2013: the start command chains set-up steps in shell form: move it into an entrypoint script.

#include "build_toolchain.hpp"
#include "dockerignore.hpp"
#include "fix_builders.hpp"
#include "image_users.hpp"
#include "instruction_placement.hpp"
#include "rule_support.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {
namespace {

constexpr std::string_view script_name = "docker-entrypoint.sh";

constexpr RuleMeta rule_meta{
    .code = "DD2013",
    .name = "entrypoint-script",
    .severity = Severity::Info,
    .category = Category::Maintainability,
    .fix = FixAvailability::Sometimes,
    .summary = "The start command chains set-up steps in shell form: move them into an entrypoint script",
    .docs =
        {.what =
             "Reports the final stage's shell-form `CMD` or `ENTRYPOINT` when it chains commands: more than "
             "one command joined by `&&`, `;` or new lines, or a first command that changes the shell's "
             "state "
             "(`cd`, `export`, `set`, `umask`, `ulimit`, `source`/`.`). A shell-form start command that is "
             "one simple command (`CMD python app.py`) is only reported when the rule is selected by name "
             "(`--select entrypoint-script`): DL3025 already suggests the exec form for it.",
         .why = "A shell-form start command runs under `/bin/sh -c`: the shell is PID 1, so `docker stop`'s "
                "SIGTERM never reaches the application, which is killed after the grace period. Set-up "
                "steps written as a one-line chain are hard to read, to test and to change. The "
                "docker-library idiom is an entrypoint script that does the set-up and ends with `exec "
                "\"$@\"`, so the application replaces the shell and receives signals, and `CMD` keeps the "
                "default arguments in exec form, easy to override with `docker run image …`.",
         .bad =
             "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD cd /app && node migrate.js && node server.js\n",
         .good = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCOPY --chmod=0755 docker-entrypoint.sh "
                 "/usr/local/bin/\n"
                 "ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n",
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`; it adds a file to the build context). The fix creates "
             "`docker-entrypoint.sh` beside the Dockerfile (mode 0755, LF line ends): `#!/bin/sh`, `set "
             "-eu`, "
             "one line per set-up command as written, then `exec \"$@\"`; and it replaces the start command "
             "with `COPY --chmod=0755 docker-entrypoint.sh /usr/local/bin/`, `ENTRYPOINT "
             "[\"docker-entrypoint.sh\"]` and `CMD [...]` holding the last command's words in exec form. A "
             "last command that needs the shell (variables, globs, redirects) stays in the script as `exec "
             "<command>`, run when no arguments are given. A shell-form `ENTRYPOINT` (which ignores `CMD`) "
             "becomes the script entirely, ending with `exec <command>`. Under `set -e` a failing set-up "
             "step stops the start, also one that was followed by `;`, and under `set -u` so does an unset "
             "variable; the image's own `/usr/local/bin/docker-entrypoint.sh`, if its base image has one "
             "(node, postgres), is replaced. Display-only, with the reason, when "
             "`docker-entrypoint.sh` exists already (never overwritten), when `.dockerignore` would leave it "
             "out of the build context, when the image has no shell (distroless, scratch), when the stage "
             "also has an exec-form `ENTRYPOINT` (fold it into the script by hand), and when the command "
             "uses `||`, pipes, background jobs, subshells or compound commands.",
         .references = "https://docs.docker.com/reference/dockerfile/#entrypoint\n"
                       "https://docs.docker.com/build/building/best-practices/#entrypoint\n"
                       "https://github.com/docker-library/postgres/blob/master/docker-entrypoint.sh"},
};

// Commands that change the shell's own state: chaining them to the start command is set-up work.
bool changes_shell_state(std::string_view program) {
    for (const std::string_view name : {"cd", "export", "set", "umask", "ulimit", "source", ".", "unset"})
        if (program == name)
            return true;
    return false;
}

// `set -e`, `set -u`, `set -eu`: what the script's own `set -eu` does already.
bool sets_only_e_and_u(const shell::Command& command) {
    if (command.name() != "set" || command.words.size() < 2 || !command.redirects.empty())
        return false;
    for (std::size_t i = 1; i < command.words.size(); ++i) {
        const std::string& word = command.words[i].value;
        if (word.size() < 2 || word.front() != '-' || word.find_first_not_of("eu", 1) != std::string::npos)
            return false;
    }
    return true;
}

// The text of `range` of `instruction` as the shell receives it: line continuations and interior comment
// lines removed.
std::string logical_text(const Dockerfile& file, const Instruction& instruction, TextRange range) {
    std::string out;
    TextSize at = range.begin;
    while (at < range.end) {
        bool skipped = false;
        for (const TextRange& gap : instruction.continuations)
            if (gap.begin == at && gap.end > at) {
                at = gap.end;
                skipped = true;
            }
        for (const TextRange& gap : instruction.comments)
            if (gap.begin == at && gap.end > at) {
                at = gap.end;
                skipped = true;
            }
        if (!skipped)
            out += file.source[at++];
    }
    return out;
}

// Whether the rule was asked for by name (`--select entrypoint-script`), which turns on the simple cases.
bool selected_by_name(const Config& config) {
    for (const std::string& id : config.select) {
        std::string lower(id);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower == "dd2013" || lower == "entrypoint-script")
            return true;
    }
    return false;
}

// The start command split into its set-up steps and the command that becomes the application.
struct StartCommand {
    std::vector<std::string> setup; // each step as the shell receives it
    std::vector<std::string> words; // the last command's argv, when it is literal
    std::string last;               // the last command as the shell receives it
    bool literal = true;            // the last command needs no shell (no variables, globs or redirects)
};

// nullopt (with `why`) when the script is not a plain list of simple commands joined by `&&`, `;` or new
// lines.
std::optional<StartCommand> split_start(const Dockerfile& file, const Instruction& ins,
                                        const shell::Script& script, std::string& why) {
    if (!script.errors.empty() || script.commands.empty() || script.uses_eval) {
        why = "the command cannot be read statically";
        return std::nullopt;
    }
    // Control characters (a NUL, a form feed) would have to survive a JSON array and a script file unchanged.
    const std::string_view whole = file.text(ins.range);
    if (std::any_of(whole.begin(), whole.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
        })) {
        why = "the command holds control characters";
        return std::nullopt;
    }
    StartCommand out;
    for (std::size_t i = 0; i < script.commands.size(); ++i) {
        const shell::Command& command = script.commands[i];
        const bool joined_plainly = command.preceded_by == shell::Operator::None ||
                                    command.preceded_by == shell::Operator::And ||
                                    command.preceded_by == shell::Operator::Semicolon ||
                                    command.preceded_by == shell::Operator::Newline;
        if (command.depth != 0 || command.in_pipeline || !joined_plainly || command.words.empty()) {
            why = "it uses `||`, pipes, background jobs, subshells or compound commands";
            return std::nullopt;
        }
        const std::string text = logical_text(file, ins, command.range);
        if (i + 1 < script.commands.size()) {
            if (!sets_only_e_and_u(command))
                out.setup.push_back(text);
            continue;
        }
        // The application: `exec` in front of it is what the script does anyway.
        std::size_t first = 0;
        if (command.words.front().value == "exec" && command.assignments.empty() && command.words.size() > 1)
            first = 1;
        out.literal = command.assignments.empty() && command.redirects.empty();
        for (std::size_t w = first; w < command.words.size(); ++w) {
            const shell::Word& word = command.words[w];
            if (word.dynamic || (!word.quoted && word.value.find_first_of("*?[~") != std::string::npos))
                out.literal = false;
            out.words.push_back(word.value);
        }
        const TextRange rest{first == 0 ? command.range.begin : command.words[first].range.begin,
                             command.range.end};
        out.last = logical_text(file, ins, rest);
    }
    return out;
}

std::string script_text(const StartCommand& start, bool entrypoint) {
    std::string text = "#!/bin/sh\nset -eu\n";
    for (const std::string& step : start.setup)
        text += step + "\n";
    if (entrypoint)
        text += "exec " + start.last + "\n";
    else if (start.literal)
        text += "exec \"$@\"\n";
    else
        text += "if [ \"$#\" -gt 0 ]; then\n    exec \"$@\"\nfi\nexec " + start.last + "\n";
    return text;
}

class EntrypointScript final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Cmd, InstructionKind::Entrypoint};
    }
    void check(const Instruction&, Context&) override {}

    void end_stage(Context& context) override {
        if (!context.is_final_stage())
            return;
        const Dockerfile& file = context.file();
        const SemanticModel& model = context.model();
        const std::size_t stage = *context.stage();
        const Stage& st = model.stages()[stage];
        const Instruction* cmd = nullptr;
        const Instruction* entrypoint = nullptr;
        for (std::size_t i = st.from + 1; i < st.end; ++i) {
            const Instruction& ins = file.instructions[i];
            if (ins.is(InstructionKind::Cmd))
                cmd = &ins;
            else if (ins.is(InstructionKind::Entrypoint))
                entrypoint = &ins;
        }
        // A shell-form ENTRYPOINT is the start command (it ignores CMD); else a shell-form CMD is.
        const bool use_entrypoint = entrypoint && !entrypoint->json_form;
        const Instruction* start = use_entrypoint ? entrypoint : cmd;
        if (!start || start->json_form || !start->valid || !start->command || !start->command->script)
            return;
        const shell::Script& script = *start->command->script;
        const bool chains = script.commands.size() > 1 ||
                            (!script.commands.empty() && changes_shell_state(script.commands.front().name()));
        if (!chains && !selected_by_name(context.config()))
            return;
        const std::string keyword = use_entrypoint ? "ENTRYPOINT" : "CMD";
        const std::string message =
            chains ? "The shell-form " + keyword +
                         " chains set-up steps and runs the application under `sh -c`, which does not pass "
                         "on signals: move it into an entrypoint script that ends with `exec`"
                   : "The shell-form " + keyword +
                         " runs the application under `sh -c`, which does not pass on signals: start it "
                         "from an entrypoint script that ends with `exec`";
        context.report(start->keyword.range, message,
                       fix(context, stage, *start, use_entrypoint, entrypoint));
    }

private:
    static Fix refuse(std::string why) {
        return Fix{"Not moved into " + std::string(script_name) + ": " + std::move(why),
                   {},
                   Applicability::DisplayOnly};
    }

    // The script's path relative to the Dockerfile's folder: it must be in the build context, at its root,
    // for `COPY docker-entrypoint.sh` to find it.
    static std::optional<std::filesystem::path> script_path(const Config& config) {
        if (!config.dockerfile_path)
            return std::filesystem::path(script_name);
        const std::filesystem::path folder = std::filesystem::path(*config.dockerfile_path).parent_path();
        if (!config.build_context)
            return std::filesystem::path(script_name);
        std::error_code ec;
        const std::filesystem::path relative = std::filesystem::relative(
            *config.build_context, folder.empty() ? std::filesystem::path(".") : folder, ec);
        if (ec)
            return std::nullopt;
        return (relative / script_name).lexically_normal();
    }

    static Fix fix(const Context& context, std::size_t stage, const Instruction& start, bool use_entrypoint,
                   const Instruction* entrypoint) {
        const Dockerfile& file = context.file();
        const Config& config = context.config();
        if (!use_entrypoint && entrypoint)
            return refuse("the stage also has an exec-form ENTRYPOINT; fold it into the script by hand");
        if (const std::optional<std::string> image = stage_base_image(file, context.model(), stage)) {
            const DistroFamily family = distro_family(*image);
            if (family == DistroFamily::Distroless || family == DistroFamily::Scratch)
                return refuse("`" + *image + "` has no shell to run a script");
        }
        if (drops_comments(start, start.range))
            return refuse("comment lines inside the command would be lost");
        std::string why;
        const std::optional<StartCommand> split = split_start(file, start, *start.command->script, why);
        if (!split)
            return refuse(why);
        const std::optional<std::filesystem::path> path = script_path(config);
        if (!path)
            return refuse("the build context is not reachable from the Dockerfile's folder");
        if (config.dockerfile_path) {
            const std::filesystem::path folder = std::filesystem::path(*config.dockerfile_path).parent_path();
            std::error_code ec;
            if (std::filesystem::exists(folder / *path, ec) || ec)
                return refuse("`" + path->string() + "` exists already, and drydock never overwrites a file");
        }
        if (const std::optional<IgnoreFile> ignore = load_dockerignore(config);
            ignore && ignore->rules.excludes(script_name))
            return refuse("`" + ignore->path.filename().string() + "` leaves `" + std::string(script_name) +
                          "` out of the build context");

        const std::string_view casing = start.keyword.value;
        std::vector<std::string> lines = {
            cased_like("COPY", casing) + " --chmod=0755 " + std::string(script_name) + " /usr/local/bin/",
            cased_like("ENTRYPOINT", casing) + " [\"" + std::string(script_name) + "\"]"};
        if (!use_entrypoint && split->literal)
            lines.push_back(cased_like("CMD", casing) + " " + json_array(split->words));
        // Replace the start instruction's own text (its comments above stay where they are).
        const std::string terminator(line_terminator_at(file.source, start.range.begin));
        std::string replacement;
        for (std::size_t i = 0; i < lines.size(); ++i)
            replacement += (i ? terminator : std::string()) + lines[i];
        Fix out{"Move the start command into " + path->generic_string(),
                {replace_range(start.range, replacement)},
                Applicability::Unsafe};
        out.new_files.push_back(NewFile{path->generic_string(), script_text(*split, use_entrypoint), 0755});
        return out;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2013, drydock::rules::rule_meta, drydock::rules::EntrypointScript)
