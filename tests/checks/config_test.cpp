// Configuration: Config::merge, the YAML config file (every key, errors with file:line:col and key,
// unknown-key warnings), config discovery (project folders up to the repository root, then the user's config)
// and hadolint's environment variables through an injected getenv.

#include <drydock/checks/config.hpp>
#include <drydock/checks/config_file.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace drydock {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

// "file:line:col: message" for each warning, so a mismatch prints readably.
Strings describe(const std::vector<ConfigWarning>& warnings) {
    Strings out;
    for (const ConfigWarning& w : warnings)
        out.push_back(to_string(w));
    return out;
}

Config parse_ok(std::string_view yaml) {
    std::vector<ConfigWarning> warnings;
    Config config = parse_config(yaml, "cfg.yaml", warnings);
    EXPECT_EQ(describe(warnings), Strings{}) << yaml;
    return config;
}

// The error for `yaml` as "file:line:col: message".
std::string parse_error(std::string_view yaml) {
    std::vector<ConfigWarning> warnings;
    try {
        parse_config(yaml, "cfg.yaml", warnings);
    } catch (const ConfigError& e) {
        return e.file() + ":" + std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.what();
    }
    ADD_FAILURE() << "no ConfigError for: " << yaml;
    return "";
}

// A fresh folder under the system temp folder, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "drydock-config-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

    // Creates `relative` (and its folders) with `text`; returns its full path.
    fs::path write(const fs::path& relative, std::string_view text = "") const {
        const fs::path file = path_ / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }
    fs::path mkdir(const fs::path& relative) const {
        fs::create_directories(path_ / relative);
        return path_ / relative;
    }

private:
    fs::path path_;
};

// An injected environment.
EnvLookup env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> const char* {
        const auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    };
}

// --- Config::merge ---

TEST(ConfigMerge, ListsAreConcatenatedInOrder) {
    Config base;
    base.ignored = {"DL3000"};
    base.select = {"DL3000"};
    base.trusted_registries = {"docker.io"};
    base.sources = {"env"};
    Config other;
    other.ignored = {"SC2086", "DL3000"};
    other.select = {"DD0001"};
    other.trusted_registries = {"ghcr.io"};
    other.sources = {".hadolint.yaml"};
    base.merge(other);
    EXPECT_EQ(base.ignored, (Strings{"DL3000", "SC2086", "DL3000"}));
    EXPECT_EQ(base.select, (Strings{"DL3000", "DD0001"}));
    EXPECT_EQ(base.trusted_registries, (Strings{"docker.io", "ghcr.io"}));
    EXPECT_EQ(base.sources, (Strings{"env", ".hadolint.yaml"}));
}

TEST(ConfigMerge, ScalarsAreReplacedOnlyWhenSet) {
    Config base;
    base.failure_threshold = Severity::Error;
    base.format = "json";
    Config unset;
    base.merge(unset);
    EXPECT_EQ(base.failure_threshold, Severity::Error);
    EXPECT_EQ(base.format, "json");

    Config other;
    other.failure_threshold = Severity::Style;
    other.format = "sarif";
    base.merge(other);
    EXPECT_EQ(base.failure_threshold, Severity::Style);
    EXPECT_EQ(base.format, "sarif");
}

TEST(ConfigMerge, SwitchesCanBeTurnedOnButNotOff) {
    Config base;
    Config on;
    on.strict_labels = on.no_fail = on.no_color = on.disable_ignore_pragma = on.report_unused_suppressions =
        true;
    base.merge(on);
    EXPECT_TRUE(base.strict_labels);
    EXPECT_TRUE(base.no_fail);
    EXPECT_TRUE(base.no_color);
    EXPECT_TRUE(base.disable_ignore_pragma);
    EXPECT_TRUE(base.report_unused_suppressions);
    base.merge(Config{}); // false = "not given"
    EXPECT_TRUE(base.no_fail);
    EXPECT_TRUE(base.report_unused_suppressions);
}

