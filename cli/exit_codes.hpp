#pragma once

namespace drydock::cli {

// 0: nothing to report; 1: findings (parse errors count); 2: usage, configuration or I/O error.
// (hadolint uses 1 for every failure; the distinction lets CI tell "bad Dockerfile" from "bad invocation".)
enum ExitCode : int { Success = 0, Findings = 1, UsageError = 2 };

} // namespace drydock::cli
