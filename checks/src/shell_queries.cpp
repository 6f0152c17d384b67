#include "shell_queries.hpp"

#include <drydock/checks/rule.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <utility>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 8> posix_shells = {"sh",  "bash", "ash",  "dash",
                                                          "zsh", "ksh",  "mksh", "busybox"};

bool is_posix_shell(std::string_view program) {
    return std::find(posix_shells.begin(), posix_shells.end(), program) != posix_shells.end();
}

std::string_view basename(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool contains(std::initializer_list<std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// `NAME=value`: an assignment that `env` and `sudo` accept before the command.
bool is_assignment(std::string_view word) {
    if (word.empty() || !(std::isalpha(static_cast<unsigned char>(word[0])) || word[0] == '_'))
        return false;
    const std::size_t eq = word.find('=');
    if (eq == std::string_view::npos)
        return false;
    return std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(eq),
                       [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// A wrapper program and how its own options are spelt.
struct Wrapper {
    std::string_view name;
    std::initializer_list<std::string_view> short_with_value; // letters whose value may be the next word
    std::initializer_list<std::string_view> long_with_value;  // `--name value` (without `=`)
    bool takes_assignments = false;                           // `NAME=value` words before the command
};

// Index of the first word of the wrapped command in `words` (which start with the wrapper), or 0 when the
// wrapper does not run a command here (`command -v x`, `env -S '…'`, a wrapper with no command after it).
std::size_t wrapped_command_start(const Wrapper& wrapper, std::span<const shell::Word> words) {
    std::size_t i = 1;
    while (i < words.size()) {
        const std::string_view word = words[i].value;
        if (words[i].dynamic && !is_assignment(word))
            return 0; // `sudo $CMD`: the command is not known
        if (word == "--") {
            ++i;
            break;
        }
        if (wrapper.takes_assignments && is_assignment(word)) {
            ++i;
            continue;
        }
        if (word.size() < 2 || word[0] != '-') {
            // `nice -10 cmd` is an option, any other word is the command
            break;
        }
        if (word.starts_with("--")) {
            const std::string_view name = word.substr(
                2, word.find('=') == std::string_view::npos ? std::string_view::npos : word.find('=') - 2);
            if (wrapper.name == "env" && name == "split-string")
                return 0;
            i += word.find('=') == std::string_view::npos && contains(wrapper.long_with_value, name) ? 2 : 1;
            continue;
        }
        // A short-option cluster: the value of a value-taking letter is the rest of the word or the next
        // word.
        const std::string_view letters = word.substr(1);
        if (wrapper.name == "command" &&
            (letters.find('v') != std::string_view::npos || letters.find('V') != std::string_view::npos))
            return 0; // `command -v x` asks where x is; it runs nothing
        if (wrapper.name == "env" && letters.find('S') != std::string_view::npos)
            return 0; // `env -S 'cmd args'`: the command is inside a string
        std::size_t advance = 1;
        for (std::size_t k = 0; k < letters.size(); ++k) {
            if (contains(wrapper.short_with_value, letters.substr(k, 1))) {
                if (k + 1 == letters.size())
                    advance = 2;
                break;
            }
        }
        i += advance;
    }
    return i < words.size() ? i : 0;
}

const Wrapper* find_wrapper(std::string_view name) {
    static const std::array<Wrapper, 9> wrappers = {{
        {"sudo",
         {"u", "g", "h", "p", "C", "D", "r", "t", "U", "T"},
         {"user", "group", "host", "prompt", "close-from", "chdir", "role", "type", "other-user",
          "command-timeout"},
         true},
        {"doas", {"u", "C"}, {}, false},
        {"env", {"u", "C"}, {"unset", "chdir"}, true},
        {"command", {}, {}, false},
        {"exec", {"a"}, {}, false},
        {"nice", {"n"}, {"adjustment"}, false},
        {"nohup", {}, {}, false},
        {"time", {"f", "o"}, {"format", "output"}, false},
        {"eatmydata", {}, {}, false},
    }};
    // Asked for every command: most programs start with a letter no wrapper starts with.
    if (name.empty() || std::string_view("sdecnt").find(name.front()) == std::string_view::npos)
        return nullptr;
    for (const Wrapper& w : wrappers)
        if (w.name == name)
            return &w;
    return nullptr;
}

// The interpreter a heredoc body names in its shebang line (`#!/usr/bin/env python3` gives "python3"); empty
// when the body has no shebang.
std::string_view shebang_program(std::string_view body) {
    if (!body.starts_with("#!"))
        return {};
    std::string_view line = body.substr(2, body.find('\n') == std::string_view::npos ? std::string_view::npos
                                                                                     : body.find('\n') - 2);
    std::vector<std::string_view> tokens;
    std::size_t p = 0;
    while (p < line.size()) {
        while (p < line.size() && std::isspace(static_cast<unsigned char>(line[p])))
            ++p;
        const std::size_t begin = p;
        while (p < line.size() && !std::isspace(static_cast<unsigned char>(line[p])))
            ++p;
        if (p > begin)
            tokens.push_back(line.substr(begin, p - begin));
    }
    if (tokens.empty())
        return {};
    std::string_view program = basename(tokens[0]);
    if (program != "env")
        return program;
    for (std::size_t k = 1; k < tokens.size(); ++k) {
        if (tokens[k].starts_with("-") || is_assignment(tokens[k]))
            continue;
        return basename(tokens[k]);
    }
    return program;
}

// Whether a short-option cluster such as `-o`, `+o` or `-euo` ends with `o`, so that the next word is its
// value.
bool is_o_option(std::string_view word) {
    if (word.size() < 2 || (word[0] != '-' && word[0] != '+') || word.back() != 'o')
        return false;
    return std::all_of(word.begin() + 1, word.end(), [](unsigned char c) { return std::isalpha(c); });
}

// How many leading words of `command` are wrappers and their options (0 when it has no wrapper).
std::size_t wrapper_length(const shell::Command& command) {
    const std::span<const shell::Word> words(command.words);
    std::size_t skip = 0;
    for (int round = 0; round < 8 && skip < words.size(); ++round) {
        if (words[skip].dynamic)
            break;
        const Wrapper* wrapper = find_wrapper(basename(words[skip].value));
        if (!wrapper)
            break;
        const std::size_t start = wrapped_command_start(*wrapper, words.subspan(skip));
        if (start == 0)
            break;
        skip += start;
    }
    return skip;
}

} // namespace

shell::Command without_wrappers(const shell::Command& command) {
    shell::Command out = command;
    out.words.erase(out.words.begin(),
                    out.words.begin() + static_cast<std::ptrdiff_t>(wrapper_length(command)));
    return out;
}

void RunCommands::add(const shell::Command& command, CommandSource source, const shell::Script& script) {
    const std::size_t wrapper = wrapper_length(command);
    if (wrapper == 0) {
        commands_.push_back({command, source, command, &script});
        return;
    }
    shell::Command& unwrapped = unwrapped_.emplace_back(command);
    unwrapped.words.erase(unwrapped.words.begin(),
                          unwrapped.words.begin() + static_cast<std::ptrdiff_t>(wrapper));
    commands_.push_back({unwrapped, source, command, &script});
}

RunCommands::RunCommands(const Dockerfile& file, const Instruction& run) {
    if (!run.command) {
        known_ = false;
        return;
    }
    const CommandLine& line = *run.command;
    if (line.form == CommandForm::Exec) {
        shell::Command command;
        command.range = line.range;
        for (const Word& element : line.elements)
            command.words.push_back({element.range, element.value, true, false});
        if (!command.words.empty()) {
            // No parser command to refer to: the argv is kept here, as written and without its wrappers.
            const shell::Command& written = unwrapped_.emplace_back(std::move(command));
            const shell::Command& kept =
                wrapper_length(written) == 0 ? written : unwrapped_.emplace_back(without_wrappers(written));
            commands_.push_back({kept, CommandSource::ExecForm, written, nullptr});
        }
        return;
    }
    if (!line.script) {
        known_ = false;
        return;
    }
    scripts_.push_back({&*line.script, CommandSource::CommandLine, true, nullptr});
    commands_.reserve(line.script->commands.size());
    for (const shell::Command& command : line.script->commands)
        add(command, CommandSource::CommandLine, *line.script);
    // `RUN <<EOF`: the heredoc is the whole command, run by RUN's shell (BuildKit hands its text to `sh -c`).
    const std::vector<shell::Command>& top = line.script->commands;
    const bool heredoc_is_command = run.heredocs.size() == 1 && top.size() == 1 && top.front().words.empty();
    // Otherwise a heredoc is read on standard input by the program of the command line (`RUN bash <<EOF`).
    const shell::Command* reader = nullptr;
    for (const shell::Command& command : top) {
        if (!command.words.empty()) {
            reader = &command;
            break;
        }
    }
    for (const Heredoc& doc : run.heredocs) {
        if (!doc.script)
            continue;
        // BuildKit honours a shebang only when the heredoc is the whole command; fed to `bash`, it is a
        // comment.
        const std::string_view program = heredoc_is_command ? shebang_program(file.text(doc.body)) : "";
        if (!program.empty() && !is_posix_shell(program))
            continue; // `#!/usr/bin/env python3`: not shell text
        const bool shebang = !program.empty();
        scripts_.push_back({&*doc.script, CommandSource::Heredoc, heredoc_is_command && !shebang,
                            heredoc_is_command || shebang ? nullptr : reader});
        commands_.reserve(commands_.size() + doc.script->commands.size());
        for (const shell::Command& command : doc.script->commands)
            add(command, CommandSource::Heredoc, *doc.script);
    }
}

namespace {

// run_commands' memory: the RunCommands built for the instruction being checked (and its ONBUILD trigger).
struct RunCommandsMemo {
    std::size_t index = std::string::npos; // the top-level instruction they belong to
    std::vector<std::pair<const Instruction*, std::unique_ptr<RunCommands>>> built;
};

} // namespace

const RunCommands& run_commands(const Context& context, const Instruction& run) {
    RunCommandsMemo& memo = context.cache<RunCommandsMemo>();
    if (memo.index != context.index()) {
        memo.built.clear();
        memo.index = context.index();
    }
    for (const auto& [instruction, commands] : memo.built)
        if (instruction == &run)
            return *commands;
    memo.built.emplace_back(&run, std::make_unique<RunCommands>(context.file(), run));
    return *memo.built.back().second;
}

void forget_run_commands(const Context& context) {
    context.cache<RunCommandsMemo>() = RunCommandsMemo{};
}

std::vector<const shell::Command*> RunCommands::named(std::string_view name) const {
    std::vector<const shell::Command*> out;
    for (const RunCommand& c : commands_)
        if (c.command.name() == name)
            out.push_back(&c.command);
    return out;
}

std::size_t RunCommands::program_count() const {
    const bool has_heredoc_script = scripts_.size() > 1;
    std::size_t count = 0;
    for (const RunCommand& c : commands_) {
        if (c.command.words.empty())
            continue;
        const bool reads_heredoc =
            std::any_of(c.command.redirects.begin(), c.command.redirects.end(), [](const shell::Redirect& r) {
                return r.op.find("<<") != std::string::npos && r.op.find("<<<") == std::string::npos;
            });
        if (has_heredoc_script && c.source == CommandSource::CommandLine &&
            is_posix_shell(c.command.name()) && reads_heredoc)
            continue;
        ++count;
    }
    return count;
}

std::optional<std::vector<shell::Word>> apt_get_install_packages(const shell::Command& command) {
    if (command.name() != "apt-get")
        return std::nullopt;
    std::vector<shell::Word> operands =
        command.operands({"o", "option", "c", "config-file", "t", "target-release", "default-release", "a",
                          "host-architecture", "P", "build-profiles"});
    if (operands.empty() || operands.front().value != "install")
        return std::nullopt;
    operands.erase(operands.begin());
    return operands;
}

std::optional<Pipe> first_pipe_without_pipefail(const shell::Script& script, bool pipefail) {
    for (std::size_t i = 0; i < script.commands.size(); ++i) {
        const shell::Command& command = script.commands[i];
        if (command.preceded_by == shell::Operator::Pipe && !pipefail && i > 0)
            return Pipe{&script.commands[i - 1], &command};
        if (command.depth != 0 || command.name() != "set")
            continue;
        for (std::size_t k = 1; k + 1 < command.words.size(); ++k) {
            if (is_o_option(command.words[k].value) && command.words[k + 1].value == "pipefail")
                pipefail = command.words[k].value[0] == '-';
        }
    }
    return std::nullopt;
}

bool starts_with_pipefail(const RunScript& script, const ShellInfo& shell) {
    if (script.in_run_shell)
        return shell_sets_pipefail(shell);
    if (!script.reader || !is_posix_shell(script.reader->name()))
        return false;
    bool pipefail = false;
    const std::vector<shell::Word>& words = script.reader->words;
    for (std::size_t k = 1; k + 1 < words.size(); ++k)
        if (is_o_option(words[k].value) && words[k + 1].value == "pipefail")
            pipefail = words[k].value[0] == '-';
    return pipefail;
}

bool shell_sets_pipefail(const ShellInfo& shell) {
    if (!shell.posix)
        return false;
    bool pipefail = false;
    for (std::size_t k = 1; k + 1 < shell.argv.size(); ++k) {
        if (is_o_option(shell.argv[k]) && shell.argv[k + 1] == "pipefail")
            pipefail = shell.argv[k][0] == '-';
    }
    return pipefail;
}

} // namespace drydock::rules
