#include "shell_queries.hpp"
#include "shellcheck.hpp"
#include "suppression_matcher.hpp"

#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/checks/suppression.hpp>
#include <drydock/parser/semantics.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <numeric>

namespace drydock {
namespace {

constexpr std::size_t kind_count = static_cast<std::size_t>(InstructionKind::Unknown) + 1;

bool listed(const RuleMeta& rule, const std::vector<std::string>& ids) {
    return std::any_of(ids.begin(), ids.end(),
                       [&](const std::string& id) { return id == "all" || rule.matches(id); });
}

struct ActiveRule {
    std::unique_ptr<Rule> rule;
    const RuleMeta* meta;
    Severity severity;
};

// Runs every active rule over the file: one walk, dispatch by instruction kind, stage and file callbacks.
std::vector<Diagnostic> run_rules(const Dockerfile& file, const SemanticModel& model, const Config& config,
                                  std::vector<ActiveRule>& active) {
    std::array<std::vector<ActiveRule*>, kind_count> dispatch;
    for (ActiveRule& a : active) {
        const std::vector<InstructionKind> kinds = a.rule->interests();
        for (std::size_t k = 0; k < kind_count; ++k)
            if (kinds.empty() ||
                std::find(kinds.begin(), kinds.end(), static_cast<InstructionKind>(k)) != kinds.end())
                dispatch[k].push_back(&a);
    }
    Context context(file, model, config);
    auto for_each_rule = [&](auto&& call) {
        rules::forget_run_commands(context);
        for (ActiveRule& a : active) {
            context.set_rule(a.meta);
            call(*a.rule);
        }
    };
    auto check = [&](const Instruction& ins) {
        for (ActiveRule* a : dispatch[static_cast<std::size_t>(ins.kind)]) {
            context.set_rule(a->meta);
            a->rule->check(ins, context);
        }
    };

    std::optional<std::size_t> current_stage;
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const std::optional<std::size_t> stage = model.stage_of(i);
        if (current_stage && stage != current_stage) {
            context.set_stage(current_stage);
            for_each_rule([&](Rule& r) { r.end_stage(context); });
        }
        current_stage = stage;
        const Instruction& ins = file.instructions[i];
        context.enter(i, stage, false);
        check(ins);
        if (ins.is(InstructionKind::Onbuild) && !ins.trigger.empty()) {
            context.enter(i, stage, true);
            check(ins.trigger.front());
        }
    }
    if (current_stage) {
        context.set_stage(current_stage);
        for_each_rule([&](Rule& r) { r.end_stage(context); });
    }
    for_each_rule([&](Rule& r) { r.end_file(context); });
    return context.take_diagnostics();
}

// Sorts findings by position, then code, keeping the rules' order otherwise. Their indices are sorted and
// each finding is then moved once: a Diagnostic is large, and sorting them directly moved each ~log n times.
void sort_by_position(std::vector<Diagnostic>& findings) {
    std::vector<std::size_t> order(findings.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Diagnostic& x = findings[a];
        const Diagnostic& y = findings[b];
        if (x.range.begin != y.range.begin)
            return x.range.begin < y.range.begin;
        return x.code < y.code;
    });
    // Position k receives findings[order[k]]: follow each cycle of the permutation with one spare finding.
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (order[k] == k)
            continue;
        Diagnostic spare = std::move(findings[k]);
        std::size_t j = k;
        while (order[j] != k) {
            const std::size_t from = order[j];
            findings[j] = std::move(findings[from]);
            order[j] = j;
            j = from;
        }
        findings[j] = std::move(spare);
        order[j] = j;
    }
}

// Pragmas that silenced nothing, when the unused-suppression rule is on.
void report_unused(const Suppressions& suppressions, const std::vector<bool>& used, const Config& config,
                   std::vector<Diagnostic>& out) {
    const RuleEntry* unused = find_rule("unused-suppression");
    const std::optional<Severity> severity = config.report_unused_suppressions
                                                 ? std::optional(unused->meta->severity)
                                                 : effective_severity(*unused->meta, config);
    if (!severity)
        return;
    for (std::size_t i = 0; i < suppressions.pragmas.size(); ++i) {
        const Pragma& p = suppressions.pragmas[i];
        if (used[i] || p.from_check_directive)
            continue;
        std::string what = p.ids.empty() ? std::string("nothing") : p.ids.front();
        if (p.ids.size() > 1)
            what += " (and " + std::to_string(p.ids.size() - 1) + " more)";
        out.push_back({std::string(unused->meta->code), std::string(unused->meta->name), *severity,
                       "suppression of " + what + " is never used", p.range, std::nullopt});
    }
}

bool is_shellcheck_code(std::string_view id) {
    return id.size() > 2 && (id[0] == 'S' || id[0] == 's') && (id[1] == 'C' || id[1] == 'c') &&
           std::all_of(id.begin() + 2, id.end(), [](unsigned char c) { return std::isdigit(c); });
}

