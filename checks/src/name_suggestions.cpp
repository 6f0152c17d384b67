#include "name_suggestions.hpp"

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

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates,
                                        bool case_sensitive) {
    const std::string wanted = case_sensitive ? std::string(name) : lower(name);
    std::optional<std::string> best;
    std::size_t best_distance = 3;
    for (const std::string& candidate : candidates) {
        const std::string option = case_sensitive ? candidate : lower(candidate);
        if (option == wanted)
            return std::nullopt; // the name exists: nothing to suggest
        const std::size_t distance = edit_distance(wanted, option);
        // Short names are all close to each other: `$K` is not a typo of `$A`.
        if (distance * 3 > std::max(wanted.size(), option.size()))
            continue;
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
            if (!case_sensitive) {
                if (name == lower(name))
                    best = option;
                else if (name == upper(name))
                    best = upper(option);
            }
        }
    }
    return best;
}

} // namespace drydock::rules
