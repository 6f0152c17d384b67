#pragma once
// Shell questions that several rules ask about RUN instructions, answered from the parser's shell model
// (never from raw text): every simple command a RUN runs — its shell-form command line, the heredoc bodies a
// POSIX shell reads, or its exec-form argv — with command wrappers such as `sudo` or `env` looked through;
// apt-get's packages; and pipes that run without `pipefail`.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>
#include <drydock/parser/shell.hpp>

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace drydock::rules {

// Where a command of a RUN comes from.
enum class CommandSource { CommandLine, Heredoc, ExecForm };

struct RunCommand {
    // The command with wrappers removed: words[0] is the program that really runs (`apt-get` in
    // `sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install curl`). Ranges are the original ones.
    shell::Command command;
    CommandSource source = CommandSource::CommandLine;
};

// One shell script a RUN runs, and how it is started.
struct RunScript {
    const shell::Script* script = nullptr;
    CommandSource source = CommandSource::CommandLine;
    // Whether the script runs in RUN's own shell, the one a SHELL instruction sets up (with its options):
    // true for the command line and for a heredoc that is the whole command (`RUN <<EOF` without a shebang,
    // whose text BuildKit hands to the shell). A heredoc with a `#!/bin/bash` shebang runs under that
    // interpreter, and one fed to a program (`RUN bash <<EOF`) under that program: neither gets the SHELL's
    // options.
    bool in_run_shell = true;
    // The command-line command that reads a heredoc on its standard input (`bash` in `RUN bash -e <<EOF`).
    const shell::Command* reader = nullptr;
};

// Every simple command a RUN instruction (top-level or an ONBUILD trigger) runs, in source order: the
// shell-form command line, then each heredoc body read by a POSIX shell (bodies whose shebang names another
// interpreter, such as `#!/usr/bin/env python3`, are left out); or the exec-form argv as one command. A
// shell-form RUN under a non-POSIX SHELL (cmd, PowerShell) has no model: no commands, and known() is false.
class RunCommands {
public:
    RunCommands(const Dockerfile& file, const Instruction& run);

    const std::vector<RunCommand>& all() const { return commands_; }
    // The commands whose program (after wrappers) is `name`, compared on the basename.
    std::vector<const shell::Command*> named(std::string_view name) const;
    // The POSIX scripts the RUN runs: the shell-form command line first, then the heredoc bodies.
    const std::vector<RunScript>& scripts() const { return scripts_; }
    // Whether the commands are known (false for shell form under a non-POSIX shell).
    bool known() const { return known_; }
    // How many programs the RUN runs: commands with a program name, not counting the shell that reads a
    // heredoc (`RUN bash <<EOF`). hadolint counts the same way for DL3059.
    std::size_t program_count() const;

private:
    std::vector<RunCommand> commands_;
    std::vector<RunScript> scripts_;
    bool known_ = true;
};

// `command` without the wrappers that run their operand as a command: sudo, doas, env (with its assignments
// and options), command, exec, nice, nohup, time, eatmydata. Assignments before the wrapper are kept.
shell::Command without_wrappers(const shell::Command& command);

// For `apt-get [options] install [options] PACKAGE…`: the package operands, with the values of apt-get's
// value-taking options (`-t/--target-release`, `-o/--option`, `-c`, `-a`, `-P`) skipped. nullopt when the
// command is not apt-get or its subcommand (first operand) is not `install`.
std::optional<std::vector<shell::Word>> apt_get_install_packages(const shell::Command& command);

// A `|` between two commands of one script.
struct Pipe {
    const shell::Command* left;  // the command before the `|`
    const shell::Command* right; // the first command after it
};

// The first pipe in `script` that runs while `pipefail` is off, following `set -o pipefail` and
// `set +o pipefail` (also in clusters such as `set -euo pipefail`) at the script's top level. `pipefail` says
// whether the script starts with it on.
std::optional<Pipe> first_pipe_without_pipefail(const shell::Script& script, bool pipefail);

// Whether the shell that runs RUN is a POSIX shell started with `-o pipefail` (or `-eo pipefail`, …).
bool shell_sets_pipefail(const ShellInfo& shell);

// Whether `script` starts with `pipefail` on: a script in RUN's own shell when `shell` sets it, a heredoc fed
// to a POSIX shell started with `-o pipefail` (`RUN bash -o pipefail <<EOF`). Shebang heredocs start without.
bool starts_with_pipefail(const RunScript& script, const ShellInfo& shell);

} // namespace drydock::rules
