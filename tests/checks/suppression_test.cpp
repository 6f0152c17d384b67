// Inline suppression: `# hadolint|drydock [global |stage ]ignore=…` pragmas with codes, names and aliases and
// an optional `# reason`, malformed and misplaced pragmas as DD0002 problems, BuildKit's `# check=` directive
// (file-wide) and per-instruction `# check=` comments, is_suppressed with used-marking, and the engine end to
// end with DL3000 (workdir-absolute) and DD0001 (unused-suppression).

#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/checks/suppression.hpp>
#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {
namespace {

using Strings = std::vector<std::string>;

struct Collected {
    Dockerfile file;
    Suppressions suppressions;
};

Collected collect(std::string text) {
    Collected out{parse(std::move(text)), {}};
    const SemanticModel model(out.file);
    out.suppressions = collect_suppressions(out.file, model);
    return out;
}

std::string scope_name(Pragma::Scope scope) {
    switch (scope) {
    case Pragma::Scope::NextInstruction:
        return "next";
    case Pragma::Scope::Stage:
        return "stage";
    case Pragma::Scope::Global:
        return "global";
    }
    return "?";
}

std::string join(const Strings& items) {
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : ",") + item;
    return out;
}

// "scope ids | comment | covered text | reason", with `check` marking `# check=` pragmas.
Strings pragmas(const Collected& c) {
    Strings out;
    for (const Pragma& p : c.suppressions.pragmas)
        out.push_back(scope_name(p.scope) + (p.from_check_directive ? " check " : " ") + join(p.ids) + " | " +
                      std::string(c.file.text(p.range)) + " | " + std::string(c.file.text(p.covers)) + " | " +
                      p.reason);
    return out;
}

// "text under the range: message" for each problem, after checking the code, name and severity.
Strings problems(const Collected& c) {
    Strings out;
    for (const Diagnostic& d : c.suppressions.problems) {
        EXPECT_EQ(d.code, "DD0002");
        EXPECT_EQ(d.name, "invalid-suppression");
        EXPECT_EQ(d.severity, Severity::Warning);
        EXPECT_FALSE(d.fix);
        out.push_back(std::string(c.file.text(d.range)) + ": " + d.message);
    }
    return out;
}

Diagnostic finding(std::string code, TextSize at) {
    Diagnostic d;
    d.code = std::move(code);
    d.range = {at, at + 1};
    return d;
}

TextSize offset_of(const Dockerfile& file, std::string_view needle) {
    const std::size_t pos = file.source.find(needle);
    EXPECT_NE(pos, std::string::npos) << needle;
    return static_cast<TextSize>(pos);
}

// Only the rules under test run, so rules added later cannot change these expectations.
Config only_dl3000() {
    Config config;
    config.select = {"DL3000"};
    return config;
}

// "line:code message" for each finding of the engine.
Strings lint_text(std::string text, const Config& config = only_dl3000()) {
    const Dockerfile file = parse(std::move(text));
    Strings out;
    for (const Diagnostic& d : lint(file, config)) {
        const std::size_t line = 1 + static_cast<std::size_t>(std::count(
                                         file.source.begin(), file.source.begin() + d.range.begin, '\n'));
        out.push_back(std::to_string(line) + ":" + d.code + " " + d.message);
    }
    return out;
}

// --- The pragma forms ---

TEST(SuppressionPragma, IgnoreCoversTheNextInstruction) {
    const Collected c = collect("FROM alpine\n# hadolint ignore=DL3000\nWORKDIR app\nWORKDIR other\n");
    EXPECT_EQ(pragmas(c), Strings{"next DL3000 | # hadolint ignore=DL3000 | WORKDIR app\n | "});
    EXPECT_EQ(problems(c), Strings{});
    EXPECT_FALSE(c.suppressions.check_error);
}

TEST(SuppressionPragma, CoversEveryLineOfAContinuedInstruction) {
    const Collected c = collect("FROM alpine\n# hadolint ignore=DL3000\nWORKDIR \\\n  app\n");
    EXPECT_EQ(pragmas(c), Strings{"next DL3000 | # hadolint ignore=DL3000 | WORKDIR \\\n  app\n | "});
}

