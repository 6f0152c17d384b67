// ShellCheck on RUN scripts, end to end through lint(): findings at their exact line and column (continued
// lines, comment lines, heredocs, ONBUILD, CRLF, a backtick escape, non-ASCII text), declared names,
// dialects, what is not checked (PowerShell, exec form, python heredocs), the configuration (off switch,
// select, ignore, overrides, pragmas), the cache and batching, ShellCheck's fixes, and a missing or broken
// program. Also the process runner it is built on. Skips (with a message) when the shellcheck program is not
// installed.

#include "checks/src/process.hpp"
#include "support/run_process.hpp"

#include <drydock/checks/config.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/checks/shellcheck.hpp>
#include <drydock/parser/line_index.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace drydock {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

#define REQUIRE_SHELLCHECK()                                                                                 \
    do {                                                                                                     \
        if (!find_shellcheck(Config{}))                                                                      \
            GTEST_SKIP()                                                                                     \
                << "the shellcheck program is not installed (apt-get install shellcheck); ShellCheck "       \
                   "integration not tested";                                                                 \
    } while (false)

// Only ShellCheck runs, so rules added later cannot change these expectations.
Config only_shellcheck() {
    Config config;
    config.select = {"shellcheck"};
    return config;
}

struct Linted {
    Dockerfile file;
    std::vector<Diagnostic> diagnostics;
};

Linted run_lint(std::string text, const Config& config = only_shellcheck()) {
    Linted out{parse(std::move(text)), {}};
    out.diagnostics = lint(out.file, config);
    return out;
}

// "line:column-endLine:endColumn CODE severity `text`" for each SC finding (columns in code points).
Strings found(const Linted& l) {
    const LineIndex lines(l.file.source);
    Strings out;
    for (const Diagnostic& d : l.diagnostics) {
        if (!d.code.starts_with("SC"))
            continue;
        const Position b = lines.position(d.range.begin);
        const Position e = lines.position(d.range.end);
        out.push_back(std::to_string(b.line) + ":" + std::to_string(b.column) + "-" + std::to_string(e.line) +
                      ":" + std::to_string(e.column) + " " + d.code + " " +
                      std::string(to_string(d.severity)) + " `" + std::string(l.file.text(d.range)) + "`");
    }
    return out;
}

Strings found(std::string text, const Config& config = only_shellcheck()) {
    return found(run_lint(std::move(text), config));
}

// Just the codes, in order.
Strings codes(std::string text, const Config& config = only_shellcheck()) {
    Strings out;
    for (const Diagnostic& d : run_lint(std::move(text), config).diagnostics)
        out.push_back(d.code);
    return out;
}

// The text after applying a fix's edits.
std::string apply(const std::string& source, const Fix& fix) {
    std::string out = source;
    for (auto it = fix.edits.rbegin(); it != fix.edits.rend(); ++it)
        out.replace(it->range.begin, it->range.size(), it->replacement);
    return out;
}

