#include "language_packages.hpp"

#include "word_values.hpp"

#include <algorithm>
#include <cctype>

namespace drydock::rules {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The CSV fields of a `--mount` value; double quotes group commas, as BuildKit's CSV reader does.
std::vector<std::string> csv_fields(std::string_view value) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (const char c : value) {
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            fields.emplace_back();
        else
            fields.back().push_back(c);
    }
    return fields;
}

bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The modifier at the start of `rest` (what follows the name inside `${…}`); empty when there is none.
std::string_view modifier_of(std::string_view rest) {
    for (const std::string_view m : {":-", ":+", ":?", "##", "%%", "//", "-", "+", "?", "#", "%", "/", ":"})
        if (rest.starts_with(m))
            return m;
    return {};
}

// The reference that starts at `text[pos]` (a `$`): `$NAME` or `${NAME…}`, with `end` set one past it.
// nullopt for `$1`, `$@`, `$(…)` and other expansions whose value cannot come from an ARG or ENV.
std::optional<VariableRef> parse_reference(std::string_view text, std::size_t pos, std::size_t& end) {
    std::size_t p = pos + 1;
    const bool braced = p < text.size() && text[p] == '{';
    if (braced)
        ++p;
    if (p >= text.size() || !is_name_start(text[p]))
        return std::nullopt;
    const std::size_t name_begin = p;
    while (p < text.size() && is_name_char(text[p]))
        ++p;
    VariableRef ref;
    ref.name = std::string(text.substr(name_begin, p - name_begin));
    ref.braced = braced;
    if (!braced) {
        end = p;
        return ref;
    }
    // The closing brace, skipping nested `${…}` in the operand.
    int depth = 1;
    std::size_t close = p;
    for (; close < text.size() && depth > 0; ++close) {
        if (text[close] == '{')
            ++depth;
        else if (text[close] == '}')
            --depth;
    }
    if (depth != 0)
        return std::nullopt;
    const std::string_view rest = text.substr(p, close - 1 - p);
    const std::string_view modifier = modifier_of(rest);
    if (rest.size() > 0 && modifier.empty())
        return std::nullopt;
    ref.modifier = std::string(modifier);
    ref.operand = std::string(rest.substr(modifier.size()));
    end = close;
    return ref;
}

// The value of one reference written as `piece`, through word_values' rules for ARG/ENV defaults.
std::optional<std::string> reference_value(std::string_view piece, VariableRef ref,
                                           const std::vector<Variable>& scope) {
    Word word;
    word.range = {0, static_cast<TextSize>(piece.size())};
    word.raw = std::string(piece);
    word.value = word.raw;
    ref.range = word.range;
    word.variables.push_back(std::move(ref));
    return default_value(word, scope);
}

std::vector<std::string> split_fields(std::string_view text) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while (p < text.size()) {
        while (p < text.size() && std::isspace(static_cast<unsigned char>(text[p])))
            ++p;
        const std::size_t begin = p;
        while (p < text.size() && !std::isspace(static_cast<unsigned char>(text[p])))
            ++p;
        if (p > begin)
            out.emplace_back(text.substr(begin, p - begin));
    }
    return out;
}

} // namespace

std::optional<shell::Command> pip_argv(const shell::Command& command) {
    if (command.words.empty() || command.words.front().dynamic)
        return std::nullopt;
    if (is_versioned_program(command.name(), "pip"))
        return command;
    if (!is_versioned_program(command.name(), "python"))
        return std::nullopt;
    const std::vector<shell::Word>& words = command.words;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string_view word = words[i].value;
        if (word == "-m") {
            if (i + 1 >= words.size() || words[i + 1].value != "pip")
                return std::nullopt;
            shell::Command pip = command;
            pip.words.erase(pip.words.begin(), pip.words.begin() + static_cast<std::ptrdiff_t>(i + 1));
            return pip;
        }
        if (word == "-W" || word == "-X") { // interpreter options with a separate value
            ++i;
            continue;
        }
        if (word.size() < 2 || word[0] != '-' || word == "-c")
            return std::nullopt; // a script, `-` (stdin) or `-c code`: not pip
    }
    return std::nullopt;
}

