// DL3016: `npm install <package>` without a version.

#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3016",
    .name = "npm-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Pin versions in npm",
    .docs =
        {.what =
             "Reports each package of an `npm install` (also `npm i` and `npm add`) that has no `@version` "
             "or `@tag`, in every command a `RUN` runs, `ONBUILD RUN` included. Scoped packages need a "
             "version after the name (`@scope/name@1.2.3`). Git URLs (`git+https://…`, `git+ssh://…`, "
             "`github:user/repo`, `user/repo`) need a `#ref`. Not reported: `npm install` without packages "
             "(it installs what `package.json` and the lock file say), tarballs (`.tgz`, `.tar.gz`, `.tar`, "
             "`http(s)://` URLs), local paths (`.`, `./dir`, `../dir`, `/dir`, `~/dir`, `file:`), values "
             "of options such as `--prefix` or `--registry`, and packages given by a variable whose "
             "`ARG`/`ENV` default is unknown.\n\n"
             "Unlike hadolint, `npm i` and `npm add` count as `npm install`, a GitHub shorthand pinned "
             "with `#ref` is accepted, and a package list in a variable is judged by its default.",
         .why = "Without a version, `npm install <package>` takes the newest release at build time, so the "
                "same Dockerfile builds different images and a release can break the build. Pinning the "
                "version (or installing from a lock file with `npm ci`) keeps builds repeatable.",
         .bad = "FROM node:20\nRUN npm install -g typescript\n",
         .good = "FROM node:20\nRUN npm install -g typescript@5.4.5\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3016\n"
                       "https://docs.npmjs.com/cli/commands/npm-install"},
};

constexpr std::array<std::string_view, 5> git_prefixes = {"git://", "git+ssh://", "git+http://",
                                                          "git+https://", "git+file://"};
constexpr std::array<std::string_view, 4> hosted_prefixes = {"github:", "gitlab:", "bitbucket:", "gist:"};
constexpr std::array<std::string_view, 6> path_prefixes = {"/", "./", "../", "~/", "file:", "link:"};
constexpr std::array<std::string_view, 3> tarball_suffixes = {".tar", ".tar.gz", ".tgz"};

template <std::size_t N>
bool starts_with_any(std::string_view text, const std::array<std::string_view, N>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return text.starts_with(p); });
}

template <std::size_t N>
bool ends_with_any(std::string_view text, const std::array<std::string_view, N>& suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(),
                       [&](std::string_view s) { return text.ends_with(s); });
}

// `name@version`, `@scope/name@version`, `alias@npm:name@version`.
bool has_version(std::string_view spec) {
    if (spec.starts_with("@")) {
        const std::size_t slash = spec.find('/');
        spec = slash == std::string_view::npos ? std::string_view{} : spec.substr(slash + 1);
    }
    return spec.find('@') != std::string_view::npos;
}

bool is_tarball_or_path(std::string_view spec) {
    return spec.starts_with("http://") || spec.starts_with("https://") ||
           ends_with_any(spec, tarball_suffixes) || spec == "." || spec == ".." ||
           starts_with_any(spec, path_prefixes);
}

// A git repository: a git URL, a hosted shorthand (`github:user/repo`) or `user/repo` (GitHub).
bool is_git_spec(std::string_view spec) {
    if (starts_with_any(spec, git_prefixes) || starts_with_any(spec, hosted_prefixes))
        return true;
    return !is_tarball_or_path(spec) && !spec.starts_with("@") && spec.find('/') != std::string_view::npos;
}

bool is_pinned(std::string_view spec) {
    if (is_tarball_or_path(spec))
        return true;
    if (is_git_spec(spec))
        return spec.find('#') != std::string_view::npos; // `#commit`, `#v1.2`, `#semver:^1.2`
    return has_version(spec);
}

// The packages of `npm install|i|add …`; nullopt for any other command.
std::optional<std::vector<shell::Word>> npm_install_packages(const shell::Command& command) {
    if (command.name() != "npm")
        return std::nullopt;
    std::vector<shell::Word> operands =
        command.operands({"prefix",    "C",          "registry", "cache", "userconfig", "globalconfig",
                          "workspace", "w",          "tag",      "omit",  "include",    "install-strategy",
                          "loglevel",  "location",   "before",   "scope", "otp",        "only",
                          "also",      "save-prefix"});
    if (operands.empty())
        return std::nullopt;
    const std::string_view subcommand = operands.front().value;
    if (subcommand != "install" && subcommand != "i" && subcommand != "add")
        return std::nullopt;
    operands.erase(operands.begin());
    return operands;
}

class NpmPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (const RunCommand& run : commands.all()) {
            const std::optional<std::vector<shell::Word>> packages = npm_install_packages(run.command);
            if (!packages)
                continue;
            for (const shell::Word& package : *packages)
                check_package(package, scope, context);
        }
    }

private:
    static void check_package(const shell::Word& package, const std::vector<Variable>& scope,
                              Context& context) {
        if (is_pinned(package.value))
            return; // also `pkg@${VERSION}`
        const std::optional<std::vector<std::string>> values = expanded_values(package, scope);
        if (!values)
            return; // not known statically
        for (const std::string& value : *values) {
            if (is_pinned(value))
                continue;
            const std::string pinned = value + (is_git_spec(value) ? "#<commit-ish>" : "@<version>");
            std::string message = "Pin versions in npm. Instead of `npm install " + value +
                                  "` use `npm install " + pinned + "`";
            if (package.dynamic)
                message += " (`" + package.value + "` is `" + value + "` by default)";
            context.report(package.range, message);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3016, drydock::rules::rule_meta, drydock::rules::NpmPinVersions)
