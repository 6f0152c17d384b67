// Golden tests of the report formats (cli/output), built from hand-made reports so that they do not depend on
// which rules exist beyond DL3000, plus offline SARIF schema validation with node (tests/sarif).

#include "output/report.hpp"
#include "output/report_formats.hpp"

#include <drydock/checks/registry.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <utility>
#include <vector>

namespace drydock::cli {
namespace {

// The byte range of the `nth` (1-based) occurrence of `needle` in `source`.
TextRange range_of(std::string_view source, std::string_view needle, int nth = 1) {
    std::size_t at = std::string_view::npos;
    for (std::size_t from = 0; nth > 0; --nth, from = at + 1) {
        at = source.find(needle, from);
        if (at == std::string_view::npos)
            throw std::logic_error("needle not in source: " + std::string(needle));
    }
    return {static_cast<TextSize>(at), static_cast<TextSize>(at + needle.size())};
}

Diagnostic make(std::string code, std::string name, Severity severity, std::string message, TextRange range,
                std::optional<Fix> fix = std::nullopt) {
    Diagnostic d;
    d.code = std::move(code);
    d.name = std::move(name);
    d.severity = severity;
    d.message = std::move(message);
    d.range = range;
    d.fix = std::move(fix);
    return d;
}

// ASCII, LF: a finding with a safe fix and a ShellCheck finding (a code drydock does not define).
FileReport service_report() {
    FileReport r;
    r.path = "svc/Dockerfile";
    r.source = "FROM alpine:3.20\nWORKDIR app\nRUN echo $HOME\n";
    r.diagnostics.push_back(
        make("DL3000", "workdir-absolute", Severity::Error, "Use absolute WORKDIR: 'app' is relative",
             range_of(r.source, "app"),
             Fix::replace("Make the WORKDIR absolute", range_of(r.source, "app"), "/app")));
    r.diagnostics.push_back(make("SC2086", "shellcheck", Severity::Info,
                                 "Double quote to prevent globbing and word splitting.",
                                 range_of(r.source, "$HOME")));
    return r;
}

FileReport clean_report() {
    FileReport r;
    r.path = "clean/Dockerfile";
    r.source = "FROM alpine:3.20\n";
    return r;
}

// CRLF, multi-byte characters (an emoji is 1 code point but 2 UTF-16 units), a path that needs URI encoding,
// a multi-line range, an unsafe fix whose offsets cross multi-byte text, and a message that needs escaping
// everywhere.
FileReport unicode_report() {
    FileReport r;
    r.path = "ünï code/Dockerfile";
    r.source = "FROM alpine\r\n# 日本語\r\nWORKDIR 😀dir\r\nRUN echo \"a\" \\\r\n  && echo $b\r\n";
    r.diagnostics.push_back(make("DL3000", "workdir-absolute", Severity::Warning,
                                 "Use absolute WORKDIR: '😀dir' is relative", range_of(r.source, "dir"),
                                 Fix::replace("Make the WORKDIR absolute", range_of(r.source, "😀dir"),
                                              "/😀dir", Applicability::Unsafe)));
    const TextRange first = range_of(r.source, "echo");
    const TextRange last = range_of(r.source, "$b");
    r.diagnostics.push_back(make("SC2086", "shellcheck", Severity::Style,
                                 "Quote \"this\" & <that>, 100% sure: ok\nsecond 'line'",
                                 {first.begin, last.end}));
    return r;
}

std::vector<FileReport> sample_reports() {
    return {service_report(), clean_report(), unicode_report()};
}

std::string render(std::string_view format, std::span<const FileReport> reports, ReportOptions options = {},
                   std::string* statistics = nullptr) {
    std::ostringstream out;
    std::ostringstream stats;
    write_report(format, reports, out, stats, options);
    if (statistics != nullptr)
        *statistics = stats.str();
    return out.str();
}

std::string render_sarif(std::span<const FileReport> reports) {
    std::ostringstream out;
    report::write_sarif(reports, out, "0.0.0-test");
    return out.str();
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// Puts DL3000's documentation (JSON-quoted) into a golden text, so that editing the rule's docs or adding an
// alias does not break these tests; everything else in the goldens is literal.
std::string with_dl3000_docs(std::string golden) {
    const RuleEntry* entry = find_rule("DL3000");
    if (entry == nullptr)
        throw std::logic_error("DL3000 is not registered");
    const RuleMeta& meta = *entry->meta;
    const auto quoted = [](std::string_view text) { return nlohmann::json(std::string(text)).dump(); };
    nlohmann::json aliases = nlohmann::json::array();
    for (const std::string_view alias : meta.aliases)
        aliases.push_back(std::string(alias));
    const std::string what(meta.docs.what);
    const std::string why(meta.docs.why);
    replace_all(golden, "@ALIASES@", aliases.dump());
    replace_all(golden, "@SUMMARY@", quoted(meta.summary));
    replace_all(golden, "@WHAT@", quoted(what));
    replace_all(golden, "@HELP_TEXT@", quoted(what + "\n\n" + why));
    replace_all(golden, "@HELP_MARKDOWN@",
                quoted("**What it does**\n\n" + what + "\n\n**Why is this bad?**\n\n" + why));
    return golden;
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatcher

TEST(ReportWrite, ListsEveryFormat) {
    const std::vector<std::string_view> formats(report_formats().begin(), report_formats().end());
    EXPECT_EQ(formats, (std::vector<std::string_view>{"tty", "json", "sarif", "checkstyle", "gitlab", "gnu",
                                                      "github"}));
}

TEST(ReportWrite, UnknownFormatThrows) {
    const std::vector<FileReport> reports = sample_reports();
    EXPECT_THROW(render("junit", reports), std::invalid_argument);
}

TEST(ReportWrite, OutputIsStable) {
    const std::vector<FileReport> reports = sample_reports();
    for (const std::string_view format : report_formats())
        EXPECT_EQ(render(format, reports), render(format, reports)) << format;
}

// ---------------------------------------------------------------------------------------------------------------
// tty

TEST(ReportTty, Golden) {
    EXPECT_EQ(render("tty", sample_reports()),
              R"golden(svc/Dockerfile:2:9 DL3000 [*] [error] Use absolute WORKDIR: 'app' is relative
  2 | WORKDIR app
    |         ^^^

svc/Dockerfile:3:10 SC2086 [info] Double quote to prevent globbing and word splitting.
  3 | RUN echo $HOME
    |          ^^^^^

ünï code/Dockerfile:3:10 DL3000 [warning] Use absolute WORKDIR: '😀dir' is relative
  3 | WORKDIR 😀dir
    |          ^^^

ünï code/Dockerfile:4:5 SC2086 [style] Quote "this" & <that>, 100% sure: ok second 'line'
  4 | RUN echo "a" \
    |     ^^^^^^^^^^

4 findings (1 error, 1 warning, 1 info, 1 style) in 2 files
1 fixable with `drydock fix` (1 more with `drydock fix --unsafe-fixes`)
)golden");
}

TEST(ReportTty, NothingWhenThereAreNoFindings) {
    EXPECT_EQ(render("tty", {}), "");
    const std::vector<FileReport> clean{clean_report()};
    EXPECT_EQ(render("tty", clean, {.color = true, .statistics = true}), "");
}

TEST(ReportTty, ColoursOnlyWhenAsked) {
    FileReport r = service_report();
    r.diagnostics.resize(1);
    const std::vector<FileReport> reports{r};
    EXPECT_EQ(
        render("tty", reports, {.color = true}),
        "\x1b[1msvc/Dockerfile:2:9\x1b[0m \x1b[1mDL3000\x1b[0m [*] \x1b[1;31m[error]\x1b[0m Use absolute "
        "WORKDIR: "
        "'app' is relative\n"
        "\x1b[34m  2 |\x1b[0m WORKDIR app\n"
        "\x1b[34m    |\x1b[0m         \x1b[1;31m^^^\x1b[0m\n"
        "\n"
        "\x1b[1m1 finding (1 error) in 1 file\x1b[0m\n"
        "1 fixable with `drydock fix`\n");
    EXPECT_EQ(render("tty", reports).find('\x1b'), std::string::npos);
}

TEST(ReportTty, UnderlineEdgeCases) {
    FileReport r;
    r.path = "edge";
    r.source = "FROM a\n\nRUN x\r\nEND";
    const auto at = [&](TextRange range, std::string message) {
        r.diagnostics.push_back(
            make("DL3000", "workdir-absolute", Severity::Error, std::move(message), range));
    };
    at({5, 5}, "empty range");
    at({7, 7}, "empty line");
    at({12, 15}, "through the CRLF into the next line");
    at({100, 120}, "past the end of the text");
    const std::vector<FileReport> reports{r};
    EXPECT_EQ(render("tty", reports), R"golden(edge:1:6 DL3000 [error] empty range
  1 | FROM a
    |      ^

edge:2:1 DL3000 [error] empty line
  2 |
    | ^

edge:3:5 DL3000 [error] through the CRLF into the next line
  3 | RUN x
    |     ^

edge:4:4 DL3000 [error] past the end of the text
  4 | END
    |    ^

4 findings (4 errors) in 1 file
)golden");
}

TEST(ReportTty, TabsAlignAndControlCharactersAreDefused) {
    FileReport r;
    r.path = "tab";
    r.source = "RUN\techo \x1b[2J hi\n";
    r.diagnostics.push_back(make("SC2086", "shellcheck", Severity::Warning, "bell\a and \x9b in a message",
                                 range_of(r.source, "hi")));
    const std::vector<FileReport> reports{r};
    EXPECT_EQ(render("tty", reports),
              "tab:1:15 SC2086 [warning] bell\xEF\xBF\xBD and \xEF\xBF\xBD in a message\n"
              "  1 | RUN\techo \xEF\xBF\xBD[2J hi\n"
              "    |    \t          ^^\n"
              "\n"
              "1 finding (1 warning) in 1 file\n");
}

// ---------------------------------------------------------------------------------------------------------------
// json

TEST(ReportJson, Golden) {
    const std::string expected = with_dl3000_docs(
        R"golden([{"aliases":@ALIASES@,"code":"DL3000","column":9,"endColumn":12,"endLine":2,"file":"svc/Dockerfile","fix":{"applicability":"safe","edits":[{"end":28,"replacement":"/app","start":25}],"title":"Make the WORKDIR absolute"},"level":"error","line":2,"message":"Use absolute WORKDIR: 'app' is relative","name":"workdir-absolute"},)golden"
        R"golden({"aliases":[],"code":"SC2086","column":10,"endColumn":15,"endLine":3,"file":"svc/Dockerfile","fix":null,"level":"info","line":3,"message":"Double quote to prevent globbing and word splitting.","name":"shellcheck"},)golden"
        R"golden({"aliases":@ALIASES@,"code":"DL3000","column":10,"endColumn":13,"endLine":3,"file":"ünï code/Dockerfile","fix":{"applicability":"unsafe","edits":[{"end":41,"replacement":"/😀dir","start":34}],"title":"Make the WORKDIR absolute"},"level":"warning","line":3,"message":"Use absolute WORKDIR: '😀dir' is relative","name":"workdir-absolute"},)golden"
        R"golden({"aliases":[],"code":"SC2086","column":5,"endColumn":13,"endLine":5,"file":"ünï code/Dockerfile","fix":null,"level":"style","line":4,"message":"Quote \"this\" & <that>, 100% sure: ok\nsecond 'line'","name":"shellcheck"}])golden"
        "\n");
    EXPECT_EQ(render("json", sample_reports()), expected);
}

TEST(ReportJson, EmptyIsAnEmptyArray) {
    EXPECT_EQ(render("json", {}), "[]\n");
    const std::vector<FileReport> clean{clean_report()};
    EXPECT_EQ(render("json", clean), "[]\n");
}

TEST(ReportJson, InvalidUtf8IsReplacedNotThrown) {
    FileReport r = clean_report();
    r.path = "bad\xff.Dockerfile";
    r.diagnostics.push_back(make("SC2086", "shellcheck", Severity::Info, "quote \xc3( this", {0, 4}));
    const std::vector<FileReport> reports{r};
    std::string out;
    ASSERT_NO_THROW(out = render("json", reports));
    const nlohmann::json parsed = nlohmann::json::parse(out);
    EXPECT_EQ(parsed[0]["file"], "bad\xEF\xBF\xBD.Dockerfile");
    EXPECT_EQ(parsed[0]["message"], "quote \xEF\xBF\xBD( this");
    for (const std::string_view format : {"sarif", "gitlab"})
        EXPECT_NO_THROW(nlohmann::json::parse(render(format, reports))) << format;
}

// ---------------------------------------------------------------------------------------------------------------
// sarif

TEST(ReportSarif, Golden) {
    const std::string expected = with_dl3000_docs(R"golden({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "drydock",
          "version": "0.0.0-test",
          "informationUri": "https://github.com/drydock-lint/drydock",
          "rules": [
            {
              "id": "DL3000",
              "name": "workdir-absolute",
              "shortDescription": {
                "text": @SUMMARY@
              },
              "fullDescription": {
                "text": @WHAT@
              },
              "help": {
                "text": @HELP_TEXT@,
                "markdown": @HELP_MARKDOWN@
              },
              "helpUri": "https://github.com/drydock-lint/drydock/blob/main/docs/rules.md#DL3000",
              "defaultConfiguration": {
                "level": "error"
              },
              "properties": {
                "tags": [
                  "correctness"
                ]
              }
            },
            {
              "id": "SC2086",
              "name": "shellcheck",
              "shortDescription": {
                "text": "ShellCheck SC2086"
              },
              "helpUri": "https://www.shellcheck.net/wiki/SC2086"
            }
          ]
        }
      },
      "columnKind": "utf16CodeUnits",
      "results": [
        {
          "ruleId": "DL3000",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "Use absolute WORKDIR: 'app' is relative"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "svc/Dockerfile"
                },
                "region": {
                  "startLine": 2,
                  "startColumn": 9,
                  "endLine": 2,
                  "endColumn": 12
                }
              }
            }
          ],
          "partialFingerprints": {
            "primaryLocationLineHash": "38ad9db157dc8799:1"
          },
          "fixes": [
            {
              "description": {
                "text": "Make the WORKDIR absolute"
              },
              "artifactChanges": [
                {
                  "artifactLocation": {
                    "uri": "svc/Dockerfile"
                  },
                  "replacements": [
                    {
                      "deletedRegion": {
                        "charOffset": 25,
                        "charLength": 3
                      },
                      "insertedContent": {
                        "text": "/app"
                      }
                    }
                  ]
                }
              ]
            }
          ]
        },
        {
          "ruleId": "SC2086",
          "ruleIndex": 1,
          "level": "note",
          "message": {
            "text": "Double quote to prevent globbing and word splitting."
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "svc/Dockerfile"
                },
                "region": {
                  "startLine": 3,
                  "startColumn": 10,
                  "endLine": 3,
                  "endColumn": 15
                }
              }
            }
          ],
          "partialFingerprints": {
            "primaryLocationLineHash": "2863432358b00b90:1"
          }
        },
        {
          "ruleId": "DL3000",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "Use absolute WORKDIR: '😀dir' is relative"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "%C3%BCn%C3%AF%20code/Dockerfile"
                },
                "region": {
                  "startLine": 3,
                  "startColumn": 11,
                  "endLine": 3,
                  "endColumn": 14
                }
              }
            }
          ],
          "partialFingerprints": {
            "primaryLocationLineHash": "5e6f5f2b17268b12:1"
          },
          "fixes": [
            {
              "description": {
                "text": "Make the WORKDIR absolute"
              },
              "artifactChanges": [
                {
                  "artifactLocation": {
                    "uri": "%C3%BCn%C3%AF%20code/Dockerfile"
                  },
                  "replacements": [
                    {
                      "deletedRegion": {
                        "charOffset": 28,
                        "charLength": 5
                      },
                      "insertedContent": {
                        "text": "/😀dir"
                      }
                    }
                  ]
                }
              ]
            }
          ]
        },
        {
          "ruleId": "SC2086",
          "ruleIndex": 1,
          "level": "note",
          "message": {
            "text": "Quote \"this\" & <that>, 100% sure: ok\nsecond 'line'"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "%C3%BCn%C3%AF%20code/Dockerfile"
                },
                "region": {
                  "startLine": 4,
                  "startColumn": 5,
                  "endLine": 5,
                  "endColumn": 13
                }
              }
            }
          ],
          "partialFingerprints": {
            "primaryLocationLineHash": "b842d8b88ea882d6:1"
          }
        }
      ]
    }
  ]
}
)golden");
    EXPECT_EQ(render_sarif(sample_reports()), expected);
}