TEST(ConfigMerge, ShellCheckSwitchAndPathAreReplacedWhenSet) {
    Config base;
    Config file;
    file.shellcheck = false;
    Config environment;
    environment.shellcheck_path = "/usr/local/bin/shellcheck";
    base.merge(environment);
    base.merge(file);
    EXPECT_EQ(base.shellcheck, false);
    EXPECT_EQ(base.shellcheck_path, "/usr/local/bin/shellcheck");
    base.merge(Config{}); // not set: unchanged
    EXPECT_EQ(base.shellcheck, false);
    Config on;
    on.shellcheck = true; // unlike the hadolint switches, this one can be turned back on
    base.merge(on);
    EXPECT_EQ(base.shellcheck, true);
}

TEST(ConfigMerge, OverridesKeepTheMostSevereLevelAndLabelSchemasAreUnited) {
    Config base;
    base.overrides = {{"DL3000", Severity::Error}, {"DD0001", Severity::Style}, {"SC2086", Severity::Ignore}};
    base.label_schema = {{"author", "text"}, {"version", "text"}};
    Config other;
    other.overrides = {{"DL3000", Severity::Info},
                       {"DD0001", Severity::Warning},
                       {"SC2086", Severity::Style},
                       {"SC2046", Severity::Info}};
    other.label_schema = {{"version", "semver"}, {"url", "url"}};
    base.merge(other);
    EXPECT_EQ(base.overrides, (std::map<std::string, Severity>{{"DD0001", Severity::Warning},
                                                               {"DL3000", Severity::Error},
                                                               {"SC2046", Severity::Info},
                                                               {"SC2086", Severity::Style}}));
    EXPECT_EQ(base.label_schema, (std::map<std::string, std::string>{
                                     {"author", "text"}, {"url", "url"}, {"version", "semver"}}));
}

TEST(ConfigMerge, EnvironmentThenFileThenCommandLine) {
    Config config = config_from_environment(
        env({{"HADOLINT_IGNORE", "DL3000"}, {"HADOLINT_FAILURE_THRESHOLD", "error"}}));
    config.merge(parse_ok("ignored: [SC2086]\nfailure-threshold: warning\n"));
    Config cli;
    cli.ignored = {"DD0001"};
    config.merge(cli);
    EXPECT_EQ(config.ignored, (Strings{"DL3000", "SC2086", "DD0001"}));
    EXPECT_EQ(config.failure_threshold, Severity::Warning);
    EXPECT_EQ(config.sources, Strings{"cfg.yaml"});
}

// --- The config file ---

TEST(ConfigFile, ReadsEveryKey) {
    const Config c = parse_ok("ignored: [DL3000, SC2086]\n"
                              "select:\n"
                              "  - DL3000\n"
                              "  - unused-suppression\n"
                              "override:\n"
                              "  error: [DD0001]\n"
                              "  warning: [SC2086]\n"
                              "  info: [workdir-absolute]\n"
                              "  style: [invalid-suppression]\n"
                              "trustedRegistries: [docker.io, my-company.com]\n"
                              "label-schema:\n"
                              "  author: text\n"
                              "  homepage: url\n"
                              "  version: semver\n"
                              "  digest: hash\n"
                              "  created: rfc3339\n"
                              "  license: spdx\n"
                              "  maintainer: email\n"
                              "  anything:\n"
                              "strict-labels: true\n"
                              "failure-threshold: warning\n"
                              "no-fail: true\n"
                              "no-color: yes\n"
                              "format: json\n"
                              "disable-ignore-pragma: true\n"
                              "report-unused-suppressions: true\n"
                              "shellcheck: false\n");
    EXPECT_EQ(c.ignored, (Strings{"DL3000", "SC2086"}));
    EXPECT_EQ(c.select, (Strings{"DL3000", "unused-suppression"}));
    EXPECT_EQ(c.overrides, (std::map<std::string, Severity>{{"DD0001", Severity::Error},
                                                            {"SC2086", Severity::Warning},
                                                            {"invalid-suppression", Severity::Style},
                                                            {"workdir-absolute", Severity::Info}}));
    EXPECT_EQ(c.trusted_registries, (Strings{"docker.io", "my-company.com"}));
    EXPECT_EQ(c.label_schema, (std::map<std::string, std::string>{{"anything", "text"},
                                                                  {"author", "text"},
                                                                  {"created", "rfc3339"},
                                                                  {"digest", "hash"},
                                                                  {"homepage", "url"},
                                                                  {"license", "spdx"},
                                                                  {"maintainer", "email"},
                                                                  {"version", "semver"}}));
    EXPECT_TRUE(c.strict_labels);
    EXPECT_EQ(c.failure_threshold, Severity::Warning);
    EXPECT_TRUE(c.no_fail);
    EXPECT_TRUE(c.no_color);
    EXPECT_EQ(c.format, "json");
    EXPECT_TRUE(c.disable_ignore_pragma);
    EXPECT_TRUE(c.report_unused_suppressions);
    EXPECT_EQ(c.shellcheck, false);
    EXPECT_FALSE(c.shellcheck_path) << "a config file never names a program to run";
    EXPECT_EQ(c.sources, Strings{"cfg.yaml"});
}

