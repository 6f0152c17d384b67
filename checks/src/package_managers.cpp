#include "package_managers.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fnmatch.h>
#include <map>
#include <span>

namespace drydock::rules {
namespace {

constexpr std::size_t npos = std::string_view::npos;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && lower(a) == lower(b);
}

bool contains(std::span<const std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool contains(std::initializer_list<std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// ---- Option syntax of each package manager

// The options that take a value, before the subcommand (global) and after it. A value is attached
// (`-oA=1`, `--option=A=1`) or the next word (`-o A=1`, `--option A=1`).
struct OptionSyntax {
    std::string_view global_short;
    std::span<const std::string_view> global_long;
    std::string_view command_short;
    std::span<const std::string_view> command_long;
};

constexpr std::array<std::string_view, 6> apt_long = {
    "option", "config-file", "target-release", "default-release", "host-architecture", "build-profiles"};
constexpr std::array<std::string_view, 6> aptitude_long = {
    "option", "target-release", "default-release", "display-format", "sort", "width"};
constexpr std::array<std::string_view, 12> apk_long = {
    "virtual",  "repository",        "root",        "arch",    "cache-dir", "cache-max-age",
    "keys-dir", "repositories-file", "progress-fd", "timeout", "wait",      "from"};
constexpr std::array<std::string_view, 30> rpm_long = {
    "config",     "debuglevel",    "errorlevel",   "rpmverbosity", "installroot", "releasever",
    "enablerepo", "disablerepo",   "repo",         "repoid",       "exclude",     "excludepkgs",
    "setopt",     "disableplugin", "enableplugin", "forcearch",    "color",       "downloaddir",
    "destdir",    "comment",       "randomwait",   "advisory",     "advisories",  "bz",
    "cve",        "sec-severity",  "secseverity",  "repofrompath", "from-repo",   "releasever-major"};
constexpr std::array<std::string_view, 13> zypper_global_long = {
    "config",         "root",          "reposd-dir", "cache-dir",    "raw-cache-dir",
    "solv-cache-dir", "pkg-cache-dir", "plus-repo",  "plus-content", "userdata",
    "table-style",    "installroot",   "releasever"};
constexpr std::array<std::string_view, 5> zypper_command_long = {"repo", "from", "type", "download",
                                                                 "comment"};

OptionSyntax syntax_of(PackageManager manager) {
    switch (manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
        return {"octaP", apt_long, "octaP", apt_long};
    case PackageManager::Aptitude:
        return {"oFStwO", aptitude_long, "oFStwO", aptitude_long};
    case PackageManager::Apk:
        return {"tXp", apk_long, "tXp", apk_long};
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
        return {"cdexR", rpm_long, "cdexR", rpm_long};
    case PackageManager::Zypper:
        return {"cRDCps", zypper_global_long, "rt", zypper_command_long};
    }
    return {};
}

bool is_flag_letter(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// ---- Paths

bool has_glob(std::string_view s) {
    return s.find_first_of("*?[") != npos;
}

// `//a/./b/` -> `/a/b`; relative paths keep their first segment as written.
std::string normalize_path(std::string_view path) {
    std::string out;
    std::size_t p = 0;
    const bool absolute = path.starts_with('/');
    while (p < path.size()) {
        while (p < path.size() && path[p] == '/')
            ++p;
        const std::size_t begin = p;
        while (p < path.size() && path[p] != '/')
            ++p;
        const std::string_view segment = path.substr(begin, p - begin);
        if (segment.empty() || segment == ".")
            continue;
        if (!out.empty() || absolute)
            out.push_back('/');
        out.append(segment);
    }
    if (out.empty())
        return absolute ? "/" : ".";
    return out;
}

// `dir` and each of its ancestors, `/` last: `/var/lib/apt` -> {/var/lib/apt, /var/lib, /var, /}.
std::vector<std::string> self_and_ancestors(std::string_view dir) {
    std::vector<std::string> out;
    std::string path = normalize_path(dir);
    while (true) {
        out.push_back(path);
        if (path == "/" || path.find('/') == npos)
            break;
        const std::size_t slash = path.rfind('/');
        path = slash == 0 ? "/" : path.substr(0, slash);
    }
    return out;
}

bool glob_matches(const std::string& pattern, const std::string& path) {
    return fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0;
}

// Whether removing (or copying) path operand `operand` takes `dir` or everything in it: `dir`, an ancestor,
// `dir/*`, an ancestor's `/*`, or a glob matching one of those.
bool operand_covers(std::string_view operand, std::string_view dir) {
    std::string path = normalize_path(operand);
    if (!path.starts_with('/'))
        return false;
    if (path.ends_with("/*"))
        path = path.size() == 2 ? "/" : path.substr(0, path.size() - 2);
    if (!has_glob(path))
        return path_covers(path, dir);
    for (const std::string& candidate : self_and_ancestors(dir))
        if (glob_matches(path, candidate))
            return true;
    return false;
}

// ---- apt.conf written by echo/printf

// Whether `text` sets `option` (case-insensitive), and to what: `APT::Install-Recommends "false";`.
std::optional<std::string> conf_setting(std::string_view text, std::string_view option) {
    const std::string haystack = lower(text);
    const std::string needle = lower(option);
    std::optional<std::string> found;
    for (std::size_t p = haystack.find(needle); p != npos; p = haystack.find(needle, p + 1)) {
        if (p > 0 && (is_flag_letter(text[p - 1]) || text[p - 1] == ':' || text[p - 1] == '-'))
            continue;
        std::size_t v = p + needle.size();
        if (v < text.size() && (is_flag_letter(text[v]) || text[v] == ':' || text[v] == '-'))
            continue; // `APT::Install-Recommends-Foo`
        while (v < text.size() && (text[v] == ' ' || text[v] == '\t' || text[v] == '='))
            ++v;
        std::string value;
        if (v < text.size() && (text[v] == '"' || text[v] == '\'')) {
            const char quote = text[v++];
            while (v < text.size() && text[v] != quote)
                value.push_back(text[v++]);
        } else {
            while (v < text.size() && std::string_view(" \t\n;\\\"'").find(text[v]) == npos)
                value.push_back(text[v++]);
        }
        if (!value.empty())
            found = value;
    }
    return found;
}

bool is_apt_conf_path(std::string_view path) {
    return normalize_path(path).starts_with("/etc/apt/apt.conf");
}

// Whether the command at `index` of `all` writes its output to an apt configuration file: `> FILE`, `>> FILE`
// or `| tee [-a] FILE`.
bool writes_apt_conf(const std::vector<RunCommand>& all, std::size_t index) {
    const shell::Command& command = all[index].command;
    for (const shell::Redirect& r : command.redirects)
        if (r.op.find('>') != std::string::npos && !r.target.dynamic && is_apt_conf_path(r.target.value))
            return true;
    if (index + 1 < all.size() && all[index + 1].command.preceded_by == shell::Operator::Pipe &&
        all[index + 1].command.name() == "tee") {
        for (const shell::Word& w : all[index + 1].command.operands())
            if (!w.dynamic && is_apt_conf_path(w.value))
                return true;
    }
    return false;
}

// Calls `write(index, value)` for each command of `all` that writes a value for `option`, in order.
template <typename Write>
void scan_apt_conf(const std::vector<RunCommand>& all, std::string_view option, Write write) {
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string_view name = all[i].command.name();
        if (name != "echo" && name != "printf")
            continue;
        std::string text;
        for (const shell::Word& w : all[i].command.arguments())
            text += w.value + " ";
        std::optional<std::string> set = conf_setting(text, option);
        if (set && writes_apt_conf(all, i))
            write(i, std::move(*set));
    }
}

// Updates `value` with what the commands of `all` write for `option`.
void scan_apt_conf(const std::vector<RunCommand>& all, std::string_view option,
                   std::optional<std::string>& value) {
    scan_apt_conf(all, option, [&](std::size_t, std::string set) { value = std::move(set); });
}

} // namespace

// ---- Commands in the order they run

std::vector<const RunCommand*> commands_in_run_order(const Instruction& run, const RunCommands& commands) {
    const std::vector<RunCommand>& all = commands.all();
    const std::vector<RunScript>& scripts = commands.scripts();
    std::vector<const RunCommand*> out;
    out.reserve(all.size());
    std::size_t total = 0;
    for (const RunScript& s : scripts)
        total += s.script->commands.size();
    if (scripts.empty() || scripts.front().source != CommandSource::CommandLine || total != all.size()) {
        for (const RunCommand& c : all)
            out.push_back(&c);
        return out;
    }
    // The command-line command holding each heredoc redirect, in order: heredoc j is read by reader[j].
    const shell::Script& line = *scripts.front().script;
    std::vector<std::size_t> reader;
    for (std::size_t c = 0; c < line.commands.size(); ++c)
        for (const shell::Redirect& r : line.commands[c].redirects)
            if (r.op.find("<<") != std::string::npos && r.op.find("<<<") == std::string::npos)
                reader.push_back(c);
    // For each heredoc script, the command-line command after which it runs (npos: at the end).
    const std::size_t line_count = line.commands.size();
    std::vector<std::size_t> after(scripts.size(), npos);
    for (std::size_t k = 1; k < scripts.size(); ++k) {
        for (std::size_t j = 0; j < run.heredocs.size(); ++j) {
            if (run.heredocs[j].script && &*run.heredocs[j].script == scripts[k].script && j < reader.size())
                after[k] = reader[j];
        }
    }
    std::vector<std::size_t> offset(scripts.size(), 0);
    for (std::size_t k = 1; k < scripts.size(); ++k)
        offset[k] = offset[k - 1] + scripts[k - 1].script->commands.size();
    auto append_script = [&](std::size_t k) {
        for (std::size_t i = 0; i < scripts[k].script->commands.size(); ++i)
            out.push_back(&all[offset[k] + i]);
    };
    for (std::size_t c = 0; c < line_count; ++c) {
        out.push_back(&all[c]);
        for (std::size_t k = 1; k < scripts.size(); ++k)
            if (after[k] == c)
                append_script(k);
    }
    for (std::size_t k = 1; k < scripts.size(); ++k)
        if (after[k] == npos || after[k] >= line_count)
            append_script(k);
    return out;
}

// ---- Package-manager commands

std::optional<PackageManager> package_manager_of(std::string_view program) {
    // Asked about every command of every RUN by a dozen rules: most programs are none of these, and their
    // first letter says so.
    if (program.empty() || std::string_view("aydmz").find(program.front()) == npos)
        return std::nullopt;
    if (program == "apt-get")
        return PackageManager::AptGet;
    if (program == "apt")
        return PackageManager::Apt;
    if (program == "aptitude")
        return PackageManager::Aptitude;
    if (program == "apk")
        return PackageManager::Apk;
    if (program == "yum")
        return PackageManager::Yum;
    if (program == "dnf" || program == "dnf5" || program == "dnf-3")
        return PackageManager::Dnf;
    if (program == "microdnf")
        return PackageManager::Microdnf;
    if (program == "zypper")
        return PackageManager::Zypper;
    return std::nullopt;
}

std::optional<PackageCommand> read_package_command(const shell::Command& command) {
    if (command.words.empty() || command.words.front().dynamic)
        return std::nullopt;
    const std::optional<PackageManager> manager = package_manager_of(command.name());
    if (!manager)
        return std::nullopt;
    PackageCommand out;
    out.manager = *manager;
    out.command = &command;
    const OptionSyntax syntax = syntax_of(*manager);
    const std::vector<shell::Word>& words = command.words;
    bool after_dashes = false;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string& word = words[i].value;
        if (after_dashes || word.size() < 2 || word[0] != '-') {
            out.operands.push_back(words[i]);
            continue;
        }
        if (word == "--") {
            after_dashes = true;
            continue;
        }
        const bool global = out.operands.empty();
        const std::string_view short_values = global ? syntax.global_short : syntax.command_short;
        const std::span<const std::string_view> long_values =
            global ? syntax.global_long : syntax.command_long;
        if (word[1] == '-') {
            CommandOption option;
            option.is_long = true;
            option.word = i;
            option.operands_before = out.operands.size();
            const std::size_t eq = word.find('=');
            option.name = word.substr(2, eq == npos ? npos : eq - 2);
            if (eq != npos)
                option.value = word.substr(eq + 1);
            else if (contains(long_values, option.name) && i + 1 < words.size())
                option.value = words[++i].value;
            out.options.push_back(std::move(option));
            continue;
        }
        // A cluster of short options, read as getopt does: `-qy` is `-q -y`; the value of a value-taking
        // letter is the rest of the word or the next word; apt also reads `-q=2`.
        for (std::size_t k = 1; k < word.size() && is_flag_letter(word[k]); ++k) {
            CommandOption option;
            option.name = std::string(1, word[k]);
            option.word = i;
            option.operands_before = out.operands.size();
            if (k + 1 < word.size() && word[k + 1] == '=') {
                option.value = word.substr(k + 2);
                out.options.push_back(std::move(option));
                break;
            }
            if (short_values.find(word[k]) != npos) {
                if (k + 1 < word.size())
                    option.value = word.substr(k + 1);
                else if (i + 1 < words.size())
                    option.value = words[++i].value;
                out.options.push_back(std::move(option));
                break;
            }
            out.options.push_back(std::move(option));
        }
    }
    return out;
}

std::string_view PackageCommand::subcommand() const {
    return operands.empty() ? std::string_view() : std::string_view(operands[0].value);
}

std::string_view PackageCommand::action() const {
    return operands.size() < 2 ? std::string_view() : std::string_view(operands[1].value);
}

const CommandOption* PackageCommand::option(std::initializer_list<std::string_view> names) const {
    const CommandOption* found = nullptr;
    for (const CommandOption& o : options)
        if (contains(names, o.name))
            found = &o;
    return found;
}

bool PackageCommand::has_option(std::initializer_list<std::string_view> names) const {
    return option(names) != nullptr;
}

std::vector<shell::Word> PackageCommand::operands_after(std::size_t skip) const {
    if (skip >= operands.size())
        return {};
    return {operands.begin() + static_cast<std::ptrdiff_t>(skip), operands.end()};
}

TextRange PackageCommand::head(std::size_t count) const {
    TextRange range = command->words.front().range;
    const std::size_t last = std::min(count, operands.size());
    if (last > 0 && operands[last - 1].range.end > range.end)
        range.end = operands[last - 1].range.end;
    return range;
}

std::string PackageCommand::label() const {
    std::string out(command->name());
    if (!operands.empty())
        out += " " + operands.front().value;
    return out;
}

std::optional<bool> boolean_value(std::string_view value) {
    const std::string v = lower(value);
    if (v == "1" || v == "true" || v == "yes" || v == "on" || v == "with" || v == "enable")
        return true;
    if (v == "0" || v == "false" || v == "no" || v == "off" || v == "without" || v == "disable")
        return false;
    return std::nullopt;
}

std::optional<std::string> config_option(const PackageCommand& command, std::string_view name) {
    const bool apt = command.manager == PackageManager::AptGet || command.manager == PackageManager::Apt ||
                     command.manager == PackageManager::Aptitude;
    const bool rpm = command.manager == PackageManager::Yum || command.manager == PackageManager::Dnf ||
                     command.manager == PackageManager::Microdnf;
    std::optional<std::string> found;
    for (const CommandOption& o : command.options) {
        const bool setter = (apt && (o.name == "o" || o.name == "option")) || (rpm && o.name == "setopt");
        if (!setter || !o.value)
            continue;
        const std::size_t eq = o.value->find('=');
        if (eq != std::string::npos && iequals(std::string_view(*o.value).substr(0, eq), name))
            found = o.value->substr(eq + 1);
    }
    return found;
}

bool answers_yes(const PackageCommand& command) {
    switch (command.manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
    case PackageManager::Aptitude: {
        bool yes = false;
        int quiet = 0;
        for (const CommandOption& o : command.options) {
            if (o.name == "y" || o.name == "yes" || o.name == "assume-yes")
                yes = !o.value || boolean_value(*o.value).value_or(true);
            if (o.name == "q" || o.name == "quiet") {
                if (!o.value)
                    ++quiet;
                else if (!o.value->empty() && std::all_of(o.value->begin(), o.value->end(),
                                                          [](unsigned char c) { return std::isdigit(c); }))
                    quiet = o.value->size() > 2 ? 99 : std::stoi(*o.value);
            }
        }
        if (quiet >= 2)
            yes = true;
        if (const std::optional<std::string> v = config_option(command, "APT::Get::Assume-Yes"))
            yes = boolean_value(*v).value_or(yes);
        return yes;
    }
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf: {
        if (command.has_option({"y", "assumeyes"}))
            return true;
        const std::optional<std::string> v = config_option(command, "assumeyes");
        return v && boolean_value(*v).value_or(false);
    }
    case PackageManager::Zypper:
        return std::any_of(command.options.begin(), command.options.end(), [](const CommandOption& o) {
            return o.name == "non-interactive" || o.name == "no-confirm" || o.name == "y" ||
                   (o.name == "n" && o.operands_before == 0);
        });
    case PackageManager::Apk:
        return true;
    }
    return false;
}

namespace {

// The position of `command` in `all`, found from its address (a search would make a RUN of many commands
// quadratic); nullopt when it is not one of them.
std::optional<std::size_t> index_in(const std::vector<RunCommand>& all, const RunCommand* command) {
    const std::less<const RunCommand*> before;
    if (all.empty() || before(command, all.data()) || !before(command, all.data() + all.size()))
        return std::nullopt;
    return static_cast<std::size_t>(command - all.data());
}

} // namespace

bool piped_from_yes(const RunCommands& commands, const RunCommand& command) {
    const std::vector<RunCommand>& all = commands.all();
    const std::optional<std::size_t> i = index_in(all, &command);
    return i && *i > 0 && command.command.preceded_by == shell::Operator::Pipe &&
           all[*i - 1].command.name() == "yes";
}

bool apt_simulates(const PackageCommand& command) {
    return command.has_option({"s", "simulate", "just-print", "dry-run", "recon", "no-act"});
}

namespace {

// apt_conf_value's memory for one file: per option and stage, the value in force before each instruction of
// the stage (values[k]: before instruction `from + 1 + k`), extended as later instructions ask, so that each
// RUN is read once per option however many installs follow.
struct AptConfMemo {
    std::map<std::string, std::map<std::size_t, std::vector<std::optional<std::string>>>, std::less<>> values;
};

// The value in force before instruction `until` of `stage` (clamped to the stage's end), from the RUNs of
// the stage and of the stages it builds on.
std::optional<std::string> apt_conf_before(const Context& context, AptConfMemo& memo, std::string_view option,
                                           std::size_t stage, std::size_t until) {
    const Stage& s = context.model().stages()[stage];
    const auto option_it = memo.values.try_emplace(std::string(option)).first;
    std::vector<std::optional<std::string>>& values = option_it->second[stage];
    if (values.empty()) {
        const std::optional<std::size_t> base = s.base_stage;
        // A stage built on an earlier one starts from what that stage ended with.
        values.push_back(base && *base < stage ? apt_conf_before(context, memo, option, *base,
                                                                 context.model().stages()[*base].end)
                                               : std::nullopt);
    }
    const std::vector<Instruction>& instructions = context.file().instructions;
    const std::size_t last = std::min({until, s.end, instructions.size()});
    const std::size_t wanted = last > s.from ? last - s.from - 1 : 0;
    while (values.size() <= wanted) {
        std::optional<std::string> value = values.back();
        const Instruction& ins = instructions[s.from + values.size()];
        if (ins.is(InstructionKind::Run))
            scan_apt_conf(RunCommands(context.file(), ins).all(), option, value);
        values.push_back(std::move(value));
    }
    return values[wanted];
}

// apt_conf_value's memory for the RUN being checked: per option, the commands that write a value (index in
// RunCommands::all() and value), so that each install of a RUN with many does not read all the commands
// before it again.
struct AptConfInRun {
    // Which RUN: the instruction being checked (context.index()), whether it is that instruction's ONBUILD
    // trigger, and how many commands it has.
    std::size_t index = npos;
    bool onbuild = false;
    std::size_t size = 0;
    std::map<std::string, std::vector<std::pair<std::size_t, std::string>>, std::less<>> writes;
};

const std::vector<std::pair<std::size_t, std::string>>&
apt_conf_writes(const Context& context, const RunCommands& commands, std::string_view option) {
    AptConfInRun& memo = context.cache<AptConfInRun>();
    if (memo.index != context.index() || memo.onbuild != context.in_onbuild() ||
        memo.size != commands.all().size()) {
        memo = AptConfInRun{context.index(), context.in_onbuild(), commands.all().size(), {}};
    }
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const auto inserted = memo.writes.try_emplace(std::string(option));
    auto& writes = inserted.first->second;
    if (inserted.second)
        scan_apt_conf(commands.all(), option,
                      [&](std::size_t i, std::string value) { writes.emplace_back(i, std::move(value)); });
    return writes;
}

} // namespace

std::optional<std::string> apt_conf_value(const Context& context, const RunCommands& commands,
                                          const RunCommand* before, std::string_view option) {
    std::optional<std::string> value;
    if (context.stage())
        value =
            apt_conf_before(context, context.cache<AptConfMemo>(), option, *context.stage(), context.index());
    // The last write of the RUN before `before` (all of them when `before` is not one of its commands).
    const std::size_t until = index_in(commands.all(), before).value_or(commands.all().size());
    const std::vector<std::pair<std::size_t, std::string>>& writes =
        apt_conf_writes(context, commands, option);
    const auto after = std::partition_point(writes.begin(), writes.end(),
                                            [&](const auto& write) { return write.first < until; });
    if (after != writes.begin())
        value = std::prev(after)->second;
    return value;
}

std::optional<bool> apt_recommends_off(const PackageCommand& command) {
    std::optional<bool> off;
    for (const CommandOption& o : command.options) {
        if (o.name == "no-install-recommends") {
            off = !o.value || boolean_value(*o.value).value_or(true);
        } else if (o.name == "install-recommends") {
            off = o.value && !boolean_value(*o.value).value_or(true);
        } else if ((o.name == "o" || o.name == "option") && o.value) {
            constexpr std::string_view key = "apt::install-recommends=";
            if (lower(*o.value).starts_with(key))
                if (const std::optional<bool> b =
                        boolean_value(std::string_view(*o.value).substr(key.size())))
                    off = !*b;
        }
    }
    return off;
}

bool apt_package_pinned(std::string_view package) {
    return package.find('=') != npos || package.find('/') != npos || package.ends_with(".deb");
}

bool rpm_name_has_version(std::string_view package) {
    if (package.ends_with(".rpm"))
        return true;
    const std::size_t dash = package.find('-');
    if (dash == npos)
        return false;
    bool starts_with_digit = false;
    std::size_t p = dash + 1;
    while (true) {
        const std::size_t next = package.find('-', p);
        const std::string_view part = package.substr(p, next == npos ? npos : next - p);
        const bool valid = std::all_of(part.begin(), part.end(), [](unsigned char c) {
            return std::isalnum(c) || std::string_view(".~^_:+").find(static_cast<char>(c)) != npos;
        });
        if (!valid)
            return false;
        if (!part.empty() && std::isdigit(static_cast<unsigned char>(part.front())))
            starts_with_digit = true;
        if (next == npos)
            break;
        p = next + 1;
    }
    return starts_with_digit;
}

bool is_versionable_rpm_operand(const shell::Word& operand) {
    const std::string& v = operand.value;
    return !operand.dynamic && !v.empty() && v.find('/') == std::string::npos && !v.starts_with('@') &&
           v.find('(') == std::string::npos && !has_glob(v);
}

std::vector<UnpinnedRpm> unpinned_rpm_packages(const PackageCommand& command) {
    std::vector<UnpinnedRpm> out;
    if (command.subcommand() == "install") {
        for (const shell::Word& w : command.operands_after(1))
            if (is_versionable_rpm_operand(w) && !rpm_name_has_version(w.value))
                out.push_back({w, false});
    } else if (command.subcommand() == "module" && command.action() == "install") {
        for (const shell::Word& w : command.operands_after(2))
            if (!w.dynamic && !w.value.empty() && w.value.find(':') == std::string::npos)
                out.push_back({w, true});
    }
    return out;
}

bool rpm_installs(const PackageCommand& command) {
    const std::string_view sub = command.subcommand();
    if (sub == "install" || sub == "groupinstall" || sub == "localinstall" || sub == "reinstall")
        return true;
    return (sub == "group" || sub == "groups" || sub == "module") && command.action() == "install";
}

bool rpm_downloads(const PackageCommand& command) {
    if (rpm_installs(command))
        return true;
    const std::string_view sub = command.subcommand();
    if (sub == "update" || sub == "upgrade" || sub == "update-minimal" || sub == "upgrade-minimal" ||
        sub == "downgrade" || sub == "distro-sync" || sub == "distrosync" || sub == "groupupdate")
        return true;
    const std::string_view action = command.action();
    return (sub == "group" || sub == "groups" || sub == "module") &&
           (action == "update" || action == "upgrade");
}

bool zypper_downloads(const PackageCommand& command) {
    static constexpr std::array<std::string_view, 9> downloading = {
        "install", "in", "update", "up", "patch", "dist-upgrade", "dup", "install-new-recommends", "inr"};
    return std::find(downloading.begin(), downloading.end(), command.subcommand()) != downloading.end();
}

// ---- Cleaning a cache

std::vector<std::string_view> cache_directories(PackageManager manager) {
    switch (manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
    case PackageManager::Aptitude:
        return {"/var/lib/apt/lists"};
    case PackageManager::Apk:
        return {"/var/cache/apk", "/etc/apk/cache"};
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
        return {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"};
    case PackageManager::Zypper:
        return {"/var/cache/zypp"};
    }
    return {};
}

bool cleans_cache(const shell::Command& command, PackageManager manager) {
    for (std::string_view dir : cache_directories(manager))
        if (removes_directory(command, dir))
            return true;
    const std::optional<PackageCommand> pc = read_package_command(command);
    if (!pc)
        return false;
    const std::string_view sub = pc->subcommand();
    switch (manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
    case PackageManager::Aptitude:
        return (pc->manager == PackageManager::AptGet || pc->manager == PackageManager::Apt) &&
               (sub == "distclean" || sub == "dist-clean");
    case PackageManager::Apk:
        return false;
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
        return (pc->manager == PackageManager::Yum || pc->manager == PackageManager::Dnf ||
                pc->manager == PackageManager::Microdnf) &&
               sub == "clean" && pc->action() == "all";
    case PackageManager::Zypper:
        return pc->manager == PackageManager::Zypper && (sub == "clean" || sub == "cc");
    }
    return false;
}

bool removes_directory(const shell::Command& command, std::string_view dir) {
    if (command.name() == "rm") {
        for (const shell::Word& operand : command.operands())
            if (!operand.dynamic && operand_covers(operand.value, dir))
                return true;
        return false;
    }
    if (command.name() == "find") {
        // `find PATH… EXPRESSION`: the paths come before the first word that starts the expression.
        std::vector<const shell::Word*> paths;
        bool deletes = false;
        bool in_expression = false;
        for (std::size_t i = 1; i < command.words.size(); ++i) {
            const std::string& w = command.words[i].value;
            if (!in_expression && (w.starts_with('-') || w == "(" || w == "!"))
                in_expression = true;
            if (!in_expression)
                paths.push_back(&command.words[i]);
            else if (w == "-delete" ||
                     (w == "-exec" && i + 1 < command.words.size() && command.words[i + 1].value == "rm"))
                deletes = true;
        }
        if (!deletes)
            return false;
        return std::any_of(paths.begin(), paths.end(), [&](const shell::Word* p) {
            return !p->dynamic && !has_glob(p->value) && path_covers(p->value, dir);
        });
    }
    return false;
}

namespace {

// `text` with `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME-default}` replaced by the ARG/ENV defaults
// of `scope` (the flag values of RUN carry no parsed variable references). nullopt when a value is not
// known statically.
std::optional<std::string> expand_variables(std::string_view text, const std::vector<Variable>& scope) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') {
            out.push_back(text[i]);
            continue;
        }
        std::string name, modifier, fallback;
        if (i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i + 2);
            if (close == npos)
                return std::nullopt;
            const std::string_view inner = text.substr(i + 2, close - i - 2);
            std::size_t n = 0;
            while (n < inner.size() &&
                   (std::isalnum(static_cast<unsigned char>(inner[n])) || inner[n] == '_'))
                ++n;
            name = inner.substr(0, n);
            const std::string_view rest = inner.substr(n);
            if (rest.starts_with(":-") || rest.starts_with("-")) {
                modifier = rest.starts_with(":-") ? ":-" : "-";
                fallback = rest.substr(modifier.size());
            } else if (!rest.empty()) {
                return std::nullopt;
            }
            i = close;
        } else {
            std::size_t n = i + 1;
            while (n < text.size() && (std::isalnum(static_cast<unsigned char>(text[n])) || text[n] == '_'))
                ++n;
            name = text.substr(i + 1, n - i - 1);
            i = n - 1;
        }
        if (name.empty() || SemanticModel::is_predefined_arg(name) ||
            SemanticModel::is_automatic_platform_arg(name) || fallback.find('$') != std::string::npos)
            return std::nullopt;
        const auto it =
            std::find_if(scope.rbegin(), scope.rend(), [&](const Variable& v) { return v.name == name; });
        const bool set = it != scope.rend() && it->value;
        if (set && it->value->find('$') != std::string::npos)
            return std::nullopt;
        if (set && !(modifier == ":-" && it->value->empty()))
            out += *it->value;
        else if (!modifier.empty())
            out += fallback;
        else
            return std::nullopt;
    }
    return out;
}

} // namespace