namespace {

// `install` and what follows it, given the operands of a pip-like command.
std::optional<PipInstall> install_of(const shell::Command& command, shell::Command argv,
                                     std::vector<shell::Word> operands) {
    if (operands.empty() || operands.front().value != "install")
        return std::nullopt;
    PipInstall out;
    out.install = operands.front();
    out.range = span(command.words.front(), out.install);
    out.operands.assign(operands.begin() + 1, operands.end());
    out.pip = std::move(argv);
    return out;
}

} // namespace

std::vector<RunMount> run_mounts(const Instruction& run) {
    std::vector<RunMount> out;
    for (const Flag& flag : run.flags) {
        if (lower(flag.name.value) != "mount" || !flag.value)
            continue;
        RunMount mount;
        for (const std::string& field : csv_fields(flag.value->value)) {
            const std::size_t eq = field.find('=');
            if (eq == std::string::npos)
                continue;
            const std::string key = lower(field.substr(0, eq));
            const std::string value = field.substr(eq + 1);
            if (key == "type")
                mount.type = lower(value);
            else if (key == "target" || key == "dst" || key == "destination")
                mount.target = value;
        }
        out.push_back(std::move(mount));
    }
    return out;
}

bool has_cache_mount(const Instruction& run, std::initializer_list<std::string_view> directories) {
    for (const RunMount& mount : run_mounts(run)) {
        if (mount.type != "cache" && mount.type != "tmpfs")
            continue;
        std::string_view target = mount.target;
        while (target.size() > 1 && target.back() == '/')
            target.remove_suffix(1);
        for (const std::string_view directory : directories) {
            if (target == directory)
                return true;
            if (target.ends_with(directory) && target[target.size() - directory.size() - 1] == '/')
                return true;
        }
    }
    return false;
}

bool is_versioned_program(std::string_view word, std::string_view stem) {
    if (!word.starts_with(stem))
        return false;
    const std::string_view version = word.substr(stem.size());
    return std::all_of(version.begin(), version.end(),
                       [](unsigned char c) { return std::isdigit(c) || c == '.'; });
}

std::optional<PipInstall> pip_install(const shell::Command& command) {
    std::optional<shell::Command> argv = pip_argv(command);
    if (!argv)
        return std::nullopt;
    // pip's options that take a separate value, global ones and those of `install`.
    std::vector<shell::Word> operands = argv->operands({
        "log",
        "log-file",
        "local-log",
        "proxy",
        "retries",
        "timeout",
        "exists-action",
        "trusted-host",
        "cert",
        "client-cert",
        "cache-dir",
        "python",
        "use-feature",
        "use-deprecated",
        "keyring-provider",
        "resume-retries",
        "r",
        "requirement",
        "c",
        "constraint",
        "e",
        "editable",
        "t",
        "target",
        "platform",
        "python-version",
        "implementation",
        "abi",
        "root",
        "prefix",
        "src",
        "upgrade-strategy",
        "install-option",
        "global-option",
        "C",
        "config-settings",
        "i",
        "index-url",
        "extra-index-url",
        "f",
        "find-links",
        "no-binary",
        "only-binary",
        "progress-bar",
        "root-user-action",
        "report",
        "group",
        "b",
        "build",
    });
    return install_of(command, std::move(*argv), std::move(operands));
}

std::optional<PipInstall> pipx_install(const shell::Command& command) {
    if (command.name() != "pipx")
        return std::nullopt;
    std::vector<shell::Word> operands =
        command.operands({"python", "pip-args", "index-url", "suffix", "preinstall", "backend"});
    return install_of(command, command, std::move(operands));
}

std::optional<std::vector<std::string>> expanded_values(const shell::Word& word,
                                                        const std::vector<Variable>& scope) {
    if (!word.dynamic)
        return std::vector<std::string>{word.value};
    const std::string_view text = word.value;
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] != '$') {
            out.push_back(text[pos++]);
            continue;
        }
        std::size_t end = pos;
        std::optional<VariableRef> ref = parse_reference(text, pos, end);
        if (!ref)
            return std::nullopt;
        const std::optional<std::string> value =
            reference_value(text.substr(pos, end - pos), std::move(*ref), scope);
        if (!value)
            return std::nullopt;
        out += *value;
        pos = end;
    }
    if (word.quoted)
        return std::vector<std::string>{out};
    return split_fields(out);
}

} // namespace drydock::rules