TEST(ConfigFile, FalseSwitchesAndEveryThreshold) {
    const Config c = parse_ok("no-fail: false\nno-color: no\nstrict-labels: off\n");
    EXPECT_FALSE(c.no_fail);
    EXPECT_FALSE(c.no_color);
    EXPECT_FALSE(c.strict_labels);
    const std::map<std::string, Severity> thresholds{
        {"error", Severity::Error}, {"warning", Severity::Warning}, {"info", Severity::Info},
        {"style", Severity::Style}, {"ignore", Severity::Ignore},   {"none", Severity::Ignore}};
    for (const auto& [text, severity] : thresholds)
        EXPECT_EQ(parse_ok("failure-threshold: " + text + "\n").failure_threshold, severity) << text;
}

TEST(ConfigFile, TrustedRegistriesMayBeOneString) {
    EXPECT_EQ(parse_ok("trustedRegistries: docker.io\n").trusted_registries, Strings{"docker.io"});
    EXPECT_EQ(parse_ok("trusted-registries: [quay.io]\n").trusted_registries, Strings{"quay.io"});
}

TEST(ConfigFile, SameCodeInSeveralOverrideListsGetsTheMostSevere) {
    const Config c = parse_ok("override:\n  style: [DL3000]\n  error: [DL3000]\n  warning: [DL3000]\n");
    EXPECT_EQ(c.overrides, (std::map<std::string, Severity>{{"DL3000", Severity::Error}}));
}

TEST(ConfigFile, EmptyFileCommentsOnlyAndNullValuesAreEmptyConfigs) {
    for (std::string_view yaml :
         {"", "\n\n", "# only a comment\n", "---\n", "ignored:\noverride:\nformat:\n"}) {
        const Config c = parse_ok(yaml);
        EXPECT_TRUE(c.ignored.empty()) << yaml;
        EXPECT_TRUE(c.overrides.empty()) << yaml;
        EXPECT_FALSE(c.format) << yaml;
        EXPECT_FALSE(c.failure_threshold) << yaml;
        EXPECT_EQ(c.sources, Strings{"cfg.yaml"}) << yaml;
    }
}

TEST(ConfigFile, WrongTypesAreErrorsWithFileLineColumnAndKey) {
    EXPECT_EQ(parse_error("ignored: 5\n"),
              "cfg.yaml:1:10: 'ignored': expected a list of rule codes, names or aliases, got '5'");
    EXPECT_EQ(parse_error("no-color: true\nfailure-threshold: loud\n"),
              "cfg.yaml:2:20: 'failure-threshold': expected error, warning, info, style, ignore or none, got "
              "'loud'");
    EXPECT_EQ(parse_error("no-fail: maybe\n"),
              "cfg.yaml:1:10: 'no-fail': expected true or false, got 'maybe'");
    EXPECT_EQ(parse_error("strict-labels: [true]\n"),
              "cfg.yaml:1:16: 'strict-labels': expected true or false, got a list");
    EXPECT_EQ(parse_error("ignored:\n  - DL3000\n  - [DL3001]\n"),
              "cfg.yaml:3:5: 'ignored': expected a rule code, name or alias, got a list");
    EXPECT_EQ(parse_error("select: [DL3000, 42]\n"),
              "cfg.yaml:1:18: 'select': expected a rule code, name or alias, got '42'");
    EXPECT_EQ(
        parse_error("override:\n  error: DL3000\n"),
        "cfg.yaml:2:10: 'override.error': expected a list of rule codes, names or aliases, got 'DL3000'");
    EXPECT_EQ(parse_error("override: [DL3000]\n"),
              "cfg.yaml:1:11: 'override': expected a mapping with the lists error, warning, info and style");
    EXPECT_EQ(
        parse_error("label-schema:\n  version: semantic\n"),
        "cfg.yaml:2:12: 'label-schema.version': expected text, url, semver, hash, rfc3339, spdx or email, "
        "got 'semantic'");
    EXPECT_EQ(parse_error("label-schema: [a]\n"),
              "cfg.yaml:1:15: 'label-schema': expected a mapping of label names to types");
    EXPECT_EQ(parse_error("format: [json]\n"), "cfg.yaml:1:9: 'format': expected a single value");
    EXPECT_EQ(parse_error("shellcheck: sometimes\n"),
              "cfg.yaml:1:13: 'shellcheck': expected true or false, got 'sometimes'");
    EXPECT_EQ(parse_error("trustedRegistries: {a: b}\n"),
              "cfg.yaml:1:20: 'trustedRegistries': expected a list of registries");
    EXPECT_EQ(parse_error("- ignored\n"),
              "cfg.yaml:1:1: expected a mapping of settings (`key: value` lines) at the top level");
}

