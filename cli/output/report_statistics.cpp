// --statistics: how many findings each rule produced, over all files.

#include "output/report_support.hpp"

#include <algorithm>
#include <map>
#include <ostream>

namespace drydock::cli::report {

std::vector<RuleCount> count_by_rule(std::span<const FileReport> reports) {
    std::map<std::string_view, RuleCount> counts; // ordered by code, the tie-break
    for (const FileReport& file : reports) {
        for (const Diagnostic& d : file.diagnostics) {
            RuleCount& entry = counts[d.code];
            if (entry.count++ == 0) {
                entry.code = d.code;
                entry.name = d.name;
            }
        }
    }
    std::vector<RuleCount> out;
    out.reserve(counts.size());
    for (auto& [code, entry] : counts)
        out.push_back(std::move(entry));
    std::stable_sort(out.begin(), out.end(),
                     [](const RuleCount& a, const RuleCount& b) { return a.count > b.count; });
    return out;
}

void write_statistics(std::span<const FileReport> reports, std::ostream& out) {
    const std::vector<RuleCount> counts = count_by_rule(reports);
    std::size_t count_width = 0;
    std::size_t code_width = 0;
    for (const RuleCount& c : counts) {
        count_width = std::max(count_width, std::to_string(c.count).size());
        code_width = std::max(code_width, c.code.size());
    }
    for (const RuleCount& c : counts) {
        const std::string count = std::to_string(c.count);
        out << std::string(count_width - count.size(), ' ') << count << "  " << c.code;
        if (!c.name.empty() && c.name != c.code)
            out << std::string(code_width - c.code.size(), ' ') << "  " << terminal_safe(c.name);
        out << '\n';
    }
}

} // namespace drydock::cli::report
