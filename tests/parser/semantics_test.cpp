// SemanticModel: stages, the stage of each instruction, ARG/ENV scope (reference §8, edge cases 33 and 35)
// and the shell that runs shell-form commands (§10 SHELL, edge case 47).

#include "parser_test_support.hpp"

#include <drydock/parser/semantics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace drydock {
namespace {

using namespace drydock::test;
using Strings = std::vector<std::string>;

Strings names(const std::vector<Variable>& scope) {
    Strings out;
    for (const Variable& v : scope)
        out.push_back(v.name);
    return out;
}

const Variable* find(const std::vector<Variable>& scope, std::string_view name) {
    // The latest declaration wins, so search from the back.
    const auto it =
        std::find_if(scope.rbegin(), scope.rend(), [&](const Variable& v) { return v.name == name; });
    return it == scope.rend() ? nullptr : &*it;
}

TEST(SemanticStages, StagesAndStageOf) {
    const Dockerfile f = parse_checked("ARG V=1\n"
                                       "FROM golang:1.22 AS Build\n"
                                       "RUN go build\n"
                                       "FROM build AS test\n"
                                       "RUN go test\n"
                                       "FROM scratch\n"
                                       "COPY --from=build /app /app\n");
    const SemanticModel model(f);
    ASSERT_EQ(model.stages().size(), 3U);
    const Stage& build = model.stages()[0];
    EXPECT_EQ(build.index, 0U);
    EXPECT_EQ(build.from, 1U);
    EXPECT_EQ(build.end, 3U);
    EXPECT_EQ(build.name, "build"); // lower-cased
    EXPECT_EQ(build.base, "golang:1.22");
    EXPECT_FALSE(build.base_stage);
    const Stage& test = model.stages()[1];
    EXPECT_EQ(test.from, 3U);
    EXPECT_EQ(test.end, 5U);
    EXPECT_EQ(test.base, "build");
    EXPECT_EQ(test.base_stage, std::optional<std::size_t>(0));
    const Stage& last = model.stages()[2];
    EXPECT_EQ(last.name, "");
    EXPECT_EQ(last.end, 7U);
    EXPECT_FALSE(last.base_stage);

    EXPECT_EQ(model.stage_of(0), std::nullopt); // global ARG
    EXPECT_EQ(model.stage_of(1), std::optional<std::size_t>(0));
    EXPECT_EQ(model.stage_of(2), std::optional<std::size_t>(0));
    EXPECT_EQ(model.stage_of(4), std::optional<std::size_t>(1));
    EXPECT_EQ(model.stage_of(6), std::optional<std::size_t>(2));
    EXPECT_EQ(model.stage_of(99), std::nullopt);
    EXPECT_EQ(model.stage_named("BUILD"), &build);
    EXPECT_EQ(model.stage_named("nope"), nullptr);
    EXPECT_EQ(model.stage_named(""), nullptr);
    ASSERT_EQ(model.global_args().size(), 1U);
    EXPECT_EQ(model.global_args()[0].name, "V");
    EXPECT_EQ(model.global_args()[0].value, std::optional<std::string>("1"));
}

TEST(SemanticScope, Case35_GlobalArgVisibleInFromButNotInAStage) {
    const Dockerfile f = parse_checked("ARG VERSION=3.12\n"     // 0
                                       "ARG BASE\n"             // 1
                                       "FROM alpine:$VERSION\n" // 2
                                       "RUN echo $VERSION\n"    // 3
                                       "ARG VERSION\n"          // 4
                                       "RUN echo $VERSION\n"    // 5
                                       "FROM $BASE\n"           // 6
                                       "RUN echo $VERSION\n");  // 7
    const SemanticModel model(f);
    EXPECT_EQ(names(model.scope_at(2)), (Strings{"VERSION", "BASE"}));
    EXPECT_TRUE(model.is_defined("VERSION", 2));
    EXPECT_TRUE(model.is_defined("BASE", 6));     // every FROM sees the global ARGs
    EXPECT_FALSE(model.is_defined("VERSION", 3)); // UndefinedVar: not re-declared yet
    EXPECT_TRUE(model.scope_at(3).empty());
    // Re-declared without a value: inherits the global default.
    EXPECT_TRUE(model.is_defined("VERSION", 5));
    const std::vector<Variable> scope = model.scope_at(5);
    ASSERT_EQ(scope.size(), 1U);
    EXPECT_EQ(scope[0].kind, InstructionKind::Arg);
    EXPECT_EQ(scope[0].instruction, 4U);
    EXPECT_EQ(scope[0].value, std::optional<std::string>("3.12"));
    // The re-declaration is scoped to its stage.
    EXPECT_FALSE(model.is_defined("VERSION", 7));
    // A global ARG is visible only after its declaration, even to the global part.
    EXPECT_EQ(names(model.scope_at(1)), Strings{"VERSION"});
}

TEST(SemanticScope, DeclarationOrderInsideAStage) {
    const Dockerfile f = parse_checked("FROM a\nRUN echo $X\nARG X=1\nRUN echo $X\n");
    const SemanticModel model(f);
    EXPECT_FALSE(model.is_defined("X", 1));
    EXPECT_TRUE(model.is_defined("X", 3));
    EXPECT_EQ(find(model.scope_at(3), "X")->value, std::optional<std::string>("1"));
}

TEST(SemanticScope, PredefinedAndAutomaticArgs) {
    const Dockerfile f = parse_checked("FROM --platform=$BUILDPLATFORM a\n"
                                       "RUN echo $HTTP_PROXY $no_proxy $TARGETARCH\n"
                                       "ARG TARGETARCH\n"
                                       "RUN echo $TARGETARCH\n");
    const SemanticModel model(f);
    for (const char* proxy : {"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy",
                              "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"}) {
        SCOPED_TRACE(proxy);
        EXPECT_TRUE(SemanticModel::is_predefined_arg(proxy));
        EXPECT_TRUE(model.is_defined(proxy, 0));
        EXPECT_TRUE(model.is_defined(proxy, 1));
    }
    EXPECT_FALSE(SemanticModel::is_predefined_arg("Http_Proxy"));
    EXPECT_TRUE(SemanticModel::is_automatic_platform_arg("BUILDPLATFORM"));
    EXPECT_TRUE(model.is_defined("BUILDPLATFORM", 0)); // in FROM: the automatic platform ARGs are global
    EXPECT_FALSE(model.is_defined("TARGETARCH", 1));   // in a stage they need `ARG TARGETARCH`
    EXPECT_TRUE(model.is_defined("TARGETARCH", 3));
    EXPECT_FALSE(model.is_defined("PATH", 1));
}

TEST(SemanticScope, EnvIsInheritedByAStageBuiltFromAnEarlierStage) {
    const Dockerfile f = parse_checked("FROM alpine AS base\n" // 0
                                       "ENV APP=/app\n"        // 1
                                       "ARG LOCAL=1\n"         // 2
                                       "FROM base AS dev\n"    // 3
                                       "RUN echo $APP\n"       // 4
                                       "FROM alpine\n"         // 5
                                       "RUN echo $APP\n");     // 6
    const SemanticModel model(f);
    EXPECT_TRUE(model.is_defined("APP", 4));
    const std::vector<Variable> scope = model.scope_at(4);
    const Variable* app = find(scope, "APP");
    ASSERT_NE(app, nullptr);
    EXPECT_EQ(app->kind, InstructionKind::Env);
    EXPECT_EQ(app->value, std::optional<std::string>("/app"));
    EXPECT_EQ(app->instruction, 1U);
    EXPECT_FALSE(model.is_defined("LOCAL", 4)); // ARG does not persist into the image
    EXPECT_FALSE(model.is_defined("APP", 6));   // an unrelated stage sees nothing
}

TEST(SemanticScope, Case33_EnvUsesTheEnvironmentFromBeforeTheInstruction) {
    const std::string src = "FROM a\nENV a=1\nENV a=2 b=$a\nRUN echo $b\n";
    const Dockerfile f = parse_checked(src);
    const SemanticModel model(f);
    // `$a` in the second ENV expands against the scope before it, where a=1, so b becomes 1.
    const std::vector<Variable> before = model.scope_at(2);
    EXPECT_EQ(names(before), Strings{"a"});
    EXPECT_EQ(before[0].value, std::optional<std::string>("1"));
    const Word& b = *f.instructions[2].pairs.at(1).value;
    ASSERT_EQ(b.variables.size(), 1U);
    EXPECT_EQ(b.variables[0].name, "a");
    EXPECT_RANGE(b.variables[0].range, at(src, "$a"));
    // After it, a=2 is the latest declaration and b is set (values are kept unexpanded).
    const std::vector<Variable> after = model.scope_at(3);
    EXPECT_EQ(names(after), (Strings{"a", "a", "b"}));
    EXPECT_EQ(find(after, "a")->value, std::optional<std::string>("2"));
    EXPECT_EQ(find(after, "b")->value, std::optional<std::string>("$a"));
}

TEST(SemanticScope, EnvLegacyAndMultiplePairs) {
    const Dockerfile f = parse_checked("FROM a\nENV PATH /usr/local/bin:$PATH\nLABEL x=y\nRUN true\n");
    const SemanticModel model(f);
    const std::vector<Variable> scope = model.scope_at(3);
    EXPECT_EQ(names(scope), Strings{"PATH"}); // LABEL declares nothing
    EXPECT_EQ(scope[0].value, std::optional<std::string>("/usr/local/bin:$PATH"));
}

TEST(SemanticShell, DefaultShell) {
    const Dockerfile f = parse_checked("FROM a\nRUN x\n");
    const SemanticModel model(f);
    const ShellInfo shell = model.shell_at(1);
    EXPECT_EQ(shell.argv, (Strings{"/bin/sh", "-c"}));
    EXPECT_TRUE(shell.posix);
    EXPECT_FALSE(shell.declared_at);
    ASSERT_TRUE(f.instructions[1].command->script);
    EXPECT_TRUE(f.instructions[1].command->script->contains("x"));
}

TEST(SemanticShell, Case47_ShellInstructionAndInheritance) {
    const Dockerfile f = parse_checked("FROM mcr.microsoft.com/powershell AS base\n" // 0
                                       "RUN before\n"                                // 1
                                       "SHELL [\"pwsh\", \"-Command\"]\n"            // 2
                                       "RUN Get-Item x\n"                            // 3
                                       "SHELL [\"/bin/bash\", \"-c\"]\n"             // 4
                                       "RUN echo hi\n"                               // 5
                                       "FROM base AS child\n"                        // 6
                                       "RUN inherited\n"                             // 7
                                       "FROM alpine\n"                               // 8
                                       "RUN plain\n");                               // 9
    const SemanticModel model(f);
    EXPECT_EQ(model.shell_at(1).argv, (Strings{"/bin/sh", "-c"}));
    EXPECT_FALSE(model.shell_at(1).declared_at);
    const ShellInfo pwsh = model.shell_at(3);
    EXPECT_EQ(pwsh.argv, (Strings{"pwsh", "-Command"}));
    EXPECT_FALSE(pwsh.posix);
    EXPECT_EQ(pwsh.declared_at, std::optional<std::size_t>(2));
    // Under PowerShell the POSIX shell model would only guess, so the command has none.
    EXPECT_FALSE(f.instructions[3].command->script);
    const ShellInfo bash = model.shell_at(5);
    EXPECT_EQ(bash.argv, (Strings{"/bin/bash", "-c"}));
    EXPECT_TRUE(bash.posix);
    EXPECT_TRUE(f.instructions[5].command->script);
    // A stage built FROM another inherits its last SHELL.
    EXPECT_EQ(model.shell_at(7).declared_at, std::optional<std::size_t>(4));
    EXPECT_EQ(model.shell_at(7).argv, (Strings{"/bin/bash", "-c"}));
    // An unrelated stage starts over.
    EXPECT_EQ(model.shell_at(9).argv, (Strings{"/bin/sh", "-c"}));
    EXPECT_FALSE(model.shell_at(9).declared_at);
}

TEST(SemanticShell, WindowsDefaults) {
    const Dockerfile escaped =
        parse_checked("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n");
    const SemanticModel model(escaped);
    EXPECT_EQ(model.shell_at(1).argv, (Strings{"cmd", "/S", "/C"}));
    EXPECT_FALSE(model.shell_at(1).posix);
    EXPECT_FALSE(escaped.instructions[1].command->script);
}

TEST(SemanticShell, GlobalInstructionsUseTheDefault) {
    const Dockerfile f = parse_checked("ARG A\nFROM a\n");
    const SemanticModel model(f);
    EXPECT_EQ(model.shell_at(0).argv, (Strings{"/bin/sh", "-c"}));
}

} // namespace
} // namespace drydock
