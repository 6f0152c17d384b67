#include <drydock/checks/config.hpp>
#include <drydock/checks/config_file.hpp>

#include <algorithm>

namespace drydock {
namespace {

// "file:line:col: message", leaving out what is not known (line 0 = no position, empty file = no file).
std::string describe(const std::string& file, int line, int column, const std::string& message) {
    std::string out = file;
    if (!out.empty() && line > 0)
        out += ":" + std::to_string(line) + ":" + std::to_string(column);
    if (!out.empty())
        out += ": ";
    return out + message;
}

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

} // namespace

void Config::merge(const Config& other) {
    append(ignored, other.ignored);
    append(select, other.select);
    append(trusted_registries, other.trusted_registries);
    append(sources, other.sources);
    // hadolint concatenates the override lists of all sources and a code in several lists gets the most
    // severe one, so merging keeps the more severe entry (Ignore, the least "severe", loses to any real
    // level).
    for (const auto& [id, severity] : other.overrides) {
        const auto [it, inserted] = overrides.emplace(id, severity);
        if (!inserted)
            it->second = std::min(it->second, severity);
    }
    for (const auto& [label, type] : other.label_schema)
        label_schema[label] = type;
    if (other.failure_threshold)
        failure_threshold = other.failure_threshold;
    if (other.format)
        format = other.format;
    if (other.shellcheck)
        shellcheck = other.shellcheck;
    if (other.shellcheck_path)
        shellcheck_path = other.shellcheck_path;
    if (other.today)
        today = other.today;
    if (other.base_image_eol_warning_days)
        base_image_eol_warning_days = other.base_image_eol_warning_days;
    if (other.non_root_uid)
        non_root_uid = other.non_root_uid;
    if (other.non_root_gid)
        non_root_gid = other.non_root_gid;
    if (other.non_root_user)
        non_root_user = other.non_root_user;
    if (other.build_context)
        build_context = other.build_context;
    if (other.dockerfile_path)
        dockerfile_path = other.dockerfile_path;
    // The switches are plain bools, so "set" can only mean "set to true": a later source turns them on, never
    // off.
    strict_labels = strict_labels || other.strict_labels;
    no_fail = no_fail || other.no_fail;
    no_color = no_color || other.no_color;
    disable_ignore_pragma = disable_ignore_pragma || other.disable_ignore_pragma;
    report_unused_suppressions = report_unused_suppressions || other.report_unused_suppressions;
}

// what() is the message alone: callers print the position from file(), line() and column().
ConfigError::ConfigError(std::string file, int line, int column, std::string message)
    : std::runtime_error(std::move(message)), file_(std::move(file)), line_(line), column_(column) {}

std::string to_string(const ConfigWarning& warning) {
    return describe(warning.file, warning.line, warning.column, warning.message);
}

} // namespace drydock
