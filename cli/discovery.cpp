#include "discovery.hpp"

#include <algorithm>
#include <fnmatch.h>
#include <fstream>

namespace drydock::cli {
namespace fs = std::filesystem;
namespace {

// One .gitignore line. Patterns without a slash match a name at any depth below the .gitignore's folder; with
// a slash they are anchored to it. `!` re-includes, a trailing `/` matches folders only.
struct IgnorePattern {
    fs::path base;
    std::string pattern;
    bool negated = false;
    bool directory_only = false;
    bool anchored = false;
};

std::vector<IgnorePattern> read_gitignore(const fs::path& dir) {
    std::vector<IgnorePattern> out;
    std::ifstream in(dir / ".gitignore");
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        IgnorePattern p;
        p.base = dir;
        if (line[0] == '!') {
            p.negated = true;
            line.erase(0, 1);
        }
        if (!line.empty() && line.back() == '/') {
            p.directory_only = true;
            line.pop_back();
        }
        if (line.find('/') != std::string::npos) {
            p.anchored = true;
            if (line[0] == '/')
                line.erase(0, 1);
        }
        if (line.rfind("**/", 0) == 0) { // `**/x` is `x` at any depth
            line.erase(0, 3);
            p.anchored = line.find('/') != std::string::npos;
        }
        p.pattern = line;
        if (!p.pattern.empty())
            out.push_back(std::move(p));
    }
    return out;
}

bool ignored(const fs::path& path, bool is_dir, const std::vector<IgnorePattern>& patterns) {
    bool result = false;
    for (const IgnorePattern& p : patterns) {
        if (p.directory_only && !is_dir)
            continue;
        const std::string relative = path.lexically_relative(p.base).generic_string();
        const std::string subject = p.anchored ? relative : path.filename().string();
        if (fnmatch(p.pattern.c_str(), subject.c_str(), p.anchored ? FNM_PATHNAME : 0) == 0)
            result = !p.negated;
    }
    return result;
}

void walk(const fs::path& dir, std::vector<IgnorePattern> patterns, std::vector<std::string>& out) {
    const std::vector<IgnorePattern> here = read_gitignore(dir);
    patterns.insert(patterns.end(), here.begin(), here.end());
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, fs::directory_options::skip_permission_denied, ec))
        entries.push_back(entry);
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& entry : entries) {
        const std::string name = entry.path().filename().string();
        const bool is_dir = entry.is_directory(ec) && !entry.is_symlink(ec);
        if (name == ".git" || ignored(entry.path(), is_dir, patterns))
            continue;
        if (is_dir)
            walk(entry.path(), patterns, out);
        else if (entry.is_regular_file(ec) && (is_dockerfile_name(name) || is_compose_file_name(name)))
            out.push_back(entry.path().string());
    }
}

} // namespace

bool is_dockerfile_name(const std::string& name) {
    auto starts = [&](std::string_view p) { return name.rfind(p, 0) == 0; };
    auto ends = [&](std::string_view s) {
        return name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    return name == "Dockerfile" || name == "Containerfile" || starts("Dockerfile.") ||
           starts("Containerfile.") || ends(".Dockerfile") || ends(".dockerfile") || ends(".Containerfile");
}

bool is_compose_file_name(const std::string& name) {
    const bool yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    if (!yaml)
        return false;
    const std::string stem = name.substr(0, name.rfind('.'));
    if (stem == "compose" || stem == "docker-compose")
        return true;
    // compose.override.yaml, docker-compose.prod.yml, docker-compose-dev.yml, docker-compose_v3.yml
    return stem.starts_with("compose.") || stem.starts_with("docker-compose.") ||
           stem.starts_with("docker-compose-") || stem.starts_with("docker-compose_");
}

Discovery discover(const std::vector<std::string>& paths) {
    Discovery out;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (path == "-") {
            out.files.push_back(path);
        } else if (fs::is_directory(path, ec)) {
            walk(path, {}, out.files);
        } else if (fs::exists(path, ec)) {
            out.files.push_back(path);
        } else {
            out.errors.push_back(path + ": No such file or directory");
        }
    }
    return out;
}

} // namespace drydock::cli
