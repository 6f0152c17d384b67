// DD2006: files or directories made world-writable (`chmod 777`, `COPY --chmod=666`).

#include "program_options.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD2006",
    .name = "chmod-777",
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Do not make files world-writable",
    .docs =
        {.what =
             "Reports a mode that gives every user write permission: `chmod 777`, `chmod 666`, `chmod -R "
             "a+rwX`, `chmod o+w` (any octal mode whose last digit has the write bit, any symbolic clause "
             "for `o` or `a` that adds or sets `w`), `mkdir -m`/`install -m` with such a mode, and `COPY "
             "--chmod=…`/`ADD --chmod=…` with one. A mode that also sets the sticky bit (`1777`, `a+rwxt`) "
             "is left alone: that is how shared directories such as `/tmp` are meant to be. Symbolic modes "
             "without `o` or `a` (`chmod +w`) are filtered by the umask and not reported. Commands in the "
             "RUN's command line, heredoc bodies read by a shell, exec form and `ONBUILD` are checked.",
         .why = "A world-writable file can be changed by any user and any process in the container: a "
                "compromised service running as an unprivileged user can rewrite the application's code, "
                "its configuration or a script that root runs later, and so escalate. `777` is usually a "
                "shortcut around a permission error; the fix is to give the files to the user that needs "
                "them (`COPY --chown=app:app`, `chown`) and keep the mode at `755`/`644` (or `775`/`664` for "
                "a shared group).",
         .bad = "FROM debian:12\nCOPY app /srv/app\nRUN chmod -R 777 /srv/app\nUSER nobody\n",
         .good = "FROM debian:12\nCOPY --chown=nobody:nogroup app /srv/app\nRUN chmod -R 755 /srv/app\n"
                 "USER nobody\n",
         .references = "https://docs.docker.com/reference/dockerfile/#copy---chmod\n"
                       "https://cwe.mitre.org/data/definitions/732.html"},
};

// Whether `mode`, as chmod reads it, gives others write permission without the sticky bit.
bool world_writable(std::string_view mode) {
    if (mode.empty())
        return false;
    if (std::all_of(mode.begin(), mode.end(), [](char c) { return c >= '0' && c <= '7'; })) {
        if (mode.size() > 5)
            return false;
        const unsigned long value = std::stoul(std::string(mode), nullptr, 8);
        return (value & 02U) != 0 && (value & 01000U) == 0;
    }
    bool others_write = false;
    bool sticky = false;
    std::size_t p = 0;
    while (p <= mode.size()) {
        const std::size_t comma = std::min(mode.find(',', p), mode.size());
        const std::string_view clause = mode.substr(p, comma - p);
        const std::size_t ops = clause.find_first_of("+-=");
        if (ops == std::string_view::npos)
            return false; // not a symbolic mode
        const std::string_view who = clause.substr(0, ops);
        if (who.find_first_not_of("ugoa") != std::string_view::npos)
            return false;
        const bool others = who.find_first_of("oa") != std::string_view::npos;
        // One or more operator-permissions pairs: `a+rwx`, `u=rw-x`.
        std::size_t q = ops;
        while (q < clause.size()) {
            const char op = clause[q++];
            const std::size_t end = std::min(clause.find_first_of("+-=", q), clause.size());
            const std::string_view perms = clause.substr(q, end - q);
            const bool w = perms.find('w') != std::string_view::npos;
            if (perms.find('t') != std::string_view::npos && op != '-')
                sticky = true;
            if (others && op == '+' && w)
                others_write = true;
            else if (others && op == '=')
                others_write = w;
            else if (others && op == '-' && w)
                others_write = false;
            q = end;
        }
        p = comma + 1;
    }
    return others_write && !sticky;
}

constexpr std::array<std::string_view, 1> mkdir_long_values = {"mode"};
constexpr std::array<std::string_view, 6> install_long_values = {
    "mode", "owner", "group", "suffix", "target-directory", "strip-program"};

// The mode word of a command that sets one: chmod's first operand, the value of `mkdir -m` / `install -m`.
// nullopt for other commands and for `chmod --reference=FILE`.
std::optional<shell::Word> mode_word(const shell::Command& command) {
    if (command.words.empty() || command.words.front().dynamic)
        return std::nullopt;
    const std::string_view name = command.name();
    if (name == "chmod") {
        if (command.has_flag("reference"))
            return std::nullopt;
        const std::vector<shell::Word> operands = command.operands();
        if (operands.size() < 2)
            return std::nullopt; // a mode without a file changes nothing
        return operands.front();
    }
    const bool mkdir = name == "mkdir";
    if (!mkdir && name != "install")
        return std::nullopt;
    const ProgramOptions read = read_program_options(
        command, mkdir ? GetoptSyntax{"m", mkdir_long_values} : GetoptSyntax{"mgoStT", install_long_values});
    const CommandOption* mode = read.option({"m", "mode"});
    if (!mode || !mode->value)
        return std::nullopt;
    // The word that holds the value: the option's own word (`-m777`, `--mode=777`) or the next one.
    const shell::Word& own = command.words[mode->word];
    if (own.value.ends_with(*mode->value) && own.value != "-m" && own.value != "--mode")
        return shell::Word{own.range, *mode->value, own.quoted, own.dynamic};
    if (mode->word + 1 < command.words.size())
        return command.words[mode->word + 1];
    return std::nullopt;
}

class Chmod777 final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Run, InstructionKind::Copy, InstructionKind::Add};
    }
    void check(const Instruction& ins, Context& context) override {
        if (ins.is(InstructionKind::Run))
            check_run(ins, context);
        else
            check_copy(ins, context);
    }

private:
    static void check_run(const Instruction& ins, Context& context) {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& run : commands.all()) {
            const std::optional<shell::Word> mode = mode_word(run.command);
            if (!mode || mode->dynamic || !world_writable(mode->value))
                continue;
            context.report(mode->range, "`" + std::string(run.command.name()) + "` with mode `" +
                                            mode->value +
                                            "` makes files world-writable: any user in the container can "
                                            "change them; give them to the user that needs them and use a "
                                            "mode such as 755 or 775");
        }
    }

    static void check_copy(const Instruction& ins, Context& context) {
        const Flag* chmod = ins.flag("chmod");
        if (!chmod || !chmod->value || (context.in_onbuild() && !chmod->value->variables.empty()))
            return;
        const std::vector<Variable> scope =
            context.in_onbuild() ? std::vector<Variable>{} : context.model().scope_at(context.index());
        const std::optional<std::string> mode = default_value(*chmod->value, scope);
        if (!mode || !world_writable(*mode))
            return;
        context.report(chmod->value->range,
                       "`--chmod=" + *mode +
                           "` makes the copied files world-writable: any user in the container can change "
                           "them; use `--chown` to give them to the user that needs them and a mode such as "
                           "755 or 775");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2006, drydock::rules::rule_meta, drydock::rules::Chmod777)
