// The stage questions of the multi-stage rewrite: paths, working directories, installed OS packages.

#include "multi_stage_artifacts.hpp"
#include "package_managers.hpp"
#include "shell_queries.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <map>

namespace drydock::rules::multi_stage {

std::string join_path(std::string_view dir, std::string_view path) {
    std::vector<std::string_view> parts;
    auto add = [&](std::string_view text) {
        for (std::size_t begin = 0; begin <= text.size();) {
            const std::size_t slash = std::min(text.find('/', begin), text.size());
            const std::string_view part = text.substr(begin, slash - begin);
            if (part == "..") {
                if (!parts.empty())
                    parts.pop_back();
            } else if (!part.empty() && part != ".") {
                parts.push_back(part);
            }
            begin = slash + 1;
        }
    };
    if (!path.starts_with('/'))
        add(dir);
    add(path);
    std::string out;
    for (const std::string_view part : parts)
        out.append("/").append(part);
    return out.empty() ? "/" : out;
}

std::string_view dirname_of(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string_view::npos)
        return ".";
    return slash == 0 ? std::string_view("/") : path.substr(0, slash);
}

std::string_view basename_of(std::string_view path) {
    return path.substr(path.rfind('/') + 1);
}

std::optional<std::string> workdir_at(const StageFacts& facts, std::size_t index) {
    std::optional<std::string> dir;
    for (std::size_t i = facts.from + 1; i < index && i < facts.end; ++i) {
        const Instruction& ins = facts.file->instructions[i];
        if (!ins.is(InstructionKind::Workdir) || ins.arguments.empty())
            continue;
        const std::optional<std::string> value =
            default_value(ins.arguments.front(), facts.model->scope_at(i));
        if (!value || value->empty())
            dir.reset(); // not known statically
        else if (value->starts_with('/'))
            dir = join_path("/", *value);
        else if (dir)
            dir = join_path(*dir, *value);
        // A relative WORKDIR without an absolute one before it is relative to the base image's own: unknown.
    }
    return dir;
}

namespace {

std::string_view package_name(std::string_view operand) {
    const std::size_t cut = operand.find_first_of("=<>~");
    return cut == std::string_view::npos ? operand : operand.substr(0, cut);
}

} // namespace

namespace {

// The words of a CMD or ENTRYPOINT: its exec-form elements, or the words of a shell form that is one simple
// command (nullopt when it is more, or a word is not known statically).
std::optional<std::vector<std::string>> start_words(const Instruction& ins) {
    std::vector<std::string> out;
    if (ins.json_form) {
        for (const Word& word : ins.arguments)
            out.push_back(word.value);
        return out;
    }
    if (!ins.command || !ins.command->script || ins.command->script->commands.size() != 1 ||
        !ins.command->script->errors.empty())
        return std::nullopt;
    for (const shell::Word& word : ins.command->script->commands.front().words) {
        if (word.dynamic)
            return std::nullopt;
        out.push_back(word.value);
    }
    return out;
}

} // namespace

void read_start(StageFacts& facts) {
    const Instruction* cmd = nullptr;
    const Instruction* entrypoint = nullptr;
    for (std::size_t i = facts.from + 1; i < facts.end; ++i) {
        const Instruction& ins = facts.file->instructions[i];
        if (ins.is(InstructionKind::Cmd))
            cmd = &ins;
        else if (ins.is(InstructionKind::Entrypoint))
            entrypoint = &ins;
    }
    const Instruction* program = entrypoint ? entrypoint : cmd;
    if (!program)
        return;
    facts.start_shell_form = !program->json_form;
    std::optional<std::vector<std::string>> words = start_words(*program);
    if (words && entrypoint && entrypoint->json_form && cmd) {
        const std::optional<std::vector<std::string>> arguments =
            cmd->json_form ? start_words(*cmd)
                           : std::optional<std::vector<std::string>>({"/bin/sh", "-c", cmd->command->text});
        if (!arguments)
            words.reset();
        else
            words->insert(words->end(), arguments->begin(), arguments->end());
    }
    facts.start_known = words.has_value() && !words->empty();
    if (words)
        facts.start = std::move(*words);
}

InstalledPackages installed_packages(const StageFacts& facts) {
    InstalledPackages out;
    std::map<std::string, std::vector<std::string>> groups; // apk `--virtual NAME` -> its packages
    auto forget = [&](std::string_view name) {
        out.names.erase(std::remove(out.names.begin(), out.names.end(), name), out.names.end());
    };
    for (std::size_t i = facts.from + 1; i < facts.end; ++i) {
        const Instruction& ins = facts.file->instructions[i];
        if (!ins.is(InstructionKind::Run))
            continue;
        const RunCommands commands(*facts.file, ins);
        for (const RunCommand* run : commands_in_run_order(ins, commands)) {
            const std::optional<PackageCommand> command = read_package_command(run->command);
            if (!command)
                continue;
            const bool apt =
                command->manager == PackageManager::AptGet || command->manager == PackageManager::Apt;
            const bool apk = command->manager == PackageManager::Apk;
            const std::string_view sub = command->subcommand();
            const bool install = (apt && sub == "install") || (apk && sub == "add");
            const bool remove = (apt && (sub == "purge" || sub == "remove")) || (apk && sub == "del");
            if (!install && !remove) {
                if (!apt && !apk)
                    out.mixed = out.mixed || rpm_installs(*command) || sub == "install" || sub == "in";
                continue;
            }
            const std::string manager = apt ? "apt" : "apk";
            if (install) {
                if (!out.manager.empty() && out.manager != manager)
                    out.mixed = true;
                out.manager = manager;
            }
            const CommandOption* group = apk && install ? command->option({"virtual", "t"}) : nullptr;
            for (const shell::Word& word : command->operands_after(1)) {
                if (word.dynamic) {
                    out.dynamic = out.dynamic || install;
                    continue;
                }
                const std::string name(package_name(word.value));
                if (remove) {
                    forget(name);
                    if (const auto it = groups.find(name); it != groups.end())
                        for (const std::string& member : it->second)
                            forget(member);
                    continue;
                }
                if (group && group->value)
                    groups[*group->value].push_back(name);
                if (std::find(out.names.begin(), out.names.end(), name) == out.names.end())
                    out.names.push_back(name);
            }
        }
    }
    return out;
}

} // namespace drydock::rules::multi_stage