TEST(ConfigFile, YamlSyntaxErrorsNameThePosition) {
    std::vector<ConfigWarning> warnings;
    try {
        parse_config("ignored: [DL3000\nno-fail: true\n", "cfg.yaml", warnings);
        FAIL() << "no ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.file(), "cfg.yaml");
        EXPECT_EQ(e.line(), 2);
        EXPECT_EQ(e.column(), 8);
        EXPECT_EQ(std::string(e.what()), "invalid YAML: end of sequence flow not found");
    }
    EXPECT_EQ(parse_error("ignored:\n  - DL3000\n bad: [\n"),
              "cfg.yaml:3:2: invalid YAML: end of map not found");
}

TEST(ConfigFile, UnknownKeysAndUnknownRulesAreWarnings) {
    std::vector<ConfigWarning> warnings;
    const Config c = parse_config("ignore: [DL3000]\n"
                                  "ignored: [DL9999, SC1234, WorkdirAbsolute]\n"
                                  "override:\n"
                                  "  fatal: [DL3000]\n"
                                  "  Error: [DL3000]\n"
                                  "verbose: true\n"
                                  "formats: [json]\n",
                                  "cfg.yaml", warnings);
    EXPECT_EQ(describe(warnings),
              (Strings{"cfg.yaml:1:1: unknown setting 'ignore'; ignored",
                       "cfg.yaml:2:11: 'ignored': unknown rule 'DL9999'",
                       "cfg.yaml:2:27: 'ignored': unknown rule 'WorkdirAbsolute'",
                       "cfg.yaml:4:3: unknown setting 'override.fatal'; ignored",
                       "cfg.yaml:5:3: unknown setting 'override.Error'; ignored",
                       "cfg.yaml:6:1: hadolint setting 'verbose' is not supported by drydock; "
                       "ignored",
                       "cfg.yaml:7:1: hadolint setting 'formats' is not supported by drydock; "
                       "ignored"}));
    // Unknown ids are kept: a newer drydock (or the next rule being written) may know them.
    EXPECT_EQ(c.ignored, (Strings{"DL9999", "SC1234", "WorkdirAbsolute"}));
    EXPECT_TRUE(c.overrides.empty());
}

TEST(ConfigFile, LoadsAFileFromDisk) {
    TempDir dir;
    const fs::path file = dir.write(".hadolint.yaml", "ignored:\n  - DL3000\nfoo: bar\n");
    std::vector<ConfigWarning> warnings;
    const Config c = load_config_file(file, warnings);
    EXPECT_EQ(c.ignored, Strings{"DL3000"});
    EXPECT_EQ(c.sources, Strings{file.string()});
    EXPECT_EQ(describe(warnings), Strings{file.string() + ":3:1: unknown setting 'foo'; ignored"});

    const fs::path empty = dir.write("empty.yaml");
    EXPECT_EQ(load_config_file(empty, warnings).sources, Strings{empty.string()});
}

