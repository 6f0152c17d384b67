#include "atomic_write.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace drydock::cli {

namespace {

// Writes `contents` to the open file `fd`, sets its mode and flushes it to disk; an error message or empty.
std::string write_and_sync(int fd, std::string_view contents, unsigned mode) {
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return std::string("write failed: ") + std::strerror(errno);
        }
        written += static_cast<std::size_t>(n);
    }
    if (fchmod(fd, mode & 07777) != 0)
        return std::string("cannot set the file mode: ") + std::strerror(errno);
    if (fsync(fd) != 0)
        return std::string("fsync failed: ") + std::strerror(errno);
    return {};
}

} // namespace

std::string create_atomically(const std::string& path, std::string_view contents, unsigned mode) {
    const std::filesystem::path target(path);
    const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
    std::string temp_name = (folder / ("." + target.filename().string() + ".drydock-XXXXXX")).string();
    std::vector<char> temp(temp_name.begin(), temp_name.end());
    temp.push_back('\0');
    const int fd = mkstemp(temp.data());
    if (fd < 0)
        return path + ": cannot create a temporary file beside it: " + std::strerror(errno);
    std::string error = write_and_sync(fd, contents, mode);
    if (close(fd) != 0 && error.empty())
        error = std::string("close failed: ") + std::strerror(errno);
    if (error.empty() && link(temp.data(), path.c_str()) != 0)
        error = errno == EEXIST ? std::string("exists already; drydock never overwrites a file it creates")
                                : std::string("cannot create it: ") + std::strerror(errno);
    unlink(temp.data());
    return error.empty() ? std::string() : path + ": " + error;
}

std::string write_atomically(const std::string& path, std::string_view contents) {
    struct stat original {};
    if (stat(path.c_str(), &original) != 0)
        return path + ": " + std::strerror(errno);
    // Write through a symlink to its target, so the link itself survives.
    std::error_code ec;
    const std::filesystem::path target = std::filesystem::canonical(path, ec);
    if (ec)
        return path + ": " + ec.message();
    std::string temp_name =
        (target.parent_path() / ("." + target.filename().string() + ".drydock-XXXXXX")).string();
    std::vector<char> temp(temp_name.begin(), temp_name.end());
    temp.push_back('\0');
    const int fd = mkstemp(temp.data());
    if (fd < 0)
        return path + ": cannot create a temporary file beside it: " + std::strerror(errno);
    auto fail = [&](const std::string& what) {
        const std::string message = path + ": " + what + ": " + std::strerror(errno);
        close(fd);
        unlink(temp.data());
        return message;
    };
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("write failed");
        }
        written += static_cast<std::size_t>(n);
    }
    if (fchmod(fd, original.st_mode & 07777) != 0)
        return fail("cannot keep the file mode");
    if (fchown(fd, original.st_uid, original.st_gid) != 0 && errno != EPERM)
        return fail("cannot keep the file owner");
    if (fsync(fd) != 0)
        return fail("fsync failed");
    if (close(fd) != 0) {
        unlink(temp.data());
        return path + ": close failed: " + std::strerror(errno);
    }
    if (rename(temp.data(), target.c_str()) != 0) {
        const std::string message = path + ": rename failed: " + std::strerror(errno);
        unlink(temp.data());
        return message;
    }
    return {};
}

} // namespace drydock::cli