// A fresh folder, removed at the end of the test.
class TempDir {
public:
    TempDir() {
        path_ = fs::temp_directory_path() /
                ("drydock-sc-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }
    std::string write(const std::string& name, const std::string& text) const {
        const fs::path p = path_ / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    std::string write_script(const std::string& name, const std::string& text) const {
        const fs::path p = path_ / name;
        std::ofstream(p, std::ios::binary) << text;
        ::chmod(p.c_str(), 0755);
        return p.string();
    }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

// --- Positions ---

TEST(ShellCheck, ContinuedRunFindingsAreAtTheirExactLineAndColumn) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(found("FROM alpine:3.20\n"
                    "RUN echo $1 \\\n"
                    "  && cd $dir\n"),
              (Strings{"2:10-2:12 SC2086 info `$1`", "3:6-3:13 SC2164 warning `cd $dir`",
                       "3:9-3:13 SC2086 info `$dir`", "3:9-3:13 SC2154 warning `$dir`"}));
}

TEST(ShellCheck, CommentAndEmptyLinesInsideARunAreSkipped) {
    REQUIRE_SHELLCHECK();
    // BuildKit drops the comment line and the empty continuation line; the shell never sees them.
    EXPECT_EQ(found("FROM alpine:3.20\n"
                    "RUN set -e \\\n"
                    "# install it\n"
                    "    && echo $1 \\\n"
                    "\n"
                    "    && echo \"$(ls $2)\"\n"),
              (Strings{"4:13-4:15 SC2086 info `$1`", "6:13-6:23 SC2005 style `\"$(ls $2)\"`",
                       "6:19-6:21 SC2086 info `$2`"}));
}

TEST(ShellCheck, WordSpanningAContinuationEndsWhereItsLastCharacterIs) {
    REQUIRE_SHELLCHECK();
    // `cd /x; cd` … the SC2164 range runs from `cd` on line 2 to the end of its argument on line 3.
    EXPECT_EQ(found("FROM alpine:3.20\n"
                    "RUN cd \\\n"
                    "   /tmp; echo ok\n"),
              (Strings{"2:5-3:8 SC2164 warning `cd \\\n   /tmp`"}));
}

TEST(ShellCheck, CrlfAndBacktickEscape) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(found("FROM alpine:3.20\r\n"
                    "RUN echo $1 \\\r\n"
                    "  && echo $2\r\n"),
              (Strings{"2:10-2:12 SC2086 info `$1`", "3:11-3:13 SC2086 info `$2`"}));
    // (A backtick escape means Windows to the semantic model, hence the SHELL.)
    EXPECT_EQ(found("# escape=`\n"
                    "FROM alpine:3.20\n"
                    "SHELL [\"/bin/sh\", \"-c\"]\n"
                    "RUN echo $1 `\n"
                    "  && echo $2\n"),
              (Strings{"4:10-4:12 SC2086 info `$1`", "5:11-5:13 SC2086 info `$2`"}));
}

TEST(ShellCheck, ColumnsCountCharactersNotBytes) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(found("FROM alpine:3.20\nRUN echo \"é∂\" $1 \\\n  && echo \"日本\" $2\n"),
              (Strings{"2:15-2:17 SC2086 info `$1`", "3:16-3:18 SC2086 info `$2`"}));
}

TEST(ShellCheck, HeredocBodies) {
    REQUIRE_SHELLCHECK();
    // A heredoc that is the whole command: its body is the script.
    EXPECT_EQ(found("FROM alpine:3.20\n"
                    "RUN <<EOF\n"
                    "set -e\n"
                    "echo $1\n"
                    "EOF\n"),
              (Strings{"4:6-4:8 SC2086 info `$1`"}));
    // A heredoc read by bash: checked as a bash script (no SC3028 for $RANDOM), each finding once.
    EXPECT_EQ(found("FROM alpine:3.20\n"
                    "RUN bash <<'EOF'\n"
                    "echo $RANDOM\n"
                    "  cd /tmp; echo $1\n"
                    "EOF\n"),
              (Strings{"4:3-4:10 SC2164 warning `cd /tmp`", "4:17-4:19 SC2086 info `$1`"}));
    // A bash shebang: the body is a bash script.
    EXPECT_EQ(found("FROM alpine:3.20\n"
                    "RUN <<EOF\n"
                    "#!/usr/bin/env bash\n"
                    "[[ -n $1 ]] && echo \"$RANDOM\"\n"
                    "EOF\n"),
              Strings{});
    // Data for cat: only the line and what the outer shell expands.
    EXPECT_EQ(found("FROM alpine:3.20\n"
                    "RUN cat <<'EOF' > /etc/motd && echo $1\n"
                    "echo $2 is not a command here\n"
                    "EOF\n"),
              (Strings{"2:37-2:39 SC2086 info `$1`"}));
}

TEST(ShellCheck, NonShellHeredocsAreNotChecked) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(found("FROM python:3.12\n"
                    "RUN <<EOF\n"
                    "#!/usr/bin/env python3\n"
                    "print($1 if [ x ] else 2)\n"
                    "EOF\n"),
              Strings{});
}