TEST(ConfigFile, ErrorsFromDiskNameTheFile) {
    TempDir dir;
    const fs::path bad = dir.write("bad.yaml", "\n\nno-fail: sometimes\n");
    std::vector<ConfigWarning> warnings;
    try {
        load_config_file(bad, warnings);
        FAIL() << "no ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.file(), bad.string());
        EXPECT_EQ(e.line(), 3);
        EXPECT_EQ(e.column(), 10);
        EXPECT_EQ(std::string(e.what()), "'no-fail': expected true or false, got 'sometimes'");
    }
    try {
        load_config_file(dir.path() / "missing.yaml", warnings);
        FAIL() << "no ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.file(), (dir.path() / "missing.yaml").string());
        EXPECT_EQ(e.line(), 0);
        EXPECT_EQ(e.column(), 0);
        EXPECT_EQ(std::string(e.what()), "cannot read the config file");
    }
}

TEST(ConfigFile, WarningsPrintAsFileLineColumn) {
    EXPECT_EQ(to_string(ConfigWarning{"a.yaml", 2, 3, "unknown setting 'x'; ignored"}),
              "a.yaml:2:3: unknown setting 'x'; ignored");
    EXPECT_EQ(to_string(ConfigWarning{"HADOLINT_FORMAT", 0, 0, "message"}), "HADOLINT_FORMAT: message");
}

// --- Discovery ---

TEST(ConfigDiscovery, NearestFolderWinsUpToTheRepositoryRoot) {
    TempDir dir;
    dir.mkdir("repo/.git");
    const fs::path root_config = dir.write("repo/.hadolint.yaml");
    const fs::path sub_config = dir.write("repo/services/.drydock.yml");
    const fs::path deep = dir.mkdir("repo/services/api/docker");
    const EnvLookup no_env = env({});
    EXPECT_EQ(find_config(deep, no_env), sub_config);
    EXPECT_EQ(find_config(dir.path() / "repo/services", no_env), sub_config);
    EXPECT_EQ(find_config(dir.path() / "repo", no_env), root_config);
    EXPECT_EQ(find_config(dir.path() / "repo/services/api/docker/", no_env), sub_config); // trailing slash
}

TEST(ConfigDiscovery, PreferenceWithinAFolder) {
    TempDir dir;
    dir.mkdir(".git");
    const std::vector<fs::path> in_order{dir.write(".drydock.yaml"), dir.write(".drydock.yml"),
                                         dir.write(".hadolint.yaml"), dir.write(".hadolint.yml")};
    for (const fs::path& expected : in_order) {
        EXPECT_EQ(find_config(dir.path(), env({})), expected);
        fs::remove(expected);
    }
    EXPECT_EQ(find_config(dir.path(), env({})), std::nullopt);
}

TEST(ConfigDiscovery, StopsAtTheRepositoryRoot) {
    TempDir dir;
    dir.write(".hadolint.yaml"); // outside the repository: not used
    dir.mkdir("repo/.git");
    const fs::path inner = dir.mkdir("repo/app");
    EXPECT_EQ(find_config(inner, env({})), std::nullopt);
    // A `.git` file (worktree, submodule) marks the root too.
    dir.write("worktree/.git", "gitdir: /elsewhere\n");
    EXPECT_EQ(find_config(dir.mkdir("worktree/app"), env({})), std::nullopt);
    // Without a repository the walk goes on upwards.
    dir.mkdir("plain/app");
    EXPECT_EQ(find_config(dir.path() / "plain/app", env({})), dir.path() / ".hadolint.yaml");
}

TEST(ConfigDiscovery, UserConfigOrderWithoutXdgConfigHome) {
    TempDir dir;
    dir.mkdir("repo/.git");
    const fs::path project = dir.mkdir("repo/app");
    const EnvLookup getenv = env({{"HOME", (dir.path() / "home").string()}});
    const std::vector<fs::path> in_order{dir.write("home/.config/drydock/config.yaml"),
                                         dir.write("home/.config/drydock/config.yml"),
                                         dir.write("home/.config/hadolint.yaml"),
                                         dir.write("home/.config/hadolint.yml"),
                                         dir.write("home/.hadolint/hadolint.yaml"),
                                         dir.write("home/.hadolint/hadolint.yml"),
                                         dir.write("home/.hadolint/config.yaml"),
                                         dir.write("home/.hadolint/config.yml"),
                                         dir.write("home/.hadolint.yaml"),
                                         dir.write("home/.hadolint.yml")};
    for (const fs::path& expected : in_order) {
        EXPECT_EQ(find_config(project, getenv), expected);
        fs::remove(expected);
    }
    EXPECT_EQ(find_config(project, getenv), std::nullopt);
}

