#pragma once
// The compose engine: every compose rule over every service of a compose file, with the Dockerfiles the
// services build, then suppression (`# drydock ignore=` comments in the YAML), configuration (ignore, select,
// severity overrides) and sorting; and the fix loop for compose files.

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>
#include <drydock/checks/fix_loop.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/compose.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace drydock {

// A Dockerfile a compose service builds.
struct BuiltDockerfile {
    std::string path; // the compose file's folder joined with the build context and the Dockerfile's name
    std::string name; // as the compose file names it: the context joined with the Dockerfile's name
    Dockerfile file;
};

// By service name.
using BuiltDockerfiles = std::map<std::string, BuiltDockerfile, std::less<>>;

// Reads the Dockerfiles that the services of `file` build (`build: ./dir`, `build: {context, dockerfile}`),
// relative to `compose_dir` (the compose file's folder; empty for the current one). Services with a remote
// context, an inline Dockerfile (the engine reads those itself) or a file that cannot be read are left out.
BuiltDockerfiles read_built_dockerfiles(const compose::ComposeFile& file,
                                        const std::filesystem::path& compose_dir);

// All findings for one compose file, sorted by position: YAML errors (DL1000) and rule findings, with the
// configuration and the file's pragmas applied. A file with YAML errors gets only those (Compose refuses to
// load it). `built` gives the Dockerfiles the services build (a service
// with `dockerfile_inline:` needs none).
std::vector<Diagnostic> lint_compose(const compose::ComposeFile& file, const Config& config,
                                     const BuiltDockerfiles& built = {});

// The lint -> fix -> re-lint loop of fix_loop.hpp for a compose file: each pass is re-parsed as YAML and
// re-linted with the same Dockerfiles.
FixReport fix_compose_text(std::string text, const Config& config, const FixRequest& request = {},
                           const BuiltDockerfiles& built = {});

} // namespace drydock
