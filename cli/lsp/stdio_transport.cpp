#include "lsp/stdio_transport.hpp"

#include "lsp/message_reader.hpp"
#include "lsp/protocol.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <poll.h>
#include <unistd.h>

namespace drydock::lsp {
namespace {

// Writes all of `bytes`; false when the other end is gone.
bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Milliseconds poll() should wait for input before the next lint is due (-1: no lint pending).
int poll_timeout(const Server& server) {
    const std::optional<Server::Clock::time_point> next = server.next_deadline();
    if (!next)
        return -1;
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*next - Server::Clock::now()).count();
    return static_cast<int>(std::clamp<std::int64_t>(wait, 0, 60'000));
}

} // namespace

int serve(int input_fd, int output_fd, ConfigSource& configs, ServerOptions options) {
    std::signal(SIGPIPE, SIG_IGN); // a client that went away makes write() fail instead of killing us
    std::atomic<bool> output_closed{false};
    Server server(
        configs,
        [&](const nlohmann::json& message) {
            if (!output_closed && !write_all(output_fd, frame(dump(message))))
                output_closed = true;
        },
        std::move(options));
    MessageReader reader;
    bool end_of_input = false;
    while (!end_of_input && !server.exit_requested() && !output_closed) {
        pollfd input{input_fd, POLLIN, 0};
        const int ready = ::poll(&input, 1, poll_timeout(server));
        if (ready < 0 && errno != EINTR)
            break;
        if (ready > 0) {
            char buffer[65536];
            const ssize_t n = ::read(input_fd, buffer, sizeof buffer);
            if (n < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (n <= 0) {
                end_of_input = true;
            } else {
                reader.feed({buffer, static_cast<std::size_t>(n)});
                while (!server.exit_requested()) {
                    const std::optional<Frame> frame = reader.next();
                    if (!frame)
                        break;
                    server.receive(*frame);
                    server.run_due(Server::Clock::now());
                }
            }
        }
        if (!server.exit_requested())
            server.run_due(Server::Clock::now());
    }
    if (end_of_input && reader.pending() > 0)
        fmt::print(stderr, "drydock lsp: input ended inside a message ({} bytes dropped)\n",
                   reader.pending());
    const int code = server.exit_code();
    // A ShellCheck run still going would delay the exit up to its timeout: leave without waiting for it.
    if (!server.stop_background(std::chrono::milliseconds(500)))
        std::_Exit(code);
    return code;
}

} // namespace drydock::lsp