TEST(ShellCheck, OnbuildRun) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(found("FROM alpine:3.20\nONBUILD RUN echo $1 \\\n    && cd /x\n"),
              (Strings{"2:18-2:20 SC2086 info `$1`", "3:8-3:13 SC2164 warning `cd /x`"}));
}

// --- Names and dialects ---

TEST(ShellCheck, DeclaredArgsAndEnvAreNotUnassigned) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(found("ARG global_only\n"
                    "FROM alpine:3.20\n"
                    "ARG version\n"
                    "ENV home_dir=/srv\n"
                    "RUN echo \"$version $home_dir $http_proxy $global_only $other\"\n"),
              (Strings{"5:42-5:54 SC2154 warning `$global_only`", "5:55-5:61 SC2154 warning `$other`"}));
    // ENV carries into a stage built on this one; ARG does not.
    EXPECT_EQ(found("FROM alpine:3.20 AS base\n"
                    "ARG build_arg\n"
                    "ENV env_var=1\n"
                    "FROM base\n"
                    "RUN echo \"$env_var $build_arg\"\n"),
              (Strings{"5:20-5:30 SC2154 warning `$build_arg`"}));
    // A secret mount's env= is set for that RUN.
    EXPECT_EQ(
        found("FROM alpine:3.20\n"
              "RUN --mount=type=secret,id=tok,env=api_token curl -H \"$api_token\" https://example.com\n"),
        Strings{});
}

TEST(ShellCheck, DialectFollowsTheShell) {
    REQUIRE_SHELLCHECK();
    const std::string run = "RUN echo \"$RANDOM\" && source /etc/profile\n";
    EXPECT_EQ(codes("FROM alpine:3.20\n" + run), (Strings{"SC3028", "SC3046"}));
    EXPECT_EQ(codes("FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n" + run),
              Strings{});
    EXPECT_EQ(codes("FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-c\"]\n" + run), (Strings{"SC3028", "SC3046"}));
    // The shell is inherited from the stage a FROM names.
    EXPECT_EQ(codes("FROM alpine:3.20 AS a\nSHELL [\"bash\", \"-c\"]\nFROM a\n" + run), Strings{});
}

TEST(ShellCheck, ShellPragmaAsInHadolint) {
    REQUIRE_SHELLCHECK();
    const std::string run = "RUN echo \"$RANDOM\"\n";
    // Before the first FROM: every stage; PowerShell or cmd turn ShellCheck off.
    EXPECT_EQ(codes("# hadolint shell=powershell\nFROM alpine:3.20\n" + run + "FROM alpine:3.20\n" + run),
              Strings{});
    EXPECT_EQ(codes("# hadolint shell=bash\nFROM alpine:3.20\n" + run + "FROM alpine:3.20\n" + run),
              Strings{});
    // In a stage: that stage, from there on.
    EXPECT_EQ(codes("FROM alpine:3.20\n" + run + "# drydock shell=bash\n" + run + "FROM alpine:3.20\n" + run),
              (Strings{"SC3028", "SC3028"}));
    // A SHELL instruction after the pragma wins.
    EXPECT_EQ(codes("# hadolint shell=bash\nFROM alpine:3.20\nSHELL [\"/bin/sh\", \"-c\"]\n" + run),
              Strings{"SC3028"});
}

TEST(ShellCheck, NonPosixShellsAndExecFormAreNotChecked) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(
        found("FROM mcr.microsoft.com/powershell\nSHELL [\"pwsh\", \"-Command\"]\nRUN echo $1; cd $x\n"),
        Strings{});
    EXPECT_EQ(found("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %PATH% $1\n"), Strings{});
    EXPECT_EQ(found("FROM alpine:3.20\nSHELL [\"zsh\", \"-c\"]\nRUN echo $1\n"), Strings{});
    EXPECT_EQ(found("FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"echo $1; cd /x\"]\n"), Strings{});
}

// --- Configuration ---

