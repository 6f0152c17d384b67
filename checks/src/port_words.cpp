#include "port_words.hpp"

#include <algorithm>

namespace drydock::rules {

std::optional<PortText> port_text(const Word& word) {
    const bool one_line = word.range.size() == word.raw.size();
    PortText out;
    if (word.variables.empty()) {
        out.text = word.value;
        out.in_source = one_line && word.raw == word.value;
        return out;
    }
    if (!one_line)
        return std::nullopt;
    out.text = word.raw;
    out.in_source = true;
    for (const VariableRef& v : word.variables)
        out.variables.emplace_back(v.range.begin - word.range.begin, v.range.end - word.range.begin);
    return out;
}

std::vector<std::size_t> separators(const PortText& port, char separator) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < port.text.size(); ++i) {
        const auto inside = std::find_if(port.variables.begin(), port.variables.end(),
                                         [&](const auto& v) { return v.first <= i && i < v.second; });
        if (inside != port.variables.end())
            i = inside->second - 1;
        else if (port.text[i] == separator)
            out.push_back(i);
    }
    return out;
}

} // namespace drydock::rules
