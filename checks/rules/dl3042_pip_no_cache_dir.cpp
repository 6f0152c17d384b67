// DL3042: `pip install` keeps its download cache in the image.

#include "fix_builders.hpp"
#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3042",
    .name = "pip-no-cache-dir",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
    .fix = FixAvailability::Always,
    .summary = "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`",
    .docs =
        {.what =
             "Reports a `pip install` (also `pip3`, `pip3.12`, `python3 -m pip`) without `--no-cache-dir`, "
             "in every command a `RUN` runs, `ONBUILD RUN` included. Not reported when pip's cache is off "
             "or kept out of the image another way:\n\n"
             "- `ENV PIP_NO_CACHE_DIR=…` in the stage or a stage it builds `FROM` (a value that holds a "
             "variable counts: it is not known statically);\n"
             "- `PIP_NO_CACHE_DIR=…` on the command, through `env`/`sudo`, or `export`ed earlier in the "
             "same `RUN`;\n"
             "- a BuildKit cache or tmpfs mount on pip's cache (`RUN "
             "--mount=type=cache,target=/root/.cache/pip`, or on `~/.cache`);\n"
             "- `pipx` and `pipenv`, which manage their own environments.\n\n"
             "Unlike hadolint, any value pip accepts for `PIP_NO_CACHE_DIR` counts, `0`/`false`/`off` too: "
             "pip disables its cache whenever the variable holds a valid boolean (for backwards "
             "compatibility it ignores which one). A plain shell assignment (`PIP_NO_CACHE_DIR=1; pip "
             "install …`) does not count: it is not exported, so pip never sees it.",
         .why = "pip keeps every downloaded package and built wheel in `~/.cache/pip`. In an image build "
                "that cache is never used again, but it stays in the layer and makes the image larger.",
         .bad = "FROM python:3.12-slim\nRUN pip install flask==3.0.3\n",
         .good = "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
         .fix_safety =
             "Safe: `--no-cache-dir` is inserted right after `install` (as a JSON element in exec form). It "
             "only stops pip from writing its download and wheel cache, which nothing in the build reads "
             "again; what gets installed is the same. The option exists since pip 6 (2014).",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3042\n"
                       "https://pip.pypa.io/en/stable/topics/caching/"},
};

constexpr std::string_view variable = "PIP_NO_CACHE_DIR";

// pip reads the variable with strtobool() and disables the cache for every value it accepts.
bool disables_cache(std::string_view value) {
    constexpr std::array<std::string_view, 12> booleans = {"y", "yes", "t", "true",  "on",  "1",
                                                           "n", "no",  "f", "false", "off", "0"};
    std::string lowered(value);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(booleans.begin(), booleans.end(), lowered) != booleans.end();
}

// `PIP_NO_CACHE_DIR=<boolean>`.
bool is_setting(std::string_view assignment) {
    return assignment.starts_with(variable) && assignment.substr(variable.size()).starts_with("=") &&
           disables_cache(assignment.substr(variable.size() + 1));
}

// Whether the command as written sets the variable for pip: `PIP_NO_CACHE_DIR=1 pip …` or `env
// PIP_NO_CACHE_DIR=1 pip …` (the words before the program).
bool set_on_command(const shell::Command& written, const shell::Command& program) {
    if (std::any_of(written.assignments.begin(), written.assignments.end(),
                    [](const shell::Word& a) { return is_setting(a.value); }))
        return true;
    for (const shell::Word& word : written.words) {
        if (!program.words.empty() && word.range == program.words.front().range)
            break;
        if (is_setting(word.value))
            return true;
    }
    return false;
}

// `export PIP_NO_CACHE_DIR=1` (or `declare -x`, `typeset -x`).
bool exports_setting(const shell::Command& command) {
    const std::string_view name = command.name();
    if (name != "export" && !((name == "declare" || name == "typeset") && command.has_flag("x")))
        return false;
    const std::vector<shell::Word> arguments = command.arguments();
    return std::any_of(arguments.begin(), arguments.end(),
                       [](const shell::Word& a) { return is_setting(a.value); });
}

// Whether an ENV of the stage (or a stage it builds on) sets the variable; the latest declaration wins.
bool set_by_env(const std::vector<Variable>& scope) {
    const auto last = std::find_if(scope.rbegin(), scope.rend(), [](const Variable& v) {
        return v.kind == InstructionKind::Env && v.name == variable;
    });
    if (last == scope.rend() || !last->value)
        return false;
    // `ENV PIP_NO_CACHE_DIR=${NO_CACHE}`: the value is not known statically, so it is not held against pip.
    return disables_cache(*last->value) || last->value->find('$') != std::string::npos;
}

class PipNoCacheDir final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        if (set_by_env(context.model().scope_at(context.index())) ||
            has_cache_mount(ins, {".cache/pip", ".cache"}))
            return;
        const RunCommands& commands = run_commands(context, ins);
        bool exported = false;
        for (const RunCommand& run : commands.all()) {
            const shell::Command& command = run.command;
            exported = exported || exports_setting(command);
            const std::optional<PipInstall> install = pip_install(command);
            if (!install || exported || install->pip.has_flag("no-cache-dir") ||
                set_on_command(run.written, command))
                continue;
            context.report(
                install->range,
                "Avoid use of cache directory with pip. Use `" + spelled(command, *install) +
                    " --no-cache-dir <package>`",
                insert_argument_after(install->install, run.source, "--no-cache-dir", "Add --no-cache-dir"));
        }
    }

private:
    // `python3 -m pip install`: the words of the command up to `install`.
    static std::string spelled(const shell::Command& command, const PipInstall& install) {
        std::string out;
        for (const shell::Word& word : command.words) {
            out += (out.empty() ? "" : " ") + word.value;
            if (word.range == install.install.range)
                break;
        }
        return out;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3042, drydock::rules::rule_meta, drydock::rules::PipNoCacheDir)