TEST(ShellCheck, TurnedOffByConfigIgnoreOrSelect) {
    REQUIRE_SHELLCHECK();
    const std::string text = "FROM alpine:3.20\nRUN echo $1\n";
    clear_shellcheck_cache();
    Config off;
    off.shellcheck = false;
    EXPECT_EQ(found(text, off), Strings{});
    Config ignored;
    ignored.ignored = {"shellcheck"};
    EXPECT_EQ(found(text, ignored), Strings{});
    Config ignored_code;
    ignored_code.ignored = {"DD0003"};
    EXPECT_EQ(found(text, ignored_code), Strings{});
    Config other_rule;
    other_rule.select = {"DL3059"};
    EXPECT_EQ(found(text, other_rule), Strings{});
    EXPECT_EQ(shellcheck_stats().processes, 0U) << "ShellCheck must not even run when it is off";
    // On by default, with every other rule.
    EXPECT_EQ(found(text, Config{}), (Strings{"2:10-2:12 SC2086 info `$1`"}));
}

TEST(ShellCheck, CodesAreConfigurableLikeRules) {
    REQUIRE_SHELLCHECK();
    const std::string text = "FROM alpine:3.20\nRUN echo $1 && cd /x; ls $(pwd)\n";
    EXPECT_EQ(codes(text), (Strings{"SC2086", "SC2164", "SC2046"}));
    Config ignored = only_shellcheck();
    ignored.ignored = {"sc2086"};
    EXPECT_EQ(codes(text, ignored), (Strings{"SC2164", "SC2046"}));
    Config selected;
    selected.select = {"SC2164", "SC2046"};
    EXPECT_EQ(codes(text, selected), (Strings{"SC2164", "SC2046"}));
    Config overridden = only_shellcheck();
    overridden.overrides = {{"SC2046", Severity::Error}, {"shellcheck", Severity::Style}};
    EXPECT_EQ(found(text, overridden),
              (Strings{"2:10-2:12 SC2086 style `$1`", "2:16-2:21 SC2164 style `cd /x`",
                       "2:26-2:32 SC2046 error `$(pwd)`"}));
}

TEST(ShellCheck, PragmasSuppressScCodesAndThePseudoRule) {
    REQUIRE_SHELLCHECK();
    EXPECT_EQ(codes("FROM alpine:3.20\n# hadolint ignore=SC2086\nRUN echo $1 \\\n && cd /x; true\n"),
              Strings{"SC2164"});
    EXPECT_EQ(
        codes("FROM alpine:3.20\n# drydock ignore=shellcheck\nRUN echo $1 && cd /x; true\nRUN echo $2\n"),
        Strings{"SC2086"});
    EXPECT_EQ(codes("# hadolint global ignore=SC2086,SC2164\nFROM alpine:3.20\nRUN echo $1 && cd /x; true\n"),
              Strings{});
    // ShellCheck's own directives inside the script work too.
    EXPECT_EQ(codes("FROM alpine:3.20\nRUN <<EOF\n# shellcheck disable=SC2086\necho $1\nEOF\n"), Strings{});
    // A used pragma is not reported as unused.
    Config with_unused = only_shellcheck();
    with_unused.select.push_back("unused-suppression");
    EXPECT_EQ(codes("FROM alpine:3.20\n# hadolint ignore=SC2086\nRUN echo $1\n", with_unused), Strings{});
}

TEST(ShellCheck, ShellcheckOptsAreHonouredExceptFormatAndShell) {
    REQUIRE_SHELLCHECK();
    const std::string text = "FROM alpine:3.20\nRUN echo $1 && cd /x; echo \"$RANDOM\"\n";
    ::setenv("SHELLCHECK_OPTS", "-e SC2164 --format=tty -s bash -S info", 1);
    const Strings with_opts = codes(text);
    ::unsetenv("SHELLCHECK_OPTS");
    EXPECT_EQ(with_opts, (Strings{"SC2086", "SC3028"}));
    EXPECT_EQ(codes(text), (Strings{"SC2086", "SC2164", "SC3028"})) << "options are part of the cache key";
}

