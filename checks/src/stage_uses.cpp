#include "stage_uses.hpp"

#include "word_values.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace drydock::rules {
namespace {

// The stage that `reference` (a name or an index) names, when it is one.
std::optional<std::size_t> stage_by_reference(const SemanticModel& model, std::string_view reference) {
    if (const Stage* stage = model.stage_named(reference))
        return stage->index;
    if (reference.empty() ||
        !std::all_of(reference.begin(), reference.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    if (reference.size() > 6)
        return std::nullopt; // no Dockerfile has a million stages; avoids overflow
    const std::size_t index = std::stoul(std::string(reference));
    if (index >= model.stages().size())
        return std::nullopt;
    return index;
}

// The `from=` value of a `--mount` flag's `key=value,…` list, if any.
std::optional<std::string> mount_source(std::string_view mount) {
    while (!mount.empty()) {
        const std::size_t comma = mount.find(',');
        const std::string_view field = mount.substr(0, comma);
        if (field.starts_with("from="))
            return std::string(field.substr(5));
        if (comma == std::string_view::npos)
            break;
        mount.remove_prefix(comma + 1);
    }
    return std::nullopt;
}

// The stage references of one instruction's flags: `--from` of COPY/ADD, `--mount=…,from=…` of RUN.
std::vector<std::string> source_references(const Instruction& ins, const std::vector<Variable>& scope) {
    std::vector<std::string> out;
    for (const Flag& flag : ins.flags) {
        if (!flag.value)
            continue;
        const std::optional<std::string> value = default_value(*flag.value, scope);
        if (!value)
            continue;
        if ((ins.is(InstructionKind::Copy) || ins.is(InstructionKind::Add)) && flag.name.value == "from")
            out.push_back(*value);
        else if (ins.is(InstructionKind::Run) && flag.name.value == "mount")
            if (std::optional<std::string> source = mount_source(*value))
                out.push_back(std::move(*source));
    }
    return out;
}

} // namespace

std::vector<bool> reused_stages(const Dockerfile& file, const SemanticModel& model) {
    std::vector<bool> reused(model.stages().size(), false);
    for (const Stage& stage : model.stages())
        if (stage.base_stage)
            reused[*stage.base_stage] = true;
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const Instruction& ins = file.instructions[i];
        if (ins.flags.empty())
            continue;
        for (const std::string& reference : source_references(ins, model.scope_at(i)))
            if (const std::optional<std::size_t> stage = stage_by_reference(model, reference))
                reused[*stage] = true;
    }
    return reused;
}

std::vector<std::size_t> stage_lineage(const SemanticModel& model, std::size_t stage) {
    std::vector<std::size_t> out;
    std::optional<std::size_t> current = stage;
    // base_stage always names an earlier stage, so the walk ends; the bound guards against a cycle anyway.
    while (current && out.size() < model.stages().size()) {
        out.push_back(*current);
        current = model.stages()[*current].base_stage;
    }
    return out;
}

std::optional<std::size_t> last_user(const Dockerfile& file, const SemanticModel& model, std::size_t stage) {
    for (const std::size_t s : stage_lineage(model, stage)) {
        const Stage& st = model.stages()[s];
        for (std::size_t i = st.end; i > st.from + 1; --i) {
            const Instruction& ins = file.instructions[i - 1];
            if (ins.is(InstructionKind::User) && !ins.arguments.empty())
                return i - 1;
        }
    }
    return std::nullopt;
}

} // namespace drydock::rules
