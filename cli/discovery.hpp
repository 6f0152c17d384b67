#pragma once
// Which files `drydock lint PATH...` looks at: files as given, and inside folders every Dockerfile by name
// (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`, `Containerfile.*`) and
// every compose file by name (`compose.yaml`, `compose.yml`, `compose.*.yaml`, `docker-compose.yaml`,
// `docker-compose.yml`, `docker-compose.*.yml`, `docker-compose-*.yml`, … in either extension), skipping
// `.git` and what `.gitignore` files exclude.

#include <filesystem>
#include <string>
#include <vector>

namespace drydock::cli {

bool is_dockerfile_name(const std::string& filename);
bool is_compose_file_name(const std::string& filename);

struct Discovery {
    std::vector<std::string> files;  // in a stable order: arguments in order, folder contents sorted
    std::vector<std::string> errors; // "PATH: No such file or directory"
};

Discovery discover(const std::vector<std::string>& paths);

} // namespace drydock::cli
