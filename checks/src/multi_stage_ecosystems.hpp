#pragma once
// Inside the multi-stage rewrite: the per-ecosystem planners (multi_stage_compiled.cpp: Go, Rust, C/C++,
// Java, .NET; multi_stage_interpreted.cpp: Node.js, Python) and the questions they share about build commands
// and the start command (multi_stage_artifacts.cpp). Each planner answers with a runtime or with why it
// cannot tell, never with a guess.

#include "multi_stage_artifacts.hpp"

#include <drydock/parser/shell.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace drydock::rules::multi_stage {

Outcome plan_go(const StageFacts& facts);
Outcome plan_rust(const StageFacts& facts);
Outcome plan_native(const StageFacts& facts); // C and C++
Outcome plan_java(const StageFacts& facts);   // Maven and Gradle
Outcome plan_dotnet(const StageFacts& facts);
Outcome plan_node(const StageFacts& facts);
Outcome plan_python(const StageFacts& facts);

Outcome refuse(std::string why);
// The runtime `choice` with `artifacts` copied into it, or its reason for having no runtime image.
Outcome copy_to_runtime(RuntimeChoice choice, std::vector<CopiedArtifact> artifacts);
// "cannot tell which file the build produces: <why>"
Outcome cannot_tell(std::string why);
std::string code_span(std::string_view text); // `text`
bool contains(std::initializer_list<std::string_view> list, std::string_view value);

// A build command as the shell runs it.
struct Located {
    shell::Command command;                // wrappers removed
    const shell::Command* raw = nullptr;   // as written, in `script`
    const shell::Script* script = nullptr; // nullptr for exec form
};
std::optional<Located> locate(const StageFacts& facts, const BuildCommand& build);

// A shell word's value with the stage's ARG/ENV defaults put in; nullopt when not one known word.
std::optional<std::string> value_of(const StageFacts& facts, std::size_t index, const shell::Word& word);
// The value of an ARG or ENV in scope at instruction `index` (unexpanded), nullopt when none is.
std::optional<std::string> env_value(const StageFacts& facts, std::size_t index, std::string_view name);

// The directory a build command runs in: the WORKDIR, then the `cd`s before it in its script.
std::optional<std::string> directory_of(const StageFacts& facts, const BuildCommand& build,
                                        const Located& at);
// A path a build command names, made absolute against the directory it runs in.
std::optional<std::string> resolve(const StageFacts& facts, const BuildCommand& build, const Located& at,
                                   std::string_view path);

// A path the start command names, made absolute against the directory it runs in.
std::optional<std::string> start_path(const StageFacts& facts, std::string_view path);
// The program the start command runs, as written; nullopt when the start command is not known.
std::optional<std::string> start_program(const StageFacts& facts);
// Whether the start program, as the start command names it, is the file at absolute `path`: the same path, or
// a bare name that the runtime's PATH finds there.
bool starts(const StageFacts& facts, std::string_view program, std::string_view path);
std::string no_start();

} // namespace drydock::rules::multi_stage
