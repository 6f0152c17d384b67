#include <drydock/checks/rule.hpp>

#include <algorithm>
#include <cctype>

namespace drydock {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

std::string_view to_string(Category category) {
    switch (category) {
    case Category::Syntax:
        return "syntax";
    case Category::Correctness:
        return "correctness";
    case Category::Security:
        return "security";
    case Category::Reproducibility:
        return "reproducibility";
    case Category::ImageSize:
        return "image-size";
    case Category::Maintainability:
        return "maintainability";
    case Category::Style:
        return "style";
    }
    return "correctness";
}

std::string_view to_string(FileKind kind) {
    return kind == FileKind::Compose ? "compose" : "dockerfile";
}

bool RuleMeta::matches(std::string_view id) const {
    if (iequals(id, code) || iequals(id, name))
        return true;
    return std::any_of(aliases.begin(), aliases.end(), [&](std::string_view a) { return iequals(id, a); });
}

Context::Context(const Dockerfile& file, const SemanticModel& model, const Config& config)
    : file_(file), model_(model), config_(config) {}

std::uint32_t Context::line_of(TextSize offset) const {
    if (!lines_)
        lines_.emplace(file_.source);
    return lines_->line_of(offset) + 1;
}

void Context::enter(std::size_t index, std::optional<std::size_t> stage, bool in_onbuild) {
    index_ = index;
    stage_ = stage;
    in_onbuild_ = in_onbuild;
}

void Context::report(TextRange range, Severity severity, std::string message, std::optional<Fix> fix) {
    report(range, std::move(message), std::move(fix));
    diagnostics_.back().severity = severity;
}

void Context::report(TextRange range, std::string message, std::optional<Fix> fix) {
    Diagnostic d;
    d.code = std::string(rule_->code);
    d.name = std::string(rule_->name);
    d.severity = rule_->severity;
    d.message = std::move(message);
    d.range = range;
    d.fix = std::move(fix);
    diagnostics_.push_back(std::move(d));
}

} // namespace drydock
