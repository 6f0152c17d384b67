#pragma once
// The engine's side of the ShellCheck integration: every shell script a RUN runs (the shell-form command
// line, heredoc bodies read by a POSIX shell, ONBUILD RUN), handed to the `shellcheck` program in one batch
// per dialect, its findings mapped back to their exact place in the Dockerfile.
//
// * The script ShellCheck sees is the text the shell receives: the command line as BuildKit joins it
//   (continuations, comment lines and empty continuation lines removed), or the heredoc body. Every byte
//   keeps its original offset, so a finding on the third line of a continued RUN is reported on that line.
// * Before the script: one `export NAME=1` line per ARG/ENV name in scope, proxy variable and `env=` of a
//   secret mount that the script mentions, so ShellCheck does not report them as unassigned (SC2154). A
//   shebang line stays first.
// * The dialect (`--shell=`): of the stage's SHELL (sh, ash, busybox → sh; dash; bash; ksh, mksh → ksh), of a
//   heredoc's shebang, or of the shell that reads the heredoc (`RUN bash <<EOF`). zsh and non-POSIX shells
//   (PowerShell, cmd) are not checked; nor is exec form.
// * `shellcheck --format=json1 --norc --shell=D -e SC2187,SC1090,SC1091 FILE…` runs once per dialect per
//   Dockerfile, on files in a private temporary folder, with a deadline; results are cached in-process by
//   (dialect, script text), the export lines included.

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <vector>

namespace drydock::shellcheck {

// ShellCheck's findings on the RUN scripts of `file`: code `SCxxxx`, name `shellcheck`, ShellCheck's level as
// severity (the engine then applies the configuration), exact ranges, and ShellCheck's suggested edit as a
// display-only fix where it maps onto the file. Empty (with a note, see take_shellcheck_notes) when the
// program is missing or fails.
std::vector<Diagnostic> findings(const Dockerfile& file, const SemanticModel& model, const Config& config);

} // namespace drydock::shellcheck
