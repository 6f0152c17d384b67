#include "run_process.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace drydock::testing {

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& input, const std::string& working_dir,
                          const std::vector<std::string>& extra_env) {
    std::signal(SIGPIPE, SIG_IGN); // drydock may exit before reading all of its input
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe))
        throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
        posix_spawn_file_actions_addclose(&actions, fd);
    if (!working_dir.empty())
        posix_spawn_file_actions_addchdir_np(&actions, working_dir.c_str());

    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // The environment minus NO_COLOR and config variables that would change the output, plus the extras.
    std::vector<std::string> env_storage;
    for (char** e = environ; *e; ++e) {
        const std::string entry = *e;
        if (entry.rfind("NO_COLOR=", 0) == 0 || entry.rfind("HADOLINT_", 0) == 0 ||
            entry.rfind("XDG_CONFIG_HOME=", 0) == 0 || entry.rfind("DRYDOCK_TODAY=", 0) == 0)
            continue;
        env_storage.push_back(entry);
    }
    // A fixed date for the base image rules, so that outputs do not change as releases reach their end of
    // support (a test can pass its own DRYDOCK_TODAY in `extra_env`).
    if (std::none_of(extra_env.begin(), extra_env.end(),
                     [](const std::string& e) { return e.rfind("DRYDOCK_TODAY=", 0) == 0; }))
        env_storage.emplace_back("DRYDOCK_TODAY=2025-01-15");
    env_storage.insert(env_storage.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> envp;
    for (std::string& e : env_storage)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (spawned != 0)
        throw std::runtime_error("cannot run " + program + ": " + std::strerror(spawned));

    ProcessResult result;
    std::size_t written = 0;
    if (input.empty()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
    }
    // Read both outputs and write the input without deadlocking on full pipes.
    pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
    int open_outputs = 2;
    while (open_outputs > 0 || fds[2].fd >= 0) {
        if (poll(fds, 3, -1) < 0)
            break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP))) {
                char buffer[65536];
                const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
                if (n <= 0) {
                    close(fds[i].fd);
                    fds[i].fd = -1;
                    --open_outputs;
                } else {
                    (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
                }
            }
        }
        if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t n = write(fds[2].fd, input.data() + written, input.size() - written);
            if (n > 0)
                written += static_cast<std::size_t>(n);
            if (n <= 0 || written == input.size()) {
                close(fds[2].fd);
                fds[2].fd = -1;
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

ProcessResult run_drydock(const std::vector<std::string>& args, const std::string& input,
                          const std::string& working_dir, const std::vector<std::string>& extra_env) {
    return run_process(DRYDOCK_BINARY, args, input, working_dir, extra_env);
}

} // namespace drydock::testing