TEST(ReportSarif, EmptyHasOneRunWithNoResults) {
    EXPECT_EQ(render_sarif({}), R"golden({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "drydock",
          "version": "0.0.0-test",
          "informationUri": "https://github.com/drydock-lint/drydock",
          "rules": []
        }
      },
      "columnKind": "utf16CodeUnits",
      "results": []
    }
  ]
}
)golden");
}

TEST(ReportSarif, WriteReportUsesTheBuildVersion) {
    const nlohmann::json log = nlohmann::json::parse(render("sarif", sample_reports()));
    EXPECT_FALSE(log["runs"][0]["tool"]["driver"]["version"].get<std::string>().empty());
    EXPECT_NE(log["runs"][0]["tool"]["driver"]["version"], "0.0.0-test");
}

TEST(ReportSarif, RulesAreSortedAndIndexed) {
    FileReport r;
    r.path = "Dockerfile";
    r.source = "FROM a\nWORKDIR b\n";
    r.diagnostics.push_back(make("SC1000", "", Severity::Warning, "s", {0, 4}));
    r.diagnostics.push_back(make("DL1000", "syntax-error", Severity::Error, "p", {0, 4}));
    r.diagnostics.push_back(
        make("DL3000", "workdir-absolute", Severity::Error, "w", range_of(r.source, "b")));
    const std::vector<FileReport> reports{r};
    const nlohmann::json run = nlohmann::json::parse(render_sarif(reports))["runs"][0];
    const nlohmann::json& rules = run["tool"]["driver"]["rules"];
    ASSERT_EQ(rules.size(), 3U);
    EXPECT_EQ(rules[0]["id"], "DL1000");
    EXPECT_EQ(rules[0]["name"], "syntax-error"); // the parse-error pseudo-rule has its metadata too
    EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "error");
    EXPECT_EQ(rules[1]["id"], "DL3000");
    EXPECT_EQ(rules[2]["id"], "SC1000");
    EXPECT_FALSE(rules[2].contains("name")); // nothing known beyond the code
    for (const nlohmann::json& result : run["results"])
        EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
}

