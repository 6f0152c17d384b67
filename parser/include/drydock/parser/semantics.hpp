#pragma once
// What the checks need to know beyond one instruction: the build stages, which stage an instruction belongs
// to, the ARG/ENV names in scope, and the shell that runs shell-form commands.

#include <drydock/parser/ast.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

struct Stage {
    std::size_t index = 0;
    std::size_t from = 0; // index of the FROM instruction
    std::size_t end = 0;  // one past the stage's last instruction
    std::string name;     // the `AS` alias, lower-cased; empty when the stage has none
    std::string base;     // the image as written (`python:3.10-slim`, `$BASE`, an earlier stage's name)
    std::optional<std::size_t> base_stage; // the earlier stage this one builds on, when `base` names one
};

struct Variable {
    std::string name;
    std::optional<std::string> value;            // ARG default or ENV value, unexpanded
    InstructionKind kind = InstructionKind::Arg; // Arg or Env
    std::size_t instruction = 0;                 // where it was declared
};

struct ShellInfo {
    std::vector<std::string> argv{"/bin/sh", "-c"};
    bool posix = true;                      // sh, bash, ash, dash, zsh, ksh, busybox
    std::optional<std::size_t> declared_at; // the SHELL instruction, when one applies
};

class SemanticModel {
public:
    explicit SemanticModel(const Dockerfile& file);

    const std::vector<Stage>& stages() const { return stages_; }
    // The stage of instruction `i`; nullopt for the global ARGs before the first FROM.
    std::optional<std::size_t> stage_of(std::size_t i) const;
    const Stage* stage_named(std::string_view name) const; // case-insensitive
    const std::vector<Variable>& global_args() const { return global_args_; }
    // ARG/ENV names visible to instruction `i`, latest declaration last. For FROM: the global ARGs.
    std::vector<Variable> scope_at(std::size_t i) const;
    // Whether `name` can be expanded at instruction `i` (declared, inherited, predefined or automatic).
    bool is_defined(std::string_view name, std::size_t i) const;
    // The shell that runs shell-form RUN/CMD/ENTRYPOINT at instruction `i`.
    ShellInfo shell_at(std::size_t i) const;

    static bool is_predefined_arg(std::string_view name);         // HTTP_PROXY and friends
    static bool is_automatic_platform_arg(std::string_view name); // TARGETARCH and friends

private:
    // Built once by the constructor, so that the queries above cost no walk over earlier instructions (a
    // rule asks them for every instruction: a 10 MB Dockerfile must stay linear).
    void index_scopes_and_shells();

    const Dockerfile& file_;
    std::vector<Stage> stages_;
    std::vector<std::optional<std::size_t>> stage_of_;
    std::vector<Variable> global_args_;
    bool windows_default_ = false;
    std::vector<std::vector<Variable>> stage_variables_; // per stage: its own ARG/ENV, in order
    std::vector<std::vector<Variable>> inherited_env_;   // per stage: the ENV of the stages it builds on
    // Per instruction: the last SHELL (with a program) of its stage at or before it.
    std::vector<std::optional<std::size_t>> shell_upto_;
};

} // namespace drydock
