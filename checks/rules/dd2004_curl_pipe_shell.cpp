// DD2004: downloaded content run as code without a check (`curl … | sh`).

#include "language_packages.hpp"
#include "program_options.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <drydock/parser/logical_text.hpp>

#include <algorithm>
#include <array>
#include <span>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD2004",
    .name = "curl-pipe-shell",
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Do not pipe downloaded content into a shell or interpreter",
    .docs =
        {.what =
             "Reports a `curl` or `wget` that writes a download to standard output (curl without `-o`/`-O`; "
             "wget with `-O -`) piped into a program that runs its standard input as code: a shell (`sh`, "
             "`bash`, `zsh`, `dash`, `ash`, `ksh`, also with `-s` or `-` and behind `sudo`/`env`) or an "
             "interpreter (`python`, `perl`, `ruby`, `node`, `php`) given no script file. Also reports a "
             "download run through a substitution: `sh -c \"$(curl …)\"`, `bash <(curl …)`, `eval "
             "\"$(wget -O- …)\"`, `source <(curl …)`. An interpreter that gets its code elsewhere and only "
             "reads the download as data (`curl … | python3 -c 'import json,sys; …'`, `curl … | python3 -m "
             "json.tool`, `curl … | sh -c 'cat > f'`) is not reported. Commands in the RUN's command line "
             "and in heredoc bodies read by a shell are checked, `ONBUILD RUN` included.",
         .why =
             "Whatever the server sends at build time runs as root in the build, unseen: a compromised or "
             "hijacked download site, a redirect to another host, or a truncated transfer (a script cut "
             "off mid-line can run half a command) goes straight into the image. Nothing pins what ran, so "
             "two builds of the same Dockerfile can run different code. Download the script to a file, "
             "check it against a known SHA-256 digest (`sha256sum -c`), then run it.",
         .bad = "FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n",
         .good = "FROM debian:12\nARG INSTALL_SHA256=0f2d7a…\n"
                 "RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n"
                 "    && echo \"${INSTALL_SHA256}  /tmp/install.sh\" | sha256sum -c - \\\n"
                 "    && sh /tmp/install.sh && rm /tmp/install.sh\n",
         .references = "https://docs.docker.com/build/building/best-practices/#add-or-copy\n"
                       "https://www.idontplaydarts.com/2016/04/detecting-curl-pipe-bash-server-side/"},
};

// How an interpreter is told where its code comes from.
struct Interpreter {
    // Options whose argument (or the first operand) is the code, or that name a script file or module: with
    // one of them, standard input is data (`-c` of a shell, `-c`/`-m` of python, `-e` of perl).
    std::string_view code_letters;
    std::span<const std::string_view> code_long;
    // Options that make it read the script from standard input whatever the operands say (`sh -s`).
    std::string_view stdin_letters;
    GetoptSyntax syntax;
    // Whether `--` before any operand means "the script comes from standard input, the rest are its
    // arguments" (`php -- --install-dir=/usr/local/bin`).
    bool dashes_mean_stdin = false;
};

constexpr std::array<std::string_view, 2> shell_long_values = {"rcfile", "init-file"};
constexpr std::array<std::string_view, 1> python_long_values = {"check-hash-based-pycs"};
constexpr std::array<std::string_view, 2> node_code_long = {"eval", "print"};
constexpr std::array<std::string_view, 7> node_long_values = {
    "require", "import", "loader", "experimental-loader", "input-type", "conditions", "title"};

const Interpreter shell_interpreter{"c", {}, "s", {"oO", shell_long_values}};
const Interpreter python_interpreter{"cm", {}, "", {"cmWX", python_long_values, "cm"}};
const Interpreter perl_interpreter{"eE", {}, "", {"eE", {}, "eE"}};
const Interpreter ruby_interpreter{"e", {}, "", {"eCEFIrx", {}, "e"}};
const Interpreter node_interpreter{"ep", node_code_long, "", {"epr", node_long_values, "ep"}};
const Interpreter php_interpreter{"rfRFBE", {}, "", {"cdfrzRFBEt", {}, "rf"}, true};

bool is_shell(std::string_view program) {
    static constexpr std::array<std::string_view, 8> shells = {"sh",  "bash", "zsh",  "dash",
                                                               "ash", "ksh",  "mksh", "fish"};
    return std::find(shells.begin(), shells.end(), program) != shells.end();
}

// The interpreter a command runs and the index of its first argument (`busybox sh -s` → 2).
const Interpreter* interpreter_of(const shell::Command& command, std::size_t& first) {
    if (command.words.empty() || command.words.front().dynamic)
        return nullptr;
    std::string_view program = command.name();
    first = 1;
    if (program == "busybox" && command.words.size() > 1) {
        program = command.words[1].value;
        first = 2;
    }
    if (is_shell(program))
        return &shell_interpreter;
    if (is_versioned_program(program, "python"))
        return &python_interpreter;
    if (is_versioned_program(program, "perl"))
        return &perl_interpreter;
    if (is_versioned_program(program, "ruby"))
        return &ruby_interpreter;
    if (program == "node" || program == "nodejs")
        return &node_interpreter;
    if (is_versioned_program(program, "php"))
        return &php_interpreter;
    return nullptr;
}

