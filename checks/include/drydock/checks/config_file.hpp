#pragma once
// Where configuration comes from besides the command line: a YAML file (`.drydock.yaml`, `.hadolint.yaml`, …)
// and hadolint's environment variables. The CLI merges them as hadolint does: environment < file < command
// line.

#include <drydock/checks/config.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Looks up an environment variable (nullptr when unset); std::getenv in production, a map in tests.
using EnvLookup = std::function<const char*(const char*)>;

// Reads a config file: hadolint's keys (`ignored`, `override.{error,warning,info,style}`,
// `trustedRegistries`, `label-schema`, `strict-labels`, `failure-threshold`, `no-fail`, `no-color`, `format`,
// `disable-ignore-pragma`) and drydock's (`select`, `report-unused-suppressions`, `shellcheck`). An empty
// file is an empty config. Unknown keys and rule ids that no rule has become warnings. Throws ConfigError
// (file, 1-based line and column, the key) when the file cannot be read, is not YAML, or a value has the
// wrong type.
Config load_config_file(const std::filesystem::path& file, std::vector<ConfigWarning>& warnings);

// The same for text already in memory; `file_name` is used in errors, warnings and Config::sources.
Config parse_config(std::string_view yaml, const std::string& file_name,
                    std::vector<ConfigWarning>& warnings);

// The config file for a Dockerfile in `dockerfile_dir`: the nearest `.drydock.yaml`, `.drydock.yml`,
// `.hadolint.yaml` or `.hadolint.yml` (in that order within a folder) from that folder up to the repository
// root (the first folder holding `.git`; the filesystem root when there is none), else the user's config:
// `$XDG_CONFIG_HOME/drydock/config.{yaml,yml}`, `$XDG_CONFIG_HOME/hadolint.{yaml,yml}` (XDG default
// ~/.config),
// `~/.hadolint/{hadolint,config}.{yaml,yml}`, `~/.hadolint.{yaml,yml}`, `~/.config/hadolint.{yaml,yml}`.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& dockerfile_dir,
                                                 const EnvLookup& getenv);
std::optional<std::filesystem::path> find_config(const std::filesystem::path& dockerfile_dir); // std::getenv

// hadolint's variables: HADOLINT_NOFAIL, HADOLINT_IGNORE, HADOLINT_FAILURE_THRESHOLD,
// HADOLINT_OVERRIDE_{ERROR,WARNING,INFO,STYLE}, HADOLINT_TRUSTED_REGISTRIES, HADOLINT_DISABLE_IGNORE_PRAGMA,
// HADOLINT_STRICT_LABELS, HADOLINT_FORMAT, HADOLINT_REQUIRE_LABELS and NO_COLOR; and drydock's
// DRYDOCK_SHELLCHECK (the ShellCheck program, Config::shellcheck_path). Switches are on for
// 1/y/yes/on/ true (any case); lists are comma-separated. A value that cannot be used (a threshold `loud`, a
// label type `colour`) is left out with a warning naming the variable, where hadolint drops it silently.
Config config_from_environment(const EnvLookup& getenv, std::vector<ConfigWarning>& warnings);
Config config_from_environment(const EnvLookup& getenv); // warnings dropped

// "file:line:col: message" (no position when line is 0).
std::string to_string(const ConfigWarning& warning);

} // namespace drydock