TEST(SuppressionPragma, WindowsLineEndings) {
    const Collected c = collect("FROM alpine\r\n# hadolint ignore=DL3000 # why\r\nWORKDIR app\r\n");
    EXPECT_EQ(pragmas(c), Strings{"next DL3000 | # hadolint ignore=DL3000 # why | WORKDIR app\r\n | why"});
    EXPECT_EQ(problems(c), Strings{});
}

TEST(SuppressionPragma, IdsAsCodesNamesAnyCaseAndShellCheckCodesWithBlanks) {
    const Collected c = collect("FROM alpine\n"
                                "#hadolint   ignore = DL3000 ,workdir-absolute,  SC2086 , dd0001\n"
                                "WORKDIR app\n");
    EXPECT_EQ(pragmas(c),
              Strings{"next DL3000,workdir-absolute,SC2086,dd0001 | "
                      "#hadolint   ignore = DL3000 ,workdir-absolute,  SC2086 , dd0001 | WORKDIR app\n | "});
    EXPECT_EQ(problems(c), Strings{});
}

TEST(SuppressionPragma, DrydockWorksLikeHadolint) {
    const Collected c = collect("# drydock global ignore=unused-suppression\n"
                                "# drydock stage ignore=DL3000\n"
                                "FROM alpine\n"
                                "# drydock ignore=workdir-absolute\n"
                                "WORKDIR app\n");
    EXPECT_EQ(pragmas(c),
              (Strings{"global unused-suppression | # drydock global ignore=unused-suppression | " +
                           c.file.source + " | ",
                       "stage DL3000 | # drydock stage ignore=DL3000 | FROM alpine\n# drydock "
                       "ignore=workdir-absolute\nWORKDIR app\n | ",
                       "next workdir-absolute | # drydock ignore=workdir-absolute | WORKDIR app\n | "}));
}

TEST(SuppressionPragma, AliasesMatchInPragmas) {
    // No rule of this early rule set may have an alias yet; the first one that does is used.
    for (const RuleEntry& entry : all_rules()) {
        if (entry.meta->aliases.empty())
            continue;
        const std::string alias(entry.meta->aliases.front());
        const Collected c = collect("FROM alpine\n# hadolint ignore=" + alias + "\nWORKDIR app\n");
        EXPECT_EQ(problems(c), Strings{});
        ASSERT_EQ(c.suppressions.pragmas.size(), 1u);
        std::vector<bool> used(1, false);
        EXPECT_TRUE(is_suppressed(finding(std::string(entry.meta->code), offset_of(c.file, "WORKDIR")),
                                  c.suppressions, used));
        return;
    }
    GTEST_SKIP() << "no registered rule has an alias yet";
}

TEST(SuppressionPragma, ReasonAfterASecondHash) {
    const Collected c = collect("FROM alpine\n# hadolint ignore=DL3000 # pinned upstream  \nWORKDIR app\n"
                                "# hadolint global ignore=SC2086#no space\n");
    // The pragma's range is the comment's, trailing blanks included; the reason is trimmed.
    EXPECT_EQ(pragmas(c),
              (Strings{"next DL3000 | # hadolint ignore=DL3000 # pinned upstream   | WORKDIR app\n | "
                       "pinned upstream",
                       "global SC2086 | # hadolint global ignore=SC2086#no space | " + c.file.source +
                           " | no space"}));
}

TEST(SuppressionPragma, GlobalCoversTheWholeFileWhereverItIs) {
    const Collected c = collect("FROM alpine\nWORKDIR app\n# hadolint global ignore=DL3000\n");
    EXPECT_EQ(pragmas(c),
              Strings{"global DL3000 | # hadolint global ignore=DL3000 | " + c.file.source + " | "});
    std::vector<bool> used(1, false);
    EXPECT_TRUE(is_suppressed(finding("DL3000", offset_of(c.file, "app")), c.suppressions, used));
}