TEST(ShellCheck, FixesMapOntoTheDockerfile) {
    REQUIRE_SHELLCHECK();
    const Linted l = run_lint("FROM alpine:3.20\nRUN echo $1 \\\n  && cd /x; true\n");
    ASSERT_EQ(l.diagnostics.size(), 2U);
    ASSERT_TRUE(l.diagnostics[0].fix);
    EXPECT_EQ(l.diagnostics[0].fix->applicability, Applicability::DisplayOnly);
    EXPECT_EQ(apply(l.file.source, *l.diagnostics[0].fix),
              "FROM alpine:3.20\nRUN echo \"$1\" \\\n  && cd /x; true\n");
    ASSERT_TRUE(l.diagnostics[1].fix);
    EXPECT_EQ(apply(l.file.source, *l.diagnostics[1].fix),
              "FROM alpine:3.20\nRUN echo $1 \\\n  && cd /x || exit; true\n");
}

TEST(ShellCheck, DocumentedExamples) {
    REQUIRE_SHELLCHECK();
    const RuleEntry* rule = find_rule("shellcheck");
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->meta->code, "DD0003");
    EXPECT_EQ(codes(std::string(rule->meta->docs.bad)), Strings{"SC2164"});
    EXPECT_EQ(codes(std::string(rule->meta->docs.good)), Strings{});
}

// --- Cache, batching, a missing or broken program ---

TEST(ShellCheck, OneProcessPerDockerfileAndIdenticalScriptsAreCached) {
    REQUIRE_SHELLCHECK();
    clear_shellcheck_cache();
    std::string text = "FROM alpine:3.20\n";
    for (int i = 0; i < 40; ++i)
        text += "RUN echo " + std::to_string(i) + " $x" + std::to_string(i) + "\nRUN echo same $y\n";
    const Strings first = found(text);
    EXPECT_EQ(first.size(), 160U); // SC2086 and SC2154 for each
    ShellCheckStats stats = shellcheck_stats();
    EXPECT_EQ(stats.processes, 1U);
    EXPECT_EQ(stats.scripts, 41U) << "the 40 identical RUNs are one script";
    // The same file again: no process at all.
    EXPECT_EQ(found(text), first);
    stats = shellcheck_stats();
    EXPECT_EQ(stats.processes, 1U);
    EXPECT_EQ(stats.cache_hits, 80U);
    // A declared name the script does not mention changes nothing: still from the cache.
    EXPECT_EQ(found("FROM alpine:3.20\nARG extra\nRUN echo same $y\n").size(), 2U);
    EXPECT_EQ(shellcheck_stats().processes, 1U);
    // One it mentions makes another script: the export lines are part of what is checked (and, as in
    // hadolint, `export y=1` tells ShellCheck that $y is a plain word: neither SC2154 nor SC2086).
    EXPECT_EQ(found("FROM alpine:3.20\nARG y\nRUN echo same $y\n"), Strings{});
    EXPECT_EQ(shellcheck_stats().processes, 2U);
    // Two dialects in one file: one process each.
    clear_shellcheck_cache();
    found("FROM alpine:3.20\nRUN echo $1\nRUN bash <<'EOF'\necho $2\nEOF\n");
    EXPECT_EQ(shellcheck_stats().processes, 2U);
}

TEST(ShellCheck, MissingProgramIsANoteNotAnError) {
    clear_shellcheck_cache();
    take_shellcheck_notes();
    Config config = only_shellcheck();
    config.shellcheck_path = "/nonexistent/drydock-test/shellcheck";
    EXPECT_FALSE(find_shellcheck(config));
    const Linted l = run_lint("FROM alpine:3.20\nRUN echo $1\n", config);
    EXPECT_TRUE(l.diagnostics.empty());
    const Strings notes = take_shellcheck_notes();
    ASSERT_EQ(notes.size(), 1U);
    EXPECT_NE(notes.front().find("/nonexistent/drydock-test/shellcheck"), std::string::npos) << notes.front();
    // Once per process.
    run_lint("FROM alpine:3.20\nRUN echo $2\n", config);
    EXPECT_EQ(take_shellcheck_notes(), Strings{});
    EXPECT_EQ(shellcheck_stats().processes, 0U);
    // No script at all: not even a note.
    config.shellcheck_path = "/nonexistent/drydock-test/other";
    run_lint("FROM alpine:3.20\nRUN [\"true\"]\n", config);
    EXPECT_EQ(take_shellcheck_notes(), Strings{});
}

