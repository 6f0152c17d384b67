// DD2003: a RUN uses a build argument that holds a secret.

#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "secret_values.hpp"
#include "shell_queries.hpp"

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD2003",
    .name = "secret-in-build-arg",
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "A `RUN` uses a build argument that holds a secret; use a secret mount",
    .docs =
        {.what =
             "Reports each `RUN` that uses a secret build argument, at its first `$NAME` or `${NAME…}` in "
             "the "
             "commands the `RUN` runs (its command line, the heredoc bodies a shell reads, its exec-form "
             "arguments; quoting is not considered, since `sh -c '… $NAME'` expands it too). A build "
             "argument is secret when the `ARG` in scope has a secret name (the names `secret-in-env` "
             "recognises: `NPM_TOKEN`, `DB_PASSWORD`, `API_KEY`, …) and no default that shows it is not a "
             "secret (a path, a URL without credentials, a number, a boolean, a version). Not reported: a "
             "name the `RUN` assigns itself (`NPM_TOKEN=$(cat /run/secrets/npm) npm ci`), a name a secret "
             "mount exports (`--mount=type=secret,id=npm,env=NPM_TOKEN`), and a name an `ENV` redeclared "
             "after the `ARG` (`secret-in-env` reports that `ENV`).\n\n"
             "`secret-in-env` (DL3064) reports where the secret is declared, this rule where it is used: a "
             "secret `ARG` that a `RUN` uses gets one report from each, pointing at the two lines to change.",
         .why = "A build argument's value is recorded in the image history and in provenance attestations, "
                "where anyone who can pull the image can read it. A secret mount gives the build step the "
                "secret for that step only, and stores nothing:\n\n"
                "```dockerfile\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n```\n\n"
                "built with `docker build --secret id=npm_token,env=NPM_TOKEN .` (the `env=` option needs "
                "Dockerfile syntax 1.10; before it, read the file: `NPM_TOKEN=\"$(cat "
                "/run/secrets/npm_token)\" npm ci`).",
         .bad =
             "FROM node:22-slim\nARG NPM_TOKEN\nCOPY package*.json ./\n"
             "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\n",
         .good =
             "# syntax=docker/dockerfile:1.10\nFROM node:22-slim\nCOPY package*.json ./\n"
             "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n"
             "    echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\n",
         .references = "https://docs.docker.com/build/building/secrets/\n"
                       "https://docs.docker.com/reference/dockerfile/#run---mounttypesecret"},
};

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The offset in `text` of the first `$NAME` or `${NAME…}` reference to `name`, if any.
std::optional<std::size_t> find_reference(std::string_view text, std::string_view name) {
    for (std::size_t at = text.find('$'); at != std::string_view::npos; at = text.find('$', at + 1)) {
        std::size_t start = at + 1;
        if (start < text.size() && text[start] == '{')
            ++start;
        if (text.substr(start, name.size()) != name)
            continue;
        const std::size_t end = start + name.size();
        if (end < text.size() && is_name_char(text[end]))
            continue;
        return at;
    }
    return std::nullopt;
}

// The assignment `NAME=value` in `word` when it assigns `name` from something else than itself.
bool assigns(const shell::Word& word, std::string_view name) {
    const std::string_view value = word.value;
    if (!value.starts_with(name) || value.size() <= name.size() || value[name.size()] != '=')
        return false;
    return !find_reference(value.substr(name.size() + 1), name);
}

// Every word of a command: assignments, argv, redirect targets.
std::vector<const shell::Word*> words_of(const shell::Command& command) {
    std::vector<const shell::Word*> out;
    for (const shell::Word& word : command.assignments)
        out.push_back(&word);
    for (const shell::Word& word : command.words)
        out.push_back(&word);
    for (const shell::Redirect& redirect : command.redirects)
        out.push_back(&redirect.target);
    return out;
}

class SecretInBuildArg final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return; // the trigger runs in another build, with that build's arguments
        const std::vector<std::string> secrets = secret_args(context);
        if (secrets.empty())
            return;
        const std::set<std::string> mounted = secret_mount_env(ins);
        const RunCommands& commands = run_commands(context, ins);
        for (const std::string& name : secrets) {
            if (mounted.count(name) || assigned_in(commands, name))
                continue;
            if (const std::optional<TextRange> use = first_use(commands, name, context))
                context.report(*use, message(name));
        }
    }

private:
    // The names of the secret ARGs in scope, where the latest declaration of the name is that ARG.
    static std::vector<std::string> secret_args(const Context& context) {
        std::map<std::string, Variable> latest;
        for (const Variable& variable : context.model().scope_at(context.index()))
            latest[variable.name] = variable;
        std::vector<std::string> out;
        for (const auto& [name, variable] : latest) {
            if (variable.kind != InstructionKind::Arg || !secret_like_name(name))
                continue;
            if (variable.value && !variable.value->empty() && value_clears_name(name, *variable.value))
                continue;
            out.push_back(name);
        }
        return out;
    }

    // Names that `RUN --mount=type=secret,…,env=NAME` sets from a secret.
    static std::set<std::string> secret_mount_env(const Instruction& ins) {
        std::set<std::string> out;
        for (const Flag& flag : ins.flags) {
            if (!iequals(flag.name.value, "mount"))
                continue;
            const std::vector<MountOption> options = mount_options(flag);
            bool secret = false;
            std::optional<std::string> env;
            for (const MountOption& option : options) {
                if (option.key == "type")
                    secret = option.value == "secret";
                else if (option.key == "env")
                    env = option.value;
            }
            if (secret && env)
                out.insert(*env);
        }
        return out;
    }

    static bool assigned_in(const RunCommands& commands, std::string_view name) {
        for (const RunCommand& run : commands.all()) {
            const shell::Command& command = run.command;
            for (const shell::Word& word : command.assignments)
                if (assigns(word, name))
                    return true;
            // `export NAME=…`, `readonly NAME=…`, `local NAME=…`
            const std::string_view program = command.name();
            if (program == "export" || program == "readonly" || program == "local" || program == "declare")
                for (const shell::Word& word : command.arguments())
                    if (assigns(word, name))
                        return true;
        }
        return false;
    }

    // The first `$NAME` of the RUN's commands, in source order.
    static std::optional<TextRange> first_use(const RunCommands& commands, std::string_view name,
                                              const Context& context) {
        std::optional<TextRange> first;
        for (const RunCommand& run : commands.all())
            for (const shell::Word* word : words_of(run.command)) {
                const std::string_view text = context.text(word->range);
                const std::optional<std::size_t> at = find_reference(text, name);
                if (!at)
                    continue;
                const TextSize begin = word->range.begin + static_cast<TextSize>(*at);
                std::size_t length = 1 + name.size();
                if (*at + 1 < text.size() && text[*at + 1] == '{') {
                    const std::size_t close = text.find('}', *at);
                    length = close == std::string_view::npos ? text.size() - *at : close + 1 - *at;
                }
                const TextRange range{begin, begin + static_cast<TextSize>(length)};
                if (!first || range.begin < first->begin)
                    first = range;
            }
        return first;
    }

    static std::string message(const std::string& name) {
        std::string id = to_lower(name);
        return "`RUN` uses the build argument `" + name +
               "`, whose value is recorded in the image history: use a secret mount instead, e.g. `RUN "
               "--mount=type=secret,id=" +
               id + ",env=" + name + " …` with `docker build --secret id=" + id + ",env=" + name + "`";
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2003, drydock::rules::rule_meta, drydock::rules::SecretInBuildArg)