bool has_cache_mount(const Instruction& run, const std::vector<Variable>& scope, std::string_view dir) {
    for (const Flag& flag : run.flags) {
        if (!iequals(flag.name.value, "mount") || !flag.value)
            continue;
        const std::optional<std::string> text = expand_variables(flag.value->value, scope);
        if (!text)
            continue;
        // CSV fields; double quotes group commas.
        std::string type = "bind";
        std::optional<std::string> target;
        std::string field;
        bool quoted = false;
        auto flush = [&] {
            const std::size_t eq = field.find('=');
            if (eq != std::string::npos) {
                const std::string key = lower(field.substr(0, eq));
                const std::string value = field.substr(eq + 1);
                if (key == "type")
                    type = lower(value);
                else if (key == "target" || key == "dst" || key == "destination")
                    target = value;
            }
            field.clear();
        };
        for (const char c : *text) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
                flush();
            else
                field.push_back(c);
        }
        flush();
        if ((type == "cache" || type == "tmpfs") && target && target->starts_with('/') &&
            target->find('$') == std::string::npos && path_covers(*target, dir))
            return true;
    }
    return false;
}

bool path_covers(std::string_view ancestor, std::string_view path) {
    const std::string a = normalize_path(ancestor);
    const std::string p = normalize_path(path);
    if (!a.starts_with('/') || !p.starts_with('/'))
        return false;
    if (a == "/")
        return true;
    return p == a || (p.size() > a.size() && p.starts_with(a) && p[a.size()] == '/');
}

