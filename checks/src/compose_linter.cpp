#include "compose_images.hpp"
#include "compose_suppression.hpp"
#include "fix_loop_core.hpp"

#include <drydock/checks/compose_linter.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/parser/parse.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <tuple>

namespace drydock {

const ServiceImage& ComposeContext::image(const compose::Service& service) const {
    const auto index = static_cast<std::size_t>(&service - file_.services.data());
    if (index < images_.size())
        return images_[index];
    for (std::size_t i = 0; i < file_.services.size(); ++i)
        if (file_.services[i].name == service.name)
            return images_.at(i);
    static const ServiceImage unknown;
    return unknown;
}

void ComposeContext::report(TextRange range, std::string message, std::optional<Fix> fix) {
    Diagnostic d;
    d.code = std::string(rule_->code);
    d.name = std::string(rule_->name);
    d.severity = rule_->severity;
    d.message = std::move(message);
    d.range = range;
    d.fix = std::move(fix);
    diagnostics_.push_back(std::move(d));
}

namespace {

namespace fs = std::filesystem;

struct ActiveComposeRule {
    std::unique_ptr<ComposeRule> rule;
    const RuleMeta* meta;
    Severity severity;
};

// Pragmas that silenced nothing, when the unused-suppression rule is on.
void report_unused(const Suppressions& suppressions, const std::vector<bool>& used, const Config& config,
                   std::vector<Diagnostic>& out) {
    const RuleEntry* unused = find_rule("unused-suppression");
    if (!unused)
        return;
    const std::optional<Severity> severity = config.report_unused_suppressions
                                                 ? std::optional(unused->meta->severity)
                                                 : effective_severity(*unused->meta, config);
    if (!severity)
        return;
    for (std::size_t i = 0; i < suppressions.pragmas.size(); ++i) {
        if (used[i])
            continue;
        const Pragma& p = suppressions.pragmas[i];
        std::string what = p.ids.front();
        if (p.ids.size() > 1)
            what += " (and " + std::to_string(p.ids.size() - 1) + " more)";
        out.push_back({std::string(unused->meta->code), std::string(unused->meta->name), *severity,
                       "suppression of " + what + " is never used", p.range, std::nullopt});
    }
}

std::vector<std::string> error_messages(const compose::ComposeFile& file) {
    std::vector<std::string> out;
    for (const ParseError& e : file.yaml.errors)
        out.push_back(e.message);
    return out;
}

} // namespace

BuiltDockerfiles read_built_dockerfiles(const compose::ComposeFile& file, const fs::path& compose_dir) {
    BuiltDockerfiles out;
    for (const compose::Service& service : file.services) {
        const std::optional<compose::BuildSpec> spec = file.build(service);
        if (!spec || spec->remote || spec->inline_text)
            continue;
        const fs::path dockerfile(spec->dockerfile);
        const fs::path name =
            (dockerfile.is_absolute() ? dockerfile : fs::path(spec->context) / dockerfile).lexically_normal();
        const fs::path path = (compose_dir / name).lexically_normal();
        std::error_code ec;
        if (!fs::is_regular_file(path, ec))
            continue;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            continue;
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        out.emplace(service.name, BuiltDockerfile{path.string(), name.string(), parse(std::move(text))});
    }
    return out;
}

std::vector<Diagnostic> lint_compose(const compose::ComposeFile& file, const Config& config,
                                     const BuiltDockerfiles& built) {
    // What each service runs; inline Dockerfiles are parsed here and live until the rules are done.
    std::vector<std::unique_ptr<Dockerfile>> inline_files;
    std::vector<ServiceImage> images;
    for (const compose::Service& service : file.services) {
        const Dockerfile* dockerfile = nullptr;
        std::string path;
        if (const auto it = built.find(service.name); it != built.end()) {
            dockerfile = &it->second.file;
            path = it->second.name;
        } else if (const std::optional<compose::BuildSpec> spec = file.build(service);
                   spec && spec->inline_text) {
            inline_files.push_back(std::make_unique<Dockerfile>(parse(*spec->inline_text)));
            dockerfile = inline_files.back().get();
        }
        images.push_back(rules::describe_service(file, service, dockerfile, path));
    }

    // A file with YAML errors gets only those: Compose refuses to load it, and its structure is not known.
    std::vector<Diagnostic> found;
    if (file.yaml.root != yaml::no_node && file.yaml.errors.empty()) {
        std::vector<ActiveComposeRule> active;
        for (const RuleEntry& entry : all_rules()) {
            if (!entry.make_compose)
                continue;
            if (const std::optional<Severity> severity = effective_severity(*entry.meta, config))
                active.push_back({entry.make_compose(), entry.meta, *severity});
        }
        ComposeContext context(file, config, images);
        for (ActiveComposeRule& a : active) {
            context.set_rule(a.meta);
            for (const compose::Service& service : file.services)
                a.rule->check_service(service, context);
            a.rule->check_file(context);
            std::vector<Diagnostic> mine = context.take_diagnostics();
            for (Diagnostic& d : mine) {
                d.severity = a.severity;
                found.push_back(std::move(d));
            }
        }
    }
    // A value shared through an anchor or merge key is one finding (named after the first service that uses
    // it), however many services use it.
    std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.range.begin, a.range.end, a.code) < std::tie(b.range.begin, b.range.end, b.code);
    });
    found.erase(std::unique(found.begin(), found.end(),
                            [](const Diagnostic& a, const Diagnostic& b) {
                                return a.code == b.code && a.range == b.range;
                            }),
                found.end());

    std::vector<Diagnostic> out;
    if (config.disable_ignore_pragma) {
        out = std::move(found);
    } else {
        Suppressions suppressions = collect_compose_suppressions(file.yaml);
        std::vector<bool> used(suppressions.pragmas.size(), false);
        for (Diagnostic& d : found)
            if (!is_suppressed(d, suppressions, used))
                out.push_back(std::move(d));
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
    for (const ParseError& e : file.yaml.errors)
        out.push_back({std::string(syntax.code), std::string(syntax.name), Severity::Error, e.message,
                       e.range, std::nullopt});

    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.range.begin != b.range.begin)
            return a.range.begin < b.range.begin;
        return a.code < b.code;
    });
    return out;
}

FixReport fix_compose_text(std::string text, const Config& config, const FixRequest& request,
                           const BuiltDockerfiles& built) {
    return fix_loop::run<compose::ComposeFile>(
        std::move(text), request,
        [](std::string source) { return compose::parse_compose(std::move(source)); },
        [](const compose::ComposeFile& file) -> const std::string& { return file.yaml.source; },
        [&](const compose::ComposeFile& file) { return lint_compose(file, config, built); }, error_messages,
        [](const Fix&, const compose::ComposeFile&) { return false; });
}

} // namespace drydock