TEST(ReportSarif, UrisDropALeadingDotSlash) {
    // `drydock lint .` names files "./Dockerfile"; code scanning matches URIs against repository paths.
    const auto uri_of = [](std::string path) {
        FileReport r;
        r.path = std::move(path);
        r.source = "FROM a\n";
        r.diagnostics.push_back(make("DL3006", "", Severity::Warning, "tag", {5, 6}));
        const std::vector<FileReport> reports{r};
        const nlohmann::json log = nlohmann::json::parse(render_sarif(reports));
        return log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .get<std::string>();
    };
    EXPECT_EQ(uri_of("./Dockerfile"), "Dockerfile");
    EXPECT_EQ(uri_of("././svc/Dockerfile"), "svc/Dockerfile");
    EXPECT_EQ(uri_of(".\\svc\\Dockerfile"), "svc/Dockerfile");
    EXPECT_EQ(uri_of("../svc/Dockerfile"), "../svc/Dockerfile");
    EXPECT_EQ(uri_of(".hidden/Dockerfile"), ".hidden/Dockerfile");
}

// The fingerprints of the results, in order.
std::vector<std::string> sarif_fingerprints(const FileReport& report) {
    const std::vector<FileReport> reports{report};
    const nlohmann::json log = nlohmann::json::parse(render_sarif(reports)); // outlives the loop
    std::vector<std::string> out;
    for (const nlohmann::json& result : log["runs"][0]["results"])
        out.push_back(result["partialFingerprints"]["primaryLocationLineHash"]);
    return out;
}