// ShellCheck's findings, each configured like a rule of its own: code SCxxxx, name `shellcheck` and alias
// DD0003 (so `ignored`, `select` and the overrides work with the SC code or with the pseudo-rule),
// ShellCheck's level as default severity. ShellCheck runs when the DD0003 pseudo-rule is on, or when `select`
// names SC codes; never when `shellcheck: false`.
void add_shellcheck(const Dockerfile& file, const SemanticModel& model, const Config& config,
                    std::vector<Diagnostic>& out) {
    if (!config.shellcheck.value_or(true))
        return;
    const RuleEntry* entry = find_rule("shellcheck");
    if (!entry)
        return;
    const bool selected_codes = std::any_of(config.select.begin(), config.select.end(),
                                            [](const std::string& id) { return is_shellcheck_code(id); }) &&
                                !listed(*entry->meta, config.ignored);
    if (!effective_severity(*entry->meta, config) && !selected_codes)
        return;
    const std::array<std::string_view, 1> aliases{entry->meta->code};
    for (Diagnostic& d : shellcheck::findings(file, model, config)) {
        const RuleMeta meta{
            .code = d.code, .name = entry->meta->name, .aliases = aliases, .severity = d.severity};
        if (const std::optional<Severity> severity = effective_severity(meta, config)) {
            d.severity = *severity;
            out.push_back(std::move(d));
        }
    }
}

} // namespace

std::optional<Severity> effective_severity(const RuleMeta& rule, const Config& config) {
    if (listed(rule, config.ignored))
        return std::nullopt;
    bool enabled = config.select.empty() ? rule.enabled_by_default : listed(rule, config.select);
    Severity severity = rule.severity;
    // A code in several override lists gets the most severe one, as in hadolint.
    std::optional<Severity> overridden;
    for (const auto& [id, s] : config.overrides)
        if (rule.matches(id) && s != Severity::Ignore)
            overridden = overridden ? std::min(*overridden, s) : s;
    const bool ignored_by_override =
        std::any_of(config.overrides.begin(), config.overrides.end(),
                    [&](const auto& o) { return o.second == Severity::Ignore && rule.matches(o.first); });
    if (overridden) {
        severity = *overridden;
        if (config.select.empty())
            enabled = true; // overriding the severity of an off-by-default rule turns it on (hadolint)
    } else if (ignored_by_override) {
        return std::nullopt;
    }
    if (!enabled)
        return std::nullopt;
    return severity;
}

std::vector<Diagnostic> lint(const Dockerfile& file, const Config& config) {
    const SemanticModel model(file);

    std::vector<ActiveRule> active;
    // Per active rule's code: the configured severity and the rule's default (looked up per finding, so a
    // map rather than a search of the registry by name and alias).
    std::map<std::string, std::pair<Severity, Severity>, std::less<>> severity_of;
    for (const RuleEntry& entry : all_rules()) {
        if (!entry.make)
            continue; // a compose rule (compose_linter.cpp runs those)
        if (const std::optional<Severity> severity = effective_severity(*entry.meta, config)) {
            active.push_back({entry.make(), entry.meta, *severity});
            severity_of[std::string(entry.meta->code)] = {*severity, entry.meta->severity};
        }
    }
    std::vector<Diagnostic> found = run_rules(file, model, config, active);
    for (Diagnostic& d : found) {
        // A rule reports its default severity, or a milder one for lesser findings (Context::report): keep
        // that distance from the configured severity, never going past Style.
        const auto& [configured, default_severity] = severity_of.at(d.code);
        const int milder = std::max(0, static_cast<int>(d.severity) - static_cast<int>(default_severity));
        d.severity = static_cast<Severity>(
            std::min(static_cast<int>(configured) + milder, static_cast<int>(Severity::Style)));
    }
    add_shellcheck(file, model, config, found);

    // Suppression: pragmas and `# check=skip=` (unless disabled); parse errors can never be suppressed.
    std::vector<Diagnostic> out;
    Suppressions suppressions;
    if (config.disable_ignore_pragma) {
        out = std::move(found);
    } else {
        suppressions = collect_suppressions(file, model);
        std::vector<bool> used(suppressions.pragmas.size(), false);
        // Filtered in place: a second vector of the kept findings doubled the memory of a file with
        // hundreds of thousands of them.
        const SuppressionMatcher matcher(suppressions);
        std::erase_if(found, [&](const Diagnostic& d) { return matcher.suppressed(d, used); });
        out = std::move(found);
        // Malformed pragmas are findings of the invalid-suppression rule, configurable like any other.
        for (Diagnostic& problem : suppressions.problems) {
            const RuleEntry* rule = find_rule(problem.code);
            if (const auto severity = rule ? effective_severity(*rule->meta, config) : std::nullopt) {
                problem.severity = *severity;
                out.push_back(std::move(problem));
            }
        }
        report_unused(suppressions, used, config, out);
    }

    const RuleMeta& syntax = syntax_error_rule();
    for (const ParseError& e : file.errors)
        out.push_back({std::string(syntax.code), std::string(syntax.name), Severity::Error, e.message,
                       e.range, std::nullopt});

    sort_by_position(out);
    return out;
}

bool fails_threshold(const std::vector<Diagnostic>& findings, const Config& config) {
    if (config.no_fail)
        return false;
    const Severity threshold = config.failure_threshold.value_or(Severity::Info);
    return std::any_of(findings.begin(), findings.end(), [&](const Diagnostic& d) {
        return threshold == Severity::Ignore || at_least(d.severity, threshold);
    });
}

} // namespace drydock
