#include "process.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace drydock::process {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a file descriptor once, whatever path leaves the function.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }
    int* receive() { return &fd_; }

private:
    int fd_ = -1;
};

struct Pipe {
    Fd read, write;
    bool open() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return false;
        *read.receive() = fds[0];
        *write.receive() = fds[1];
        return true;
    }
};

int remaining_ms(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

int decode_status(int status) {
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

enum class Wait { Reaped, Deadline, Failed };

// Waits for `pid` until `deadline`; its status is in `status` when it was reaped.
Wait wait_until(pid_t pid, Clock::time_point deadline, int& status) {
    auto pause = std::chrono::milliseconds(1);
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid)
            return Wait::Reaped;
        if (done < 0 && errno != EINTR)
            return Wait::Failed;
        if (Clock::now() >= deadline)
            return Wait::Deadline;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
}

void kill_and_reap(pid_t pid, int& status) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

} // namespace

bool is_executable(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<std::string> find_in_path(std::string_view name, std::string_view path_list) {
    if (name.empty())
        return std::nullopt;
    if (name.find('/') != std::string_view::npos) {
        std::string path(name);
        return is_executable(path) ? std::optional(path) : std::nullopt;
    }
    for (;;) {
        const std::size_t colon = path_list.find(':');
        const std::string_view dir = path_list.substr(0, colon);
        std::string candidate = dir.empty() ? std::string(name) : std::string(dir) + "/" + std::string(name);
        if (dir.empty())
            candidate = "./" + candidate;
        if (is_executable(candidate))
            return candidate;
        if (colon == std::string_view::npos)
            return std::nullopt;
        path_list.remove_prefix(colon + 1);
    }
}

Result run(const std::string& program, const std::vector<std::string>& args,
           std::chrono::milliseconds timeout, const std::vector<std::string>& unset) {
    Result result;
    const Clock::time_point deadline = Clock::now() + timeout;
    Pipe out, err;
    if (!out.open() || !err.open()) {
        result.error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return result;
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write.get(), 1);
    posix_spawn_file_actions_adddup2(&actions, err.write.get(), 2);
    // The child starts with default signal handling and nothing blocked, whatever this process set up.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    std::vector<char*> envp;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const std::string_view name = entry.substr(0, entry.find('='));
        if (std::find(unset.begin(), unset.end(), name) == unset.end())
            envp.push_back(*e);
    }
    envp.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    out.write.reset();
    err.write.reset();
    if (spawned != 0) {
        result.error = std::strerror(spawned);
        return result;
    }
    result.started = true;

    // Read both outputs until they close, never past the deadline.
    std::array<pollfd, 2> fds{{{out.read.get(), POLLIN, 0}, {err.read.get(), POLLIN, 0}}};
    std::array<std::string*, 2> sinks{&result.out, &result.err};
    int open_outputs = 2;
    while (open_outputs > 0) {
        const int ready = ::poll(fds.data(), fds.size(), remaining_ms(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0) {
            result.error = std::string("poll failed: ") + std::strerror(errno);
            break;
        }
        if (ready == 0) {
            result.timed_out = true;
            break;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[65536];
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                fds[i].fd = -1; // closed below by its Fd
                --open_outputs;
            } else {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            }
        }
    }
    out.read.reset();
    err.read.reset();

    int status = 0;
    if (result.timed_out || !result.error.empty()) {
        kill_and_reap(pid, status);
    } else {
        switch (wait_until(pid, deadline, status)) {
        case Wait::Reaped:
            break;
        case Wait::Deadline: // the outputs closed but the program goes on
            result.timed_out = true;
            kill_and_reap(pid, status);
            break;
        case Wait::Failed:
            result.error = std::string("waitpid failed: ") + std::strerror(errno);
            return result;
        }
    }
    result.exit_code = decode_status(status);
    return result;
}

} // namespace drydock::process
