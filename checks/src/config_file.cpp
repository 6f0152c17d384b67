#include <drydock/checks/config_file.hpp>
#include <drydock/checks/registry.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace drydock {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// `a, b,,c` -> {"a", "b", "c"}: hadolint's comma lists, with blanks around items and empty items dropped.
std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view item = trim(text.substr(0, comma));
        if (!item.empty())
            out.emplace_back(item);
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

// ShellCheck codes are always accepted: ShellCheck findings carry them without a rule of ours behind them.
bool is_shellcheck_code(std::string_view id) {
    return id.size() > 2 && (id[0] == 'S' || id[0] == 's') && (id[1] == 'C' || id[1] == 'c') &&
           std::all_of(id.begin() + 2, id.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool is_known_rule(std::string_view id) {
    return is_shellcheck_code(id) || find_rule(id) != nullptr;
}

// The shape of a code, name or alias: a letter, then letters, digits, `-` or `_`.
bool looks_like_rule_id(std::string_view id) {
    if (id.empty() || !std::isalpha(static_cast<unsigned char>(id.front())))
        return false;
    return std::all_of(id.begin(), id.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// `YYYY-MM-DD` naming a real day (2026-02-30 is not one).
bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return false;
    auto number = [&](std::size_t at, std::size_t length) {
        return std::stoi(std::string(text.substr(at, length)));
    };
    const std::chrono::year_month_day date{std::chrono::year{number(0, 4)},
                                           std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                           std::chrono::day{static_cast<unsigned>(number(8, 2))}};
    return date.ok();
}

// hadolint's label types; an empty type means text.
bool is_label_type(std::string_view type) {
    constexpr std::array<std::string_view, 7> types{"text",    "url",  "semver", "hash",
                                                    "rfc3339", "spdx", "email"};
    return std::find(types.begin(), types.end(), type) != types.end();
}

// hadolint's truthy values for switches in the environment.
bool truthy(std::string_view value) {
    const std::string v = lower(value);
    return v == "1" || v == "y" || v == "yes" || v == "on" || v == "true";
}

// The most severe level wins when an id is listed twice (hadolint applies `error` last).
void add_override(Config& config, const std::string& id, Severity severity) {
    const auto [it, inserted] = config.overrides.emplace(id, severity);
    if (!inserted)
        it->second = std::min(it->second, severity);
}

constexpr std::string_view threshold_values = "error, warning, info, style, ignore or none";
constexpr std::string_view label_type_values = "text, url, semver, hash, rfc3339, spdx or email";

// Reads one parsed YAML document into a Config, with the file name for every error and warning.
class FileReader {
public:
    FileReader(std::string file, std::vector<ConfigWarning>& warnings)
        : file_(std::move(file)), warnings_(warnings) {}

    Config read(const YAML::Node& root) {
        Config config;
        config.sources.push_back(file_);
        if (!root.IsDefined() || root.IsNull())
            return config; // an empty file, or one with only comments
        if (!root.IsMap())
            fail(root, "", "expected a mapping of settings (`key: value` lines) at the top level");
        for (auto it = root.begin(); it != root.end(); ++it)
            read_setting(key_of(it->first), it->first, it->second, config);
        return config;
    }

private:
    struct Position {
        int line = 0, column = 0;
    };

    // 1-based position of `node`; 0:0 for the nodes yaml-cpp gives no mark.
    static Position position_of(const YAML::Node& node) {
        const YAML::Mark mark = node.Mark();
        if (mark.is_null() || mark.line < 0)
            return {};
        return {mark.line + 1, mark.column + 1};
    }

    [[noreturn]] void fail(const YAML::Node& at, std::string_view key, const std::string& message) const {
        const Position p = position_of(at);
        throw ConfigError(file_, p.line, p.column,
                          key.empty() ? message : "'" + std::string(key) + "': " + message);
    }

    void warn(const YAML::Node& at, const std::string& message) const {
        const Position p = position_of(at);
        warnings_.push_back({file_, p.line, p.column, message});
    }

    std::string key_of(const YAML::Node& key) const {
        if (!key.IsScalar())
            fail(key, "", "a setting's name must be a plain word");
        return key.Scalar();
    }

    void read_setting(const std::string& key, const YAML::Node& key_node, const YAML::Node& value,
                      Config& config) {
        if (value.IsNull())
            return; // `ignored:` with nothing after it sets nothing, as in hadolint
        if (key == "ignored")
            append(config.ignored, read_ids(value, key));
        else if (key == "select")
            append(config.select, read_ids(value, key));
        else if (key == "override")
            read_overrides(value, config);
        else if (key == "trustedRegistries" || key == "trusted-registries") // the latter: hadolint before 2.0
            append(config.trusted_registries, read_strings_or_string(value, key));
        else if (key == "label-schema")
            read_label_schema(value, config);
        else if (key == "strict-labels")
            config.strict_labels = read_bool(value, key);
        else if (key == "failure-threshold")
            config.failure_threshold = read_threshold(value, key);
        else if (key == "no-fail")
            config.no_fail = read_bool(value, key);
        else if (key == "no-color")
            config.no_color = read_bool(value, key);
        else if (key == "format")
            config.format = read_string(value, key);
        else if (key == "disable-ignore-pragma")
            config.disable_ignore_pragma = read_bool(value, key);
        else if (key == "report-unused-suppressions")
            config.report_unused_suppressions = read_bool(value, key);
        else if (key == "shellcheck")
            config.shellcheck = read_bool(value, key);
        else if (key == "today")
            config.today = read_date(value, key);
        else if (key == "base-image-eol-warning-days")
            config.base_image_eol_warning_days = read_days(value, key);
        else if (key == "non-root-uid")
            config.non_root_uid = read_id(value, key);
        else if (key == "non-root-gid")
            config.non_root_gid = read_id(value, key);
        else if (key == "non-root-user")
            config.non_root_user = read_user_name(value, key);
        else if (key == "verbose" || key == "formats")
            warn(key_node, "hadolint setting '" + key + "' is not supported by drydock; ignored");
        else
            warn(key_node, "unknown setting '" + key + "'; ignored");
    }

    static void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
        to.insert(to.end(), from.begin(), from.end());
    }

    std::string read_string(const YAML::Node& value, std::string_view key) const {
        if (!value.IsScalar())
            fail(value, key, "expected a single value");
        return value.Scalar();
    }

    bool read_bool(const YAML::Node& value, std::string_view key) const {
        bool out = false;
        if (!value.IsScalar() || !YAML::convert<bool>::decode(value, out))
            fail(value, key, "expected true or false" + got(value));
        return out;
    }

    // `YYYY-MM-DD`, a real calendar date.
    std::string read_date(const YAML::Node& value, std::string_view key) const {
        if (!value.IsScalar() || !is_iso_date(value.Scalar()))
            fail(value, key, "expected a date as YYYY-MM-DD" + got(value));
        return value.Scalar();
    }

    int read_days(const YAML::Node& value, std::string_view key) const {
        int days = -1;
        if (!value.IsScalar() || !YAML::convert<int>::decode(value, days) || days < 0 || days > 3650)
            fail(value, key, "expected a number of days from 0 to 3650" + got(value));
        return days;
    }

    // A UID or GID for the non-root rewrite: not root, and within what every Linux accepts.
    int read_id(const YAML::Node& value, std::string_view key) const {
        int id = -1;
        if (!value.IsScalar() || !YAML::convert<int>::decode(value, id) || id < 1 || id > 2147483646)
            fail(value, key, "expected a number from 1 to 2147483646" + got(value));
        return id;
    }

    // A user name as useradd accepts it: a lower-case letter or `_`, then letters, digits, `_` and `-`.
    std::string read_user_name(const YAML::Node& value, std::string_view key) const {
        const std::string name = read_string(value, key);
        bool valid = !name.empty() && name.size() <= 32 &&
                     (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
        for (const char c : name)
            valid = valid && (std::islower(static_cast<unsigned char>(c)) ||
                              std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-');
        if (!valid)
            fail(value, key, "expected a user name (lower-case letters, digits, `_` and `-`)" + got(value));
        return name;
    }

    Severity read_threshold(const YAML::Node& value, std::string_view key) const {
        const std::optional<Severity> severity =
            value.IsScalar() ? parse_severity(value.Scalar()) : std::nullopt;
        if (!severity)
            fail(value, key, "expected " + std::string(threshold_values) + got(value));
        return *severity;
    }

    std::vector<std::string> read_strings_or_string(const YAML::Node& value, std::string_view key) const {
        if (value.IsScalar())
            return {value.Scalar()};
        if (!value.IsSequence())
            fail(value, key, "expected a list of registries");
        std::vector<std::string> out;
        for (const YAML::Node& item : value) {
            if (!item.IsScalar())
                fail(item, key, "expected a registry name in the list");
            out.push_back(item.Scalar());
        }
        return out;
    }

    // A list of codes, names or aliases. Ids no rule has are kept (a newer drydock may know them) but warned
    // about.
    std::vector<std::string> read_ids(const YAML::Node& value, std::string_view key) const {
        if (!value.IsSequence())
            fail(value, key, "expected a list of rule codes, names or aliases" + got(value));
        std::vector<std::string> out;
        for (const YAML::Node& item : value) {
            if (!item.IsScalar() || !looks_like_rule_id(item.Scalar()))
                fail(item, key, "expected a rule code, name or alias" + got(item));
            if (!is_known_rule(item.Scalar()))
                warn(item, "'" + std::string(key) + "': unknown rule '" + item.Scalar() + "'");
            out.push_back(item.Scalar());
        }
        return out;
    }

    void read_overrides(const YAML::Node& value, Config& config) const {
        if (!value.IsMap())
            fail(value, "override", "expected a mapping with the lists error, warning, info and style");
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string level = key_of(it->first);
            const std::string key = "override." + level;
            const std::optional<Severity> severity = parse_severity(level);
            if (!severity || *severity == Severity::Ignore || level != lower(level)) {
                warn(it->first, "unknown setting '" + key + "'; ignored");
                continue;
            }
            if (it->second.IsNull())
                continue;
            for (const std::string& id : read_ids(it->second, key))
                add_override(config, id, *severity);
        }
    }

    void read_label_schema(const YAML::Node& value, Config& config) const {
        if (!value.IsMap())
            fail(value, "label-schema", "expected a mapping of label names to types");
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string label = key_of(it->first);
            const std::string key = "label-schema." + label;
            std::string type = it->second.IsNull() ? "" : read_string(it->second, key);
            if (type.empty())
                type = "text";
            if (!is_label_type(type))
                fail(it->second, key, "expected " + std::string(label_type_values) + got(it->second));
            config.label_schema[label] = type;
        }
    }

    // ", got 'x'" for scalars, ", got a list" / ", got a mapping" otherwise.
    static std::string got(const YAML::Node& value) {
        if (value.IsScalar())
            return ", got '" + value.Scalar() + "'";
        if (value.IsSequence())
            return ", got a list";
        if (value.IsMap())
            return ", got a mapping";
        return "";
    }

    std::string file_;
    std::vector<ConfigWarning>& warnings_;
};

std::optional<std::string> read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return std::nullopt;
    return std::move(text).str();
}

bool is_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

bool path_exists(const fs::path& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

// The nearest project config from `dir` up to the repository root (or the filesystem root).
std::optional<fs::path> find_project_config(fs::path dir) {
    constexpr std::array<std::string_view, 4> names{".drydock.yaml", ".drydock.yml", ".hadolint.yaml",
                                                    ".hadolint.yml"};
    for (;;) {
        for (std::string_view name : names)
            if (is_file(dir / name))
                return dir / name;
        // `.git` is a folder in a clone and a file in a worktree or submodule: either marks the root.
        if (path_exists(dir / ".git") || dir == dir.parent_path())
            return std::nullopt;
        dir = dir.parent_path();
    }
}

std::optional<fs::path> find_user_config(const EnvLookup& getenv) {
    const char* home_env = getenv("HOME");
    const char* xdg_env = getenv("XDG_CONFIG_HOME");
    const std::optional<fs::path> home =
        home_env && *home_env ? std::optional<fs::path>(home_env) : std::nullopt;
    // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    std::optional<fs::path> xdg = xdg_env && *xdg_env && fs::path(xdg_env).is_absolute()
                                      ? std::optional<fs::path>(xdg_env)
                                      : std::nullopt;
    if (!xdg && home)
        xdg = *home / ".config";

    std::vector<fs::path> candidates;
    if (xdg) {
        for (const char* name :
             {"drydock/config.yaml", "drydock/config.yml", "hadolint.yaml", "hadolint.yml"})
            candidates.push_back(*xdg / name);
    }
    if (home) {
        for (const char* name : {".hadolint/hadolint.yaml", ".hadolint/hadolint.yml", ".hadolint/config.yaml",
                                 ".hadolint/config.yml", ".hadolint.yaml", ".hadolint.yml",
                                 ".config/hadolint.yaml", ".config/hadolint.yml"})
            candidates.push_back(*home / name);
    }
    for (const fs::path& candidate : candidates)
        if (is_file(candidate))
            return candidate;
    return std::nullopt;
}

} // namespace

Config parse_config(std::string_view yaml, const std::string& file_name,
                    std::vector<ConfigWarning>& warnings) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        const bool known = !e.mark.is_null() && e.mark.line >= 0;
        throw ConfigError(file_name, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0,
                          "invalid YAML: " + e.msg);
    }
    return FileReader(file_name, warnings).read(root);
}

