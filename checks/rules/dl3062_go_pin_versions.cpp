// DL3062: `go install` / `go get` / `go run` of a module without a pinned version.

#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3062",
    .name = "go-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Pin versions in go install, go get and go run",
    .docs =
        {.what =
             "Reports each remote package of a `go install`, `go get` or `go run` (a path whose first "
             "element is a domain, such as `golang.org/x/tools/gopls`) written without `@version`, or with "
             "a version query that is not a version: `@latest`, `@upgrade`, `@patch` or `@none`. Every "
             "command a `RUN` runs is checked, `ONBUILD RUN` included. Not reported: local packages and "
             "files (`.`, `./cmd/app`, `/src/...`, `main.go`), patterns such as `all` or `std`, the values "
             "of build flags (`-o`, `-ldflags`, `-tags`, …), the program arguments after `go run`'s "
             "package, and a version given by a variable whose `ARG`/`ENV` default is unknown. "
             "`pkg@${VERSION}` is judged by the variable's default.",
         .why = "Without a version, the go command resolves the module's newest release at build time, so "
                "two builds of the same Dockerfile can produce different binaries, and a new release can "
                "break the build. `@latest` says the same thing explicitly. Pin a released version (or a "
                "commit) to keep builds repeatable.",
         .bad = "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n",
         .good = "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3062\n"
                       "https://go.dev/ref/mod#go-install"},
};

// Version queries that name no fixed version.
constexpr std::array<std::string_view, 4> moving_queries = {"latest", "upgrade", "patch", "none"};

// Build flags of the go command that take a separate value (`-o out`); go accepts one or two dashes.
constexpr std::array<std::string_view, 19> value_flags = {
    "o",   "p",       "C",       "tags",   "ldflags",  "gcflags",   "asmflags", "gccgoflags",
    "mod", "modfile", "overlay", "pkgdir", "toolexec", "buildmode", "compiler", "installsuffix",
    "pgo", "exec",    "coverpkg"};

bool takes_value(std::string_view flag) {
    while (flag.starts_with("-"))
        flag.remove_prefix(1);
    return flag.find('=') == std::string_view::npos &&
           std::find(value_flags.begin(), value_flags.end(), flag) != value_flags.end();
}

// The package operands of `go install|get|run …` (for `go run`, only the package before the program's
// arguments); nullopt for any other command.
std::optional<std::vector<shell::Word>> go_packages(const shell::Command& command) {
    if (command.name() != "go" || command.words.size() < 2)
        return std::nullopt;
    const std::string_view subcommand = command.words[1].value;
    if (subcommand != "install" && subcommand != "get" && subcommand != "run")
        return std::nullopt;
    std::vector<shell::Word> packages;
    for (std::size_t i = 2; i < command.words.size(); ++i) {
        const std::string_view word = command.words[i].value;
        if (word == "--")
            continue;
        if (word.size() > 1 && word[0] == '-') {
            if (takes_value(word))
                ++i;
            continue;
        }
        packages.push_back(command.words[i]);
        if (subcommand == "run")
            break; // the rest are the program's arguments
    }
    return packages;
}

// A package path that names a remote module: its first element looks like a domain.
bool is_remote(std::string_view path) {
    if (path.starts_with(".") || path.starts_with("/") || path.ends_with(".go"))
        return false;
    const std::string_view first = path.substr(0, path.find('/'));
    return first.find('.') != std::string_view::npos;
}

// What is wrong with the version of a remote package; empty when it is pinned.
std::string problem(std::string_view package) {
    const std::size_t at = package.find('@');
    if (at == std::string_view::npos)
        return "has no version";
    const std::string_view version = package.substr(at + 1);
    if (std::find(moving_queries.begin(), moving_queries.end(), version) != moving_queries.end())
        return "uses `@" + std::string(version) + "`, which is not a fixed version";
    return {};
}

class GoPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (const RunCommand& run : commands.all()) {
            const std::optional<std::vector<shell::Word>> packages = go_packages(run.command);
            if (!packages)
                continue;
            const std::string go = "go " + run.command.words[1].value;
            for (const shell::Word& package : *packages)
                check_package(package, go, scope, context);
        }
    }

private:
    static void check_package(const shell::Word& package, const std::string& go,
                              const std::vector<Variable>& scope, Context& context) {
        const std::optional<std::vector<std::string>> values = expanded_values(package, scope);
        if (!values)
            return; // not known statically
        for (const std::string& value : *values) {
            if (!is_remote(value))
                continue;
            const std::string why = problem(value);
            if (why.empty())
                continue;
            const std::string module = value.substr(0, value.find('@'));
            std::string message = "Pin versions in " + go + ": `" + value + "` " + why + ". Use `" + go +
                                  " " + module + "@<version>`";
            if (package.dynamic)
                message += " (`" + package.value + "` is `" + value + "` by default)";
            context.report(package.range, message);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3062, drydock::rules::rule_meta, drydock::rules::GoPinVersions)
