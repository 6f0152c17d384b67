#pragma once
// Configuration: hadolint's `.hadolint.yaml` keys with their meaning, plus drydock's own (`select`, …),
// merged from the config file and the command line. Lists are concatenated across sources, as hadolint does.

#include <drydock/checks/severity.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace drydock {

struct Config {
    std::vector<std::string> ignored;            // codes, names or aliases
    std::vector<std::string> select;             // when non-empty: only these rules (codes, names or aliases)
    std::map<std::string, Severity> overrides;   // code/name -> severity (`override.error: [...]` etc.)
    std::vector<std::string> trusted_registries; // DL3026
    std::map<std::string, std::string> label_schema; // label -> text|url|semver|hash|rfc3339|spdx|email
    bool strict_labels = false;
    std::optional<Severity> failure_threshold; // default: info
    bool no_fail = false;
    bool no_color = false;
    std::optional<std::string> format;
    bool disable_ignore_pragma = false;
    bool report_unused_suppressions = false; // drydock: flag `# hadolint ignore=` that suppress nothing
    std::vector<std::string> sources;        // files this config was read from
    // ShellCheck on RUN scripts: on unless set to false (`shellcheck: false`, `--no-shellcheck`). The
    // program is `shellcheck_path` when set (DRYDOCK_SHELLCHECK; never from a config file), else `shellcheck`
    // on PATH.
    std::optional<bool> shellcheck;
    std::optional<std::string> shellcheck_path;
    // Base image rules: the date they compare end-of-support dates with (`today: YYYY-MM-DD` or
    // DRYDOCK_TODAY, for reproducible runs; default: the current UTC date), and how many days before an end
    // of support it is reported as a warning (`base-image-eol-warning-days`, default 90).
    std::optional<std::string> today;
    std::optional<int> base_image_eol_warning_days;
    // The non-root rewrite (fix of DD2001): the UID and GID of the user it creates (`non-root-uid`,
    // `non-root-gid`; default 10001 each, as `docker init`) and its name (`non-root-user`, default `app`).
    std::optional<int> non_root_uid;
    std::optional<int> non_root_gid;
    std::optional<std::string> non_root_user;
    // The build context of the linted Dockerfile (a folder) and the Dockerfile's own path, for the rules that
    // read `.dockerignore` or look at the files COPY sends (DD1013, DD2011). The cli sets them per file: the
    // context is the Dockerfile's folder or `--context DIR`; never from a config file. Unset: those rules
    // judge only what the Dockerfile says.
    std::optional<std::string> build_context;
    std::optional<std::string> dockerfile_path;

    // Overlays `other` on this config: lists concatenated, maps merged, scalars replaced when set in `other`.
    void merge(const Config& other);
};

// A config file that cannot be used: names the file, and the line, column and key when known.
class ConfigError : public std::runtime_error {
public:
    ConfigError(std::string file, int line, int column, std::string message);
    const std::string& file() const { return file_; }
    int line() const { return line_; }
    int column() const { return column_; }

private:
    std::string file_;
    int line_, column_;
};

struct ConfigWarning {
    std::string file;
    int line = 0, column = 0;
    std::string message; // e.g. unknown key
};

} // namespace drydock