TEST(SuppressionPragma, StageCoversFromItsFromToTheEndOfTheStage) {
    const Collected c = collect("FROM alpine AS one\n"
                                "# hadolint stage ignore=DL3000\n"
                                "FROM alpine AS two\n"
                                "WORKDIR app\n"
                                "\n"
                                "# a comment\n"
                                "RUN true\n"
                                "\n"
                                "FROM alpine AS three\n"
                                "WORKDIR app\n");
    EXPECT_EQ(pragmas(c),
              Strings{"stage DL3000 | # hadolint stage ignore=DL3000 | FROM alpine AS two\nWORKDIR "
                      "app\n\n# a comment\nRUN true\n | "});
    std::vector<bool> used(1, false);
    const TextSize second_workdir = static_cast<TextSize>(c.file.source.rfind("WORKDIR"));
    EXPECT_FALSE(is_suppressed(finding("DL3000", second_workdir), c.suppressions, used));
    EXPECT_FALSE(is_suppressed(finding("DL3000", 0), c.suppressions, used));
    EXPECT_FALSE(used[0]);
    EXPECT_TRUE(
        is_suppressed(finding("DL3000", offset_of(c.file, "FROM alpine AS two")), c.suppressions, used));
    EXPECT_TRUE(used[0]);
}

TEST(SuppressionPragma, StackedPragmasAllApplyToTheInstructionBelow) {
    // hadolint only honours the last of these; drydock honours every pragma line of the stack.
    const Collected c = collect("FROM alpine\n"
                                "# hadolint ignore=DL3000\n"
                                "# drydock ignore=SC2086\n"
                                "# hadolint shell=bash\n"
                                "# check=skip=DD0001\n"
                                "# hadolint ignore=DD0002\n"
                                "WORKDIR app\n");
    EXPECT_EQ(pragmas(c), (Strings{"next DL3000 | # hadolint ignore=DL3000 | WORKDIR app\n | ",
                                   "next SC2086 | # drydock ignore=SC2086 | WORKDIR app\n | ",
                                   "next DD0002 | # hadolint ignore=DD0002 | WORKDIR app\n | ",
                                   "next check DD0001 | # check=skip=DD0001 | WORKDIR app\n | "}));
    EXPECT_EQ(problems(c), Strings{});
}

TEST(SuppressionPragma, OrdinaryCommentsAreNotPragmas) {
    const Collected c = collect("# hadolint is great\n"
                                "# hadolint\n"
                                "# hadolint: see the wiki\n"
                                "# hadolintignore=DL3000\n"
                                "# drydock rocks\n"
                                "# checks=skip=DL3000\n"
                                "FROM alpine\n");
    EXPECT_EQ(pragmas(c), Strings{});
    EXPECT_EQ(problems(c), Strings{});
}

TEST(SuppressionPragma, ShellPragmaIsValidAndSuppressesNothing) {
    const Collected c =
        collect("# hadolint shell=powershell\nFROM alpine\n# drydock shell = bash # why\nRUN x\n");
    EXPECT_EQ(pragmas(c), Strings{});
    EXPECT_EQ(problems(c), Strings{});
}

// --- Malformed and misplaced pragmas ---

TEST(SuppressionProblems, MalformedPragmasAreReportedAndDoNothing) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"# hadolint ignor=DL3000",
         "Unknown pragma 'ignor': expected ignore=, global ignore=, stage ignore= or shell="},
        {"# hadolint IGNORE=DL3000",
         "Unknown pragma 'IGNORE': expected ignore=, global ignore=, stage ignore= or "
         "shell="},
        {"# hadolint =DL3000",
         "Unknown pragma '=': expected ignore=, global ignore=, stage ignore= or shell="},
        {"# hadolint ignore DL3000", "Malformed pragma: expected '=' after 'ignore'"},
        {"# hadolint ignore", "Malformed pragma: expected '=' after 'ignore'"},
        {"# hadolint ignore=", "Malformed pragma: expected a rule code, name or alias after '='"},
        {"# hadolint ignore=*", "Malformed pragma: expected a rule code, name or alias after '='"},
        {"# hadolint ignore=DL3000,", "Malformed pragma: expected a rule code, name or alias after ','"},
        {"# hadolint ignore=DL3000 because pinned",
         "Malformed pragma: unexpected text 'because pinned' after the rule list (write a reason after a "
         "second '#')"},
        {"# hadolint ignore=DL3000;SC2086", "Malformed pragma: unexpected text ';SC2086' after the rule list "
                                            "(write a reason after a second '#')"},
        {"# hadolint global DL3000=1", "Malformed pragma: expected 'ignore=' after 'global'"},
        {"# drydock stage=DL3000", "Malformed pragma: expected 'ignore=' after 'stage'"},
        {"# hadolint shell=", "Malformed pragma: expected a shell name after 'shell='"},
        {"# hadolint shell", "Malformed pragma: expected a shell name after 'shell='"},
    };
    for (const auto& [comment, message] : cases) {
        const Collected c = collect("FROM alpine\n" + comment + "\nWORKDIR app\n");
        EXPECT_EQ(pragmas(c), Strings{}) << comment;
        EXPECT_EQ(problems(c), Strings{comment + ": " + message});
    }
}