TEST(ConfigDiscovery, XdgConfigHomeComesFirstThenHome) {
    TempDir dir;
    dir.mkdir("repo/.git");
    const fs::path project = dir.mkdir("repo/app");
    const EnvLookup getenv =
        env({{"HOME", (dir.path() / "home").string()}, {"XDG_CONFIG_HOME", (dir.path() / "xdg").string()}});
    const std::vector<fs::path> in_order{dir.write("xdg/drydock/config.yaml"), dir.write("xdg/hadolint.yaml"),
                                         dir.write("xdg/hadolint.yml"), dir.write("home/.hadolint.yaml"),
                                         dir.write("home/.config/hadolint.yaml")};
    for (const fs::path& expected : in_order) {
        EXPECT_EQ(find_config(project, getenv), expected);
        fs::remove(expected);
    }
    // A relative XDG_CONFIG_HOME is invalid (XDG spec): ~/.config is used.
    const fs::path home_xdg = dir.write("home/.config/hadolint.yml");
    EXPECT_EQ(
        find_config(project, env({{"HOME", (dir.path() / "home").string()}, {"XDG_CONFIG_HOME", "xdg"}})),
        home_xdg);
}

TEST(ConfigDiscovery, ProjectConfigBeatsUserConfig) {
    TempDir dir;
    dir.mkdir("repo/.git");
    const fs::path project_config = dir.write("repo/.hadolint.yml");
    dir.write("home/.hadolint.yaml");
    EXPECT_EQ(find_config(dir.mkdir("repo/app"), env({{"HOME", (dir.path() / "home").string()}})),
              project_config);
}

// --- Environment ---

TEST(ConfigEnvironment, NoVariablesIsAnEmptyConfig) {
    std::vector<ConfigWarning> warnings;
    const Config c = config_from_environment(env({}), warnings);
    EXPECT_TRUE(c.ignored.empty());
    EXPECT_TRUE(c.overrides.empty());
    EXPECT_TRUE(c.trusted_registries.empty());
    EXPECT_TRUE(c.label_schema.empty());
    EXPECT_FALSE(c.failure_threshold);
    EXPECT_FALSE(c.format);
    EXPECT_FALSE(c.no_fail || c.no_color || c.strict_labels || c.disable_ignore_pragma);
    EXPECT_FALSE(c.shellcheck);
    EXPECT_FALSE(c.shellcheck_path);
    EXPECT_TRUE(c.sources.empty());
    EXPECT_TRUE(warnings.empty());
}

TEST(ConfigEnvironment, ReadsEveryVariable) {
    std::vector<ConfigWarning> warnings;
    const Config c =
        config_from_environment(env({{"HADOLINT_NOFAIL", "1"},
                                     {"NO_COLOR", "1"},
                                     {"HADOLINT_IGNORE", " DL3000 , SC2086,,"},
                                     {"HADOLINT_FAILURE_THRESHOLD", "style"},
                                     {"HADOLINT_OVERRIDE_ERROR", "DD0001"},
                                     {"HADOLINT_OVERRIDE_WARNING", "SC2046,DD0001"},
                                     {"HADOLINT_OVERRIDE_INFO", "workdir-absolute"},
                                     {"HADOLINT_OVERRIDE_STYLE", "invalid-suppression"},
                                     {"HADOLINT_TRUSTED_REGISTRIES", "docker.io, ghcr.io"},
                                     {"HADOLINT_DISABLE_IGNORE_PRAGMA", "true"},
                                     {"HADOLINT_STRICT_LABELS", "yes"},
                                     {"HADOLINT_FORMAT", "json"},
                                     {"HADOLINT_REQUIRE_LABELS", "maintainer:email,version:semver,note"},
                                     {"DRYDOCK_SHELLCHECK", "/opt/shellcheck-0.10/bin/shellcheck"}}),
                                warnings);
    EXPECT_TRUE(c.no_fail);
    EXPECT_TRUE(c.no_color);
    EXPECT_EQ(c.ignored, (Strings{"DL3000", "SC2086"}));
    EXPECT_EQ(c.failure_threshold, Severity::Style);
    EXPECT_EQ(c.overrides, (std::map<std::string, Severity>{{"DD0001", Severity::Error},
                                                            {"SC2046", Severity::Warning},
                                                            {"invalid-suppression", Severity::Style},
                                                            {"workdir-absolute", Severity::Info}}));
    EXPECT_EQ(c.trusted_registries, (Strings{"docker.io", "ghcr.io"}));
    EXPECT_TRUE(c.disable_ignore_pragma);
    EXPECT_TRUE(c.strict_labels);
    EXPECT_EQ(c.format, "json");
    EXPECT_EQ(c.label_schema, (std::map<std::string, std::string>{
                                  {"maintainer", "email"}, {"note", "text"}, {"version", "semver"}}));
    EXPECT_EQ(c.shellcheck_path, "/opt/shellcheck-0.10/bin/shellcheck");
    EXPECT_EQ(describe(warnings), Strings{});
    // An empty DRYDOCK_SHELLCHECK is no value.
    EXPECT_FALSE(config_from_environment(env({{"DRYDOCK_SHELLCHECK", ""}})).shellcheck_path);
}

