#include <drydock/parser/semantics.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_posix_shell(std::string_view argv0) {
    std::string name = lower(argv0.substr(
        argv0.find_last_of("/\\") == std::string_view::npos ? 0 : argv0.find_last_of("/\\") + 1));
    if (name.size() > 4 && name.ends_with(".exe"))
        name.resize(name.size() - 4);
    static constexpr std::array shells{"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"};
    return std::find(shells.begin(), shells.end(), name) != shells.end();
}

// Windows base images run `cmd /S /C` by default.
bool looks_windows(std::string_view image) {
    const std::string s = lower(image);
    return s.find("windows/servercore") != std::string::npos ||
           s.find("windows/nanoserver") != std::string::npos ||
           s.find("mcr.microsoft.com/windows") != std::string::npos ||
           s.find("powershell:") != std::string::npos;
}

} // namespace

SemanticModel::SemanticModel(const Dockerfile& file) : file_(file), stage_of_(file.instructions.size()) {
    std::optional<std::size_t> current;
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const Instruction& ins = file.instructions[i];
        if (ins.is(InstructionKind::From)) {
            if (current)
                stages_[*current].end = i;
            Stage stage;
            stage.index = stages_.size();
            stage.from = i;
            stage.end = file.instructions.size();
            if (ins.from) {
                stage.base = ins.from->image.word.value;
                if (ins.from->stage_name)
                    stage.name = lower(ins.from->stage_name->value);
                if (const Stage* parent = stage_named(stage.base))
                    stage.base_stage = parent->index;
            }
            current = stages_.size();
            stages_.push_back(std::move(stage));
        } else if (!current && ins.is(InstructionKind::Arg)) {
            for (const KeyValue& kv : ins.pairs)
                global_args_.push_back({kv.key.value,
                                        kv.value ? std::optional(kv.value->value) : std::nullopt,
                                        InstructionKind::Arg, i});
        }
        stage_of_[i] = current;
    }
    windows_default_ = file.escape == '`';
    index_scopes_and_shells();
}

void SemanticModel::index_scopes_and_shells() {
    stage_variables_.resize(stages_.size());
    inherited_env_.resize(stages_.size());
    shell_upto_.resize(file_.instructions.size());
    for (const Stage& s : stages_) {
        // ENV persists into stages built FROM this one; ARG does not. Base stages come earlier, so theirs are
        // complete.
        if (s.base_stage && *s.base_stage < s.index) {
            inherited_env_[s.index] = inherited_env_[*s.base_stage];
            for (const Variable& v : stage_variables_[*s.base_stage])
                if (v.kind == InstructionKind::Env)
                    inherited_env_[s.index].push_back(v);
        }
        std::optional<std::size_t> shell;
        for (std::size_t i = s.from + 1; i < s.end; ++i) {
            const Instruction& ins = file_.instructions[i];
            if (ins.is(InstructionKind::Shell) && ins.command && !ins.command->elements.empty())
                shell = i;
            shell_upto_[i] = shell;
            if (!ins.is(InstructionKind::Arg) && !ins.is(InstructionKind::Env))
                continue;
            for (const KeyValue& kv : ins.pairs) {
                Variable v{kv.key.value, kv.value ? std::optional(kv.value->value) : std::nullopt, ins.kind,
                           i};
                // `ARG VERSION` without a value inside a stage inherits the global default.
                if (ins.is(InstructionKind::Arg) && !v.value) {
                    for (const Variable& g : global_args_)
                        if (g.name == v.name)
                            v.value = g.value;
                }
                stage_variables_[s.index].push_back(std::move(v));
            }
        }
    }
}

std::optional<std::size_t> SemanticModel::stage_of(std::size_t i) const {
    return i < stage_of_.size() ? stage_of_[i] : std::nullopt;
}

const Stage* SemanticModel::stage_named(std::string_view name) const {
    const std::string wanted = lower(name);
    if (wanted.empty())
        return nullptr;
    for (const Stage& s : stages_)
        if (s.name == wanted)
            return &s;
    return nullptr;
}

bool SemanticModel::is_predefined_arg(std::string_view name) {
    static constexpr std::array names{"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY",
                                      "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool SemanticModel::is_automatic_platform_arg(std::string_view name) {
    static constexpr std::array names{"TARGETPLATFORM",  "TARGETOS",       "TARGETARCH", "TARGETVARIANT",
                                      "BUILDPLATFORM",   "BUILDOS",        "BUILDARCH",  "BUILDVARIANT",
                                      "TARGETOSVERSION", "BUILDOSVERSION", "TARGETSTAGE"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<Variable> SemanticModel::scope_at(std::size_t i) const {
    const std::optional<std::size_t> stage = stage_of(i);
    if (!stage || file_.instructions[i].is(InstructionKind::From)) {
        std::vector<Variable> out;
        for (const Variable& v : global_args_)
            if (v.instruction < i)
                out.push_back(v);
        return out;
    }
    std::vector<Variable> out = inherited_env_[*stage];
    for (const Variable& v : stage_variables_[*stage]) {
        if (v.instruction >= i)
            break;
        out.push_back(v);
    }
    return out;
}

bool SemanticModel::is_defined(std::string_view name, std::size_t i) const {
    if (is_predefined_arg(name))
        return true;
    const bool in_from = i < file_.instructions.size() && file_.instructions[i].is(InstructionKind::From);
    if ((in_from || !stage_of(i)) && is_automatic_platform_arg(name))
        return true;
    const std::optional<std::size_t> stage = stage_of(i);
    const auto named = [&](const Variable& v) { return v.name == name; };
    if (!stage || in_from)
        return std::any_of(global_args_.begin(), global_args_.end(),
                           [&](const Variable& v) { return v.instruction < i && v.name == name; });
    const std::vector<Variable>& own = stage_variables_[*stage];
    return std::any_of(inherited_env_[*stage].begin(), inherited_env_[*stage].end(), named) ||
           std::any_of(own.begin(), own.end(),
                       [&](const Variable& v) { return v.instruction < i && named(v); });
}

ShellInfo SemanticModel::shell_at(std::size_t i) const {
    ShellInfo info;
    const std::optional<std::size_t> stage = stage_of(i);
    if (!stage)
        return info;
    // Walk the chain of stages this one builds on, newest first; the last SHELL before `i` wins.
    std::optional<std::size_t> s = stage;
    std::size_t until = i;
    while (s) {
        const Stage& st = stages_[*s];
        const std::size_t last = std::min(until, st.end); // instructions [st.from + 1, last) count
        if (last > st.from + 1) {
            if (const std::optional<std::size_t> k = shell_upto_[last - 1]) {
                const Instruction& ins = file_.instructions[*k];
                info.argv.clear();
                for (const Word& w : ins.command->elements)
                    info.argv.push_back(w.value);
                info.posix = is_posix_shell(info.argv.front());
                info.declared_at = *k;
                return info;
            }
        }
        if (!st.base_stage) {
            if (windows_default_ || looks_windows(st.base)) {
                info.argv = {"cmd", "/S", "/C"};
                info.posix = false;
            }
            return info;
        }
        until = stages_[*st.base_stage].end;
        s = st.base_stage;
    }
    return info;
}

} // namespace drydock