FileReport two_identical_lines(std::string prefix) {
    FileReport r;
    r.path = "Dockerfile";
    r.source = prefix + "FROM a\nWORKDIR app\n  WORKDIR app\n";
    for (int nth = 1; nth <= 2; ++nth)
        r.diagnostics.push_back(
            make("DL3000", "workdir-absolute", Severity::Error, "relative", range_of(r.source, "app", nth)));
    return r;
}

TEST(ReportSarif, FingerprintsCountOccurrencesAndSurviveLineShifts) {
    const std::vector<std::string> before = sarif_fingerprints(two_identical_lines(""));
    ASSERT_EQ(before.size(), 2U);
    // Same rule and same trimmed text: one hash, told apart by the occurrence.
    EXPECT_EQ(before[0].substr(0, 16), before[1].substr(0, 16));
    EXPECT_EQ(before[0].substr(16), ":1");
    EXPECT_EQ(before[1].substr(16), ":2");
    EXPECT_EQ(sarif_fingerprints(two_identical_lines("# a new comment\n\n")), before);
}

// ---------------------------------------------------------------------------------------------------------------
// checkstyle

TEST(ReportCheckstyle, Golden) {
    EXPECT_EQ(render("checkstyle", sample_reports()), R"golden(<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="svc/Dockerfile">
    <error line="2" column="9" severity="error" message="Use absolute WORKDIR: &apos;app&apos; is relative" source="DL3000"/>
    <error line="3" column="10" severity="info" message="Double quote to prevent globbing and word splitting." source="SC2086"/>
  </file>
  <file name="clean/Dockerfile">
  </file>
  <file name="ünï code/Dockerfile">
    <error line="3" column="10" severity="warning" message="Use absolute WORKDIR: &apos;😀dir&apos; is relative" source="DL3000"/>
    <error line="4" column="5" severity="info" message="Quote &quot;this&quot; &amp; &lt;that&gt;, 100% sure: ok&#10;second &apos;line&apos;" source="SC2086"/>
  </file>
</checkstyle>
)golden");
}

