// RunCommands: each command of a RUN without its wrappers, as written, and the script that holds it — by
// reference into the parser's model where no wrapper was removed — and run_commands, which builds them once
// per instruction for all rules.

#include "checks/src/shell_queries.hpp"

#include <drydock/checks/config.hpp>
#include <drydock/checks/rule.hpp>
#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <gtest/gtest.h>

#include <string>

namespace drydock::rules {
namespace {

std::string text(const Dockerfile& file, const shell::Word& word) {
    return std::string(file.text(word.range));
}

TEST(RunCommands, CommandLineCommandsWithAndWithoutWrappers) {
    const Dockerfile file =
        parse("FROM debian:12\nRUN sudo -u app env A=1 apt-get install -y curl && echo hi\n");
    const Instruction& run = file.instructions[1];
    const RunCommands commands(file, run);
    const shell::Script& script = *run.command->script;
    ASSERT_EQ(commands.all().size(), 2U);

    const RunCommand& install = commands.all()[0];
    EXPECT_EQ(install.command.name(), "apt-get");
    EXPECT_EQ(text(file, install.command.words.front()), "apt-get");
    EXPECT_EQ(&install.written, &script.commands[0]); // the parser's command, wrappers kept
    EXPECT_EQ(install.written.name(), "sudo");
    EXPECT_NE(&install.command, &install.written); // an unwrapped copy
    EXPECT_EQ(install.script, &script);
    EXPECT_EQ(install.source, CommandSource::CommandLine);

    const RunCommand& echo = commands.all()[1];
    EXPECT_EQ(&echo.command, &script.commands[1]); // no wrapper: no copy
    EXPECT_EQ(&echo.written, &script.commands[1]);
    EXPECT_EQ(echo.script, &script);
}

TEST(RunCommands, HeredocCommandsKnowTheirScript) {
    const Dockerfile file = parse("FROM debian:12\nRUN bash <<EOF\nnice -n 5 make\nEOF\n");
    const Instruction& run = file.instructions[1];
    const RunCommands commands(file, run);
    ASSERT_EQ(commands.all().size(), 2U);
    EXPECT_EQ(commands.all()[0].command.name(), "bash");
    EXPECT_EQ(commands.all()[0].script, &*run.command->script);
    EXPECT_EQ(commands.all()[1].command.name(), "make");
    EXPECT_EQ(commands.all()[1].written.name(), "nice");
    EXPECT_EQ(commands.all()[1].script, &*run.heredocs[0].script);
    EXPECT_EQ(commands.all()[1].source, CommandSource::Heredoc);
}

TEST(RunCommands, ExecFormHasNoScript) {
    const Dockerfile file = parse("FROM debian:12\nRUN [\"sudo\", \"apt-get\", \"install\", \"x\"]\n");
    const RunCommands commands(file, file.instructions[1]);
    ASSERT_EQ(commands.all().size(), 1U);
    const RunCommand& command = commands.all()[0];
    EXPECT_EQ(command.command.name(), "apt-get");
    EXPECT_EQ(command.written.name(), "sudo");
    EXPECT_EQ(command.written.words.size(), 4U);
    EXPECT_EQ(command.script, nullptr);
    EXPECT_EQ(command.source, CommandSource::ExecForm);
}

TEST(RunCommands, SharedWhileTheEngineIsOnOneInstruction) {
    const Dockerfile file = parse("FROM debian:12\nRUN apt-get update\nRUN echo hi\n");
    const SemanticModel model(file);
    const Config config;
    Context context(file, model, config);

    context.enter(1, 0, false);
    const RunCommands& first = run_commands(context, file.instructions[1]);
    EXPECT_EQ(&run_commands(context, file.instructions[1]), &first);
    EXPECT_EQ(first.all().front().command.name(), "apt-get");

    context.enter(2, 0, false);
    EXPECT_EQ(run_commands(context, file.instructions[2]).all().front().command.name(), "echo");
    forget_run_commands(context);
    EXPECT_EQ(run_commands(context, file.instructions[2]).all().front().command.name(), "echo");
}

} // namespace
} // namespace drydock::rules
