#pragma once
// Shell questions that several rules ask about RUN instructions, answered from the parser's shell model
// (never from raw text): every simple command a RUN runs — its shell-form command line, the heredoc bodies a
// POSIX shell reads, or its exec-form argv — with command wrappers such as `sudo` or `env` looked through;
// apt-get's packages; and pipes that run without `pipefail`.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>
#include <drydock/parser/shell.hpp>

#include <cstddef>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

namespace drydock {
class Context;
} // namespace drydock

namespace drydock::rules {

// Where a command of a RUN comes from.
enum class CommandSource { CommandLine, Heredoc, ExecForm };

struct RunCommand {
    // The command with wrappers removed: words[0] is the program that really runs (`apt-get` in
    // `sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install curl`). Ranges are the original ones. It is
    // the parser's own command when there was no wrapper, else a copy that the RunCommands owns: copying
    // every command made a RUN of 400,000 commands cost its script's memory twice.
    const shell::Command& command;
    CommandSource source = CommandSource::CommandLine;
    // The command as written, wrappers kept (`sudo -u app pip install x`): the parser's command, or for exec
    // form the argv as one command.
    const shell::Command& written;
    // The script that holds it (one of scripts()); nullptr for exec form.
    const shell::Script* script = nullptr;
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
    // Not copyable: the commands refer to the unwrapped copies this object owns.
    RunCommands(const RunCommands&) = delete;
    RunCommands& operator=(const RunCommands&) = delete;
    RunCommands(RunCommands&&) = default;

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
    void add(const shell::Command& command, CommandSource source, const shell::Script& script);

    std::vector<RunCommand> commands_;
    std::vector<RunScript> scripts_;
    // The commands that are not the parser's: those without their wrappers, and the exec-form argv. A deque,
    // so that adding one does not move the others.
    std::deque<shell::Command> unwrapped_;
    bool known_ = true;
};

// The RunCommands of `run`, built once for the instruction being checked and shared by every rule that asks
// (each rule building its own made a RUN's commands be read ~45 times). Valid until the engine moves on to
// the next instruction: keep the reference no longer than the rule's check() call. Use it for the
// instruction being checked (or its ONBUILD trigger); a scan over other instructions builds its own
// RunCommands, so that it does not keep every RUN's commands in memory.
const RunCommands& run_commands(const Context& context, const Instruction& run);
// Frees what run_commands keeps. The engine calls it before the stage and file callbacks, which scan
// instructions on their own: the last RUN's commands need not stay in memory meanwhile.
void forget_run_commands(const Context& context);

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