TEST(ReportCheckstyle, Empty) {
    EXPECT_EQ(render("checkstyle", {}),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
              "</checkstyle>\n");
}

TEST(ReportCheckstyle, CharactersXmlCannotHoldBecomeReplacementCharacters) {
    FileReport r = clean_report();
    r.path = "a&b<\x01>.Dockerfile";
    // A control character, an invalid byte, U+FFFE (not an XML character), then a tab and a CR that must
    // survive attribute-value normalisation.
    r.diagnostics.push_back(
        make("SC2086", "shellcheck", Severity::Error, "x\x01y\xffz\xEF\xBF\xBEw\tv\rend", {0, 4}));
    const std::vector<FileReport> reports{r};
    EXPECT_EQ(render("checkstyle", reports),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
              "  <file name=\"a&amp;b&lt;\xEF\xBF\xBD&gt;.Dockerfile\">\n"
              "    <error line=\"1\" column=\"1\" severity=\"error\" "
              "message=\"x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBDw&#9;v&#13;end\" source=\"SC2086\"/>\n"
              "  </file>\n</checkstyle>\n");
}

// ---------------------------------------------------------------------------------------------------------------
// gitlab

TEST(ReportGitlab, Golden) {
    EXPECT_EQ(render("gitlab", sample_reports()), R"golden([
  {
    "type": "issue",
    "description": "Use absolute WORKDIR: 'app' is relative",
    "check_name": "DL3000",
    "fingerprint": "12977df671b72577",
    "severity": "blocker",
    "categories": [
      "Bug Risk"
    ],
    "location": {
      "path": "svc/Dockerfile",
      "lines": {
        "begin": 2
      }
    }
  },
  {
    "type": "issue",
    "description": "Double quote to prevent globbing and word splitting.",
    "check_name": "SC2086",
    "fingerprint": "e351bf1371599b5c",
    "severity": "info",
    "categories": [
      "Bug Risk"
    ],
    "location": {
      "path": "svc/Dockerfile",
      "lines": {
        "begin": 3
      }
    }
  },
  {
    "type": "issue",
    "description": "Use absolute WORKDIR: '😀dir' is relative",
    "check_name": "DL3000",
    "fingerprint": "b5cbdb64ffbaa09e",
    "severity": "major",
    "categories": [
      "Bug Risk"
    ],
    "location": {
      "path": "ünï code/Dockerfile",
      "lines": {
        "begin": 3
      }
    }
  },
  {
    "type": "issue",
    "description": "Quote \"this\" & <that>, 100% sure: ok\nsecond 'line'",
    "check_name": "SC2086",
    "fingerprint": "135a375b3598ae18",
    "severity": "minor",
    "categories": [
      "Bug Risk"
    ],
    "location": {
      "path": "ünï code/Dockerfile",
      "lines": {
        "begin": 4
      }
    }
  }
]
)golden");
}

