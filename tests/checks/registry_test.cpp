// Meta tests over the rule registry: ids are unique, checks/rules.def is sorted, every rule lives in a file
// named after it, is documented, has positive and negative fixtures, and its documented bad example triggers
// it while the good one does not.

#include "fixture_annotations.hpp"

#include <drydock/checks/compose_linter.hpp>
#include <drydock/checks/config.hpp>
#include <drydock/checks/config_file.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace drydock {
namespace {

namespace fs = std::filesystem;

// Rules whose findings come from the suppression machinery (checks/src/suppression.cpp), which is being
// written separately: their fixtures and example checks arrive with it. Remove an id here once its fixtures
// exist (the test below fails as a reminder).
const std::set<std::string> fixtures_pending = {};

// Pseudo-rules whose findings carry other codes and need an external program: DD0003 reports ShellCheck's
// SCxxxx findings and needs `shellcheck`. tests/checks/shellcheck_test.cpp tests them and their documented
// examples (skipping when the program is missing) instead of fixtures.
const std::set<std::string> tested_elsewhere = {"DD0003"};

const fs::path source_dir{DRYDOCK_SOURCE_DIR};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(Registry, HasRules) {
    EXPECT_FALSE(all_rules().empty());
}

// Aliases that name one check of another tool covering several drydock rules: BuildKit's
// MultipleInstructionsDisallowed is DL4003 (CMD), DL4004 (ENTRYPOINT) and DL3012 (HEALTHCHECK) at once, so
// skipping it skips all three. Such an alias may be shared by exactly these rules, and by no code or name.
const std::map<std::string, std::set<std::string>> shared_aliases = {
    {"multipleinstructionsdisallowed", {"DL3012", "DL4003", "DL4004"}},
};

TEST(Registry, CodesNamesAndAliasesAreUnique) {
    std::map<std::string, std::string> owner; // lower-cased id -> rule code
    auto claim = [&](std::string_view id, std::string_view code) {
        const auto [it, inserted] = owner.emplace(lower(id), std::string(code));
        EXPECT_TRUE(inserted) << "'" << id << "' is used by " << it->second << " and " << code;
    };
    claim(syntax_error_rule().code, syntax_error_rule().code);
    claim(syntax_error_rule().name, syntax_error_rule().code);
    std::map<std::string, std::set<std::string>> sharing; // shared alias -> the rules that carry it
    for (const RuleEntry& entry : all_rules()) {
        claim(entry.meta->code, entry.meta->code);
        claim(entry.meta->name, entry.meta->code);
        for (std::string_view alias : entry.meta->aliases) {
            if (shared_aliases.count(lower(alias)))
                sharing[lower(alias)].insert(std::string(entry.meta->code));
            else
                claim(alias, entry.meta->code);
        }
    }
    for (const auto& [alias, codes] : shared_aliases) {
        EXPECT_EQ(sharing[alias], codes) << "the rules that share the alias '" << alias << "'";
        EXPECT_EQ(owner.count(alias), 0U) << "'" << alias << "' is also a code, name or unshared alias";
    }
}

TEST(Registry, CodesAndNamesAreWellFormed) {
    for (const RuleEntry& entry : all_rules()) {
        const std::string_view code = entry.meta->code;
        EXPECT_EQ(code.size(), 6U) << code;
        EXPECT_TRUE(code.starts_with("DL") || code.starts_with("DD")) << code;
        EXPECT_TRUE(std::all_of(code.begin() + 2, code.end(), [](unsigned char c) {
            return std::isdigit(c);
        })) << code;
        const std::string_view name = entry.meta->name;
        EXPECT_FALSE(name.empty()) << code;
        EXPECT_TRUE(
            std::all_of(name.begin(), name.end(),
                        [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '-'; }))
            << code << ": names are kebab-case: " << name;
        EXPECT_FALSE(entry.meta->summary.empty()) << code << " has no summary";
    }
}

TEST(Registry, RulesDefIsSortedAndComplete) {
    const std::string def = read_file(source_dir / "checks" / "rules.def");
    std::vector<std::string> ids;
    constexpr std::string_view marker = "DRYDOCK_RULE(";
    for (std::size_t p = def.find(marker); p != std::string::npos; p = def.find(marker, p + 1)) {
        if (p > 0 && def[p - 1] != '\n')
            continue; // the mention in the header comment
        const std::size_t begin = p + marker.size();
        ids.push_back(def.substr(begin, def.find(')', begin) - begin));
    }
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end())) << "keep checks/rules.def sorted";
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "a rule is listed twice";
    std::vector<std::string> codes;
    for (const RuleEntry& entry : all_rules())
        codes.push_back(lower(entry.meta->code));
    EXPECT_EQ(ids, codes) << "rules.def ids and the rules' codes differ";
}

TEST(Registry, RuleFilesAreNamedAfterTheirRules) {
    for (const RuleEntry& entry : all_rules()) {
        std::string name(entry.meta->name);
        std::replace(name.begin(), name.end(), '-', '_');
        const std::string folder = entry.meta->file_kind == FileKind::Compose ? "compose_rules" : "rules";
        const fs::path file =
            source_dir / "checks" / folder / (lower(entry.meta->code) + "_" + name + ".cpp");
        EXPECT_TRUE(fs::is_regular_file(file)) << entry.meta->code << " should live in " << file.string();
    }
}

