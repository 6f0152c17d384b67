// DL3025: CMD / ENTRYPOINT in shell form.

#include "fix_builders.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"JSONArgsRecommended"};

constexpr RuleMeta rule_meta{
    .code = "DL3025",
    .name = "json-args-cmd",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "Use arguments JSON notation for CMD and ENTRYPOINT arguments",
    .docs =
        {.what =
             "Reports `CMD` and `ENTRYPOINT` in shell form (`CMD npm start`), also as `ONBUILD` triggers. "
             "When the command is one simple command with literal words, the message spells out the exec "
             "form to use.\n\n"
             "Unlike hadolint, `HEALTHCHECK CMD` in shell form is not reported: a health check is not PID 1 "
             "and is not sent the container's stop signal, so the reason for the exec form does not apply, "
             "and the shell form is the usual way to write `curl -f … || exit 1`.\n\n"
             "BuildKit reports the same as JSONArgsRecommended, an alias of this rule, so the problem is "
             "reported "
             "once. Unlike BuildKit, a `SHELL` instruction in the stage does not silence the rule: the shell "
             "still stands between the runtime and the process.",
         .why = "In shell form the runtime starts `/bin/sh -c \"…\"`, so the shell is PID 1 and your process "
                "is its child: `docker stop` sends SIGTERM to the shell, which does not pass it on, and the "
                "container is killed after the timeout instead of shutting down cleanly. The shell form of "
                "`ENTRYPOINT` also ignores `CMD` and `docker run` arguments.",
         .bad = "FROM node:22-alpine\nCMD npm start\n",
         .good = "FROM node:22-alpine\nCMD [\"npm\", \"start\"]\n",
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`): offered only when the command is one simple command "
             "of literal words (no variables, operators, redirects, globs or substitutions), written as "
             "the JSON array of exactly those words. The program then runs as PID 1 without `/bin/sh "
             "-c` in front of it: it receives signals itself and `docker run` arguments are appended "
             "to an ENTRYPOINT, which is the point of the rule but changes how the container behaves.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3025\n"
                       "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form\n"
                       "https://docs.docker.com/reference/build-checks/json-args-recommended/"},
};

std::string json_string(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// The exec form of a shell-form command that is one simple command of literal words; empty otherwise.
std::string exec_form(const CommandLine& command) {
    if (!command.script || command.script->commands.size() != 1 || !command.script->errors.empty())
        return {};
    const shell::Command& c = command.script->commands.front();
    if (c.words.empty() || !c.assignments.empty() || !c.redirects.empty() || c.depth != 0)
        return {};
    std::string out = "[";
    for (const shell::Word& word : c.words) {
        const bool control = std::any_of(word.value.begin(), word.value.end(),
                                         [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; });
        if (word.dynamic || control || word.value.find_first_of("*?[~") != std::string::npos)
            return {};
        if (out.size() > 1)
            out += ", ";
        out += json_string(word.value);
    }
    return out + "]";
}

class JsonArgsCmd final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Cmd, InstructionKind::Entrypoint};
    }
    void check(const Instruction& ins, Context& context) override {
        if (!ins.command || ins.command->form != CommandForm::Shell || ins.command->range.empty())
            return;
        const std::string keyword(keyword_name(ins.kind));
        std::string message = "Use arguments JSON notation for CMD and ENTRYPOINT arguments: ";
        const std::string exec = exec_form(*ins.command);
        std::optional<Fix> fix;
        if (!exec.empty()) {
            message += "write `" + keyword + " " + exec + "`";
            if (!drops_comments(ins, ins.command->range))
                fix = Fix::replace("Use the exec form " + exec, ins.command->range, exec,
                                   Applicability::Unsafe);
        } else {
            message += "this " + keyword + " is in shell form";
        }
        context.report(ins.command->range, message, std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3025, drydock::rules::rule_meta, drydock::rules::JsonArgsCmd)