TEST(ReportGitlab, EmptyIsAnEmptyArray) {
    EXPECT_EQ(render("gitlab", {}), "[]\n");
}

std::vector<std::string> gitlab_fingerprints(const std::vector<FileReport>& reports) {
    std::vector<std::string> out;
    for (const nlohmann::json& issue : nlohmann::json::parse(render("gitlab", reports)))
        out.push_back(issue["fingerprint"]);
    return out;
}

TEST(ReportGitlab, FingerprintsAreUniquePerIssueAndSurviveLineShifts) {
    const std::vector<std::string> before = gitlab_fingerprints({two_identical_lines("")});
    ASSERT_EQ(before.size(), 2U);
    EXPECT_NE(before[0], before[1]); // GitLab shows only the first issue of a fingerprint
    EXPECT_EQ(gitlab_fingerprints({two_identical_lines("# a new comment\n\n")}), before);
    // The same finding in another file is another issue.
    FileReport other = two_identical_lines("");
    other.path = "other/Dockerfile";
    const std::vector<std::string> both = gitlab_fingerprints({two_identical_lines(""), other});
    ASSERT_EQ(both.size(), 4U);
    EXPECT_NE(both[0], both[2]);
}

// ---------------------------------------------------------------------------------------------------------------
// gnu, github

