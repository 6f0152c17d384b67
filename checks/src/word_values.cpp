#include "word_values.hpp"

#include <algorithm>

namespace drydock::rules {
namespace {

// The declaration of `name` that is in force (the latest), or nullptr.
const Variable* lookup(const std::vector<Variable>& scope, std::string_view name) {
    const auto it =
        std::find_if(scope.rbegin(), scope.rend(), [&](const Variable& v) { return v.name == name; });
    return it == scope.rend() ? nullptr : &*it;
}

bool has_variable(std::string_view text) {
    return text.find('$') != std::string_view::npos;
}

std::optional<std::string> value_of(const VariableRef& ref, const std::vector<Variable>& scope) {
    if (SemanticModel::is_predefined_arg(ref.name) || SemanticModel::is_automatic_platform_arg(ref.name))
        return std::nullopt;
    // Undeclared: BuildKit expands it to nothing (UndefinedVar / UndefinedArgInFrom report that).
    // Declared without a default: unset unless the command line sets it.
    const Variable* variable = lookup(scope, ref.name);
    const bool set = variable && variable->value;
    const std::string value = set ? *variable->value : std::string();
    if (set && has_variable(value))
        return std::nullopt;
    const bool operand_known = !has_variable(ref.operand);
    if (ref.modifier.empty())
        return set ? std::optional(value) : std::nullopt;
    if (ref.modifier == ":-")
        return set && !value.empty() ? std::optional(value)
               : operand_known       ? std::optional(ref.operand)
                                     : std::nullopt;
    if (ref.modifier == "-")
        return set ? std::optional(value) : operand_known ? std::optional(ref.operand) : std::nullopt;
    if (ref.modifier == ":+")
        return set && !value.empty() ? (operand_known ? std::optional(ref.operand) : std::nullopt)
                                     : std::optional<std::string>("");
    if (ref.modifier == "+")
        return set ? (operand_known ? std::optional(ref.operand) : std::nullopt)
                   : std::optional<std::string>("");
    return std::nullopt;
}

} // namespace

std::optional<std::string> default_value(const Word& word, const std::vector<Variable>& scope) {
    if (word.variables.empty())
        return word.value;
    const std::string& raw = word.raw;
    // Offsets of the references map 1:1 into raw only when the word is written on one line without quotes.
    if (raw.size() != word.range.size() || raw.find_first_of("'\"\\`") != std::string::npos)
        return std::nullopt;
    std::string out;
    std::size_t pos = 0;
    for (const VariableRef& ref : word.variables) {
        if (ref.range.begin < word.range.begin || ref.range.end > word.range.end)
            return std::nullopt;
        const std::size_t begin = ref.range.begin - word.range.begin;
        if (begin < pos)
            return std::nullopt;
        const std::optional<std::string> value = value_of(ref, scope);
        if (!value)
            return std::nullopt;
        out.append(raw, pos, begin - pos);
        out.append(*value);
        pos = ref.range.end - word.range.begin;
    }
    out.append(raw, pos);
    return out;
}

std::string_view docker_hub_path(std::string_view name) {
    for (const std::string_view host : {"docker.io/", "index.docker.io/", "registry-1.docker.io/"})
        if (name.starts_with(host)) {
            name.remove_prefix(host.size());
            break;
        }
    if (name.starts_with("library/"))
        name.remove_prefix(8);
    return name;
}

ImageName split_image(std::string_view reference) {
    ImageName out;
    std::string_view rest = reference;
    if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
        out.digest = std::string(rest.substr(at + 1));
        rest = rest.substr(0, at);
    }
    const std::size_t slash = rest.rfind('/');
    const std::size_t colon = rest.find(':', slash == std::string_view::npos ? 0 : slash);
    if (colon != std::string_view::npos) {
        out.tag = std::string(rest.substr(colon + 1));
        rest = rest.substr(0, colon);
    }
    out.name = std::string(rest);
    return out;
}

} // namespace drydock::rules
