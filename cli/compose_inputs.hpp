#pragma once
// Compose files among the inputs of `lint` and `fix`: which inputs are read as compose files, and which
// Dockerfiles a compose file builds (so that `lint` checks them too, once each).

#include <string>
#include <vector>

namespace drydock::cli {

// Whether `path` is read as a compose file: its file name is a compose file name (discovery.hpp), or it was
// given with `--compose`. `name` is the name reported for it (the --stdin-filename for standard input).
bool is_compose_input(const std::string& path, const std::string& name,
                      const std::vector<std::string>& compose_files);

// The folder a compose file's relative paths start from: its own (the current one for standard input).
std::string compose_folder(const std::string& path, const std::string& name);

// The Dockerfiles that the services of the compose file at `path` build and that exist, as paths joined to
// the compose file's folder. A file that cannot be read or parsed builds nothing.
std::vector<std::string> built_dockerfile_paths(const std::string& path);

// Whether two paths name the same file (compared by their canonical form when they exist).
std::string file_identity(const std::string& path);

} // namespace drydock::cli