TEST(ReportGnu, Golden) {
    EXPECT_EQ(render("gnu", sample_reports()),
              R"golden(drydock:svc/Dockerfile:2:9: DL3000 error: Use absolute WORKDIR: 'app' is relative
drydock:svc/Dockerfile:3:10: SC2086 info: Double quote to prevent globbing and word splitting.
drydock:ünï code/Dockerfile:3:10: DL3000 warning: Use absolute WORKDIR: '😀dir' is relative
drydock:ünï code/Dockerfile:4:5: SC2086 style: Quote "this" & <that>, 100% sure: ok second 'line'
)golden");
    EXPECT_EQ(render("gnu", {}), "");
}

TEST(ReportGithub, Golden) {
    // col/endColumn only for single-line ranges; '%' and the line break escaped in the message.
    EXPECT_EQ(
        render("github", sample_reports()),
        R"golden(::error file=svc/Dockerfile,line=2,col=9,endLine=2,endColumn=12,title=DL3000::Use absolute WORKDIR: 'app' is relative
::notice file=svc/Dockerfile,line=3,col=10,endLine=3,endColumn=15,title=SC2086::Double quote to prevent globbing and word splitting.
::warning file=ünï code/Dockerfile,line=3,col=10,endLine=3,endColumn=13,title=DL3000::Use absolute WORKDIR: '😀dir' is relative
::notice file=ünï code/Dockerfile,line=4,endLine=5,title=SC2086::Quote "this" & <that>, 100%25 sure: ok%0Asecond 'line'
)golden");
    EXPECT_EQ(render("github", {}), "");
}

TEST(ReportGithub, PropertiesEscapeSeparators) {
    FileReport r = clean_report();
    r.path = "a,b:c%d\nDockerfile";
    r.diagnostics.push_back(make("DL3000", "workdir-absolute", Severity::Info, "50%\r\ndone: a, b", {0, 4}));
    const std::vector<FileReport> reports{r};
    EXPECT_EQ(render("github", reports),
              "::notice file=a%2Cb%3Ac%25d%0ADockerfile,line=1,col=1,endLine=1,endColumn=5,"
              "title=DL3000::50%25%0D%0Adone: a, b\n");
}

// ---------------------------------------------------------------------------------------------------------------
// --statistics

std::vector<FileReport> statistics_reports() {
    std::vector<FileReport> reports = sample_reports();
    FileReport extra;
    extra.path = "extra/Dockerfile";
    extra.source = "FRM alpine\nRUN echo $X\n";
    extra.diagnostics.push_back(make("DL1000", "syntax-error", Severity::Error, "unknown instruction: FRM",
                                     range_of(extra.source, "FRM")));
    extra.diagnostics.push_back(
        make("SC2086", "shellcheck", Severity::Info, "quote", range_of(extra.source, "$X")));
    reports.push_back(std::move(extra));
    return reports;
}

// Most frequent first, ties by code.
constexpr std::string_view kStatistics = "3  SC2086  shellcheck\n"
                                         "2  DL3000  workdir-absolute\n"
                                         "1  DL1000  syntax-error\n";

TEST(ReportStatistics, AfterTheFindingsInGnu) {
    const std::vector<FileReport> reports = statistics_reports();
    std::string stats;
    const std::string out = render("gnu", reports, {.statistics = true}, &stats);
    EXPECT_EQ(out, render("gnu", reports) + std::string(kStatistics));
    EXPECT_EQ(stats, "");
}

TEST(ReportStatistics, BeforeTheSummaryInTty) {
    const std::vector<FileReport> reports = statistics_reports();
    const std::string out = render("tty", reports, {.statistics = true});
    EXPECT_TRUE(out.ends_with("\n\n" + std::string(kStatistics) +
                              "\n6 findings (2 errors, 1 warning, 2 info, 1 style) in 3 files\n"
                              "1 fixable with `drydock fix` (1 more with `drydock fix --unsafe-fixes`)\n"))
        << out;
}

