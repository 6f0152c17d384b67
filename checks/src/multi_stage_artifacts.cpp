// The ecosystem half of the multi-stage rewrite: the questions every planner asks about build commands and
// the start command, the OS packages the runtime stage needs, and the dispatch to the planner of the
// ecosystem. See multi_stage_artifacts.hpp.

#include "multi_stage_artifacts.hpp"

#include "language_packages.hpp"
#include "multi_stage_ecosystems.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <initializer_list>

namespace drydock::rules::multi_stage {

Outcome refuse(std::string why) {
    return {std::nullopt, std::move(why)};
}

Outcome copy_to_runtime(RuntimeChoice choice, std::vector<CopiedArtifact> artifacts) {
    if (!choice.runtime)
        return refuse(std::move(choice.why));
    Runtime runtime;
    runtime.image = std::move(*choice.runtime);
    runtime.artifacts = std::move(artifacts);
    return {std::move(runtime), {}};
}

Outcome cannot_tell(std::string why) {
    return refuse("cannot tell which file the build produces: " + std::move(why));
}

std::string code_span(std::string_view text) {
    return "`" + std::string(text) + "`";
}

bool contains(std::initializer_list<std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// ---- The build commands as shell commands

std::optional<Located> locate(const StageFacts& facts, const BuildCommand& build) {
    const Instruction& run = facts.file->instructions[build.instruction];
    const RunCommands commands(*facts.file, run);
    Located out;
    bool found = false;
    for (const RunCommand& command : commands.all())
        if (!command.command.words.empty() &&
            command.command.words.front().range.begin == build.range.begin) {
            out.command = command.command;
            found = true;
            break;
        }
    if (!found)
        return std::nullopt;
    for (const RunScript& script : commands.scripts())
        for (const shell::Command& raw : script.script->commands)
            if (raw.range.begin <= build.range.begin && build.range.end <= raw.range.end) {
                out.raw = &raw;
                out.script = script.script;
            }
    return out;
}

// A shell word's value with the stage's ARG/ENV defaults put in; nullopt when not one known word.
std::optional<std::string> value_of(const StageFacts& facts, std::size_t index, const shell::Word& word) {
    const std::optional<std::vector<std::string>> values =
        expanded_values(word, facts.model->scope_at(index));
    if (!values || values->size() != 1)
        return std::nullopt;
    return values->front();
}

// The directory a build command runs in: the WORKDIR, then the `cd`s before it in its script.
std::optional<std::string> directory_of(const StageFacts& facts, const BuildCommand& build,
                                        const Located& at) {
    std::optional<std::string> dir = workdir_at(facts, build.instruction);
    if (!at.script)
        return dir;
    for (const shell::Command& command : at.script->commands) {
        if (command.range.begin >= at.raw->range.begin)
            break;
        if (command.name() != "cd" || command.depth > at.raw->depth)
            continue;
        const std::vector<shell::Word> operands = command.operands();
        const std::optional<std::string> target =
            operands.size() == 1 ? value_of(facts, build.instruction, operands.front()) : std::nullopt;
        if (!target || target->empty() || (!target->starts_with('/') && !dir))
            return std::nullopt;
        dir = join_path(dir.value_or("/"), *target);
    }
    return dir;
}

// A path a build command names, made absolute against the directory it runs in.
std::optional<std::string> resolve(const StageFacts& facts, const BuildCommand& build, const Located& at,
                                   std::string_view path) {
    if (path.starts_with('/'))
        return join_path("/", path);
    const std::optional<std::string> dir = directory_of(facts, build, at);
    if (!dir)
        return std::nullopt;
    return join_path(*dir, path);
}

// A path the start command names, made absolute against the directory it runs in.
std::optional<std::string> start_path(const StageFacts& facts, std::string_view path) {
    if (path.starts_with('/'))
        return join_path("/", path);
    if (!facts.final_workdir)
        return std::nullopt;
    return join_path(*facts.final_workdir, path);
}

std::optional<std::string> start_program(const StageFacts& facts) {
    if (!facts.start_known || facts.start.empty())
        return std::nullopt;
    return facts.start.front();
}

// Whether the start program, as the start command names it, is the file at absolute `path`: the same path, or
// a bare name that the runtime's PATH finds there.
bool starts(const StageFacts& facts, std::string_view program, std::string_view path) {
    if (program.find('/') != std::string_view::npos)
        return start_path(facts, program) == path;
    return basename_of(path) == program && on_default_path(dirname_of(path));
}

std::string no_start() {
    return "the start command is not a simple command with known words";
}

std::optional<std::string> env_value(const StageFacts& facts, std::size_t index, std::string_view name) {
    const std::vector<Variable> scope = facts.model->scope_at(index);
    for (auto it = scope.rbegin(); it != scope.rend(); ++it)
        if (it->name == name)
            return it->value;
    return std::nullopt;
}

namespace {

// ---- OS packages

// Packages every runtime image of the ecosystem has anyway, or that only served the build there.
std::vector<std::string_view> provided(Toolchain toolchain, const Runtime& runtime) {
    if (runtime.static_site)
        return {};
    switch (toolchain) {
    case Toolchain::Go:
        return {"ca-certificates", "tzdata"};
    case Toolchain::Node: // node-gyp builds native modules with Python
        return {"ca-certificates", "python3", "python-is-python3", "python"};
    case Toolchain::Maven:
    case Toolchain::Gradle:
    case Toolchain::Dotnet:
    case Toolchain::Python:
        return {"ca-certificates"};
    default:
        return {};
    }
}

// The OS packages the runtime stage installs: those the build stage keeps, less build tools, with development
// packages replaced by their runtime libraries. Fills `runtime.packages` or says why it cannot.
std::optional<std::string> add_packages(const StageFacts& facts, Runtime& runtime) {
    const InstalledPackages installed = installed_packages(facts);
    if (runtime.static_site)
        return std::nullopt; // static files need nothing from the OS
    if (installed.mixed)
        return "the stage installs OS packages with another package manager than apt-get or apk";
    if (installed.dynamic)
        return "the stage installs OS packages given by a variable";
    const std::vector<std::string_view> known = provided(facts.toolchain, runtime);
    std::vector<std::string> needed;
    for (const std::string& name : installed.names) {
        std::optional<std::string> package = name;
        if (name.ends_with("-dev") || name.ends_with("-devel") || name == "linux-headers") {
            package = runtime_library(name, runtime.image);
            if (!package)
                return "no runtime library is known for the development package " + code_span(name);
        } else if (is_build_only_package(name) ||
                   std::find(known.begin(), known.end(), name) != known.end()) {
            continue;
        }
        if (!package->empty() && std::find(needed.begin(), needed.end(), *package) == needed.end())
            needed.push_back(*package);
    }
    if (needed.empty())
        return std::nullopt;
    const bool apt =
        runtime.image.distro == RuntimeDistro::Debian || runtime.image.distro == RuntimeDistro::Ubuntu;
    const bool apk = runtime.image.distro == RuntimeDistro::Alpine;
    if ((!apt && !apk) || (apt && installed.manager != "apt") || (apk && installed.manager != "apk"))
        return "the stage installs " + code_span(needed.front()) + ", which " +
               code_span(runtime.image.image) + " does not have";
    runtime.packages = std::move(needed);
    return std::nullopt;
}

} // namespace

Outcome plan_runtime(const StageFacts& facts) {
    Outcome outcome;
    switch (facts.toolchain) {
    case Toolchain::Go:
        outcome = plan_go(facts);
        break;
    case Toolchain::Rust:
        outcome = plan_rust(facts);
        break;
    case Toolchain::Cpp:
        outcome = plan_native(facts);
        break;
    case Toolchain::Maven:
    case Toolchain::Gradle:
        outcome = plan_java(facts);
        break;
    case Toolchain::Dotnet:
        outcome = plan_dotnet(facts);
        break;
    case Toolchain::Node:
        outcome = plan_node(facts);
        break;
    case Toolchain::Python:
        outcome = plan_python(facts);
        break;
    }
    if (outcome.runtime)
        if (std::optional<std::string> why = add_packages(facts, *outcome.runtime))
            return refuse(std::move(*why));
    return outcome;
}

} // namespace drydock::rules::multi_stage