TEST(ShellCheck, BrokenProgramIsANoteNotAnError) {
    const TempDir dir;
    take_shellcheck_notes();
    Config config = only_shellcheck();
    config.shellcheck_path = dir.write_script("fake-shellcheck", "#!/bin/sh\necho 'not json'\nexit 1\n");
    EXPECT_TRUE(run_lint("FROM alpine:3.20\nRUN echo $1\n", config).diagnostics.empty());
    const Strings notes = take_shellcheck_notes();
    ASSERT_EQ(notes.size(), 1U);
    EXPECT_NE(notes.front().find("failed"), std::string::npos) << notes.front();
    // Output that names other files or holds nonsense positions is tolerated.
    config.shellcheck_path = dir.write_script(
        "odd-shellcheck",
        "#!/bin/sh\nfor f; do last=$f; done\n"
        "printf "
        "'{\"comments\":[{\"file\":\"/elsewhere\",\"line\":1,\"column\":1,\"endLine\":1,\"endColumn\":2,"
        "\"level\":\"error\",\"code\":1000,\"message\":\"x\"},{\"file\":\"%s\",\"line\":99,\"column\":99,"
        "\"endLine\":-5,\"endColumn\":0,\"level\":\"odd\",\"code\":1001,\"message\":\"y\"}]}' \"$last\"\n");
    const Linted l = run_lint("FROM alpine:3.20\nRUN echo $1\n", config);
    ASSERT_EQ(l.diagnostics.size(), 1U);
    EXPECT_EQ(l.diagnostics[0].code, "SC1001");
    EXPECT_LE(l.diagnostics[0].range.begin, l.diagnostics[0].range.end);
    EXPECT_LE(l.diagnostics[0].range.end, l.file.source.size());
}

// --- The CLI ---

// "file:line:column code level name" for each finding of `drydock lint --format json`.
Strings cli_findings(const std::string& json_text) {
    Strings out;
    for (const nlohmann::json& f : nlohmann::json::parse(json_text)) {
        out.push_back(f.at("file").get<std::string>() + ":" + std::to_string(f.at("line").get<int>()) + ":" +
                      std::to_string(f.at("column").get<int>()) + " " + f.at("code").get<std::string>() +
                      " " + f.at("level").get<std::string>() + " " + f.at("name").get<std::string>() +
                      (f.at("aliases").empty() ? "" : " (aliases)"));
    }
    return out;
}

const std::string continued_run = "FROM alpine:3.20\nRUN echo $1 \\\n  && cd /x; true\n";

TEST(LintCliShellCheck, FindingsAtTheirPlaceInJson) {
    REQUIRE_SHELLCHECK();
    const TempDir dir;
    dir.write("Dockerfile", continued_run);
    const auto r = testing::run_drydock(
        {"lint", "--no-config", "--select", "shellcheck", "--format", "json", "Dockerfile"}, {},
        dir.path().string());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(cli_findings(r.out), (Strings{"Dockerfile:2:10 SC2086 info shellcheck",
                                            "Dockerfile:3:6 SC2164 warning shellcheck"}));
}