TEST(ReportStatistics, ToTheOtherStreamForMachineFormats) {
    const std::vector<FileReport> reports = statistics_reports();
    for (const std::string_view format : {"json", "sarif", "checkstyle", "gitlab", "github"}) {
        std::string stats;
        const std::string out = render(format, reports, {.statistics = true}, &stats);
        EXPECT_EQ(out, render(format, reports)) << format;
        EXPECT_EQ(stats, kStatistics) << format;
    }
}

TEST(ReportStatistics, NothingWithoutFindings) {
    const std::vector<FileReport> clean{clean_report()};
    for (const std::string_view format : report_formats()) {
        std::string stats;
        render(format, clean, {.statistics = true}, &stats);
        EXPECT_EQ(stats, "") << format;
    }
    EXPECT_EQ(render("gnu", clean, {.statistics = true}), "");
}

// ---------------------------------------------------------------------------------------------------------------
// SARIF schema validation with node (tests/sarif/validate.js; needs `npm ci` in tests/sarif)

const std::filesystem::path kSarifDir = std::filesystem::path(DRYDOCK_SOURCE_DIR) / "tests" / "sarif";

struct CommandResult {
    int status = -1;
    std::string output;
};

// Runs a shell command, capturing stdout and stderr.
CommandResult run_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr)
        return result;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr)
        result.output += buffer.data();
    const int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string quote(const std::filesystem::path& path) {
    std::string out = "'";
    for (const char c : path.string())
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

#define DRYDOCK_REQUIRE_SARIF_VALIDATOR()                                                                    \
    do {                                                                                                     \
        if (run_command("node --version").status != 0)                                                       \
            GTEST_SKIP() << "node not found: SARIF schema validation needs node (v20) on PATH";              \
        if (!std::filesystem::exists(kSarifDir / "node_modules" / "@microsoft" / "jest-sarif"))              \
            GTEST_SKIP() << "SARIF validator not installed: run `npm ci --prefix " << kSarifDir.string()     \
                         << "` (or `npm ci` in tests/sarif)";                                                \
    } while (false)

std::filesystem::path write_temp(std::string_view name, std::string_view text) {
    const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / name;
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
}

// Realistic reports beyond the samples: a parse error, standard input, a BOM, a diagnostic past the end.
std::vector<FileReport> realistic_reports() {
    std::vector<FileReport> reports = statistics_reports();
    FileReport stdin_report;
    stdin_report.path = "-";
    stdin_report.source = "\xEF\xBB\xBF"
                          "FROM alpine:3.20\nWORKDIR srv\n";
    stdin_report.diagnostics.push_back(
        make("DL3000", "workdir-absolute", Severity::Error, "Use absolute WORKDIR: 'srv' is relative",
             range_of(stdin_report.source, "srv"),
             Fix::replace("Make the WORKDIR absolute", range_of(stdin_report.source, "srv"), "/srv")));
    stdin_report.diagnostics.push_back(
        make("DD0001", "unused-suppression", Severity::Info, "unused", {500, 600}));
    reports.push_back(std::move(stdin_report));
    return reports;
}

TEST(ReportSarifSchema, ReportsValidateAgainstTheSarifSchema) {
    DRYDOCK_REQUIRE_SARIF_VALIDATOR();
    const std::filesystem::path sample =
        write_temp("drydock_report_sample.sarif", render_sarif(realistic_reports()));
    const std::filesystem::path built =
        write_temp("drydock_report_built.sarif", render("sarif", realistic_reports()));
    const std::filesystem::path empty = write_temp("drydock_report_empty.sarif", render("sarif", {}));
    const CommandResult result = run_command("node " + quote(kSarifDir / "validate.js") + " " +
                                             quote(sample) + " " + quote(built) + " " + quote(empty));
    EXPECT_EQ(result.status, 0) << result.output;
}

TEST(ReportSarifSchema, TheValidatorRejectsInvalidSarif) {
    DRYDOCK_REQUIRE_SARIF_VALIDATOR();
    // What a broken writer could produce: no driver name, a message without text, line 0.
    const std::filesystem::path bad = write_temp(
        "drydock_report_bad.sarif",
        R"({"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"message":{},"locations":[)"
        R"({"physicalLocation":{"artifactLocation":{"uri":"Dockerfile"},"region":{"startLine":0}}}]}]}]})");
    const CommandResult result = run_command("node " + quote(kSarifDir / "validate.js") + " " + quote(bad));
    EXPECT_EQ(result.status, 1) << result.output;
    EXPECT_NE(result.output.find("INVALID"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("startLine"), std::string::npos) << result.output;
}
} // namespace
} // namespace drydock::cli