TEST(SuppressionProblems, UnknownIdsAreReportedAtTheIdAndTheRestStillWork) {
    const Collected c = collect("FROM alpine\n# hadolint ignore=DL9999, DL3000,no-such-rule\nWORKDIR app\n"
                                "# hadolint global ignore=all\n");
    EXPECT_EQ(problems(c), (Strings{"DL9999: Unknown rule 'DL9999' in pragma",
                                    "no-such-rule: Unknown rule 'no-such-rule' in pragma",
                                    "all: Unknown rule 'all' in pragma"}));
    EXPECT_EQ(pragmas(c),
              Strings{"next DL3000 | # hadolint ignore=DL9999, DL3000,no-such-rule | WORKDIR app\n | "});
}

TEST(SuppressionProblems, AParseErrorCodeIsNotARule) {
    const Collected c = collect("FROM alpine\n# hadolint ignore=DL1000\nWORKDIR app\n");
    EXPECT_EQ(problems(c), Strings{"DL1000: Unknown rule 'DL1000' in pragma"});
    EXPECT_EQ(pragmas(c), Strings{});
}

TEST(SuppressionProblems, MisplacedPragmasAreReported) {
    const Collected c = collect("# hadolint ignore=DL3000\n"
                                "\n"
                                "FROM alpine\n"
                                "# hadolint ignore=DL3000\n"
                                "# install the app\n"
                                "WORKDIR app\n"
                                "# hadolint stage ignore=DL3000\n"
                                "WORKDIR app\n"
                                "# hadolint stage ignore=DL3000\n"
                                "\n"
                                "FROM alpine\n"
                                "# hadolint ignore=DL3000\n");
    const std::string next =
        ": 'ignore' pragma is not directly above an instruction, so it suppresses nothing";
    const std::string stage =
        ": 'stage ignore' pragma is not directly above a FROM instruction, so it suppresses nothing";
    EXPECT_EQ(problems(c),
              (Strings{"# hadolint ignore=DL3000" + next, "# hadolint ignore=DL3000" + next,
                       "# hadolint stage ignore=DL3000" + stage, "# hadolint stage ignore=DL3000" + stage,
                       "# hadolint ignore=DL3000" + next}));
    EXPECT_EQ(pragmas(c), Strings{});
}

// --- BuildKit `# check=` ---

TEST(SuppressionCheck, DirectiveSkipsFileWide) {
    const Collected c = collect("# check=skip=DL3000,WorkdirRelativePath,unused-suppression;error=true\n"
                                "FROM alpine\n"
                                "WORKDIR app\n");
    EXPECT_EQ(pragmas(c), Strings{"global check DL3000,WorkdirRelativePath,unused-suppression | "
                                  "# check=skip=DL3000,WorkdirRelativePath,unused-suppression;error=true | " +
                                  c.file.source + " | "});
    EXPECT_TRUE(c.suppressions.check_error);
    EXPECT_EQ(problems(c), Strings{});
}