// ---- Stages whose files reach another image

namespace {

// Whether a COPY/ADD source, read in the source stage's root, takes `dir`, part of it, or an ancestor.
bool source_touches(const Word& source, std::string_view dir) {
    if (!source.variables.empty())
        return false; // unknown: not counted
    std::string path = source.value;
    if (!path.starts_with('/'))
        path = "/" + path;
    path = normalize_path(path);
    if (operand_covers(path, dir))
        return true;
    return !has_glob(path) && path_covers(dir, path);
}

} // namespace

std::optional<std::size_t> copy_source_stage(const Instruction& copy, const SemanticModel& model) {
    if (!copy.is(InstructionKind::Copy) && !copy.is(InstructionKind::Add))
        return std::nullopt;
    const Flag* from = copy.flag("from");
    if (!from || !from->value)
        return std::nullopt;
    const std::string& name = from->value->value;
    if (const Stage* named = model.stage_named(name))
        return named->index;
    if (!name.empty() &&
        std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); }) &&
        name.size() < 6 && static_cast<std::size_t>(std::stoul(name)) < model.stages().size())
        return std::stoul(name);
    return std::nullopt;
}

bool copies_directory(const Instruction& copy, std::string_view dir) {
    for (std::size_t a = 0; a + 1 < copy.arguments.size(); ++a)
        if (source_touches(copy.arguments[a], dir))
            return true;
    return false;
}

std::vector<bool> stages_carrying(const Dockerfile& file, const SemanticModel& model, std::string_view dir) {
    const std::vector<Stage>& stages = model.stages();
    std::vector<bool> out(stages.size(), false);
    if (stages.empty())
        return out;
    out.back() = true;
    for (const Stage& s : stages)
        if (s.base_stage && *s.base_stage < out.size())
            out[*s.base_stage] = true;
    for (const Instruction& ins : file.instructions) {
        const std::optional<std::size_t> source_stage = copy_source_stage(ins, model);
        if (source_stage && copies_directory(ins, dir))
            out[*source_stage] = true;
    }
    return out;
}

} // namespace drydock::rules
