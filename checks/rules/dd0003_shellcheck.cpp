// The engine runs ShellCheck itself (checks/src/shellcheck.cpp: one process per Dockerfile and dialect,
// cached) and reports its findings under their own SCxxxx codes; this file holds the pseudo-rule that
// switches the integration on and off and documents it, and its check does nothing.

#include "rule_support.hpp"

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD0003",
    .name = "shellcheck",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "ShellCheck findings in RUN scripts (reported as SCxxxx)",
    .docs =
        {.what =
             "Runs the `shellcheck` program on every shell script a `RUN` runs: the shell-form command line "
             "as "
             "BuildKit joins it, heredoc bodies read by a POSIX shell (`RUN <<EOF`, `RUN bash <<EOF`, a "
             "`#!/bin/bash` heredoc), and `ONBUILD RUN`. Each finding is reported under ShellCheck's own "
             "code "
             "(`SC2086`) and level (error, warning, info, style), at its exact line and column in the "
             "Dockerfile, also inside continued lines and heredocs (hadolint puts them all on the RUN's "
             "first "
             "line).\n\n"
             "The dialect is that of the stage's `SHELL` (`/bin/sh` by default, so bash-isms get SC3xxx), of "
             "a heredoc's shebang, or of the shell reading the heredoc; zsh, PowerShell and cmd scripts and "
             "exec-form `RUN` are not checked. ARG and ENV names in scope, the proxy build arguments and the "
             "`env=` of secret mounts count as set, so SC2154 is not reported for them. SC2187, SC1090 and "
             "SC1091 are left out, as in hadolint.\n\n"
             "Without the `shellcheck` program nothing is reported (the CLI prints a note once).",
         .why = "Most build failures and silent misbehaviour in images come from the shell code in `RUN`: "
                "unquoted variables that split or glob, `cd` that fails and goes on elsewhere, bash syntax "
                "under `/bin/sh`. ShellCheck knows these mistakes far better than any Dockerfile rule.",
         .bad = "FROM debian:12\nRUN cd /opt/app; make install\n",
         .good = "FROM debian:12\nWORKDIR /opt/app\nRUN make install\n",
         .fix_safety =
             "ShellCheck's own suggestion (quoting a variable, appending `|| exit`) comes with the finding "
             "as a "
             "display-only fix where it maps onto the Dockerfile's text (JSON, SARIF): `drydock fix` never "
             "applies it, since it changes what the command does and ShellCheck may find new things in the "
             "edited script.",
         .options =
             "`ignored: [SC2086]`, `override.error: [SC2046]`, `# hadolint ignore=SC2086` work with "
             "ShellCheck's codes like with any rule's; `shellcheck` (or `DD0003`) stands for all of them. "
             "Ignoring `shellcheck`, `shellcheck: false` in the config file or `--no-shellcheck` turn the "
             "integration off. With `select`, ShellCheck runs when `shellcheck` or some SC code is selected, "
             "and only the selected codes are reported. `# hadolint shell=bash` sets the dialect as in "
             "hadolint "
             "(`shell=powershell` turns ShellCheck off). `DRYDOCK_SHELLCHECK` names the program to run "
             "(default: `shellcheck` on PATH); `SHELLCHECK_OPTS` is passed on to it.",
         .references = "https://www.shellcheck.net/wiki/\n"
                       "https://github.com/hadolint/hadolint#shellcheck"},
};

class ShellCheck final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Unknown}; }
    void check(const Instruction&, Context&) override {}
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd0003, drydock::rules::rule_meta, drydock::rules::ShellCheck)