TEST(SuppressionCheck, DirectiveValueEndsAtTheFirstBlankAsInBuildKit) {
    // So `skip=A, B` skips A only, and `;error=true` after a blank is a comment.
    const Collected c = collect("# check=skip=DL3000, unused-suppression ;error=true\nFROM alpine\n");
    EXPECT_EQ(pragmas(c),
              Strings{"global check DL3000 | # check=skip=DL3000, unused-suppression ;error=true | " +
                      c.file.source + " | unused-suppression ;error=true"});
    EXPECT_FALSE(c.suppressions.check_error);
}

TEST(SuppressionCheck, DirectiveNameIsCaseInsensitiveAndSkipAllWorks) {
    const Collected c = collect("# syntax=docker/dockerfile:1\n# CHECK = skip=all\nFROM alpine\n");
    EXPECT_EQ(pragmas(c), Strings{"global check all | # CHECK = skip=all | " + c.file.source + " | "});
    EXPECT_FALSE(c.suppressions.check_error);
    std::vector<bool> used(1, false);
    EXPECT_TRUE(is_suppressed(finding("DL3000", 5), c.suppressions, used));
    EXPECT_TRUE(is_suppressed(finding("SC2086", 5), c.suppressions, used));
    EXPECT_TRUE(used[0]);
}

TEST(SuppressionCheck, ValueIsCutAtTheFirstBlank) {
    const Collected c = collect("# check=skip=StageNameCasing;error=false // the names come from upstream\n"
                                "FROM alpine\n");
    EXPECT_EQ(pragmas(c),
              Strings{"global check StageNameCasing | # check=skip=StageNameCasing;error=false // the "
                      "names come from upstream | " +
                      c.file.source + " | // the names come from upstream"});
    EXPECT_FALSE(c.suppressions.check_error);
}

TEST(SuppressionCheck, InvalidDirectivesAreReported) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"# check=skip=DL3000;foo=bar",
         "Invalid check option 'foo=bar': expected skip=, error= or experimental="},
        {"# check=skip", "Invalid check option 'skip': expected skip=, error= or experimental="},
        {"# check=skip=DL3000;", "Invalid check option '': expected skip=, error= or experimental="},
        {"# check=Skip=DL3000",
         "Invalid check option 'Skip=DL3000': expected skip=, error= or experimental="},
        {"# check=error=maybe", "Invalid check option 'error=maybe': expected true or false"},
    };
    for (const auto& [directive, message] : cases) {
        const Collected c = collect(directive + "\nFROM alpine\n");
        EXPECT_EQ(pragmas(c), Strings{}) << directive;
        EXPECT_FALSE(c.suppressions.check_error) << directive;
        EXPECT_EQ(problems(c), Strings{directive + ": " + message});
    }
}

TEST(SuppressionCheck, UnknownNamesAreReportedButBuildKitRulesWithoutADrydockRuleAreFine) {
    const Collected c =
        collect("# check=skip=Nope,CopyIgnoredFile,DL3000;experimental=all;error=1\nFROM alpine\n");
    EXPECT_EQ(problems(c), Strings{"Nope: Unknown rule 'Nope' in check=skip"});
    EXPECT_EQ(pragmas(c), Strings{"global check CopyIgnoredFile,DL3000 | "
                                  "# check=skip=Nope,CopyIgnoredFile,DL3000;experimental=all;error=1 | " +
                                  c.file.source + " | "});
    EXPECT_TRUE(c.suppressions.check_error);
}

TEST(SuppressionCheck, CommentAboveAnInstructionCoversThatInstructionOnly) {
    // BuildKit collects every comment since the previous instruction: blank lines and other comments between
    // are fine; `error=` in such a comment does not change the build.
    const Collected c = collect("FROM alpine\n"
                                "# check=skip=DL3000;error=true\n"
                                "# the app lives here\n"
                                "\n"
                                "WORKDIR app\n"
                                "WORKDIR other\n");
    EXPECT_EQ(pragmas(c), Strings{"next check DL3000 | # check=skip=DL3000;error=true | WORKDIR app\n | "});
    EXPECT_FALSE(c.suppressions.check_error);
    EXPECT_EQ(problems(c), Strings{});
}

