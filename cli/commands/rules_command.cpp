#include "commands/rules_command.hpp"

#include "exit_codes.hpp"

#include <drydock/checks/base_image_data.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/checks/rule_docs.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace drydock::cli {
namespace {

std::string_view fix_label(FixAvailability fix) {
    return fix == FixAvailability::Always ? "fix" : fix == FixAvailability::Sometimes ? "fix?" : "";
}

nlohmann::json rule_json(const RuleMeta& r) {
    nlohmann::json aliases = nlohmann::json::array();
    for (std::string_view a : r.aliases)
        aliases.push_back(a);
    return {{"code", r.code},
            {"name", r.name},
            {"aliases", aliases},
            {"severity", to_string(r.severity)},
            {"category", to_string(r.category)},
            {"fileKind", to_string(r.file_kind)},
            {"enabledByDefault", r.enabled_by_default},
            {"fixable", r.fix != FixAvailability::None},
            {"summary", r.summary}};
}

// `drydock rules --data`: which lifecycle table this drydock carries.
int print_base_image_data(const std::string& format) {
    const BaseImageDataSummary data = base_image_data_summary();
    if (format == "json") {
        nlohmann::json products = nlohmann::json::array();
        for (const BaseImageDataProduct& p : data.products)
            products.push_back({{"id", p.id},
                                {"name", p.name},
                                {"kind", p.kind},
                                {"releases", p.releases},
                                {"source", p.source}});
        const nlohmann::json out = {{"version", data.version},
                                    {"date", data.date},
                                    {"releases", data.releases},
                                    {"images", data.images},
                                    {"products", products}};
        std::cout << out.dump(2) << '\n';
        return Success;
    }
    fmt::print("base image data {} ({}): {} releases of {} products, {} image names\n", data.version,
               data.date, data.releases, data.products.size(), data.images);
    for (const BaseImageDataProduct& p : data.products)
        fmt::print("  {:<16} {:<8} {:>3} releases  {}\n", p.id, p.kind, p.releases, p.source);
    return Success;
}

} // namespace

void add_rules_options(CLI::App& command, RulesOptions& options) {
    command.add_option("--format", options.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "markdown"}))
        ->capture_default_str();
    command.add_flag("--data", options.data,
                     "Show the base image lifecycle table (version, date, rows) instead of the rules");
}

int run_rules(const RulesOptions& options) {
    if (options.data)
        return print_base_image_data(options.format);
    if (options.format == "markdown") {
        std::cout << rules_markdown();
        return Success;
    }
    if (options.format == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const RuleEntry& e : all_rules())
            out.push_back(rule_json(*e.meta));
        std::cout << out.dump(2) << '\n';
        return Success;
    }
    for (const RuleEntry& e : all_rules()) {
        const RuleMeta& r = *e.meta;
        fmt::print("{:<7} {:<10} {:<30} {:<8} {:<4} {}{}\n", r.code, to_string(r.file_kind), r.name,
                   to_string(r.severity), fix_label(r.fix), r.summary,
                   r.enabled_by_default ? "" : " (off by default)");
    }
    return Success;
}

void add_explain_options(CLI::App& command, ExplainOptions& options) {
    command.add_option("rule", options.id, "Rule code, name or alias (e.g. DL3008, apt-get-pin-versions)")
        ->required();
}

int run_explain(const ExplainOptions& options) {
    const RuleMeta* rule = nullptr;
    if (syntax_error_rule().matches(options.id))
        rule = &syntax_error_rule();
    else if (const RuleEntry* entry = find_rule(options.id))
        rule = entry->meta;
    if (!rule) {
        fmt::print(stderr, "drydock: no rule '{}' (see `drydock rules`)\n", options.id);
        return UsageError;
    }
    std::cout << rule_markdown(*rule);
    return Success;
}

} // namespace drydock::cli