TEST(Registry, EveryRuleIsDocumented) {
    for (const RuleEntry& entry : all_rules()) {
        const RuleDocs& docs = entry.meta->docs;
        EXPECT_FALSE(docs.what.empty()) << entry.meta->code << ": docs.what";
        EXPECT_FALSE(docs.why.empty()) << entry.meta->code << ": docs.why";
        EXPECT_FALSE(docs.bad.empty()) << entry.meta->code << ": docs.bad";
        EXPECT_FALSE(docs.good.empty()) << entry.meta->code << ": docs.good";
        if (entry.meta->fix != FixAvailability::None && entry.meta->fix != FixAvailability::Always) {
            EXPECT_FALSE(docs.fix_safety.empty())
                << entry.meta->code << ": a rule with fixes documents their safety";
        }
        if (entry.meta->code.starts_with("DL")) {
            EXPECT_NE(
                docs.references.find("github.com/hadolint/hadolint/wiki/" + std::string(entry.meta->code)),
                std::string_view::npos)
                << entry.meta->code << ": link hadolint's wiki page";
        }
    }
}

TEST(Registry, EveryRuleHasPositiveAndNegativeFixtures) {
    for (const RuleEntry& entry : all_rules()) {
        const bool compose = entry.meta->file_kind == FileKind::Compose;
        const fs::path root = source_dir / "tests" / "fixtures" / (compose ? "compose" : "rules");
        const std::string code(entry.meta->code);
        const fs::path dir = root / std::string(entry.meta->name);
        if (tested_elsewhere.count(code))
            continue;
        const bool pending = fixtures_pending.count(code) > 0;
        if (!fs::is_directory(dir)) {
            EXPECT_TRUE(pending) << code << ": no fixture directory " << dir.string();
            continue;
        }
        EXPECT_FALSE(pending) << code << " has fixtures now: remove it from fixtures_pending";
        int positive = 0, negative = 0;
        for (const fs::directory_entry& file : fs::directory_iterator(dir)) {
            const std::string extension = file.path().extension().string();
            if (compose ? extension != ".yml" && extension != ".yaml" : extension != ".Dockerfile")
                continue;
            const test::Annotations annotations = test::parse_annotations(read_file(file.path()));
            const bool mine =
                std::any_of(annotations.expected.begin(), annotations.expected.end(),
                            [&](const test::Annotation& a) { return entry.meta->matches(a.id); });
            if (mine)
                ++positive;
            else if (annotations.expected.empty())
                ++negative;
        }
        EXPECT_GE(positive, 1) << code << ": no fixture in " << dir.string() << " expects a finding";
        EXPECT_GE(negative, 1) << code << ": no fixture in " << dir.string() << " expects no finding";
    }
}

// An example of a config-driven rule starts with the `#! config:` lines of a fixture
// (fixture_annotations.hpp), so the docs show the settings it needs and this test lints it with them.
std::size_t findings_of(const RuleMeta& rule, std::string_view text, std::vector<ParseError>& errors) {
    const bool compose = rule.file_kind == FileKind::Compose;
    const Dockerfile file = parse(compose ? std::string() : std::string(text));
    const compose::ComposeFile compose_file =
        compose::parse_compose(compose ? std::string(text) : std::string());
    errors = compose ? compose_file.yaml.errors : file.errors;
    Config config;
    if (const std::string yaml = test::parse_annotations(text).config; !yaml.empty()) {
        std::vector<ConfigWarning> warnings;
        config = parse_config(yaml, std::string(rule.code) + " example", warnings);
        for (const ConfigWarning& w : warnings)
            ADD_FAILURE() << to_string(w);
    }
    config.select = {std::string(rule.name)};
    // Examples are linted in the rule's fixture folder, as fixtures are (its `.dockerignore`, its files).
    config.build_context = (source_dir / "tests" / "fixtures" / "rules" / std::string(rule.name)).string();
    const std::vector<Diagnostic> diagnostics =
        compose ? lint_compose(compose_file, config) : lint(file, config);
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                  [&](const Diagnostic& d) { return d.code == rule.code; }));
}

// Rules that keep hadolint's code for something the builder itself rejects (the parser reports it as DL1000
// too), so their bad example cannot parse cleanly.
const std::set<std::string> bad_example_is_parse_error = {"DL3043"};

TEST(Registry, BadExampleTriggersTheRuleAndGoodDoesNot) {
    for (const RuleEntry& entry : all_rules()) {
        const RuleMeta& rule = *entry.meta;
        if (fixtures_pending.count(std::string(rule.code)) || tested_elsewhere.count(std::string(rule.code)))
            continue;
        std::vector<ParseError> errors;
        EXPECT_GE(findings_of(rule, rule.docs.bad, errors), 1U)
            << rule.code << ": the bad example is not reported";
        EXPECT_TRUE(errors.empty() || bad_example_is_parse_error.count(std::string(rule.code)))
            << rule.code << ": the bad example does not parse: " << errors.front().message;
        EXPECT_EQ(findings_of(rule, rule.docs.good, errors), 0U)
            << rule.code << ": the good example is reported";
        EXPECT_TRUE(errors.empty()) << rule.code
                                    << ": the good example does not parse: " << errors.front().message;
    }
}

} // namespace
} // namespace drydock