TEST(SuppressionCheck, AnEmptyCommentLineOrTheEndOfFileLeavesACheckCommentWithNothingToCover) {
    const Collected c = collect("FROM alpine\n# check=skip=DL3000\n#\nWORKDIR app\n# check=skip=all\n");
    const std::string message = ": check=skip comment is not above an instruction, so it suppresses nothing";
    EXPECT_EQ(problems(c), (Strings{"# check=skip=DL3000" + message, "# check=skip=all" + message}));
    EXPECT_EQ(pragmas(c), Strings{});
}

// --- is_suppressed ---

TEST(SuppressionMatch, ByteRangeAndIdDecide) {
    const Collected c = collect("FROM alpine\n# hadolint ignore=workdir-absolute\nWORKDIR app\nWORKDIR b\n");
    std::vector<bool> used(c.suppressions.pragmas.size(), false);
    EXPECT_FALSE(is_suppressed(finding("DL3000", offset_of(c.file, "WORKDIR b")), c.suppressions, used));
    EXPECT_FALSE(is_suppressed(finding("DD0001", offset_of(c.file, "app")), c.suppressions, used));
    EXPECT_FALSE(is_suppressed(finding("DL3000", 0), c.suppressions, used));
    EXPECT_EQ(used, std::vector<bool>{false});
    EXPECT_TRUE(is_suppressed(finding("DL3000", offset_of(c.file, "app")), c.suppressions, used));
    EXPECT_EQ(used, std::vector<bool>{true});
}

TEST(SuppressionMatch, ShellCheckCodesCompareAsCodes) {
    const Collected c = collect("FROM alpine\n# hadolint ignore=sc2086\nRUN echo $x\n");
    std::vector<bool> used(1, false);
    const TextSize run = offset_of(c.file, "RUN");
    EXPECT_FALSE(is_suppressed(finding("SC2046", run), c.suppressions, used));
    EXPECT_TRUE(is_suppressed(finding("SC2086", run), c.suppressions, used));
}

TEST(SuppressionMatch, ParseErrorsAreNeverSuppressed) {
    const Collected c = collect("# check=skip=all\nFROM alpine\n# hadolint global ignore=DL3000\n");
    std::vector<bool> used(c.suppressions.pragmas.size(), false);
    Diagnostic parse_error = finding("DL1000", offset_of(c.file, "FROM"));
    parse_error.name = "syntax-error";
    EXPECT_FALSE(is_suppressed(parse_error, c.suppressions, used));
    EXPECT_EQ(used, (std::vector<bool>{false, false}));
}

TEST(SuppressionMatch, EveryMatchingPragmaIsMarkedUsed) {
    const Collected c = collect("# hadolint global ignore=DL3000\n"
                                "FROM alpine\n"
                                "# hadolint ignore=DL3000\n"
                                "# hadolint ignore=SC2086\n"
                                "WORKDIR app\n");
    ASSERT_EQ(c.suppressions.pragmas.size(), 3u);
    std::vector<bool> used(3, false);
    EXPECT_TRUE(is_suppressed(finding("DL3000", offset_of(c.file, "app")), c.suppressions, used));
    EXPECT_EQ(used, (std::vector<bool>{true, true, false}));
}

// --- The engine end to end ---

TEST(SuppressionEngine, DL3000IsReportedWithoutAPragma) {
    EXPECT_EQ(lint_text("FROM alpine\nWORKDIR app\n"),
              Strings{"2:DL3000 Use absolute WORKDIR: 'app' is relative"});
}

TEST(SuppressionEngine, EveryPragmaFormSuppressesDL3000) {
    for (const std::string text : {
             "FROM alpine\n# hadolint ignore=DL3000\nWORKDIR app\n",
             "FROM alpine\n# drydock ignore=workdir-absolute # relative on purpose\nWORKDIR app\n",
             "FROM alpine\nWORKDIR app\n# hadolint global ignore=DL3000\n",
             "# hadolint stage ignore=DL3000\nFROM alpine\nRUN true\nWORKDIR app\n",
             "# check=skip=DL3000\nFROM alpine\nWORKDIR app\n",
             "# check=skip=all\nFROM alpine\nWORKDIR app\n",
             "FROM alpine\n# check=skip=workdir-absolute\nWORKDIR app\n",
         })
        EXPECT_EQ(lint_text(text), Strings{}) << text;
}

