// Data-driven rule tests. Every tests/fixtures/rules/<rule-name>/*.Dockerfile is parsed and linted with its
// `#! config:` settings and only the rule named by its directory selected, and the findings must be exactly
// those its `#!` annotations describe (syntax in fixture_annotations.hpp): same rule, same start line, same
// columns where given, a message containing the fragment where given, and a fix only where announced.
// Anything unexpected or missing fails the test with both lists. The fixture's folder is its build context
// (rules that read `.dockerignore` or the files `COPY .` sends), and `<name>.Dockerfile.dockerignore` beside
// a fixture is that fixture's own ignore file.

#include "fixture_annotations.hpp"

#include <drydock/checks/config.hpp>
#include <drydock/checks/config_file.hpp>
#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/parser/line_index.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace drydock {
namespace {

namespace fs = std::filesystem;
using test::Annotation;

struct FixtureCase {
    std::string rule; // the directory name: a rule name
    fs::path path;
};

void PrintTo(const FixtureCase& c, std::ostream* os) {
    *os << c.rule << "/" << c.path.filename().string();
}

fs::path fixtures_root() {
    return fs::path(DRYDOCK_SOURCE_DIR) / "tests" / "fixtures" / "rules";
}

// `x.fixed.Dockerfile` / `x.unsafe-fixed.Dockerfile` hold the expected output of fixing `x.Dockerfile`.
bool is_golden(const fs::path& path) {
    const std::string name = path.filename().string();
    return name.ends_with(".fixed.Dockerfile") || name.ends_with(".unsafe-fixed.Dockerfile");
}

fs::path golden_path(const fs::path& input, std::string_view kind) {
    const std::string stem = input.filename().string().substr(0, input.filename().string().size() - 11);
    return input.parent_path() / (stem + "." + std::string(kind) + ".Dockerfile");
}

// Compares the fixed text with its golden file (or writes the golden with DRYDOCK_UPDATE_FIXTURES=1), and
// checks that fixing again changes nothing and that no fix of the rule is left to apply.
void check_golden(const fs::path& input, const std::string& text, const Config& config, Applicability minimum,
                  std::string_view kind) {
    const fs::path golden = golden_path(input, kind);
    FixRequest request;
    request.minimum = minimum;
    const FixReport report = fix_text(text, config, request);
    EXPECT_TRUE(report.broken.empty()) << input.string() << ": fixes broke the text";
    EXPECT_TRUE(report.did_not_converge.empty()) << input.string() << ": fixes did not converge";
    // A file a fix creates has its golden beside: `x.unsafe-fixed.new.docker-entrypoint.sh`.
    const std::string stem = golden.filename().string().substr(0, golden.filename().string().size() - 10);
    auto new_file_golden = [&](const std::string& path) {
        std::string flat = path;
        std::replace(flat.begin(), flat.end(), '/', '_');
        return golden.parent_path() / (stem + "new." + flat);
    };
    if (std::getenv("DRYDOCK_UPDATE_FIXTURES")) {
        std::ofstream(golden, std::ios::binary) << report.text;
        for (const NewFile& created : report.new_files)
            std::ofstream(new_file_golden(created.path), std::ios::binary) << created.content;
        return;
    }
    std::size_t expected_new_files = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(golden.parent_path()))
        expected_new_files += entry.path().filename().string().starts_with(stem + "new.");
    EXPECT_EQ(report.new_files.size(), expected_new_files) << input.string() << ": files created";
    for (const NewFile& created : report.new_files) {
        std::ifstream file(new_file_golden(created.path), std::ios::binary);
        ASSERT_TRUE(file.good()) << new_file_golden(created.path).string() << " is missing";
        const std::string content{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
        EXPECT_EQ(created.content, content) << input.string() << " creates " << created.path;
    }
    std::ifstream in(golden, std::ios::binary);
    ASSERT_TRUE(in.good()) << golden.string() << " is missing: every fix needs a golden "
                           << "(DRYDOCK_UPDATE_FIXTURES=1 writes it for review)";
    const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(report.text, expected) << input.string() << " fixed (" << kind << ") differs from "
                                     << golden.string();
    const FixReport again = fix_text(report.text, config, request);
    EXPECT_EQ(again.text, report.text) << input.string() << ": fixing twice changes the text again";
    EXPECT_EQ(parse(report.text).errors.size(), parse(text).errors.size()) << input.string();
}

std::vector<FixtureCase> collect_fixtures() {
    std::vector<FixtureCase> out;
    std::error_code ec;
    if (!fs::is_directory(fixtures_root(), ec))
        return out;
    for (const fs::directory_entry& dir : fs::directory_iterator(fixtures_root())) {
        if (!dir.is_directory())
            continue;
        for (const fs::directory_entry& file : fs::directory_iterator(dir.path()))
            if (file.is_regular_file() && file.path().extension() == ".Dockerfile" && !is_golden(file.path()))
                out.push_back({dir.path().filename().string(), file.path()});
    }
    std::sort(out.begin(), out.end(),
              [](const FixtureCase& a, const FixtureCase& b) { return a.path < b.path; });
    return out;
}

// `apt-get-pin-versions` + `continuations.Dockerfile` -> `AptGetPinVersions_continuations`.
std::string test_name(const FixtureCase& c) {
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

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The code an annotation's id stands for (a rule's code, name or alias, or the parse-error pseudo-rule).
std::optional<std::string> code_of(std::string_view id) {
    if (syntax_error_rule().matches(id))
        return std::string(syntax_error_rule().code);
    if (const RuleEntry* entry = find_rule(id))
        return std::string(entry->meta->code);
    return std::nullopt;
}

std::string_view applicability_name(const Fix& fix) {
    switch (fix.applicability) {
    case Applicability::Safe:
        return "safe";
    case Applicability::Unsafe:
        return "unsafe";
    case Applicability::DisplayOnly:
        return "display";
    }
    return "safe";
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

// How much an annotation pins down: the most specific ones claim their diagnostic first.
int specificity(const Annotation& a) {
    return (a.column ? 2 : 0) + (a.end_line ? 2 : 0) + (a.fragment ? 1 : 0);
}

std::string source_line(const std::string& text, const LineIndex& lines, std::uint32_t line) {
    if (line == 0 || line > lines.line_count())
        return {};
    return std::string(lines.line_content(line - 1).slice(text));
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

std::string describe(const Annotation& a) {
    std::ostringstream os;
    os << "#! " << a.id << " @L" << a.line;
    if (a.column)
        os << ":" << *a.column;
    if (a.end_line) {
        os << "-";
        if (*a.end_line != a.line)
            os << "+" << (*a.end_line - a.line) << ":";
        os << *a.end_column;
    }
    if (a.fragment)
        os << " \"" << *a.fragment << "\"";
    if (a.fix)
        os << " fix=" << *a.fix;
    os << "   (annotation on line " << a.annotation_line << ")";
    return os.str();
}

class RuleFixture : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(RuleFixture, FindingsMatchAnnotations) {
    const FixtureCase& param = GetParam();
    const RuleEntry* rule = find_rule(param.rule);
    ASSERT_NE(rule, nullptr) << "fixture directory '" << param.rule << "' does not name a rule";
    ASSERT_EQ(rule->meta->name, param.rule) << "fixture directories are named after the rule's name";

    const std::string text = read_file(param.path);
    const test::Annotations annotations = test::parse_annotations(text);
    for (const test::AnnotationError& e : annotations.errors)
        ADD_FAILURE() << param.path.string() << ":" << e.line << ": bad annotation: " << e.message;

    std::vector<std::string> expected_codes;
    for (const Annotation& a : annotations.expected) {
        const std::optional<std::string> code = code_of(a.id);
        if (!code)
            ADD_FAILURE() << param.path.string() << ":" << a.annotation_line << ": unknown rule id '" << a.id
                          << "'";
        expected_codes.push_back(code.value_or(""));
    }

    const Dockerfile file = parse(text);
    Config config;
    if (!annotations.config.empty()) {
        std::vector<ConfigWarning> warnings;
        config = parse_config(annotations.config, param.path.string(), warnings);
        for (const ConfigWarning& w : warnings)
            ADD_FAILURE() << "#! config: " << to_string(w);
    }
    config.select = {param.rule};
    // The fixture's folder is its build context: a `.dockerignore` there, or `<name>.Dockerfile.dockerignore`
    // beside the fixture, applies to it, and the files there are what `COPY .` sends.
    config.build_context = param.path.parent_path().string();
    config.dockerfile_path = param.path.string();
    const std::vector<Diagnostic> diagnostics = lint(file, config);
    const LineIndex lines(file.source);
    std::vector<Found> found;
    for (const Diagnostic& d : diagnostics) {
        if (d.fix && rule->meta->fix == FixAvailability::None && d.code == rule->meta->code)
            ADD_FAILURE() << "rule " << d.code << " declares no fixes but emitted one: " << d.fix->title;
        found.push_back({d.code, lines.position(d.range.begin), lines.position(d.range.end), d.message,
                         d.fix ? std::optional<std::string>(applicability_name(*d.fix)) : std::nullopt});
    }

    // Fixes: a golden for each applicability the fixture's findings offer.
    const bool offers_safe = std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.fix && d.fix->applicability == Applicability::Safe;
    });
    const bool offers_unsafe = std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.fix && d.fix->applicability == Applicability::Unsafe;
    });
    if (offers_safe || fs::exists(golden_path(param.path, "fixed")))
        check_golden(param.path, text, config, Applicability::Safe, "fixed");
    if (offers_unsafe || fs::exists(golden_path(param.path, "unsafe-fixed")))
        check_golden(param.path, text, config, Applicability::Unsafe, "unsafe-fixed");

    std::vector<std::size_t> order(annotations.expected.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return specificity(annotations.expected[a]) > specificity(annotations.expected[b]);
    });
    std::vector<bool> claimed(found.size(), false);
    std::vector<const Annotation*> missing;
    for (const std::size_t i : order) {
        bool ok = false;
        for (std::size_t k = 0; k < found.size() && !ok; ++k) {
            if (!claimed[k] && matches(annotations.expected[i], expected_codes[i], found[k])) {
                claimed[k] = true;
                ok = true;
            }
        }
        if (!ok)
            missing.push_back(&annotations.expected[i]);
    }
    std::ostringstream report;
    for (const Annotation* a : missing)
        report << "  missing:    " << describe(*a) << "\n                " << a->line << " | "
               << source_line(file.source, lines, a->line) << "\n";
    for (std::size_t k = 0; k < found.size(); ++k)
        if (!claimed[k])
            report << "  unexpected: " << describe(found[k]) << "\n                " << found[k].start.line
                   << " | " << source_line(file.source, lines, found[k].start.line) << "\n";
    if (!report.str().empty()) {
        std::ostringstream all;
        for (const Found& f : found)
            all << "    " << describe(f) << "\n";
        ADD_FAILURE() << param.path.string() << " (only " << param.rule << " selected):\n"
                      << report.str() << "  all findings:\n"
                      << (found.empty() ? std::string("    (none)\n") : all.str());
    }
}

INSTANTIATE_TEST_SUITE_P(Fixture, RuleFixture, ::testing::ValuesIn(collect_fixtures()),
                         [](const ::testing::TestParamInfo<FixtureCase>& info) {
                             return test_name(info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleFixture);

} // namespace
} // namespace drydock