TEST(ConfigEnvironment, TruthyValuesAsHadolintReadsThem) {
    for (const char* on : {"1", "y", "Y", "yes", "YES", "on", "On", "true", "TRUE"}) {
        const Config c = config_from_environment(env({{"HADOLINT_NOFAIL", on},
                                                      {"HADOLINT_STRICT_LABELS", on},
                                                      {"HADOLINT_DISABLE_IGNORE_PRAGMA", on}}));
        EXPECT_TRUE(c.no_fail && c.strict_labels && c.disable_ignore_pragma) << on;
    }
    for (const char* off : {"", "0", "n", "no", "off", "false", "enabled"}) {
        const Config c = config_from_environment(env({{"HADOLINT_NOFAIL", off},
                                                      {"HADOLINT_STRICT_LABELS", off},
                                                      {"HADOLINT_DISABLE_IGNORE_PRAGMA", off}}));
        EXPECT_FALSE(c.no_fail || c.strict_labels || c.disable_ignore_pragma) << off;
    }
}

TEST(ConfigEnvironment, NoColorIsOnForAnyNonEmptyValue) {
    EXPECT_TRUE(config_from_environment(env({{"NO_COLOR", "0"}})).no_color);
    EXPECT_TRUE(config_from_environment(env({{"NO_COLOR", "false"}})).no_color);
    EXPECT_FALSE(config_from_environment(env({{"NO_COLOR", ""}})).no_color);
}

TEST(ConfigEnvironment, UnusableValuesAreWarningsNamingTheVariable) {
    std::vector<ConfigWarning> warnings;
    const Config c = config_from_environment(env({{"HADOLINT_FAILURE_THRESHOLD", "loud"},
                                                  {"HADOLINT_FORMAT", "sarif,json"},
                                                  {"HADOLINT_IGNORE", "DL9999"},
                                                  {"HADOLINT_REQUIRE_LABELS", "version:colour,:url,ok:"}}),
                                             warnings);
    EXPECT_FALSE(c.failure_threshold);
    EXPECT_EQ(c.format, "sarif");
    EXPECT_EQ(c.ignored, Strings{"DL9999"});
    EXPECT_EQ(c.label_schema, (std::map<std::string, std::string>{{"ok", "text"}}));
    EXPECT_EQ(
        describe(warnings),
        (Strings{
            "HADOLINT_IGNORE: unknown rule 'DL9999'",
            "HADOLINT_FAILURE_THRESHOLD: invalid failure threshold 'loud' (expected error, warning, info, "
            "style, ignore or none); ignored",
            "HADOLINT_FORMAT: only one output format is supported; using 'sarif'",
            "HADOLINT_REQUIRE_LABELS: invalid label requirement 'version:colour' (expected name:type with "
            "type text, url, semver, hash, rfc3339, spdx or email); ignored",
            "HADOLINT_REQUIRE_LABELS: invalid label requirement ':url' (expected name:type with type "
            "text, url, semver, hash, rfc3339, spdx or email); ignored"}));
}

} // namespace
} // namespace drydock
