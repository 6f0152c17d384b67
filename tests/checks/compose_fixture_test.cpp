// Data-driven tests of the compose rules, like fixture_test.cpp for Dockerfiles. Every
// tests/fixtures/compose/<rule-name>/*.yml is linted as a compose file with only the rule named by its
// directory selected (plus `#! config:` settings), with the Dockerfiles its services build read from beside
// it, and the findings must be exactly those its `#!` annotations describe (YAML comments: the syntax of
// fixture_annotations.hpp). A fixture whose findings offer fixes has goldens `<name>.fixed.yml` (safe fixes)
// and `<name>.unsafe-fixed.yml` (safe and unsafe ones); DRYDOCK_UPDATE_FIXTURES=1 writes them for review.
// Fixing must be idempotent and keep the YAML valid.

#include "fixture_annotations.hpp"

#include <drydock/checks/compose_linter.hpp>
#include <drydock/checks/config_file.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/parser/compose.hpp>
#include <drydock/parser/line_index.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace drydock {
namespace {

namespace fs = std::filesystem;
using test::Annotation;

struct ComposeFixture {
    std::string rule;
    fs::path path;
};

void PrintTo(const ComposeFixture& c, std::ostream* os) {
    *os << c.rule << "/" << c.path.filename().string();
}

fs::path fixtures_root() {
    return fs::path(DRYDOCK_SOURCE_DIR) / "tests" / "fixtures" / "compose";
}

bool is_golden(const fs::path& path) {
    const std::string name = path.filename().string();
    return name.find(".fixed.") != std::string::npos || name.find(".unsafe-fixed.") != std::string::npos;
}

fs::path golden_path(const fs::path& input, std::string_view kind) {
    return input.parent_path() /
           (input.stem().string() + "." + std::string(kind) + input.extension().string());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<ComposeFixture> collect() {
    std::vector<ComposeFixture> out;
    std::error_code ec;
    if (!fs::is_directory(fixtures_root(), ec))
        return out;
    for (const fs::directory_entry& dir : fs::directory_iterator(fixtures_root())) {
        if (!dir.is_directory())
            continue;
        for (const fs::directory_entry& file : fs::directory_iterator(dir.path())) {
            const std::string ext = file.path().extension().string();
            if (file.is_regular_file() && (ext == ".yml" || ext == ".yaml") && !is_golden(file.path()))
                out.push_back({dir.path().filename().string(), file.path()});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const ComposeFixture& a, const ComposeFixture& b) { return a.path < b.path; });
    return out;
}

std::string test_name(const ComposeFixture& c) {
    std::string out;
    bool upper = true;
    for (const char ch : c.rule) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) {
            upper = true;
            continue;
        }
        out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch);
        upper = false;
    }
    out.push_back('_');
    for (const char ch : c.path.stem().string())
        out.push_back(std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
    return out;
}

std::optional<std::string> code_of(std::string_view id) {
    if (syntax_error_rule().matches(id))
        return std::string(syntax_error_rule().code);
    if (const RuleEntry* entry = find_rule(id))
        return std::string(entry->meta->code);
    return std::nullopt;
}

std::optional<std::string> applicability_name(const std::optional<Fix>& fix) {
    if (!fix)
        return std::nullopt;
    switch (fix->applicability) {
    case Applicability::Safe:
        return "safe";
    case Applicability::Unsafe:
        return "unsafe";
    case Applicability::DisplayOnly:
        return "display";
    }
    return std::nullopt;
}

struct Found {
    std::string code;
    Position start, end;
    std::string message;
    std::optional<std::string> fix;
};

bool matches(const Annotation& a, const std::string& code, const Found& f) {
    if (code != f.code || a.line != f.start.line)
        return false;
    if (a.column && *a.column != f.start.column)
        return false;
    if (a.end_line && (*a.end_line != f.end.line || *a.end_column != f.end.column))
        return false;
    if (a.fragment && f.message.find(*a.fragment) == std::string::npos)
        return false;
    return a.fix == f.fix;
}

std::string describe(const Found& f) {
    std::ostringstream os;
    os << f.code << " @L" << f.start.line << ":" << f.start.column << "-";
    if (f.end.line != f.start.line)
        os << "+" << (f.end.line - f.start.line) << ":";
    os << f.end.column << " \"" << f.message << "\"";
    if (f.fix)
        os << " fix=" << *f.fix;
    return os.str();
}

