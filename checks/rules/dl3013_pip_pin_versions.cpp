// DL3013: `pip install` of a package without a version specifier.

#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3013",
    .name = "pip-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Pin versions in pip",
    .docs =
        {.what =
             "Reports each package of a `pip install` (also `pip3`, `pip3.12`, `python3 -m pip`, and "
             "`pipx install`) that has no version specifier (`==`, `>=`, `<=`, `>`, `<`, `!=`, `~=`, "
             "`===`), in every command a `RUN` runs, `ONBUILD RUN` included. Not reported: requirement "
             "files (`-r`/`--requirement`), the whole command when a constraints file applies "
             "(`-c`/`--constraint`, or `PIP_CONSTRAINT` set by `ENV` or on the command), local paths "
             "(`.`, `./pkg`, `.[dev]`, anything with a `/` that is not a VCS URL), archives and wheels "
             "(`.whl`, `.tar.gz`, `.zip`, …), VCS URLs pinned with `@ref` (`git+https://…/repo.git@v1.2`), "
             "and the values of pip's value-taking options (`-i`, `--extra-index-url`, `-t`, `-e`, …). A "
             "package given by a variable is judged by the `ARG`/`ENV` default; when that is not known, it "
             "is not reported.\n\n"
             "Unlike hadolint, packages listed next to `-r requirements.txt` are still reported (the file "
             "pins only what it lists), `.[extra]` counts as a local path, a VCS URL with `@` only in its "
             "user part (`git+ssh://git@host/repo`) is not pinned, and `pipenv` is not `pip`.",
         .why = "Without a version, `pip install` takes the newest release on the day of the build: two "
                "builds of the same Dockerfile get different code, and a release can break the image with "
                "no change to the Dockerfile. Pinned versions (or a requirements/constraints file with "
                "pins) make builds repeatable and upgrades deliberate.",
         .bad = "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
         .good = "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3013\n"
                       "https://pip.pypa.io/en/stable/topics/repeatable-installs/"},
};

constexpr std::array<std::string_view, 8> version_operators = {"==", ">=", "<=", ">", "<", "!=", "~=", "==="};
constexpr std::array<std::string_view, 6> archive_suffixes = {".whl",     ".tar.gz", ".tgz",
                                                              ".tar.bz2", ".zip",    ".tar.xz"};

bool has_version(std::string_view spec) {
    return std::any_of(version_operators.begin(), version_operators.end(),
                       [&](std::string_view op) { return spec.find(op) != std::string_view::npos; });
}

// `git+https://…`, `hg+ssh://…`, `svn://…`, `bzr+lp:…`: pip's VCS requirement forms.
bool is_vcs_url(std::string_view spec) {
    for (const std::string_view vcs : {"git", "hg", "svn", "bzr"})
        if (spec.starts_with(vcs) && spec.size() > vcs.size() &&
            (spec[vcs.size()] == '+' || spec.substr(vcs.size()).starts_with("://")))
            return true;
    return false;
}

// A VCS URL with a revision: `@ref` after the host, before any `#egg=…` fragment.
bool vcs_url_is_pinned(std::string_view url) {
    url = url.substr(0, url.find('#'));
    const std::size_t scheme = url.find("://");
    const std::size_t host = scheme == std::string_view::npos ? 0 : scheme + 3;
    const std::size_t path = url.find('/', host);
    return path != std::string_view::npos && url.find('@', path) != std::string_view::npos;
}

bool is_local_or_archive(std::string_view spec) {
    if (spec.starts_with(".") || spec.starts_with("/") || spec.starts_with("~"))
        return true;
    if (std::any_of(archive_suffixes.begin(), archive_suffixes.end(),
                    [&](std::string_view suffix) { return spec.ends_with(suffix); }))
        return true;
    return spec.find('/') != std::string_view::npos; // a directory or a URL
}

bool is_pinned(std::string_view spec) {
    if (has_version(spec))
        return true;
    if (is_vcs_url(spec))
        return vcs_url_is_pinned(spec);
    return is_local_or_archive(spec);
}

// How the specifier looks pinned: `name==<version>`, or `url@<revision>` for a VCS URL.
std::string pinned_form(std::string_view spec) {
    if (!is_vcs_url(spec))
        return std::string(spec) + "==<version>";
    const std::size_t fragment = spec.find('#');
    return std::string(spec.substr(0, fragment)) + "@<revision>" +
           std::string(fragment == std::string_view::npos ? "" : spec.substr(fragment));
}

// Whether a constraints file pins what this command installs.
bool has_constraints(const shell::Command& command, const PipInstall& install,
                     const std::vector<Variable>& scope) {
    if (install.pip.has_any_flag({"c", "constraint"}))
        return true;
    if (std::any_of(command.assignments.begin(), command.assignments.end(),
                    [](const shell::Word& a) { return a.value.starts_with("PIP_CONSTRAINT="); }))
        return true;
    const auto env = std::find_if(scope.rbegin(), scope.rend(), [](const Variable& v) {
        return v.kind == InstructionKind::Env && v.name == "PIP_CONSTRAINT";
    });
    return env != scope.rend() && env->value && !env->value->empty();
}

class PipPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (const RunCommand& run : commands.all()) {
            std::optional<PipInstall> install = pip_install(run.command);
            if (!install)
                install = pipx_install(run.command);
            if (!install || has_constraints(run.command, *install, scope))
                continue;
            for (const shell::Word& package : install->operands)
                check_package(package, *install, scope, context);
        }
    }

private:
    static void check_package(const shell::Word& package, const PipInstall& install,
                              const std::vector<Variable>& scope, Context& context) {
        if (is_pinned(package.value))
            return; // also `flask==${VERSION}`: the operator is there whatever the version
        const std::optional<std::vector<std::string>> values = expanded_values(package, scope);
        if (!values)
            return; // not known statically
        const std::string tool(install.pip.name() == "pipx" ? "pipx" : "pip");
        for (const std::string& value : *values) {
            if (is_pinned(value))
                continue;
            std::string message = "Pin versions in " + tool + ". Instead of `" + tool + " install " + value +
                                  "` use `" + tool + " install " + pinned_form(value) + "`";
            if (tool == "pip")
                message += " or `pip install --requirement <requirements file>`";
            if (package.dynamic)
                message += " (`" + package.value + "` is `" + value + "` by default)";
            context.report(package.range, message);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3013, drydock::rules::rule_meta, drydock::rules::PipPinVersions)