TEST(SuppressionEngine, ScopesEndWhereTheyShould) {
    EXPECT_EQ(lint_text("FROM alpine\n# hadolint ignore=DL3000\nWORKDIR a\nWORKDIR b\n"),
              Strings{"4:DL3000 Use absolute WORKDIR: 'b' is relative"});
    EXPECT_EQ(lint_text("# hadolint stage ignore=DL3000\nFROM alpine\nWORKDIR a\nFROM alpine\nWORKDIR b\n"),
              Strings{"5:DL3000 Use absolute WORKDIR: 'b' is relative"});
    EXPECT_EQ(lint_text("FROM alpine\n# check=skip=DL3000\nWORKDIR a\nWORKDIR b\n"),
              Strings{"4:DL3000 Use absolute WORKDIR: 'b' is relative"});
}

TEST(SuppressionEngine, MalformedPragmaIsReportedAndSuppressesNothing) {
    Config config;
    config.select = {"DL3000", "invalid-suppression"};
    const std::string text = "FROM alpine\n# hadolint ignor=DL3000\nWORKDIR app\n";
    EXPECT_EQ(
        lint_text(text, config),
        (Strings{"2:DD0002 Unknown pragma 'ignor': expected ignore=, global ignore=, stage ignore= or shell=",
                 "3:DL3000 Use absolute WORKDIR: 'app' is relative"}));
    // DD0002 is a rule like any other: not selected, ignored or with pragmas disabled, it reports nothing.
    EXPECT_EQ(lint_text(text), Strings{"3:DL3000 Use absolute WORKDIR: 'app' is relative"});
    config.ignored = {"DD0002"};
    EXPECT_EQ(lint_text(text, config), Strings{"3:DL3000 Use absolute WORKDIR: 'app' is relative"});
    config.ignored.clear();
    config.disable_ignore_pragma = true;
    EXPECT_EQ(lint_text(text, config), Strings{"3:DL3000 Use absolute WORKDIR: 'app' is relative"});
}

TEST(SuppressionEngine, ParseErrorsSurviveEverySuppression) {
    const Strings found = lint_text("# check=skip=all\nFROM alpine\n# hadolint ignore=DL3000\nBOGUS x\n");
    EXPECT_EQ(found, Strings{"4:DL1000 unknown instruction: BOGUS"});
}

TEST(SuppressionEngine, UnusedPragmaIsReportedWhenDD0001IsOn) {
    const std::string text = "FROM alpine\n# hadolint ignore=DL3000\nWORKDIR /app\n# hadolint ignore=DL3000\n"
                             "WORKDIR app\n";
    EXPECT_EQ(effective_severity(*find_rule("DD0001")->meta, Config{}), std::nullopt); // off by default
    EXPECT_EQ(lint_text(text), Strings{});
    Config selected;
    selected.select = {"DL3000", "unused-suppression"};
    EXPECT_EQ(lint_text(text, selected), Strings{"2:DD0001 suppression of DL3000 is never used"});
    Config reporting = only_dl3000();
    reporting.report_unused_suppressions = true;
    EXPECT_EQ(lint_text(text, reporting), Strings{"2:DD0001 suppression of DL3000 is never used"});
}

TEST(SuppressionEngine, CheckDirectivesAreNeverReportedAsUnused) {
    Config reporting = only_dl3000();
    reporting.report_unused_suppressions = true;
    EXPECT_EQ(lint_text("# check=skip=DL3000\nFROM alpine\n# check=skip=DL3000\nWORKDIR /app\n", reporting),
              Strings{});
}

TEST(SuppressionEngine, DisableIgnorePragmaTurnsPragmasOff) {
    Config config = only_dl3000();
    config.disable_ignore_pragma = true;
    config.report_unused_suppressions = true;
    EXPECT_EQ(lint_text("# check=skip=all\nFROM alpine\n# hadolint ignore=DL3000\nWORKDIR app\n", config),
              Strings{"4:DL3000 Use absolute WORKDIR: 'app' is relative"});
}

} // namespace
} // namespace drydock