void check_golden(const fs::path& input, const std::string& text, const Config& config, Applicability minimum,
                  std::string_view kind, const BuiltDockerfiles& built) {
    const fs::path golden = golden_path(input, kind);
    FixRequest request;
    request.minimum = minimum;
    const FixReport report = fix_compose_text(text, config, request, built);
    EXPECT_TRUE(report.broken.empty()) << input.string() << ": fixes broke the YAML";
    EXPECT_TRUE(report.did_not_converge.empty()) << input.string() << ": fixes did not converge";
    if (std::getenv("DRYDOCK_UPDATE_FIXTURES")) {
        std::ofstream(golden, std::ios::binary) << report.text;
        return;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden.string() << " is missing (DRYDOCK_UPDATE_FIXTURES=1 writes it)";
    EXPECT_EQ(report.text, read_file(golden))
        << input.string() << " fixed (" << kind << ") differs from " << golden.string();
    EXPECT_EQ(fix_compose_text(report.text, config, request, built).text, report.text)
        << input.string() << ": fixing twice changes the text again";
    EXPECT_EQ(compose::parse_compose(report.text).yaml.errors.size(),
              compose::parse_compose(text).yaml.errors.size())
        << input.string() << ": the fixed YAML has other errors";
}

class ComposeRuleFixture : public ::testing::TestWithParam<ComposeFixture> {};

TEST_P(ComposeRuleFixture, FindingsMatchAnnotations) {
    const ComposeFixture& param = GetParam();
    const RuleEntry* rule = find_rule(param.rule);
    ASSERT_NE(rule, nullptr) << "fixture directory '" << param.rule << "' does not name a rule";
    ASSERT_EQ(rule->meta->name, param.rule) << "fixture directories are named after the rule's name";
    ASSERT_EQ(rule->meta->file_kind, FileKind::Compose) << param.rule << " is not a compose rule";

    const std::string text = read_file(param.path);
    const test::Annotations annotations = test::parse_annotations(text);
    for (const test::AnnotationError& e : annotations.errors)
        ADD_FAILURE() << param.path.string() << ":" << e.line << ": bad annotation: " << e.message;

    Config config;
    if (!annotations.config.empty()) {
        std::vector<ConfigWarning> warnings;
        config = parse_config(annotations.config, param.path.string(), warnings);
        for (const ConfigWarning& w : warnings)
            ADD_FAILURE() << "#! config: " << to_string(w);
    }
    config.select = {param.rule};
    const compose::ComposeFile file = compose::parse_compose(text);
    const BuiltDockerfiles built = read_built_dockerfiles(file, param.path.parent_path());
    const std::vector<Diagnostic> diagnostics = lint_compose(file, config, built);

    const LineIndex lines(text);
    std::vector<Found> found;
    for (const Diagnostic& d : diagnostics) {
        if (d.fix && rule->meta->fix == FixAvailability::None && d.code == rule->meta->code)
            ADD_FAILURE() << "rule " << d.code << " declares no fixes but emitted one: " << d.fix->title;
        found.push_back({d.code, lines.position(d.range.begin), lines.position(d.range.end), d.message,
                         applicability_name(d.fix)});
    }

    auto offers = [&](Applicability a) {
        return std::any_of(diagnostics.begin(), diagnostics.end(),
                           [&](const Diagnostic& d) { return d.fix && d.fix->applicability == a; });
    };
    if (offers(Applicability::Safe) || fs::exists(golden_path(param.path, "fixed")))
        check_golden(param.path, text, config, Applicability::Safe, "fixed", built);
    if (offers(Applicability::Unsafe) || fs::exists(golden_path(param.path, "unsafe-fixed")))
        check_golden(param.path, text, config, Applicability::Unsafe, "unsafe-fixed", built);

    // The most specific annotations claim their finding first.
    std::vector<Annotation> expected = annotations.expected;
    std::stable_sort(expected.begin(), expected.end(), [](const Annotation& a, const Annotation& b) {
        auto specificity = [](const Annotation& x) {
            return (x.column ? 2 : 0) + (x.end_line ? 2 : 0) + (x.fragment ? 1 : 0);
        };
        return specificity(a) > specificity(b);
    });
    std::vector<bool> claimed(found.size(), false);
    std::ostringstream report;
    for (const Annotation& a : expected) {
        const std::optional<std::string> code = code_of(a.id);
        if (!code) {
            ADD_FAILURE() << param.path.string() << ":" << a.annotation_line << ": unknown rule id '" << a.id
                          << "'";
            continue;
        }
        bool ok = false;
        for (std::size_t k = 0; k < found.size() && !ok; ++k)
            if (!claimed[k] && matches(a, *code, found[k]))
                claimed[k] = ok = true;
        if (!ok)
            report << "  missing:    annotation on line " << a.annotation_line << " (" << a.id << " @L"
                   << a.line << (a.column ? ":" + std::to_string(*a.column) : "") << ")\n";
    }
    for (std::size_t k = 0; k < found.size(); ++k)
        if (!claimed[k])
            report << "  unexpected: " << describe(found[k]) << "\n";
    if (!report.str().empty()) {
        std::ostringstream all;
        for (const Found& f : found)
            all << "    " << describe(f) << "\n";
        ADD_FAILURE() << param.path.string() << " (only " << param.rule << " selected):\n"
                      << report.str() << "  all findings:\n"
                      << (found.empty() ? std::string("    (none)\n") : all.str());
    }
}

INSTANTIATE_TEST_SUITE_P(Fixture, ComposeRuleFixture, ::testing::ValuesIn(collect()),
                         [](const ::testing::TestParamInfo<ComposeFixture>& info) {
                             return test_name(info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ComposeRuleFixture);

} // namespace
} // namespace drydock