TEST(LintCliShellCheck, OffSwitchesSelectAndConfig) {
    REQUIRE_SHELLCHECK();
    const TempDir dir;
    dir.write("Dockerfile", continued_run);
    const auto off = testing::run_drydock({"lint", "--no-config", "--select", "shellcheck", "--no-shellcheck",
                                           "--format", "json", "Dockerfile"},
                                          {}, dir.path().string());
    EXPECT_EQ(off.exit_code, 0) << off.err;
    EXPECT_EQ(cli_findings(off.out), Strings{});
    const auto one =
        testing::run_drydock({"lint", "--no-config", "--select", "SC2164", "--format", "json", "Dockerfile"},
                             {}, dir.path().string());
    EXPECT_EQ(cli_findings(one.out), Strings{"Dockerfile:3:6 SC2164 warning shellcheck"});
    // hadolint's flags with SC codes.
    const auto flags = testing::run_drydock({"lint", "--no-config", "--select", "shellcheck", "--ignore",
                                             "SC2086", "--error", "SC2164", "--format", "json", "Dockerfile"},
                                            {}, dir.path().string());
    EXPECT_EQ(cli_findings(flags.out), Strings{"Dockerfile:3:6 SC2164 error shellcheck"});
    // The config file: `shellcheck: false`, then ignore and override with SC codes.
    dir.write(".drydock.yaml", "select: [shellcheck]\nshellcheck: false\n");
    const auto file_off =
        testing::run_drydock({"lint", "--format", "json", "Dockerfile"}, {}, dir.path().string());
    EXPECT_EQ(file_off.err, "");
    EXPECT_EQ(cli_findings(file_off.out), Strings{});
    dir.write(".drydock.yaml", "select: [shellcheck]\nignored: [SC2164]\noverride:\n  error: [SC2086]\n");
    const auto file_on =
        testing::run_drydock({"lint", "--format", "json", "Dockerfile"}, {}, dir.path().string());
    EXPECT_EQ(file_on.err, "");
    EXPECT_EQ(cli_findings(file_on.out), Strings{"Dockerfile:2:10 SC2086 error shellcheck"});
}

TEST(LintCliShellCheck, MissingProgramIsOneNoteOnStandardError) {
    const TempDir dir;
    dir.write("a.Dockerfile", "FROM alpine:3.20\nRUN echo $1\n");
    dir.write("b.Dockerfile", "FROM alpine:3.20\nRUN echo $2\n");
    const auto r = testing::run_drydock(
        {"lint", "--no-config", "--select", "shellcheck", "--format", "json", "a.Dockerfile", "b.Dockerfile"},
        {}, dir.path().string(), {"DRYDOCK_SHELLCHECK=/nonexistent/shellcheck"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(cli_findings(r.out), Strings{});
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.err.starts_with("drydock: note: ShellCheck not found at '/nonexistent/shellcheck'"))
        << r.err;
}

// --- The process runner ---

TEST(ShellCheckProcess, CapturesOutputErrorAndExitStatus) {
    const process::Result r =
        process::run("/bin/sh", {"-c", "echo out; echo err >&2; exit 3"}, std::chrono::seconds(10));
    EXPECT_TRUE(r.started);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.out, "out\n");
    EXPECT_EQ(r.err, "err\n");
    // Arguments are passed as they are: no shell between.
    const process::Result echo =
        process::run("/bin/echo", {"$HOME", "a b", ";", "|"}, std::chrono::seconds(10));
    EXPECT_EQ(echo.out, "$HOME a b ; |\n");
    // Large output does not dead-lock.
    const process::Result big =
        process::run("/bin/sh", {"-c", "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2"},
                     std::chrono::seconds(10));
    EXPECT_EQ(big.out.size(), 300000U);
    EXPECT_EQ(big.err.size(), 200000U);
}

TEST(ShellCheckProcess, TimeoutKillsTheProgram) {
    const auto start = std::chrono::steady_clock::now();
    const process::Result r = process::run("/bin/sleep", {"30"}, std::chrono::milliseconds(200));
    EXPECT_TRUE(r.started);
    EXPECT_TRUE(r.timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    // A program that closes its outputs and goes on is stopped at the deadline too.
    const process::Result quiet =
        process::run("/bin/sh", {"-c", "exec >&- 2>&-; sleep 30"}, std::chrono::milliseconds(200));
    EXPECT_TRUE(quiet.timed_out);
}

TEST(ShellCheckProcess, MissingProgramAndPathLookup) {
    const process::Result r = process::run("/nonexistent/program", {}, std::chrono::seconds(1));
    EXPECT_FALSE(r.started);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(process::find_in_path("sh", "/nonexistent:/bin"), std::optional<std::string>("/bin/sh"));
    EXPECT_EQ(process::find_in_path("/bin/sh", ""), std::optional<std::string>("/bin/sh"));
    EXPECT_EQ(process::find_in_path("no-such-program-drydock", "/bin:/usr/bin"), std::nullopt);
    EXPECT_EQ(process::find_in_path("", "/bin"), std::nullopt);
}

} // namespace
} // namespace drydock
