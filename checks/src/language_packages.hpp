#pragma once
// Shell questions of the language-package and other shell-command rules (pip, pipx, npm, gem, go, yarn,
// sudo, wget, …): BuildKit mounts of a RUN, the commands of a RUN as written (wrappers kept), pip invoked in
// any of its spellings, and the values of shell words whose variables have ARG/ENV defaults.

#include "shell_queries.hpp"

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>
#include <drydock/parser/shell.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// One `--mount=…` of a RUN, as BuildKit reads its CSV fields.
struct RunMount {
    std::string type = "bind"; // bind (the default), cache, tmpfs, secret, ssh
    std::string target;        // `target=`, `dst=` or `destination=`; empty when absent
};

// Every `--mount` flag of `run` (a RUN, or the RUN of an ONBUILD trigger).
std::vector<RunMount> run_mounts(const Instruction& run);

// Whether `run` has a cache or tmpfs mount on a directory whose path ends with one of `directories` at a path
// boundary: `{".cache/pip"}` matches `target=/root/.cache/pip` and `target=.cache/pip/`.
bool has_cache_mount(const Instruction& run, std::initializer_list<std::string_view> directories);

// Whether `word` is a program name `stem` followed only by a version (`pip`, `pip3`, `pip3.11` for "pip").
bool is_versioned_program(std::string_view word, std::string_view stem);

// pip's argv in `command` (wrappers removed): the command itself for `pip…`, the part from `pip` on for
// `python… -m pip …`; nullopt for any other command.
std::optional<shell::Command> pip_argv(const shell::Command& command);

// A `pip install` (or `pipx install`) command, found in any of its spellings.
struct PipInstall {
    shell::Command pip;  // pip's own argv: words[0] is `pip…` (also for `python3 -m pip`)
    shell::Word install; // the `install` word
    TextRange range;     // from the program as written (`python3`, `pip3`) to the `install` word
    // The operands after `install`: package specifiers, with the values of value-taking options skipped.
    std::vector<shell::Word> operands;
};

// `pip install …`, `pip3.11 install …`, `python3 -m pip install …` (pip's global options may come before
// `install`); nullopt for any other command. `command` is a command whose wrappers are removed.
std::optional<PipInstall> pip_install(const shell::Command& command);
// `pipx install …`; nullopt for any other command.
std::optional<PipInstall> pipx_install(const shell::Command& command);

// The values of a shell word in a build without `--build-arg`: the word itself when it has no expansion;
// when it has `$NAME` / `${NAME}` (also `:-`, `-`, `:+`, `+`), the ARG/ENV defaults of `scope` put in, and an
// unquoted result split into fields as the shell splits it. nullopt when some part is not known statically
// (an ARG without default, `$(…)`, `$1`, other modifiers).
std::optional<std::vector<std::string>> expanded_values(const shell::Word& word,
                                                        const std::vector<Variable>& scope);

// From the first byte of `first` to the last byte of `last`.
inline TextRange span(const shell::Word& first, const shell::Word& last) {
    return {first.range.begin, last.range.end};
}

} // namespace drydock::rules
