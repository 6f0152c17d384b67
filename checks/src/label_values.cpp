#include "label_values.hpp"

#include "word_values.hpp"

namespace drydock::rules {

std::vector<LabelPair> label_pairs(const Instruction& label, std::size_t index, const SemanticModel& model) {
    std::vector<LabelPair> out;
    const std::vector<Variable> scope = model.scope_at(index);
    for (const KeyValue& pair : label.pairs) {
        std::optional<std::string> key = default_value(pair.key, scope);
        if (!key)
            continue;
        std::optional<std::string> value = pair.value ? default_value(*pair.value, scope) : std::string();
        out.push_back({&pair, std::move(*key), std::move(value)});
    }
    return out;
}

bool has_unknown_label_key(const Instruction& label, std::size_t index, const SemanticModel& model) {
    const std::vector<Variable> scope = model.scope_at(index);
    for (const KeyValue& pair : label.pairs)
        if (!default_value(pair.key, scope))
            return true;
    return false;
}

const std::string* schema_type(const Config& config, std::string_view key) {
    const auto it = config.label_schema.find(std::string(key));
    return it == config.label_schema.end() ? nullptr : &it->second;
}

void check_label_values(const Instruction& label, Context& context, std::string_view type,
                        bool (*valid)(std::string_view), std::string_view what) {
    if (context.in_onbuild() || context.config().label_schema.empty())
        return;
    for (const LabelPair& p : label_pairs(label, context.index(), context.model())) {
        const std::string* declared = schema_type(context.config(), p.key);
        if (!declared || *declared != type || !p.value || p.value->empty() || valid(*p.value))
            continue;
        const Word& word = *p.pair->value;
        std::string message = "Label `" + p.key + "` is not " + std::string(what) + ": `";
        if (word.variables.empty())
            message += *p.value + "`";
        else
            message += word.raw + "` is `" + *p.value + "` by default";
        context.report(word.range, message);
    }
}

} // namespace drydock::rules
