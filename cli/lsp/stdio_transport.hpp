#pragma once
// `drydock lsp` over standard input and output: reads framed messages as they arrive, hands them to the
// Server, runs its debounced lints when they are due (poll with a timeout, no busy waiting), and writes its
// messages framed. Returns when the client sends `exit`, closes its end, or stops reading ours; an incomplete
// message at end of input is logged and dropped, never waited for.

#include "lsp/server.hpp"

namespace drydock::lsp {

// Serves on the two file descriptors; the exit code follows LSP: 0 when `shutdown` came before the end,
// 1 otherwise.
int serve(int input_fd, int output_fd, ConfigSource& configs, ServerOptions options = {});

} // namespace drydock::lsp