// The interpreter's name for messages: `sh` for `busybox sh`.
std::string interpreter_name(const shell::Command& command) {
    std::size_t first = 1;
    if (interpreter_of(command, first) && first == 2)
        return command.words[1].value;
    return std::string(command.name());
}

// Whether `command` runs the code it reads on standard input: an interpreter with no script file operand
// (or `-`, `/dev/stdin`) and no option that gives it its code another way.
bool runs_stdin(const shell::Command& command) {
    std::size_t first = 1;
    const Interpreter* interpreter = interpreter_of(command, first);
    if (!interpreter)
        return false;
    const ProgramOptions read = read_program_options(command, interpreter->syntax, first);
    for (const CommandOption& option : read.options) {
        if (option.is_long ? std::find(interpreter->code_long.begin(), interpreter->code_long.end(),
                                       option.name) != interpreter->code_long.end()
                           : interpreter->code_letters.find(option.name[0]) != std::string_view::npos)
            return false;
    }
    for (const CommandOption& option : read.options)
        if (!option.is_long && interpreter->stdin_letters.find(option.name[0]) != std::string_view::npos)
            return true;
    if (read.operands.empty() || (interpreter->dashes_mean_stdin && read.operands_before_dashes == 0))
        return true;
    const shell::Word& script = read.operands.front();
    return !script.dynamic && (script.value == "-" || script.value == "/dev/stdin");
}

bool downloads_to_stdout(const shell::Command& command) {
    const std::optional<DownloadCommand> download = read_download_command(command);
    return download && writes_to_stdout(*download);
}

// The downloader a word runs when the word is one command or process substitution, `$(…)`, `` `…` `` or
// `<(…)`, around a download to standard output (`"$(curl -fsSL https://…)"`); empty otherwise.
std::string substituted_download(const shell::Word& word) {
    const std::string& value = word.value;
    std::string_view body;
    if ((value.starts_with("$(") || value.starts_with("<(")) && value.ends_with(")") && value.size() > 3)
        body = std::string_view(value).substr(2, value.size() - 3);
    else if (value.starts_with("`") && value.ends_with("`") && value.size() > 2)
        body = std::string_view(value).substr(1, value.size() - 2);
    else
        return {};
    // The substitution's text is shell text of its own: read it with the same shell model.
    const shell::Script script = shell::parse(LogicalText::contiguous(body, word.range.begin));
    for (const shell::Command& command : script.commands) {
        const shell::Command program = without_wrappers(command);
        if (downloads_to_stdout(program))
            return std::string(program.name());
    }
    return {};
}

// Whether the program runs the code an argument holds: an interpreter (`sh -c`, `bash <(…)`, `python3 -c`),
// `eval`, `source` or `.`.
bool runs_argument(const shell::Command& command) {
    std::size_t first = 1;
    const std::string_view name = command.name();
    return interpreter_of(command, first) || name == "eval" || name == "source" || name == ".";
}

const std::string message_tail = ": download it to a file, verify its checksum (`sha256sum -c`), then run it";

class CurlPipeShell final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        // all() lists the scripts' commands in order, script after script, each unwrapped.
        std::size_t offset = 0;
        for (const RunScript& script : commands.scripts()) {
            check_script(*script.script,
                         std::span(commands.all()).subspan(offset, script.script->commands.size()), context);
            offset += script.script->commands.size();
        }
    }

private:
    // `programs[j]` is `script.commands[j]` without its wrappers.
    static void check_script(const shell::Script& script, std::span<const RunCommand> programs,
                             Context& context) {
        const std::vector<shell::Command>& written = script.commands;
        for (std::size_t j = 0; j < written.size(); ++j) {
            const shell::Command& program = programs[j].command;
            if (written[j].preceded_by == shell::Operator::Pipe && runs_stdin(program))
                check_pipeline(written, programs, j, program, context);
            if (runs_argument(program))
                check_substitutions(written[j], program, context);
        }
    }

    // A download earlier in the pipeline that ends in `written[j]`, the interpreter.
    static void check_pipeline(const std::vector<shell::Command>& written,
                               std::span<const RunCommand> programs, std::size_t j,
                               const shell::Command& interpreter, Context& context) {
        const int depth = written[j].depth;
        for (std::size_t k = j; k-- > 0;) {
            if (written[k].depth < depth)
                return;
            const shell::Command& download = programs[k].command;
            if (downloads_to_stdout(download)) {
                const std::string name = interpreter_name(interpreter);
                context.report({written[k].range.begin, written[j].range.end},
                               "Downloaded content is piped into `" + name + "` (`" +
                                   std::string(download.name()) + " … | " + name + "`)" + message_tail);
                return;
            }
            if (written[k].depth == depth && written[k].preceded_by != shell::Operator::Pipe)
                return; // the first command of the pipeline
        }
    }

    static void check_substitutions(const shell::Command& written, const shell::Command& program,
                                    Context& context) {
        for (std::size_t i = 1; i < program.words.size(); ++i) {
            const std::string downloader = substituted_download(program.words[i]);
            if (downloader.empty())
                continue;
            const std::string name = interpreter_name(program);
            context.report({written.range.begin, program.words[i].range.end},
                           "Downloaded content is run by `" + name + "` (`" + name + " … " + downloader +
                               " …`)" + message_tail);
            return;
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2004, drydock::rules::rule_meta, drydock::rules::CurlPipeShell)