Config load_config_file(const fs::path& file, std::vector<ConfigWarning>& warnings) {
    const std::optional<std::string> text = read_text(file);
    if (!text)
        throw ConfigError(file.string(), 0, 0, "cannot read the config file");
    return parse_config(*text, file.string(), warnings);
}

std::optional<fs::path> find_config(const fs::path& dockerfile_dir, const EnvLookup& getenv) {
    std::error_code ec;
    fs::path dir =
        fs::absolute(dockerfile_dir.empty() ? fs::path(".") : dockerfile_dir, ec).lexically_normal();
    if (ec)
        dir = dockerfile_dir;
    if (!dir.has_filename() && dir.has_parent_path())
        dir = dir.parent_path(); // "/a/b/" -> "/a/b"
    if (std::optional<fs::path> project = find_project_config(dir))
        return project;
    return find_user_config(getenv);
}

std::optional<fs::path> find_config(const fs::path& dockerfile_dir) {
    return find_config(dockerfile_dir, [](const char* name) -> const char* { return std::getenv(name); });
}

Config config_from_environment(const EnvLookup& getenv, std::vector<ConfigWarning>& warnings) {
    Config config;
    auto value = [&](const char* name) -> std::optional<std::string_view> {
        const char* v = getenv(name);
        return v ? std::optional<std::string_view>(v) : std::nullopt;
    };
    auto warn = [&](const char* name, std::string message) {
        warnings.push_back({name, 0, 0, std::move(message)});
    };
    auto ids = [&](const char* name) {
        std::vector<std::string> out = value(name) ? split_list(*value(name)) : std::vector<std::string>{};
        for (const std::string& id : out)
            if (!is_known_rule(id))
                warn(name, "unknown rule '" + id + "'");
        return out;
    };

    // hadolint reads an unset switch as "not given" and any other value as on or off; a Config switch can
    // only be turned on, so off values change nothing here.
    config.no_fail = value("HADOLINT_NOFAIL") && truthy(*value("HADOLINT_NOFAIL"));
    config.disable_ignore_pragma =
        value("HADOLINT_DISABLE_IGNORE_PRAGMA") && truthy(*value("HADOLINT_DISABLE_IGNORE_PRAGMA"));
    config.strict_labels = value("HADOLINT_STRICT_LABELS") && truthy(*value("HADOLINT_STRICT_LABELS"));
    // https://no-color.org: set to anything but the empty string.
    config.no_color = value("NO_COLOR") && !value("NO_COLOR")->empty();

    config.ignored = ids("HADOLINT_IGNORE");
    const std::array<std::pair<const char*, Severity>, 4> overrides{
        {{"HADOLINT_OVERRIDE_ERROR", Severity::Error},
         {"HADOLINT_OVERRIDE_WARNING", Severity::Warning},
         {"HADOLINT_OVERRIDE_INFO", Severity::Info},
         {"HADOLINT_OVERRIDE_STYLE", Severity::Style}}};
    for (const auto& [name, severity] : overrides)
        for (const std::string& id : ids(name))
            add_override(config, id, severity);
    if (value("HADOLINT_TRUSTED_REGISTRIES"))
        config.trusted_registries = split_list(*value("HADOLINT_TRUSTED_REGISTRIES"));

    if (const auto threshold = value("HADOLINT_FAILURE_THRESHOLD")) {
        config.failure_threshold = parse_severity(trim(*threshold));
        if (!config.failure_threshold)
            warn("HADOLINT_FAILURE_THRESHOLD", "invalid failure threshold '" + std::string(*threshold) +
                                                   "' (expected " + std::string(threshold_values) +
                                                   "); ignored");
    }
    // hadolint takes a comma list of formats; a drydock run writes one, so the first is used.
    if (const auto format = value("HADOLINT_FORMAT")) {
        const std::vector<std::string> formats = split_list(*format);
        if (!formats.empty())
            config.format = formats.front();
        if (formats.size() > 1)
            warn("HADOLINT_FORMAT", "only one output format is supported; using '" + formats.front() + "'");
    }
    // `name:type,name:type`; a missing type means text.
    if (const auto labels = value("HADOLINT_REQUIRE_LABELS")) {
        for (const std::string& item : split_list(*labels)) {
            const std::size_t colon = item.find(':');
            const std::string name(trim(std::string_view(item).substr(0, colon)));
            std::string type = colon == std::string::npos ? "" : std::string(trim(item.substr(colon + 1)));
            if (type.empty())
                type = "text";
            if (name.empty() || !is_label_type(type)) {
                warn("HADOLINT_REQUIRE_LABELS", "invalid label requirement '" + item +
                                                    "' (expected name:type with type " +
                                                    std::string(label_type_values) + "); ignored");
                continue;
            }
            config.label_schema[name] = type;
        }
    }
    // drydock's: the date the base image rules compare with, for reproducible runs.
    if (const auto today = value("DRYDOCK_TODAY"); today && !today->empty()) {
        if (is_iso_date(trim(*today)))
            config.today = std::string(trim(*today));
        else
            warn("DRYDOCK_TODAY",
                 "invalid date '" + std::string(*today) + "' (expected YYYY-MM-DD); ignored");
    }
    // drydock's: the ShellCheck program to run (a path, or a name looked up on PATH); empty = unset.
    if (const auto shellcheck = value("DRYDOCK_SHELLCHECK"); shellcheck && !shellcheck->empty())
        config.shellcheck_path = std::string(*shellcheck);
    return config;
}

Config config_from_environment(const EnvLookup& getenv) {
    std::vector<ConfigWarning> ignored_warnings;
    return config_from_environment(getenv, ignored_warnings);
}

} // namespace drydock
