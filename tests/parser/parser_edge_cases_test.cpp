// The parser against BuildKit's Dockerfile syntax (shared/reference/dockerfile-syntax.md): every edge case of
// section 11 (tests named CaseNN_…) and the behaviours of sections 1-10 the parser implements. Results are
// asserted exactly: kinds, keyword text, flags, argument raw/value text, byte ranges and error messages.
// Every input also goes through the lossless checks (print(parse(x)) == x, items tile the file).

#include "parser_test_support.hpp"

#include <drydock/parser/line_index.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock {
namespace {

using namespace drydock::test;
using Strings = std::vector<std::string>;

const Instruction& only_instruction(const Dockerfile& f) {
    EXPECT_EQ(f.instructions.size(), 1U);
    return f.instructions.front();
}

// ---------------------------------------------------------------------------------------------------------------
// Section 2: parser directives (cases 1-5, 49, 50)

TEST(ParserDirectives, Case01_DirectiveAfterACommentIsAComment) {
    const std::string src = "# hi\n# escape=`\nRUN a `\nb\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_TRUE(f.directives.empty());
    EXPECT_EQ(f.escape, '\\');
    ASSERT_EQ(f.comments.size(), 2U);
    EXPECT_EQ(f.comments[0].text, "hi");
    EXPECT_RANGE(f.comments[0].range, at(src, "# hi"));
    EXPECT_EQ(f.comments[1].text, "escape=`");
    EXPECT_RANGE(f.comments[1].range, at(src, "# escape=`"));
    EXPECT_EQ(item_kinds(f), (std::vector{ItemKind::Comment, ItemKind::Comment, ItemKind::Instruction,
                                          ItemKind::Instruction}));
    ASSERT_EQ(f.instructions.size(), 2U);
    // With `\` as the escape character the backtick is ordinary text: no continuation, `b` stands alone.
    EXPECT_EQ(f.instructions[0].kind, InstructionKind::Run);
    EXPECT_EQ(f.instructions[0].command->text, "a `");
    EXPECT_TRUE(f.instructions[0].continuations.empty());
    EXPECT_EQ(f.instructions[1].kind, InstructionKind::Unknown);
    EXPECT_EQ(f.instructions[1].keyword.raw, "b");
    EXPECT_EQ(errors(f), Strings{error({24, 25}, "unknown instruction: b")});
}

TEST(ParserDirectives, Case02_SpacesAndCapitals) {
    const std::string src = "#  ESCAPE = `\nRUN a `\nb\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 1U);
    const Directive& d = f.directives[0];
    EXPECT_EQ(d.name.raw, "ESCAPE");
    EXPECT_RANGE(d.name.range, at(src, "ESCAPE"));
    EXPECT_EQ(d.value.raw, "`");
    EXPECT_RANGE(d.value.range, (TextRange{12, 13}));
    EXPECT_RANGE(d.range, (TextRange{0, 13}));
    EXPECT_EQ(f.directive("escape"), &d); // the lookup ignores case
    EXPECT_EQ(f.escape, '`');
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "a b");
    EXPECT_RANGE(run.range, (TextRange{14, 23}));
    EXPECT_EQ(run.continuations, (std::vector<TextRange>{{20, 22}}));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserDirectives, NoSpaceAfterHash) { // BuildKit fixture `escape`
    const std::string src = "#escape = `\nFROM a\nRUN x `\n  y\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 1U);
    EXPECT_EQ(f.directives[0].name.raw, "escape");
    EXPECT_EQ(f.escape, '`');
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[1].command->text, "x   y");
}

TEST(ParserDirectives, Case03_DuplicateDirective) {
    const std::string src = "# syntax=a\n# syntax=b\nFROM x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 2U);
    EXPECT_EQ(f.directives[0].value.raw, "a");
    EXPECT_EQ(f.directives[1].value.raw, "b");
    EXPECT_EQ(errors(f),
              Strings{error(at(src, "# syntax=b"), "only one syntax parser directive can be used")});
}

TEST(ParserDirectives, DuplicateIgnoresNameCase) {
    const std::string src = "# escape=`\n# ESCAPE=\\\nFROM x\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              Strings{error(at(src, "# ESCAPE=\\"), "only one escape parser directive can be used")});
}

TEST(ParserDirectives, Case04_BlankLineEndsTheBlock) {
    const std::string src = "# syntax=x\n\n# check=error=true\nFROM x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 1U);
    EXPECT_EQ(f.directives[0].name.raw, "syntax");
    EXPECT_EQ(f.directive("check"), nullptr);
    ASSERT_EQ(f.comments.size(), 1U);
    EXPECT_EQ(f.comments[0].text, "check=error=true");
    EXPECT_EQ(item_kinds(f),
              (std::vector{ItemKind::Directive, ItemKind::Blank, ItemKind::Comment, ItemKind::Instruction}));
    EXPECT_RANGE(f.items[1].range, (TextRange{11, 12}));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserDirectives, Case05_UnknownDirectiveEndsTheBlock) {
    const std::string src = "# foo=bar\n# escape=`\nFROM x\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_TRUE(f.directives.empty());
    EXPECT_EQ(f.escape, '\\');
    ASSERT_EQ(f.comments.size(), 2U);
    EXPECT_EQ(f.comments[0].text, "foo=bar");
    EXPECT_EQ(f.comments[1].text, "escape=`");
}

TEST(ParserDirectives, SyntaxAndEscapeTogether) { // BuildKit fixture `escape-with-syntax`
    const std::string src = "# syntax=docker/dockerfile:1  \n# escape=`\nFROM `\n  alpine\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 2U);
    EXPECT_EQ(f.directives[0].value.raw, "docker/dockerfile:1"); // trailing blanks trimmed
    EXPECT_RANGE(f.directives[0].range, at(src, "# syntax=docker/dockerfile:1"));
    EXPECT_EQ(f.escape, '`');
    const Instruction& from = only_instruction(f);
    ASSERT_TRUE(from.from);
    EXPECT_EQ(from.from->image.word.raw, "alpine");
    EXPECT_RANGE(from.from->image.word.range, at(src, "alpine"));
}

TEST(ParserDirectives, InvalidEscapeValue) {
    const std::string src = "# escape=x\nFROM a\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(f.escape, '\\');
    EXPECT_EQ(errors(f), Strings{error({9, 10}, "invalid escape token 'x' does not match ` or \\")});
}

TEST(ParserDirectives, EmptyValueIsAComment) {
    const std::string src = "# syntax=\n# escape=`\nFROM a\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_TRUE(f.directives.empty()); // not a directive, so it also ends the block
    EXPECT_EQ(f.escape, '\\');
    EXPECT_EQ(f.comments.size(), 2U);
}

TEST(ParserDirectives, LeadingWhitespaceIsTolerated) {
    const std::string src = "  # syntax=x\nFROM a\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 1U);
    EXPECT_RANGE(f.directives[0].range, (TextRange{2, 12}));
    EXPECT_RANGE(f.items[0].range, (TextRange{0, 13}));
}

TEST(ParserDirectives, NoDirectiveAfterAnInstruction) {
    const std::string src = "FROM a\n# escape=`\nRUN x `\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_TRUE(f.directives.empty());
    EXPECT_EQ(f.escape, '\\');
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[1].command->text, "x `");
}

TEST(ParserDirectives, NoContinuationInADirective) {
    const std::string src = "# syntax=a \\\nFROM b\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 1U);
    EXPECT_EQ(f.directives[0].value.raw, "a \\");
    ASSERT_EQ(f.instructions.size(), 1U);
    EXPECT_EQ(f.instructions[0].kind, InstructionKind::From);
}

TEST(ParserDirectives, ValueKeepsTextAfterSpace) {
    // The parser keeps the whole value; only the frontend reference (first token) matters to BuildKit.
    const std::string src = "# syntax=docker/dockerfile:1 extra\nFROM a\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.directives.size(), 1U);
    EXPECT_EQ(f.directives[0].value.raw, "docker/dockerfile:1 extra");
}

TEST(ParserDirectives, Case49_ShebangThenEscapeIsNotApplied) {
    const std::string src =
        "#!/usr/bin/env buildctl\n# escape=`\n# syntax=docker/dockerfile:1\nFROM a\nRUN x `\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(f.escape, '\\');
    // The shebang is a comment to the line parser; the syntax/check detector skips it, so `syntax` still
    // counts.
    ASSERT_EQ(f.directives.size(), 1U);
    EXPECT_EQ(f.directives[0].name.raw, "syntax");
    EXPECT_EQ(f.directives[0].value.raw, "docker/dockerfile:1");
    ASSERT_EQ(f.comments.size(), 2U);
    EXPECT_EQ(f.comments[0].text, "!/usr/bin/env buildctl");
    EXPECT_EQ(f.comments[1].text, "escape=`");
    EXPECT_EQ(item_kinds(f), (std::vector{ItemKind::Comment, ItemKind::Comment, ItemKind::Directive,
                                          ItemKind::Instruction, ItemKind::Instruction}));
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[1].command->text, "x `");
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserDirectives, Case50_CheckCommentAboveAnInstructionIsAComment) {
    const std::string src = "FROM a AS b\n# check=skip=StageNameCasing\nFROM a AS B\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_TRUE(f.directives.empty());
    ASSERT_EQ(f.comments.size(), 1U);
    EXPECT_EQ(f.comments[0].text, "check=skip=StageNameCasing");
    EXPECT_RANGE(f.comments[0].range, at(src, "# check=skip=StageNameCasing"));
    // The comment item sits directly above the second FROM, which is what scopes it to that line.
    EXPECT_EQ(item_kinds(f), (std::vector{ItemKind::Instruction, ItemKind::Comment, ItemKind::Instruction}));
    EXPECT_EQ(f.items[1].range.end, f.instructions[1].line_range.begin);
    ASSERT_TRUE(f.instructions[1].from && f.instructions[1].from->stage_name);
    EXPECT_EQ(f.instructions[1].from->stage_name->raw, "B");
    EXPECT_TRUE(f.errors.empty());
}

// ---------------------------------------------------------------------------------------------------------------
// Section 1: file level (cases 43-45, NUL, invalid UTF-8, empty file)

TEST(ParserFile, Case43_BomCrlfAndADirectiveAfterTheBom) {
    const std::string src = "\xEF\xBB\xBF# escape=`\r\nFROM a\r\nRUN x `\r\n  y\r\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(item_kinds(f), (std::vector{ItemKind::ByteOrderMark, ItemKind::Directive, ItemKind::Instruction,
                                          ItemKind::Instruction}));
    EXPECT_RANGE(f.items[0].range, (TextRange{0, 3}));
    EXPECT_RANGE(f.items[1].range, (TextRange{3, 15}));
    ASSERT_EQ(f.directives.size(), 1U);
    EXPECT_RANGE(f.directives[0].range, (TextRange{3, 13})); // no '\r'
    EXPECT_EQ(f.directives[0].value.raw, "`");
    EXPECT_EQ(f.escape, '`');
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_RANGE(f.instructions[0].range, (TextRange{15, 21}));
    EXPECT_RANGE(f.instructions[0].line_range, (TextRange{15, 23}));
    EXPECT_EQ(f.instructions[0].from->image.word.raw, "a");
    const Instruction& run = f.instructions[1];
    EXPECT_EQ(run.command->text, "x   y"); // the '\r' before the continued line's '\n' is not text
    EXPECT_RANGE(run.range, (TextRange{23, 35}));
    EXPECT_RANGE(run.line_range, (TextRange{23, 37}));
    EXPECT_EQ(run.continuations, (std::vector<TextRange>{{29, 32}})); // '`', '\r', '\n'
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserFile, BomAloneOnAnInstructionLine) {
    const std::string src = "\xEF\xBB\xBF"
                            "FROM a\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& from = only_instruction(f);
    EXPECT_EQ(from.keyword.raw, "FROM");
    EXPECT_RANGE(from.range, (TextRange{3, 9}));
    EXPECT_RANGE(from.line_range, (TextRange{3, 10}));
}

TEST(ParserFile, CrlfContinuation) {
    const std::string src = "RUN a \\\r\n  b\r\nCMD [\"x\"]\r\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[0].command->text, "a   b");
    EXPECT_RANGE(f.instructions[0].range, (TextRange{0, 12}));
    EXPECT_EQ(f.instructions[1].command->form, CommandForm::Exec);
    EXPECT_EQ(values(f.instructions[1].command->elements), Strings{"x"});
    EXPECT_RANGE(f.instructions[1].range, (TextRange{14, 23}));
}

TEST(ParserFile, Case44_OnlyComments) {
    const std::string src = "# one\n# two\n\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_TRUE(f.instructions.empty());
    EXPECT_EQ(item_kinds(f), (std::vector{ItemKind::Comment, ItemKind::Comment, ItemKind::Blank}));
    EXPECT_EQ(errors(f), Strings{error({0, 0}, "file with no instructions")});
}

TEST(ParserFile, EmptyFile) {
    const Dockerfile f = parse_checked("");
    EXPECT_TRUE(f.items.empty());
    EXPECT_EQ(errors(f), Strings{error({0, 0}, "file with no instructions")});
}

TEST(ParserFile, OnlyBlankLinesAndDirectives) {
    EXPECT_EQ(errors(parse_checked("\n \n\t\n")), Strings{error({0, 0}, "file with no instructions")});
    const Dockerfile f = parse_checked("# syntax=x\n");
    EXPECT_EQ(f.directives.size(), 1U);
    EXPECT_EQ(errors(f), Strings{error({0, 0}, "file with no instructions")});
}

TEST(ParserFile, NoFinalNewline) {
    const Dockerfile f = parse_checked("FROM a");
    EXPECT_RANGE(only_instruction(f).range, (TextRange{0, 6}));
    EXPECT_RANGE(only_instruction(f).line_range, (TextRange{0, 6}));
}

TEST(ParserFile, Case45_LineLongerThan64KiB) {
    const std::string value(65536, 'a');
    const std::string src = "FROM a\nLABEL x=" + value + "\nRUN b\n";
    const Dockerfile f = parse_checked(src);
    const TextRange line{7, static_cast<TextSize>(7 + 8 + value.size())};
    EXPECT_EQ(errors(f), Strings{error(line, "dockerfile line greater than max allowed size of 65535")});
    ASSERT_EQ(f.instructions.size(), 3U); // parsing goes on
    EXPECT_EQ(f.instructions[1].pairs.at(0).value->value, value);
}

TEST(ParserFile, LineLengthLimitIsExact) {
    // bufio.Scanner fails when the bytes before '\n' fill its 65536-byte buffer; a '\r' counts.
    const std::string fits = "RUN " + std::string(65531, 'a');
    EXPECT_EQ(fits.size(), 65535U);
    EXPECT_TRUE(parse_checked(fits + "\n").errors.empty());
    EXPECT_TRUE(parse_checked(fits).errors.empty());
    EXPECT_EQ(errors(parse_checked(fits + "\r\n")),
              Strings{error({0, 65535}, "dockerfile line greater than max allowed size of 65535")});
    EXPECT_EQ(errors(parse_checked(fits + "a")),
              Strings{error({0, 65536}, "dockerfile line greater than max allowed size of 65535")});
}

TEST(ParserFile, LongLineInsideAHeredocBody) {
    const std::string body(70000, 'b');
    const std::string src = "RUN cat <<EOF\n" + body + "\nEOF\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              Strings{error({14, 70014}, "dockerfile line greater than max allowed size of 65535")});
}

TEST(ParserFile, NulByte) {
    const std::string src("FROM a\0b\nRUN x\n", 15);
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), Strings{error({6, 7}, "NUL byte in Dockerfile")});
    EXPECT_EQ(f.instructions.size(), 2U);
}

TEST(ParserFile, InvalidUtf8IsReportedOnce) {
    const std::string src = "FROM a\nRUN echo \xff \xc3\x28\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), Strings{error({16, 17}, "invalid UTF-8 byte sequence")});
    EXPECT_EQ(f.instructions[1].command->text, "echo \xff \xc3\x28");
}

TEST(ParserFile, ValidUtf8HasNoError) {
    const std::string src = "LABEL desc=\"caf\xc3\xa9 \xf0\x9f\x90\xb3\"\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_TRUE(f.errors.empty());
    EXPECT_EQ(only_instruction(f).pairs.at(0).value->value, "caf\xc3\xa9 \xf0\x9f\x90\xb3");
}

TEST(ParserFile, LoneCarriageReturnIsText) {
    const std::string src = "RUN a\rb\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(only_instruction(f).command->text, "a\rb");
}

// ---------------------------------------------------------------------------------------------------------------
// Section 3: logical lines, comments, continuations (cases 6-18)

TEST(ParserContinuation, Case06_BacktickEscape) {
    const std::string src = "# escape=`\nRUN dir c:\\\nRUN a `\nb\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[0].command->text, "dir c:\\"); // `\` does not continue with a backtick escape
    EXPECT_TRUE(f.instructions[0].continuations.empty());
    EXPECT_RANGE(f.instructions[0].range, at(src, "RUN dir c:\\"));
    EXPECT_EQ(f.instructions[1].command->text, "a b");
    EXPECT_EQ(f.instructions[1].continuations, (std::vector<TextRange>{at(src, "`\n", 1)}));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserContinuation, BacktickEscapeInWords) {
    const std::string src = "# escape=`\nENV A=x` y B=\"q`\"r\" P=c:\\x\nCOPY --chown=a` b x y\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Instruction& env = f.instructions[0];
    ASSERT_EQ(env.pairs.size(), 3U);
    EXPECT_EQ(env.pairs[0].value->raw, "x` y");
    EXPECT_EQ(env.pairs[0].value->value, "x y");
    EXPECT_EQ(env.pairs[1].value->value, "q\"r");
    EXPECT_EQ(env.pairs[2].value->value, "c:\\x"); // a backslash is ordinary text now
    const Instruction& copy = f.instructions[1];
    ASSERT_EQ(copy.flags.size(), 1U);
    EXPECT_EQ(copy.flags[0].value->raw, "a` b");
    EXPECT_EQ(copy.flags[0].value->value, "a b");
    EXPECT_EQ(raws(copy.arguments), (Strings{"x", "y"}));
}

TEST(ParserContinuation, Case07_TrailingBlanksAfterTheEscape) {
    const std::string src = "RUN echo a \\  \nb\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "echo a b");
    EXPECT_EQ(run.continuations, (std::vector<TextRange>{{11, 15}})); // `\`, two blanks, '\n'
    EXPECT_RANGE(run.range, (TextRange{0, 16}));
    EXPECT_RANGE(run.line_range, (TextRange{0, 17}));
    EXPECT_RANGE(run.command->range, (TextRange{4, 16}));
    ASSERT_EQ(run.arguments.size(), 1U);
    EXPECT_EQ(run.arguments[0].raw, "echo a b");
    EXPECT_RANGE(run.arguments[0].range, (TextRange{4, 16}));
}

TEST(ParserContinuation, TabAfterTheEscape) {
    const Dockerfile f = parse_checked("RUN a \\\t\nb\n");
    EXPECT_EQ(only_instruction(f).command->text, "a b");
    EXPECT_EQ(only_instruction(f).continuations, (std::vector<TextRange>{{6, 9}}));
}

TEST(ParserContinuation, Case08_NoSeparatorAndIndentationKept) {
    const std::string src = "RUN echo hel\\\nlo\nRUN a \\\n  b\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[0].command->text, "echo hello");
    ASSERT_TRUE(f.instructions[0].command->script);
    ASSERT_EQ(f.instructions[0].command->script->commands.size(), 1U);
    const shell::Command& echo = f.instructions[0].command->script->commands[0];
    ASSERT_EQ(echo.words.size(), 2U);
    EXPECT_EQ(echo.words[1].value, "hello");
    EXPECT_RANGE(echo.words[1].range, (TextRange{9, 16})); // `hel\` + newline + `lo` in the original
    EXPECT_EQ(f.instructions[1].command->text, "a   b");
    EXPECT_RANGE(f.instructions[1].range, (TextRange{17, 28}));
}

TEST(ParserContinuation, Case09_CommentInsideAContinuation) {
    const std::string src = "RUN a \\\n# note \\\nb\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "a b");
    EXPECT_EQ(run.comments, (std::vector<TextRange>{at(src, "# note \\\n")}));
    EXPECT_EQ(run.continuations, (std::vector<TextRange>{{6, 8}})); // the comment's backslash is not one
    EXPECT_TRUE(f.comments.empty()); // interior comments belong to the instruction
    EXPECT_RANGE(run.range, (TextRange{0, 18}));
}

TEST(ParserContinuation, IndentedCommentInsideAContinuation) {
    const std::string src = "RUN a \\\n    # note\n    && b\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "a     && b");
    EXPECT_EQ(run.comments, (std::vector<TextRange>{at(src, "    # note\n")}));
}

TEST(ParserContinuation, Case10_EmptyContinuationLine) {
    const std::string src = "RUN a \\\n\nb\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "a b");
    EXPECT_EQ(run.empty_continuation_lines, (std::vector<TextRange>{{8, 9}}));
    EXPECT_RANGE(run.range, (TextRange{0, 10}));
}

TEST(ParserContinuation, WhitespaceOnlyContinuationLine) {
    const std::string src = "RUN a \\\n \t \nb\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(only_instruction(f).command->text, "a b");
    EXPECT_EQ(only_instruction(f).empty_continuation_lines, (std::vector<TextRange>{{8, 12}}));
}

TEST(ParserContinuation, Case11_WhitespaceAndBackslashLineIsNotEmpty) {
    const std::string src = "RUN a \\\n \\\nb\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "a  b");
    EXPECT_TRUE(run.empty_continuation_lines.empty());
    EXPECT_EQ(run.continuations, (std::vector<TextRange>{{6, 8}, {9, 11}}));
}

TEST(ParserContinuation, Case12_LineThatIsOnlyTheEscape) {
    const std::string src = "ENV X hello\\\n\\\nworld\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& env = only_instruction(f);
    ASSERT_EQ(env.pairs.size(), 1U);
    EXPECT_TRUE(env.pairs[0].legacy);
    EXPECT_EQ(env.pairs[0].key.raw, "X");
    EXPECT_EQ(env.pairs[0].value->raw, "helloworld");
    EXPECT_RANGE(env.pairs[0].value->range, (TextRange{6, 20}));
    EXPECT_EQ(env.continuations, (std::vector<TextRange>{{11, 13}, {13, 15}}));
}

TEST(ParserContinuation, Case13_ContinuationAtEndOfFile) {
    const std::string src = "RUN foo \\";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "foo");
    EXPECT_EQ(run.continuations, (std::vector<TextRange>{{8, 9}}));
    EXPECT_RANGE(run.range, (TextRange{0, 9}));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserContinuation, ContinuationThenOnlyCommentsAndBlanksAtEndOfFile) {
    const std::string src = "RUN foo \\\n# c\n\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "foo");
    EXPECT_EQ(run.comments, (std::vector<TextRange>{{10, 14}}));
    EXPECT_EQ(run.empty_continuation_lines, (std::vector<TextRange>{{14, 15}}));
    EXPECT_RANGE(run.line_range, (TextRange{0, 15}));
}

TEST(ParserContinuation, Case14_EscapedBackslashAtEndOfLine) {
    const std::string src = "ENV P C:\\\\\nRUN x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Instruction& env = f.instructions[0];
    EXPECT_TRUE(env.continuations.empty());
    EXPECT_EQ(env.pairs.at(0).value->raw, "C:\\\\");
    EXPECT_EQ(env.pairs.at(0).value->value, "C:\\");
    EXPECT_RANGE(env.range, (TextRange{0, 10}));
    EXPECT_EQ(f.instructions[1].kind, InstructionKind::Run);
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserContinuation, Case15_HashMidLineIsText) {
    const std::string src = "RUN echo 1 # 2\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "echo 1 # 2");
    EXPECT_TRUE(run.comments.empty());
    EXPECT_TRUE(f.comments.empty());
}

TEST(ParserContinuation, Case16_IndentedCommentAndInstruction) {
    const std::string src = "  # c\n  RUN x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.comments.size(), 1U);
    EXPECT_EQ(f.comments[0].text, "c");
    EXPECT_RANGE(f.comments[0].range, (TextRange{2, 5}));
    const Instruction& run = only_instruction(f);
    EXPECT_RANGE(run.keyword.range, (TextRange{8, 11}));
    EXPECT_RANGE(run.range, (TextRange{8, 13}));
    EXPECT_RANGE(run.line_range, (TextRange{6, 14}));
}

TEST(ParserContinuation, Case17_LowerAndMixedCaseKeywords) {
    const std::string src = "from alpine\nRun x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[0].kind, InstructionKind::From);
    EXPECT_EQ(f.instructions[0].keyword.raw, "from");
    EXPECT_EQ(f.instructions[1].kind, InstructionKind::Run);
    EXPECT_EQ(f.instructions[1].keyword.raw, "Run");
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserContinuation, Case18_UnknownInstructionWithSuggestion) {
    const std::string src = "RUNN x y\nFOO bar\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_EQ(f.instructions[0].kind, InstructionKind::Unknown);
    EXPECT_EQ(f.instructions[0].keyword.raw, "RUNN");
    EXPECT_EQ(raws(f.instructions[0].arguments), (Strings{"x", "y"}));
    EXPECT_FALSE(f.instructions[0].valid);
    EXPECT_EQ(errors(f), (Strings{error({0, 4}, "unknown instruction: RUNN (did you mean RUN?)"),
                                  error({9, 12}, "unknown instruction: FOO (did you mean FROM?)")}));
}

TEST(ParserContinuation, LinePositionsOfNodes) { // like BuildKit's testfile-line
    const std::string src = "# comment\n\nFROM a\n\nRUN one \\\n  two \\\n  # inner\n\n  three\nCMD x\n";
    const Dockerfile f = parse_checked(src);
    const LineIndex lines(src);
    ASSERT_EQ(f.instructions.size(), 3U);
    auto first_line = [&](const Instruction& i) { return lines.position(i.range.begin).line; };
    auto last_line = [&](const Instruction& i) { return lines.position(i.range.end).line; };
    EXPECT_EQ(first_line(f.instructions[0]), 3U);
    EXPECT_EQ(last_line(f.instructions[0]), 3U);
    EXPECT_EQ(first_line(f.instructions[1]), 5U);
    EXPECT_EQ(last_line(f.instructions[1]), 9U);
    EXPECT_EQ(f.instructions[1].command->text, "one   two   three");
    EXPECT_EQ(first_line(f.instructions[2]), 10U);
}

// ---------------------------------------------------------------------------------------------------------------
// Section 4: flags (cases 19, 20)

TEST(ParserFlags, Case19_DoubleDashEndsTheFlags) {
    const std::string src = "COPY --chown=1:1 -- --weird-name /d\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& copy = only_instruction(f);
    ASSERT_EQ(copy.flags.size(), 1U);
    EXPECT_EQ(copy.flags[0].name.raw, "chown");
    EXPECT_RANGE(copy.flags[0].name.range, at(src, "chown"));
    EXPECT_EQ(copy.flags[0].value->raw, "1:1");
    EXPECT_RANGE(copy.flags[0].value->range, at(src, "1:1"));
    EXPECT_RANGE(copy.flags[0].range, at(src, "--chown=1:1"));
    EXPECT_EQ(raws(copy.arguments), (Strings{"--weird-name", "/d"}));
    EXPECT_RANGE(copy.arguments[0].range, at(src, "--weird-name"));
    EXPECT_EQ(copy.flag("chown"), &copy.flags[0]);
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserFlags, Case19_StringFlagWithoutValue) {
    const std::string src = "COPY --from stage a b\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& copy = only_instruction(f);
    ASSERT_EQ(copy.flags.size(), 1U);
    EXPECT_FALSE(copy.flags[0].value);
    EXPECT_EQ(raws(copy.arguments), (Strings{"stage", "a", "b"}));
    EXPECT_FALSE(copy.valid);
    EXPECT_EQ(errors(f), Strings{error(at(src, "--from"), "missing a value on flag: --from")});
}

TEST(ParserFlags, Case19_BoolFlagWithABadValue) {
    const std::string src = "COPY --link=yes a b\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), Strings{error(at(src, "yes"), "expecting boolean value for flag link, not: yes")});
}

TEST(ParserFlags, BoolFlagForms) {
    const std::string src =
        "COPY --link a b\nCOPY --link=true a b\nCOPY --link=FALSE a b\nADD --keep-git-dir=True a b\n"
        "COPY --link= a b\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 5U);
    EXPECT_FALSE(f.instructions[0].flags[0].value);
    EXPECT_EQ(f.instructions[2].flags[0].value->value, "FALSE");
    EXPECT_EQ(errors(f), Strings{error(sub(at(src, "--link= "), 0, 7), "missing a value on flag: --link")});
}

TEST(ParserFlags, DuplicateFlags) {
    const std::string src = "COPY --chown=a --chown=b x y\nRUN --network=host --network=none a\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), (Strings{error(at(src, "--chown=b"), "duplicate flag specified: --chown"),
                                  error(at(src, "--network=none"), "duplicate flag specified: --network")}));
}

TEST(ParserFlags, ListFlagsMayRepeat) {
    const std::string src = "RUN --mount=type=cache,target=/a --mount=type=cache,target=/b a\n"
                            "COPY --exclude=*.md --exclude=*.txt . /app\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    ASSERT_EQ(f.instructions[0].flags.size(), 2U);
    EXPECT_EQ(f.instructions[0].flags[1].value->raw, "type=cache,target=/b");
    EXPECT_EQ(f.instructions[1].flags.size(), 2U);
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserFlags, UnknownFlagsWithSuggestion) {
    const std::string src = "COPY --frm=x a b\nCMD --x [\"a\"]\nCOPY --Link a b\nFOO --bar x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 4U);
    // Flags are extracted for every instruction; CMD declares none, so its JSON still parses.
    EXPECT_EQ(f.instructions[1].command->form, CommandForm::Exec);
    EXPECT_EQ(values(f.instructions[1].command->elements), Strings{"a"});
    // Flag names are case-sensitive in BuildKit.
    EXPECT_EQ(errors(f), (Strings{error(at(src, "--frm=x"), "unknown flag: --frm (did you mean --from?)"),
                                  error(at(src, "--x"), "unknown flag: --x"),
                                  error(at(src, "--Link"), "unknown flag: --Link (did you mean --link?)"),
                                  error(at(src, "FOO"), "unknown instruction: FOO (did you mean FROM?)")}));
}

TEST(ParserFlags, ScanningStopsAtTheFirstNonFlagWord) {
    const std::string src = "RUN --network=none echo --x --y=1\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    ASSERT_EQ(run.flags.size(), 1U);
    EXPECT_EQ(run.command->text, "echo --x --y=1");
    EXPECT_RANGE(run.command->range, at(src, "echo --x --y=1"));
}

TEST(ParserFlags, Case20_QuotedFlagValue) {
    const std::string src = "RUN --mount=\"type=secret,id=a b\" cat /run/secrets/a\\ b\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    ASSERT_EQ(run.flags.size(), 1U);
    EXPECT_EQ(run.flags[0].name.raw, "mount");
    EXPECT_EQ(run.flags[0].value->raw, "\"type=secret,id=a b\"");
    EXPECT_EQ(run.flags[0].value->value, "type=secret,id=a b");
    EXPECT_RANGE(run.flags[0].range, at(src, "--mount=\"type=secret,id=a b\""));
    // The shell-form text keeps its backslash: the builder does no escape processing on it.
    EXPECT_EQ(run.command->text, "cat /run/secrets/a\\ b");
    EXPECT_RANGE(run.command->range, at(src, "cat /run/secrets/a\\ b"));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserFlags, UnterminatedQuoteInAFlag) {
    const std::string src = "RUN --mount=\"type=cache a\n";
    const Dockerfile f = parse_checked(src);
    // The open quote swallows the rest of the line: the flag value is what it holds, and no command is left.
    ASSERT_EQ(only_instruction(f).flags.size(), 1U);
    EXPECT_EQ(only_instruction(f).flags[0].value->value, "type=cache a");
    EXPECT_EQ(errors(f), (Strings{error({0, 3}, "RUN requires at least one argument"),
                                  error(at(src, "--mount=\"type=cache a"),
                                        "unterminated quote in flag --mount=\"type=cache a"),
                                  error(at(src, "\"type=cache a"), "unsupported mount type \"cache a\"")}));
}

TEST(ParserFlags, FlagsAcrossContinuations) {
    const std::string src = "COPY \\\n  --from=build \\\n  /a /b\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& copy = only_instruction(f);
    ASSERT_EQ(copy.flags.size(), 1U);
    EXPECT_RANGE(copy.flags[0].range, at(src, "--from=build"));
    EXPECT_EQ(copy.flags[0].value->value, "build");
    EXPECT_EQ(raws(copy.arguments), (Strings{"/a", "/b"}));
    EXPECT_RANGE(copy.arguments[1].range, at(src, "/b"));
}

TEST(ParserFlags, CopyFromMustNotContainVariables) {
    const std::string src = "COPY --from=$X a b\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              Strings{error(at(src, "$X"), "--from must not contain variables; use an intermediate stage")});
}

// ---------------------------------------------------------------------------------------------------------------
// Section 6: exec (JSON) form vs shell form (cases 21-24)

TEST(ParserJson, Case21_TabsAndSpaces) {
    const std::string src = "CMD\t[\t\"a\",\t\"b\"\t]\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& cmd = only_instruction(f);
    EXPECT_TRUE(cmd.json_form);
    EXPECT_EQ(cmd.command->form, CommandForm::Exec);
    EXPECT_RANGE(cmd.command->range, (TextRange{4, 16}));
    ASSERT_EQ(cmd.command->elements.size(), 2U);
    EXPECT_EQ(cmd.command->elements[0].raw, "\"a\"");
    EXPECT_EQ(cmd.command->elements[0].value, "a");
    EXPECT_RANGE(cmd.command->elements[0].range, (TextRange{6, 9}));
    EXPECT_RANGE(cmd.command->elements[1].range, (TextRange{11, 14}));
    EXPECT_EQ(values(cmd.arguments), (Strings{"a", "b"}));
    EXPECT_FALSE(cmd.command->script);
}

TEST(ParserJson, Case22_InvalidJsonFallsBackToShellForm) {
    const Strings texts = {"['a']", "[\"a\"", "[\"c:\\x\"]", "[\"a\",]", "[\"a\"] x"};
    for (const std::string& text : texts) {
        SCOPED_TRACE(text);
        const std::string src = "CMD " + text + "\n";
        const Dockerfile f = parse_checked(src);
        const Instruction& cmd = only_instruction(f);
        EXPECT_FALSE(cmd.json_form);
        EXPECT_EQ(cmd.command->form, CommandForm::Shell);
        EXPECT_EQ(cmd.command->text, text);
        EXPECT_RANGE(cmd.command->range, (TextRange{4, static_cast<TextSize>(4 + text.size())}));
        EXPECT_EQ(raws(cmd.arguments), Strings{text});
        EXPECT_TRUE(f.errors.empty());
    }
}

TEST(ParserJson, QuotedJsonIsShellForm) {
    const Dockerfile f = parse_checked("CMD \"[\\\"a\\\"]\"\n");
    EXPECT_EQ(only_instruction(f).command->form, CommandForm::Shell);
    EXPECT_EQ(only_instruction(f).command->text, "\"[\\\"a\\\"]\"");
}

TEST(ParserJson, Case23_NonStringElementIsAnError) {
    const std::string src = "CMD [\"a\", 1]\nENTRYPOINT [\"a\", [\"b\"]]\nRUN [null]\n";
    const Dockerfile f = parse_checked(src);
    const std::string message = "when using JSON array syntax, arrays must be comprised of strings only";
    EXPECT_EQ(errors(f),
              (Strings{error(at(src, "[\"a\", 1]"), message), error(at(src, "[\"a\", [\"b\"]]"), message),
                       error(at(src, "[null]"), message)}));
    for (const Instruction& ins : f.instructions)
        EXPECT_FALSE(ins.valid);
}

TEST(ParserJson, Case24_EmptyArrays) {
    const std::string src = "CMD []\nSHELL []\nENTRYPOINT []\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 3U);
    EXPECT_EQ(f.instructions[0].command->form, CommandForm::Exec);
    EXPECT_TRUE(f.instructions[0].command->elements.empty());
    EXPECT_TRUE(f.instructions[0].valid);
    EXPECT_EQ(f.instructions[2].command->form, CommandForm::Exec); // clears the entrypoint
    EXPECT_TRUE(f.instructions[2].command->elements.empty());
    EXPECT_TRUE(f.instructions[2].valid);
    EXPECT_EQ(errors(f), Strings{error(at(src, "[]", 1), "SHELL requires at least one argument")});
}

TEST(ParserJson, EscapesAndUnicode) {
    const std::string src = "CMD [\"a\\\"b\", \"c\\\\d\", \"\\/\", \"\\n\\t\", \"\\u00e9\", "
                            "\"\\ud83d\\ude00\", \"\", \"\xc3\xa9\"]\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& cmd = only_instruction(f);
    EXPECT_EQ(values(cmd.command->elements),
              (Strings{"a\"b", "c\\d", "/", "\n\t", "\xc3\xa9", "\xf0\x9f\x98\x80", "", "\xc3\xa9"}));
    EXPECT_RANGE(cmd.command->elements[0].range, at(src, "\"a\\\"b\""));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserJson, SpacesInsideElementsAndAcrossContinuations) {
    const std::string src = "ENTRYPOINT [ \"/bin/my app\" , \\\n  \"--flag\" ]\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& ep = only_instruction(f);
    EXPECT_EQ(values(ep.command->elements), (Strings{"/bin/my app", "--flag"}));
    EXPECT_RANGE(ep.command->elements[1].range, at(src, "\"--flag\""));
    EXPECT_RANGE(ep.command->range, span(at(src, "["), at(src, "]")));
}

TEST(ParserJson, CopyAndAddJsonForm) { // BuildKit fixture ADD-COPY-with-JSON
    const std::string src = "COPY [\"a b\", \"/c d/\"]\nADD\t[\"x\",\t\"/y\"]\nCOPY a\tb\t/c/\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 3U);
    EXPECT_TRUE(f.instructions[0].json_form);
    EXPECT_EQ(values(f.instructions[0].arguments), (Strings{"a b", "/c d/"}));
    EXPECT_EQ(raws(f.instructions[0].arguments), (Strings{"\"a b\"", "\"/c d/\""}));
    EXPECT_RANGE(f.instructions[0].arguments[1].range, at(src, "\"/c d/\""));
    EXPECT_EQ(values(f.instructions[1].arguments), (Strings{"x", "/y"}));
    EXPECT_FALSE(f.instructions[2].json_form);
    EXPECT_EQ(raws(f.instructions[2].arguments), (Strings{"a", "b", "/c/"}));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserJson, CopyShellFormDoesNotHonourQuotesWhenSplitting) {
    const std::string src = "COPY \"a b\" /c\n";
    const Dockerfile f = parse_checked(src);
    // BuildKit splits on whitespace first; word processing removes the quotes later, per word.
    EXPECT_EQ(raws(only_instruction(f).arguments), (Strings{"\"a", "b\"", "/c"}));
}

TEST(ParserJson, CopyNeedsTwoArguments) {
    const std::string src = "COPY a\nADD\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(
        errors(f),
        (Strings{error(at(src, "a"),
                       "COPY requires at least two arguments, but only 1 provided. Destination could not be "
                       "determined"),
                 error(at(src, "ADD"),
                       "ADD requires at least two arguments, but only 0 provided. Destination could not be "
                       "determined")}));
}

// ---------------------------------------------------------------------------------------------------------------
// Section 7: heredocs (cases 25-31, 41)

TEST(ParserHeredoc, Case25_Basic) {
    const std::string src = "RUN <<E\necho $HOME\nE\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    ASSERT_EQ(run.heredocs.size(), 1U);
    const Heredoc& h = run.heredocs[0];
    EXPECT_EQ(h.delimiter, "E");
    EXPECT_TRUE(h.expands);
    EXPECT_FALSE(h.strip_tabs);
    EXPECT_EQ(h.fd, -1);
    EXPECT_TRUE(h.terminated);
    EXPECT_RANGE(h.marker, at(src, "<<E"));
    EXPECT_RANGE(h.body, at(src, "echo $HOME\n"));
    EXPECT_RANGE(h.terminator, (TextRange{19, 20}));
    EXPECT_RANGE(run.range, (TextRange{0, 20}));
    EXPECT_RANGE(run.line_range, (TextRange{0, 21}));
    EXPECT_EQ(run.command->text, "<<E");
    // `RUN <<E` alone: the body is the script, so it gets a shell model.
    ASSERT_TRUE(h.script);
    ASSERT_EQ(h.script->commands.size(), 1U);
    EXPECT_EQ(h.script->commands[0].name(), "echo");
    EXPECT_RANGE(h.script->commands[0].range, at(src, "echo $HOME"));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserHeredoc, Case25_QuotedDelimiterDisablesExpansion) {
    const std::string src = "RUN <<'E'\necho $HOME\nE\n";
    const Dockerfile f = parse_checked(src);
    const Heredoc& h = only_instruction(f).heredocs.at(0);
    EXPECT_EQ(h.delimiter, "E");
    EXPECT_FALSE(h.expands);
    EXPECT_RANGE(h.marker, at(src, "<<'E'"));
    EXPECT_RANGE(h.body, at(src, "echo $HOME\n"));
}

TEST(ParserHeredoc, Case25_ChompStripsTabs) {
    const std::string src = "RUN <<-E\n\techo hi\n\tE\nRUN x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Heredoc& h = f.instructions[0].heredocs.at(0);
    EXPECT_TRUE(h.strip_tabs);
    EXPECT_EQ(h.delimiter, "E");
    EXPECT_RANGE(h.body, at(src, "\techo hi\n"));
    EXPECT_RANGE(h.terminator, at(src, "\tE"));
    EXPECT_TRUE(h.terminated);
    EXPECT_RANGE(f.instructions[0].range, (TextRange{0, 20}));
    EXPECT_EQ(f.instructions[1].command->text, "x");
}

TEST(ParserHeredoc, TabIndentedTerminatorNeedsChomp) {
    const std::string src = "RUN <<E\n\tE\nE\n";
    const Dockerfile f = parse_checked(src);
    const Heredoc& h = only_instruction(f).heredocs.at(0);
    EXPECT_RANGE(h.body, (TextRange{8, 11}));
    EXPECT_RANGE(h.terminator, (TextRange{11, 12}));
}

TEST(ParserHeredoc, Case26_TwoHeredocsInOrder) {
    const std::string src = "COPY <<A <<B /d/\nbody a\nA\nbody b\nB\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& copy = only_instruction(f);
    EXPECT_EQ(raws(copy.arguments), (Strings{"<<A", "<<B", "/d/"}));
    ASSERT_EQ(copy.heredocs.size(), 2U);
    EXPECT_EQ(copy.heredocs[0].delimiter, "A");
    EXPECT_RANGE(copy.heredocs[0].marker, at(src, "<<A"));
    EXPECT_RANGE(copy.heredocs[0].body, at(src, "body a\n"));
    EXPECT_RANGE(copy.heredocs[0].terminator, (TextRange{24, 25}));
    EXPECT_EQ(copy.heredocs[1].delimiter, "B");
    EXPECT_RANGE(copy.heredocs[1].body, at(src, "body b\n"));
    EXPECT_RANGE(copy.heredocs[1].terminator, (TextRange{33, 34}));
    EXPECT_RANGE(copy.range, (TextRange{0, 34}));
    EXPECT_FALSE(copy.heredocs[0].script); // COPY bodies are files, not scripts
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserHeredoc, TwoHeredocsInOneRun) {
    const std::string src = "RUN <<A cat && <<-B cat\na\nA\n\tb\n\tB\nRUN x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Instruction& run = f.instructions[0];
    ASSERT_EQ(run.heredocs.size(), 2U);
    EXPECT_FALSE(run.heredocs[0].strip_tabs);
    EXPECT_TRUE(run.heredocs[1].strip_tabs);
    EXPECT_RANGE(run.heredocs[1].marker, at(src, "<<-B"));
    EXPECT_RANGE(run.heredocs[1].body, at(src, "\tb\n"));
    EXPECT_RANGE(run.range, (TextRange{0, 33}));
}

TEST(ParserHeredoc, Case27_TerminatorWithTrailingSpaceDoesNotTerminate) {
    const std::string src = "RUN cat <<EOF\nx\nEOF \n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    const Heredoc& h = run.heredocs.at(0);
    EXPECT_FALSE(h.terminated);
    EXPECT_RANGE(h.body, (TextRange{14, 21}));
    EXPECT_RANGE(h.terminator, point(21));
    EXPECT_RANGE(run.range, (TextRange{0, 20})); // to the last byte, without the final newline
    EXPECT_RANGE(run.line_range, (TextRange{0, 21}));
    EXPECT_EQ(errors(f), Strings{error(at(src, "<<EOF"), "unterminated heredoc: no line 'EOF' closes it")});
}

TEST(ParserHeredoc, UnterminatedRightAtEndOfFile) {
    const std::string src = "RUN cat <<EOF";
    const Dockerfile f = parse_checked(src);
    const Heredoc& h = only_instruction(f).heredocs.at(0);
    EXPECT_FALSE(h.terminated);
    EXPECT_RANGE(h.body, point(13));
    EXPECT_RANGE(only_instruction(f).range, (TextRange{0, 13}));
    EXPECT_EQ(errors(f), Strings{error(at(src, "<<EOF"), "unterminated heredoc: no line 'EOF' closes it")});
}

TEST(ParserHeredoc, Case28_NotHeredocs) {
    const std::string src = "RUN [\"<<EOF\"]\nUSER <<X\nRUN echo \"<<EOF\"\nRUN cat <<<word\nRUN cat <EOF\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 5U);
    for (const Instruction& ins : f.instructions)
        EXPECT_TRUE(ins.heredocs.empty()) << ins.keyword.raw;
    EXPECT_EQ(values(f.instructions[0].command->elements), Strings{"<<EOF"});
    EXPECT_EQ(raws(f.instructions[1].arguments), Strings{"<<X"});
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserHeredoc, JsonFormReadsNoBody) {
    const std::string src = "RUN [\"sh\", \"-c\", \"cat <<EOF\"]\nCMD x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_TRUE(f.instructions[0].heredocs.empty());
    EXPECT_EQ(f.instructions[1].kind, InstructionKind::Cmd);
}

TEST(ParserHeredoc, Case29_WhitespaceAfterTheOperator) {
    const std::string src = "RUN cat << EOF\nx\nEOF\nRUN cat << -EOF\ny\n-EOF\nRUN cat <<- EOF\n\tz\n\tEOF\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 3U);
    const Heredoc& a = f.instructions[0].heredocs.at(0);
    EXPECT_EQ(a.delimiter, "EOF");
    EXPECT_RANGE(a.marker, at(src, "<< EOF"));
    EXPECT_RANGE(a.body, at(src, "x\n"));
    const Heredoc& b = f.instructions[1].heredocs.at(0);
    EXPECT_EQ(b.delimiter, "-EOF");
    EXPECT_FALSE(b.strip_tabs);
    EXPECT_RANGE(b.body, at(src, "y\n"));
    const Heredoc& c = f.instructions[2].heredocs.at(0);
    EXPECT_EQ(c.delimiter, "EOF");
    EXPECT_TRUE(c.strip_tabs);
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserHeredoc, Case30_FileDescriptorAndRedirect) {
    const std::string src = "RUN 3<<X cat <&3\nx\nX\nRUN cat <<E > /f\ne\nE\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Heredoc& a = f.instructions[0].heredocs.at(0);
    EXPECT_EQ(a.fd, 3);
    EXPECT_EQ(a.delimiter, "X");
    EXPECT_RANGE(a.marker, at(src, "3<<X"));
    EXPECT_EQ(f.instructions[0].command->text, "3<<X cat <&3");
    const Heredoc& b = f.instructions[1].heredocs.at(0);
    EXPECT_EQ(b.fd, -1);
    EXPECT_RANGE(b.marker, at(src, "<<E"));
    EXPECT_RANGE(b.body, at(src, "e\n"));
    EXPECT_EQ(f.instructions[1].command->text, "cat <<E > /f");
    // `cat` reads the body as stdin: it is data, not a script.
    EXPECT_FALSE(b.script);
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserHeredoc, ShellConsumerGetsAScript) {
    const std::string src = "RUN bash <<EOF\napt-get update\nEOF\nRUN python3 <<EOF\nprint(1)\nEOF\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    ASSERT_TRUE(f.instructions[0].heredocs.at(0).script);
    EXPECT_TRUE(f.instructions[0].heredocs.at(0).script->contains("apt-get"));
    EXPECT_FALSE(f.instructions[1].heredocs.at(0).script);
}

TEST(ParserHeredoc, Case31_HeredocAsCopyDestination) {
    const std::string src = "COPY a <<E\nx\nE\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(only_instruction(f).heredocs.size(), 1U); // the body is still read, so the file stays in sync
    EXPECT_EQ(errors(f), Strings{error(at(src, "<<E"), "a heredoc cannot be the destination of COPY")});
}

TEST(ParserHeredoc, DelimiterQuoting) {
    const std::string src = "RUN cat <<E\"O\"F\nx\nEOF\n"
                            "RUN cat <<'e'o\\'f\ny\neo'f\n"
                            "RUN cat <<eo\\'f\nz\neo'f\n"
                            "RUN cat <<'one two'\nw\none two\n"
                            "RUN cat <<$EOF\nv\n$EOF\n"
                            "RUN cat <<\"EOF\"\nu\nEOF\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 6U);
    const Strings names = {"EOF", "eo'f", "eo'f", "one two", "$EOF", "EOF"};
    const std::vector<bool> expands = {false, false, true, false, true, false};
    const Strings bodies = {"x\n", "y\n", "z\n", "w\n", "v\n", "u\n"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        SCOPED_TRACE(i);
        ASSERT_EQ(f.instructions[i].heredocs.size(), 1U);
        const Heredoc& h = f.instructions[i].heredocs[0];
        EXPECT_EQ(h.delimiter, names[i]);
        EXPECT_EQ(h.expands, expands[i]);
        EXPECT_EQ(f.text(h.body), bodies[i]);
        EXPECT_TRUE(h.terminated);
    }
    EXPECT_RANGE(f.instructions[1].heredocs[0].marker, at(src, "<<'e'o\\'f"));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserHeredoc, UnbalancedQuoteInDelimiter) {
    const std::string src = "RUN cat <<'EOF\nx\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_GE(f.instructions.size(), 1U);
    EXPECT_TRUE(f.instructions[0].heredocs.empty());
    ASSERT_GE(f.errors.size(), 1U);
    EXPECT_EQ(error(f.errors[0].range, f.errors[0].message),
              error(at(src, "<<'EOF"), "unterminated quote in heredoc delimiter"));
}

TEST(ParserHeredoc, BodyIsVerbatim) {
    const std::string src = "RUN cat <<EOF | sh\n# not a comment \\\n\\\n  RUN x\nEOF\nCMD y\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Heredoc& h = f.instructions[0].heredocs.at(0);
    EXPECT_EQ(f.text(h.body), "# not a comment \\\n\\\n  RUN x\n");
    EXPECT_TRUE(f.instructions[0].comments.empty());
    EXPECT_TRUE(f.instructions[0].continuations.empty());
    EXPECT_TRUE(f.comments.empty());
    EXPECT_EQ(f.instructions[1].kind, InstructionKind::Cmd);
}

TEST(ParserHeredoc, CrlfBodyAndTerminator) {
    const std::string src = "RUN <<EOF\r\necho a\r\nEOF\r\nCMD b\r\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Heredoc& h = f.instructions[0].heredocs.at(0);
    EXPECT_TRUE(h.terminated);
    EXPECT_RANGE(h.body, at(src, "echo a\r\n"));
    EXPECT_RANGE(h.terminator, (TextRange{19, 22}));
    EXPECT_RANGE(f.instructions[0].range, (TextRange{0, 22}));
}

TEST(ParserHeredoc, HeredocAfterAContinuedLine) {
    const std::string src = "RUN cat <<EOF \\\n  > /out\nbody\nEOF\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& run = only_instruction(f);
    EXPECT_EQ(run.command->text, "cat <<EOF   > /out");
    ASSERT_EQ(run.heredocs.size(), 1U);
    EXPECT_RANGE(run.heredocs[0].body, at(src, "body\n"));
}

TEST(ParserHeredoc, Case41_OnbuildWithAHeredoc) {
    const std::string src = "ONBUILD RUN <<E\nbody\nE\nCMD x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Instruction& onbuild = f.instructions[0];
    EXPECT_RANGE(onbuild.range, (TextRange{0, 22}));
    ASSERT_EQ(onbuild.trigger.size(), 1U);
    const Instruction& run = onbuild.trigger[0];
    EXPECT_EQ(run.kind, InstructionKind::Run);
    // The heredoc belongs to the trigger, whose range runs to the terminator.
    EXPECT_TRUE(onbuild.heredocs.empty());
    ASSERT_EQ(run.heredocs.size(), 1U);
    EXPECT_RANGE(run.heredocs[0].marker, at(src, "<<E"));
    EXPECT_RANGE(run.heredocs[0].body, at(src, "body\n"));
    EXPECT_RANGE(run.range, (TextRange{8, 22}));
    EXPECT_TRUE(run.heredocs[0].script);
    EXPECT_EQ(f.instructions[1].kind, InstructionKind::Cmd);
    EXPECT_TRUE(f.errors.empty());
}

// ---------------------------------------------------------------------------------------------------------------
// Section 8: ENV, LABEL, ARG (cases 32-35)

TEST(ParserKeyValue, Case32_EnvLegacyForm) {
    const std::string src = "ENV A B C\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& env = only_instruction(f);
    ASSERT_EQ(env.pairs.size(), 1U);
    EXPECT_TRUE(env.pairs[0].legacy);
    EXPECT_EQ(env.pairs[0].key.raw, "A");
    EXPECT_RANGE(env.pairs[0].key.range, (TextRange{4, 5}));
    EXPECT_EQ(env.pairs[0].value->raw, "B C");
    EXPECT_RANGE(env.pairs[0].value->range, (TextRange{6, 9}));
    EXPECT_RANGE(env.pairs[0].range, (TextRange{4, 9}));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserKeyValue, Case32_EnvErrors) {
    const std::string src = "ENV A=1 B\nENV A\nENV =x\nENV\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              (Strings{error({8, 9}, "Syntax error - can't find = in \"B\". Must be of the form: name=value"),
                       error({14, 15}, "ENV must have two arguments"),
                       error({20, 22}, "ENV names can not be blank"),
                       error({23, 26}, "ENV requires at least one argument")}));
    ASSERT_EQ(f.instructions.size(), 4U);
    EXPECT_EQ(f.instructions[0].pairs.size(), 1U); // A=1 is still read
    for (const Instruction& ins : f.instructions)
        EXPECT_FALSE(ins.valid);
}

TEST(ParserKeyValue, Case32_EnvKeyValueForms) {
    const std::string src = "ENV A= B=\"x y\" C=z\\ w D='x'\"y\"\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& env = only_instruction(f);
    ASSERT_EQ(env.pairs.size(), 4U);
    EXPECT_FALSE(env.pairs[0].legacy);
    EXPECT_EQ(env.pairs[0].key.raw, "A");
    EXPECT_EQ(env.pairs[0].value->raw, "");
    EXPECT_RANGE(env.pairs[0].value->range, point(6));
    EXPECT_EQ(env.pairs[1].value->raw, "\"x y\"");
    EXPECT_EQ(env.pairs[1].value->value, "x y");
    EXPECT_RANGE(env.pairs[1].value->range, at(src, "\"x y\""));
    EXPECT_RANGE(env.pairs[1].range, at(src, "B=\"x y\""));
    EXPECT_EQ(env.pairs[2].value->value, "z w");
    EXPECT_EQ(env.pairs[3].value->value, "xy");
    EXPECT_EQ(values(env.arguments), (Strings{"A=", "B=x y", "C=z w", "D=xy"}));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserKeyValue, EnvLegacyValueKeepsQuotesRaw) { // BuildKit fixture `env`
    const std::string src = "ENV A \"x y\" 'z'\n";
    const Dockerfile f = parse_checked(src);
    const KeyValue& kv = only_instruction(f).pairs.at(0);
    EXPECT_TRUE(kv.legacy);
    EXPECT_EQ(kv.value->raw, "\"x y\" 'z'");
    EXPECT_EQ(kv.value->value, "x y z");
}

TEST(ParserKeyValue, LabelNeedsAValue) {
    const std::string src = "LABEL key\nLABEL\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              (Strings{error(at(src, "key"), "LABEL must have two arguments"),
                       error(sub(at(src, "LABEL\n"), 0, 5), "LABEL requires at least one argument")}));
}

TEST(ParserKeyValue, UnterminatedQuote) {
    const std::string src = "ENV A=\"x\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), Strings{error(at(src, "A=\"x"), "unterminated quote in ENV")});
}

TEST(ParserKeyValue, Case34_LabelLegacyAndDottedKeys) {
    const std::string src =
        "LABEL maintainer John <j@x>\nLABEL org.opencontainers.image.title=\"x y\" a-b=c\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const KeyValue& legacy = f.instructions[0].pairs.at(0);
    EXPECT_TRUE(legacy.legacy);
    EXPECT_EQ(legacy.key.raw, "maintainer");
    EXPECT_EQ(legacy.value->raw, "John <j@x>");
    EXPECT_RANGE(legacy.value->range, at(src, "John <j@x>"));
    ASSERT_EQ(f.instructions[1].pairs.size(), 2U);
    EXPECT_EQ(f.instructions[1].pairs[0].key.raw, "org.opencontainers.image.title");
    EXPECT_RANGE(f.instructions[1].pairs[0].key.range, at(src, "org.opencontainers.image.title"));
    EXPECT_EQ(f.instructions[1].pairs[0].value->value, "x y");
    EXPECT_EQ(f.instructions[1].pairs[1].key.raw, "a-b");
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserKeyValue, Case35_ArgForms) {
    const std::string src = "ARG a b=2 c=\"x y\"\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& arg = only_instruction(f);
    ASSERT_EQ(arg.pairs.size(), 3U);
    EXPECT_EQ(arg.pairs[0].key.raw, "a");
    EXPECT_FALSE(arg.pairs[0].value);
    EXPECT_RANGE(arg.pairs[0].range, (TextRange{4, 5}));
    EXPECT_EQ(arg.pairs[1].key.raw, "b");
    EXPECT_EQ(arg.pairs[1].value->raw, "2");
    EXPECT_RANGE(arg.pairs[1].value->range, (TextRange{8, 9}));
    EXPECT_EQ(arg.pairs[2].value->raw, "\"x y\"");
    EXPECT_EQ(arg.pairs[2].value->value, "x y");
    EXPECT_RANGE(arg.pairs[2].range, (TextRange{10, 17}));
    EXPECT_FALSE(arg.pairs[0].legacy);
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserKeyValue, Case35_ArgErrors) {
    const std::string src = "ARG =x\nARG\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), (Strings{error({4, 6}, "ARG names can not be blank"),
                                  error({7, 10}, "ARG requires at least one argument")}));
}

// ---------------------------------------------------------------------------------------------------------------
// Section 9: variable references (cases 37, 38)

TEST(ParserVariables, Case37_Modifiers) {
    const std::string src =
        "ENV B=${A:-d} C=${A-d} D=${A:+x} E=${A+x} F=${A:?m} G=${A#*/} H=${A%%.*} I=${A//a/b} "
        "J=${A?} K=${A##x} L=${A%x} M=${A/a/b} N=${A:-$B}\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& env = only_instruction(f);
    struct Expected {
        std::string modifier, operand, text;
    };
    const std::vector<Expected> expected = {
        {":-", "d", "${A:-d}"},   {"-", "d", "${A-d}"},       {":+", "x", "${A:+x}"},
        {"+", "x", "${A+x}"},     {":?", "m", "${A:?m}"},     {"#", "*/", "${A#*/}"},
        {"%%", ".*", "${A%%.*}"}, {"//", "a/b", "${A//a/b}"}, {"?", "", "${A?}"},
        {"##", "x", "${A##x}"},   {"%", "x", "${A%x}"},       {"/", "a/b", "${A/a/b}"},
        {":-", "$B", "${A:-$B}"},
    };
    ASSERT_EQ(env.pairs.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(expected[i].text);
        const Word& value = *env.pairs[i].value;
        ASSERT_EQ(value.variables.size(), 1U);
        const VariableRef& v = value.variables[0];
        EXPECT_EQ(v.name, "A");
        EXPECT_TRUE(v.braced);
        EXPECT_EQ(v.modifier, expected[i].modifier);
        EXPECT_EQ(v.operand, expected[i].operand);
        EXPECT_RANGE(v.range, at(src, expected[i].text));
    }
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserVariables, Case37_SubstitutionErrors) {
    const std::string src =
        "ENV A=${A:#x}\nENV B=${}\nENV C=${{x}\nENV D=${A\nENV E=${:x}\nENV F=${A:%x}\nENV G=${A!x}\n";
    const Dockerfile f = parse_checked(src);
    // One error per bad reference, at the reference.
    EXPECT_EQ(errors(f),
              (Strings{error(at(src, "${A:#x}"), "unsupported modifier in variable reference"),
                       error(at(src, "${}"), "bad substitution"), error(at(src, "${{x}"), "bad substitution"),
                       error(sub(at(src, "${A\n"), 0, 3), "missing '}' in variable reference"),
                       error(at(src, "${:x}"), "bad substitution"),
                       error(at(src, "${A:%x}"), "unsupported modifier in variable reference"),
                       error(at(src, "${A!x}"), "unsupported modifier in variable reference")}));
}

TEST(ParserVariables, Case37_SubstitutionErrorsInArgAndLegacyEnv) {
    const std::string src = "ARG X=${}\nENV Y ${}\nLABEL z=${}\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), (Strings{error(at(src, "${}", 0), "bad substitution"),
                                  error(at(src, "${}", 1), "bad substitution"),
                                  error(at(src, "${}", 2), "bad substitution")}));
}

TEST(ParserVariables, Case37_EscapedDollarAndQuotes) {
    const std::string src = "ENV J=\\$A K=\\${A} L='$X' M=\"$Y\" N=$ O=a$\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& env = only_instruction(f);
    ASSERT_EQ(env.pairs.size(), 6U);
    EXPECT_TRUE(env.pairs[0].value->variables.empty());
    EXPECT_EQ(env.pairs[0].value->value, "$A");
    EXPECT_TRUE(env.pairs[1].value->variables.empty());
    EXPECT_EQ(env.pairs[1].value->value, "${A}");
    EXPECT_TRUE(env.pairs[2].value->variables.empty()); // single quotes: literal
    ASSERT_EQ(env.pairs[3].value->variables.size(), 1U);
    EXPECT_EQ(env.pairs[3].value->variables[0].name, "Y");
    EXPECT_RANGE(env.pairs[3].value->variables[0].range, at(src, "$Y"));
    EXPECT_TRUE(env.pairs[4].value->variables.empty()); // a lone `$` is literal
    EXPECT_TRUE(env.pairs[5].value->variables.empty());
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserVariables, Case38_SpecialParameters) {
    const std::string src = "ENV A=$$ B=$1 C=$@ D=${@} E=a$-b F=$10x G=$_x1\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& env = only_instruction(f);
    const Strings names = {"$", "1", "@", "@", "-", "10", "_x1"};
    const Strings texts = {"$$", "$1", "$@", "${@}", "$-", "$10", "$_x1"};
    ASSERT_EQ(env.pairs.size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        SCOPED_TRACE(texts[i]);
        ASSERT_EQ(env.pairs[i].value->variables.size(), 1U);
        EXPECT_EQ(env.pairs[i].value->variables[0].name, names[i]);
        EXPECT_RANGE(env.pairs[i].value->variables[0].range, at(src, texts[i]));
    }
}

TEST(ParserVariables, ReferencesInOtherInstructions) {
    const std::string src = "FROM ${BASE}:$TAG\nWORKDIR /app/$DIR\nUSER $U:${G}\nEXPOSE $PORT\nCOPY $SRC /d\n"
                            "VOLUME [\"$V\"]\nSTOPSIGNAL $SIG\nRUN echo $NOT_EXPANDED\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 8U);
    auto names = [](const Word& w) {
        Strings out;
        for (const VariableRef& v : w.variables)
            out.push_back(v.name);
        return out;
    };
    EXPECT_EQ(names(f.instructions[0].from->image.word), (Strings{"BASE", "TAG"}));
    EXPECT_TRUE(f.instructions[0].from->image.has_variables);
    EXPECT_EQ(names(f.instructions[1].arguments.at(0)), Strings{"DIR"});
    EXPECT_RANGE(f.instructions[1].arguments[0].variables[0].range, at(src, "$DIR"));
    EXPECT_EQ(names(f.instructions[2].arguments.at(0)), (Strings{"U", "G"}));
    EXPECT_EQ(names(f.instructions[3].arguments.at(0)), Strings{"PORT"});
    EXPECT_TRUE(f.instructions[3].ports.at(0).has_variables);
    EXPECT_EQ(names(f.instructions[4].arguments.at(0)), Strings{"SRC"});
    EXPECT_EQ(names(f.instructions[5].arguments.at(0)), Strings{"V"});
    EXPECT_EQ(names(f.instructions[6].arguments.at(0)), Strings{"SIG"});
    // RUN text is expanded by the shell, not the builder: no builder variables on it.
    EXPECT_TRUE(f.instructions[7].arguments.at(0).variables.empty());
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserVariables, ReferenceAcrossAContinuation) {
    const std::string src = "ENV A=${B\\\n:-x}\n";
    const Dockerfile f = parse_checked(src);
    const Word& value = *only_instruction(f).pairs.at(0).value;
    EXPECT_EQ(value.raw, "${B:-x}");
    ASSERT_EQ(value.variables.size(), 1U);
    EXPECT_RANGE(value.variables[0].range, (TextRange{6, 15}));
}

// ---------------------------------------------------------------------------------------------------------------
// Section 10: FROM (case 36) and image references

TEST(ParserFrom, Case36_Forms) {
    const std::string src =
        "FROM a AS b\nFROM a as B\nFROM a b\nFROM a AS 1x\nFROM a AS b c\nFROM\nFROM a is b\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 7U);
    const Instruction& first = f.instructions[0];
    ASSERT_TRUE(first.from && first.from->stage_name && first.from->as_keyword);
    EXPECT_EQ(first.from->as_keyword->raw, "AS");
    EXPECT_EQ(first.from->stage_name->raw, "b");
    EXPECT_RANGE(first.from->stage_name->range, (TextRange{10, 11}));
    EXPECT_EQ(raws(first.arguments), (Strings{"a", "AS", "b"}));
    EXPECT_TRUE(first.valid);
    EXPECT_EQ(f.instructions[1].from->stage_name->raw, "B"); // kept as written; the model lower-cases
    EXPECT_TRUE(f.instructions[1].valid);
    EXPECT_EQ(raws(f.instructions[2].arguments), (Strings{"a", "b"}));
    EXPECT_FALSE(f.instructions[2].from->stage_name);
    EXPECT_EQ(raws(f.instructions[4].arguments), (Strings{"a", "AS", "b", "c"}));
    EXPECT_FALSE(f.instructions[4].from->stage_name);
    EXPECT_FALSE(f.instructions[5].from);
    const std::string three = "FROM requires either one or three arguments";
    EXPECT_EQ(errors(f),
              (Strings{error(sub(at(src, "FROM a b\n"), 5, 3), three),
                       error(at(src, "1x"), "invalid name for build stage: \"1x\", name can't start with a "
                                            "number or contain symbols"),
                       error(at(src, "a AS b c"), three), error(sub(at(src, "FROM\n"), 0, 4), three),
                       error(at(src, "is"), "FROM's second argument must be AS, not is")}));
}

TEST(ParserFrom, ImageReferenceSplit) {
    const std::string src = "FROM registry.example.com:5000/org/img:1.2@sha256:abc AS build\n";
    const Dockerfile f = parse_checked(src);
    const ImageReference& img = only_instruction(f).from->image;
    EXPECT_EQ(img.word.raw, "registry.example.com:5000/org/img:1.2@sha256:abc");
    EXPECT_RANGE(img.word.range, (TextRange{5, 53}));
    EXPECT_EQ(img.registry_text, "registry.example.com:5000");
    EXPECT_RANGE(img.registry, (TextRange{5, 30}));
    EXPECT_EQ(img.repository_text, "org/img");
    EXPECT_RANGE(img.repository, (TextRange{31, 38}));
    EXPECT_EQ(img.tag_text, "1.2");
    EXPECT_RANGE(img.tag, (TextRange{39, 42}));
    EXPECT_EQ(img.digest_text, "sha256:abc");
    EXPECT_RANGE(img.digest, (TextRange{43, 53}));
    EXPECT_FALSE(img.has_variables);
}

TEST(ParserFrom, ImageReferenceVariants) {
    struct Case {
        std::string image, registry, repository, tag, digest;
    };
    const std::vector<Case> cases = {
        {"ubuntu", "", "ubuntu", "", ""},
        {"ubuntu:22.04", "", "ubuntu", "22.04", ""},
        {"library/ubuntu", "", "library/ubuntu", "", ""},
        {"localhost/x", "localhost", "x", "", ""},
        {"localhost:5000/x:1", "localhost:5000", "x", "1", ""},
        {"ghcr.io/o/r", "ghcr.io", "o/r", "", ""},
        {"alpine@sha256:0123", "", "alpine", "", "sha256:0123"},
        {"scratch", "", "scratch", "", ""},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.image);
        const std::string src = "FROM " + c.image + "\n";
        const Dockerfile f = parse_checked(src);
        const ImageReference& img = only_instruction(f).from->image;
        EXPECT_EQ(img.registry_text, c.registry);
        EXPECT_EQ(img.repository_text, c.repository);
        EXPECT_EQ(img.tag_text, c.tag);
        EXPECT_EQ(img.digest_text, c.digest);
        // Every part's range covers exactly its text.
        EXPECT_EQ(f.text(img.registry), c.registry);
        EXPECT_EQ(f.text(img.repository), c.repository);
        EXPECT_EQ(f.text(img.tag), c.tag);
        EXPECT_EQ(f.text(img.digest), c.digest);
    }
}

TEST(ParserFrom, AbsentPartsHaveEmptyRangesWhereTheyWouldBe) {
    const std::string src = "FROM ubuntu\n";
    const Dockerfile f = parse_checked(src);
    const ImageReference& img = only_instruction(f).from->image;
    EXPECT_RANGE(img.registry, point(5));
    EXPECT_RANGE(img.tag, point(11));
    EXPECT_RANGE(img.digest, point(11));
}

TEST(ParserFrom, PlatformFlag) {
    const std::string src = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& from = only_instruction(f);
    ASSERT_EQ(from.flags.size(), 1U);
    EXPECT_EQ(from.flags[0].name.raw, "platform");
    EXPECT_EQ(from.flags[0].value->raw, "$BUILDPLATFORM");
    EXPECT_EQ(from.from->image.repository_text, "golang");
    EXPECT_EQ(from.from->image.tag_text, "1.22");
    EXPECT_EQ(from.from->stage_name->value, "build");
    EXPECT_TRUE(f.errors.empty());
}

// ---------------------------------------------------------------------------------------------------------------
// Section 10: EXPOSE (case 39)

TEST(ParserExpose, Case39_Ports) {
    const std::string src =
        "EXPOSE 80 80/udp 8000-8010/tcp 80/TCP 8080:80 99999 10-5 80/icmp 1.2.3.4:80:81 $P\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& expose = only_instruction(f);
    struct Expected {
        std::string text;
        unsigned start, end;
        std::string protocol;
        bool mapping;
    };
    const std::vector<Expected> expected = {
        {"80", 80, 80, "tcp", false},
        {"80/udp", 80, 80, "udp", false},
        {"8000-8010/tcp", 8000, 8010, "tcp", false},
        {"80/TCP", 80, 80, "TCP", false},
        {"8080:80", 80, 80, "tcp", true},
        {"99999", 99999, 99999, "tcp", false},
        {"10-5", 10, 5, "tcp", false},
        {"80/icmp", 80, 80, "icmp", false},
        {"1.2.3.4:80:81", 81, 81, "tcp", true},
        {"$P", 0, 0, "tcp", false},
    };
    ASSERT_EQ(expose.ports.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(expected[i].text);
        const PortSpec& p = expose.ports[i];
        EXPECT_EQ(p.word.raw, expected[i].text);
        EXPECT_RANGE(p.word.range, sub(at(src, " " + expected[i].text), 1, expected[i].text.size()));
        EXPECT_EQ(p.start, expected[i].start);
        EXPECT_EQ(p.end, expected[i].end);
        EXPECT_EQ(p.protocol, expected[i].protocol);
        EXPECT_EQ(p.legacy_mapping, expected[i].mapping);
    }
    EXPECT_RANGE(expose.ports[1].protocol_range, at(src, "udp"));
    EXPECT_RANGE(expose.ports[0].protocol_range, point(9));
    EXPECT_EQ(errors(f), (Strings{error(at(src, "99999"), "invalid containerPort: 99999"),
                                  error(at(src, "10-5"), "invalid range: 10-5 (the end is below the start)"),
                                  error(at(src, "icmp"), "invalid proto: icmp")}));
}

TEST(ParserExpose, LegacyMappingHostPorts) {
    const std::string src =
        "EXPOSE 8000-8001:80 8000-8001:80-81 8000-8002:80-81/udp abc:80 [::1]:80:80 70000:80\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& expose = only_instruction(f);
    ASSERT_EQ(expose.ports.size(), 6U);
    for (const PortSpec& p : expose.ports)
        EXPECT_TRUE(p.legacy_mapping) << p.word.raw;
    EXPECT_EQ(expose.ports[2].protocol, "udp");
    EXPECT_EQ(expose.ports[4].start, 80U);
    // A host range with a single container port is allowed (it is the range to allocate from).
    EXPECT_EQ(errors(f),
              (Strings{error(at(src, "8000-8002:80-81/udp"),
                             "invalid ranges specified for container and host Ports: 80-81 and 8000-8002"),
                       error(at(src, "abc"), "invalid hostPort: abc"),
                       error(at(src, "70000"), "invalid hostPort: 70000")}));
}

TEST(ParserExpose, LegacyMappingIpAddress) {
    // BuildKit accepts an IPv4 or IPv6 address (bracketed or not) before the host port, never a host name.
    const std::string src =
        "EXPOSE 127.0.0.1:80:80 [::1]:80:80 ::1:80:80 127.0.0.1::80 ::80 localhost:80:80 01.2.3.4:80:80 [::1:80:80\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(only_instruction(f).ports.size(), 8U);
    EXPECT_EQ(errors(f), (Strings{error(at(src, "localhost"), "invalid IP address: localhost"),
                                  error(at(src, "01.2.3.4"), "invalid IP address: 01.2.3.4"),
                                  error(sub(at(src, "[::1:80:80"), 0, 4), "invalid IP address: [::1")}));
}

TEST(ParserExpose, MalformedPorts) {
    const std::string src = "EXPOSE 80- /tcp 80/ 0\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& expose = only_instruction(f);
    ASSERT_EQ(expose.ports.size(), 4U);
    EXPECT_EQ(expose.ports[2].protocol, "tcp"); // an empty protocol means tcp
    EXPECT_RANGE(expose.ports[2].protocol_range, point(at(src, "80/").end));
    EXPECT_EQ(expose.ports[3].start, 0U);
    EXPECT_EQ(errors(f), (Strings{error(at(src, "80-"), "invalid port specification: 80-"),
                                  error(at(src, "/tcp"), "invalid port specification: /tcp")}));
}

TEST(ParserExpose, NeedsAnArgument) {
    const Dockerfile f = parse_checked("EXPOSE\n");
    EXPECT_EQ(errors(f), Strings{error({0, 6}, "EXPOSE requires at least one argument")});
}

// ---------------------------------------------------------------------------------------------------------------
// Section 10: HEALTHCHECK (case 40)

TEST(ParserHealthcheck, Case40_None) {
    const std::string src = "HEALTHCHECK NONE\nHEALTHCHECK none x\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    ASSERT_TRUE(f.instructions[0].healthcheck_type);
    EXPECT_EQ(f.instructions[0].healthcheck_type->raw, "NONE");
    EXPECT_RANGE(f.instructions[0].healthcheck_type->range, (TextRange{12, 16}));
    EXPECT_FALSE(f.instructions[0].command);
    EXPECT_TRUE(f.instructions[0].valid);
    EXPECT_EQ(f.instructions[1].healthcheck_type->raw, "none");
    EXPECT_EQ(errors(f), Strings{error({34, 35}, "HEALTHCHECK NONE takes no arguments")});
}

TEST(ParserHealthcheck, FlagsWithNoneAreNotValidated) {
    const Dockerfile f = parse_checked("HEALTHCHECK --interval=5 --bogus NONE\n");
    EXPECT_TRUE(f.errors.empty());
    EXPECT_EQ(only_instruction(f).flags.size(), 2U);
}

TEST(ParserHealthcheck, Case40_Durations) {
    const std::string src =
        "HEALTHCHECK --interval=5 CMD x\nHEALTHCHECK --timeout=0s CMD x\n"
        "HEALTHCHECK --interval=10us CMD x\nHEALTHCHECK --start-period=0 --start-interval=1ms CMD x\n"
        "HEALTHCHECK --interval=-1s CMD x\nHEALTHCHECK --retries=x CMD x\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), (Strings{error(sub(at(src, "=5 CMD"), 1, 1),
                                        "invalid duration for --interval: 5 (use a unit, e.g. 30s)"),
                                  error(at(src, "10us"), "--interval cannot be less than 1ms"),
                                  error(at(src, "-1s"), "--interval cannot be negative"),
                                  error(sub(at(src, "=x CMD"), 1, 1),
                                        "--retries must be a non-negative integer, not x")}));
}

TEST(ParserHealthcheck, EmptyValuesMeanTheDefault) {
    const Dockerfile f = parse_checked("HEALTHCHECK --interval= --timeout=0 --retries= CMD x\n");
    EXPECT_TRUE(f.errors.empty());
    ASSERT_EQ(only_instruction(f).flags.size(), 3U);
    EXPECT_EQ(only_instruction(f).flags[0].value->raw, "");
}

TEST(ParserHealthcheck, Case40_CommandForms) {
    const std::string src = "HEALTHCHECK --interval=1m30s --retries=3 CMD [\"curl\",\"-f\"]\n"
                            "HEALTHCHECK cmd curl -f http://x/ || exit 1\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    const Instruction& json = f.instructions[0];
    EXPECT_EQ(json.kind, InstructionKind::Healthcheck); // not left as CMD by the shared command parser
    ASSERT_EQ(json.flags.size(), 2U);
    EXPECT_EQ(json.flags[0].value->value, "1m30s");
    EXPECT_EQ(json.flags[1].value->value, "3");
    EXPECT_EQ(json.healthcheck_type->raw, "CMD");
    EXPECT_EQ(json.command->form, CommandForm::Exec);
    EXPECT_EQ(values(json.command->elements), (Strings{"curl", "-f"}));
    const Instruction& shell = f.instructions[1];
    EXPECT_EQ(shell.healthcheck_type->raw, "cmd");
    EXPECT_EQ(shell.command->form, CommandForm::Shell);
    EXPECT_EQ(shell.command->text, "curl -f http://x/ || exit 1");
    EXPECT_RANGE(shell.command->range, at(src, "curl -f http://x/ || exit 1"));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserHealthcheck, Case40_MissingCommandAndUnknownType) {
    const std::string src = "HEALTHCHECK CMD\nHEALTHCHECK CONNECT x\nHEALTHCHECK\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              (Strings{error({12, 15}, "Missing command after HEALTHCHECK CMD"),
                       error(at(src, "CONNECT"), "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)"),
                       error({38, 49}, "HEALTHCHECK requires at least one argument")}));
}

// ---------------------------------------------------------------------------------------------------------------
// Section 10: ONBUILD (case 41)

TEST(ParserOnbuild, Case41_TriggerWithFlags) {
    const std::string src = "ONBUILD RUN --mount=type=cache,target=/c make\n";
    const Dockerfile f = parse_checked(src);
    const Instruction& onbuild = only_instruction(f);
    EXPECT_EQ(onbuild.kind, InstructionKind::Onbuild);
    EXPECT_TRUE(onbuild.flags.empty());
    ASSERT_EQ(onbuild.trigger.size(), 1U);
    const Instruction& run = onbuild.trigger[0];
    EXPECT_EQ(run.kind, InstructionKind::Run);
    EXPECT_RANGE(run.keyword.range, (TextRange{8, 11}));
    EXPECT_RANGE(run.range, (TextRange{8, 45}));
    ASSERT_EQ(run.flags.size(), 1U);
    EXPECT_EQ(run.flags[0].value->raw, "type=cache,target=/c");
    EXPECT_EQ(run.command->text, "make");
    EXPECT_RANGE(run.command->range, at(src, "make"));
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserOnbuild, Case41_ForbiddenTriggers) {
    const std::string src = "ONBUILD ONBUILD RUN x\nonbuild from x\nONBUILD\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              (Strings{error({8, 15}, "ONBUILD isn't allowed as an ONBUILD trigger"),
                       error(at(src, "from"), "from isn't allowed as an ONBUILD trigger"),
                       error(sub(at(src, "ONBUILD\n"), 0, 7), "ONBUILD requires at least one argument")}));
    for (const Instruction& ins : f.instructions)
        EXPECT_FALSE(ins.valid);
}

TEST(ParserOnbuild, Case48_MaintainerIsNotATrigger) {
    const std::string src = "ONBUILD MAINTAINER me\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f),
              Strings{error(at(src, "MAINTAINER"), "MAINTAINER isn't allowed as an ONBUILD trigger")});
}

TEST(ParserOnbuild, TriggerErrorsAreReported) {
    const std::string src = "ONBUILD COPY --link=maybe a b\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_FALSE(only_instruction(f).valid);
    EXPECT_EQ(errors(f),
              Strings{error(at(src, "maybe"), "expecting boolean value for flag link, not: maybe")});
}

// ---------------------------------------------------------------------------------------------------------------
// Section 10: RUN --mount validation (case 42)

TEST(ParserMount, Case42_Validation) {
    const std::string src = "RUN --mount=type=secret,from=x a\n"
                            "RUN --mount=type=bind,mode=600 a\n"
                            "RUN --mount=type=cache,sharing=weird a\n"
                            "RUN --mount=type=cache,size=1m a\n"
                            "RUN --mount=type=bind,required a\n"
                            "RUN --mount=from=$X,target=/x a\n"
                            "RUN --mount=type=foo a\n"
                            "RUN --mount=type=cache,target=/x,bogus=1 a\n"
                            "RUN --mount=type=bind,target a\n"
                            "RUN --mount a\n";
    const Dockerfile f = parse_checked(src);
    auto value = [&](std::string_view v) { return at(src, v); };
    EXPECT_EQ(errors(f),
              (Strings{error(value("type=secret,from=x"), "'from' cannot be used with type=secret mounts"),
                       error(value("type=bind,mode=600"), "'mode' cannot be used with type=bind mounts"),
                       error(value("type=cache,sharing=weird"), "unsupported sharing value \"weird\""),
                       error(value("type=cache,size=1m"), "'size' cannot be used with type=cache mounts"),
                       error(value("type=bind,required"), "'required' cannot be used with type=bind mounts"),
                       error(value("from=$X,target=/x"), "'from' in a mount must not contain variables"),
                       error(value("type=foo"), "unsupported mount type \"foo\""),
                       error(value("type=cache,target=/x,bogus=1"),
                             "unexpected key 'bogus' in 'type=cache,target=/x,bogus=1'"),
                       error(sub(value("type=bind,target a"), 0, 16),
                             "invalid field 'target' must be a key=value pair"),
                       error(sub(at(src, "--mount a"), 0, 7), "missing a value on flag: --mount")}));
    ASSERT_EQ(f.instructions.size(), 10U);
    for (const Instruction& ins : f.instructions)
        EXPECT_FALSE(ins.valid);
}

TEST(ParserMount, ValidMounts) {
    const std::string src =
        "RUN --mount=type=bind,target=/x,ro "
        "--mount=type=cache,target=/c,id=c,sharing=locked,mode=0755,uid=1,gid=1 "
        "--mount=type=tmpfs,target=/t,size=64m --mount=type=secret,id=s,env=S,required=true "
        "--mount=type=ssh,required --mount=target=/y,source=z,from=build,rw "
        "--mount=\"type=cache,target=/a,b\" "
        "--network=none --security=sandbox --device=cdi.example/gpu=all make\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), Strings{error(at(src, "\"type=cache,target=/a,b\""),
                                       "invalid field 'b' must be a key=value pair")});
    EXPECT_EQ(only_instruction(f).flags.size(), 10U);
}

TEST(ParserMount, NetworkAndSecurityModes) {
    const std::string src =
        "RUN --network=default --security=insecure a\nRUN --network=bridge --security=strict a\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), (Strings{error(at(src, "bridge"), "unsupported network mode \"bridge\""),
                                  error(at(src, "strict"), "unsupported security mode \"strict\"")}));
}

// ---------------------------------------------------------------------------------------------------------------
// Section 10: single-argument instructions, VOLUME, SHELL (cases 46-48)

TEST(ParserSingleArgument, WholeRestIsOneArgument) {
    const std::string src =
        "MAINTAINER John Doe <j@x>\nUSER  app:app  \nWORKDIR /my dir\nSTOPSIGNAL SIGTERM\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 4U);
    const Strings expected = {"John Doe <j@x>", "app:app", "/my dir", "SIGTERM"};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(expected[i]);
        ASSERT_EQ(f.instructions[i].arguments.size(), 1U);
        EXPECT_EQ(f.instructions[i].arguments[0].raw, expected[i]);
        EXPECT_RANGE(f.instructions[i].arguments[0].range, at(src, expected[i]));
    }
    EXPECT_RANGE(f.instructions[1].range, at(src, "USER  app:app  ")); // to the line's end, blanks included
    EXPECT_TRUE(f.errors.empty());
}

TEST(ParserSingleArgument, EmptyIsAnError) {
    const std::string src = "USER\nWORKDIR  \nSTOPSIGNAL\nMAINTAINER\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), (Strings{error({0, 4}, "USER requires exactly one argument"),
                                  error({5, 12}, "WORKDIR requires exactly one argument"),
                                  error({15, 25}, "STOPSIGNAL requires exactly one argument"),
                                  error({26, 36}, "MAINTAINER requires exactly one argument")}));
}

TEST(ParserSingleArgument, Case48_MaintainerIsNotExpanded) {
    const std::string src = "MAINTAINER $NAME \"x\"\n";
    const Dockerfile f = parse_checked(src);
    const Word& arg = only_instruction(f).arguments.at(0);
    EXPECT_EQ(arg.raw, "$NAME \"x\"");
    EXPECT_EQ(arg.value, "$NAME \"x\"");
    EXPECT_TRUE(arg.variables.empty());
}

TEST(ParserVolume, Case46_Forms) {
    const std::string src = "VOLUME [\"/a\", \"\"]\nVOLUME /a /b\nVOLUME\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 3U);
    EXPECT_TRUE(f.instructions[0].json_form);
    EXPECT_EQ(values(f.instructions[0].arguments), (Strings{"/a", ""}));
    EXPECT_FALSE(f.instructions[1].json_form);
    EXPECT_EQ(raws(f.instructions[1].arguments), (Strings{"/a", "/b"}));
    EXPECT_RANGE(f.instructions[1].arguments[1].range, at(src, "/b"));
    EXPECT_EQ(errors(f),
              (Strings{error(at(src, "\"\""), "VOLUME specified can not be an empty string"),
                       error(sub(at(src, "VOLUME\n"), 0, 6), "VOLUME requires at least one argument")}));
}

TEST(ParserVolume, ManyPaths) { // BuildKit fixture multiple-volumes
    const Dockerfile f = parse_checked("VOLUME /foo /run/docker/netns /var/lib/docker\n");
    EXPECT_EQ(raws(only_instruction(f).arguments), (Strings{"/foo", "/run/docker/netns", "/var/lib/docker"}));
}

TEST(ParserShell, Case47_ShellForm) {
    const std::string src = "SHELL pwsh -c\nSHELL [\"pwsh\",\"-c\"]\n";
    const Dockerfile f = parse_checked(src);
    ASSERT_EQ(f.instructions.size(), 2U);
    EXPECT_FALSE(f.instructions[0].valid);
    EXPECT_TRUE(f.instructions[1].valid);
    EXPECT_EQ(values(f.instructions[1].command->elements), (Strings{"pwsh", "-c"}));
    EXPECT_EQ(errors(f),
              Strings{error(at(src, "pwsh -c"), "SHELL requires the arguments to be in JSON form")});
}

TEST(ParserRun, EmptyRunIsAnError) {
    const std::string src = "RUN\nRUN --network=none\nCMD\n";
    const Dockerfile f = parse_checked(src);
    EXPECT_EQ(errors(f), (Strings{error({0, 3}, "RUN requires at least one argument"),
                                  error({4, 7}, "RUN requires at least one argument")}));
}

// ---------------------------------------------------------------------------------------------------------------
// The lossless round trip over every kind of input, including malformed ones.

TEST(ParserRoundTrip, PrintReproducesEveryInput) {
    const Strings inputs = {
        "",
        "\n",
        "\xEF\xBB\xBF",
        "\xEF\xBB\xBF\n",
        "FROM a",
        "FROM a\r",
        "FROM a\r\n\r\n",
        "\r\n",
        "# c",
        "RUN a \\",
        "RUN a \\\n",
        "RUN a \\\n# c \\\n\n  \n",
        "RUN <<EOF",
        "RUN <<EOF\n",
        "RUN <<EOF\nx",
        "RUN <<-A <<B\n\tA\nB",
        "COPY <<A <<B\nA\n",
        "ONBUILD RUN <<E \\\n && x\nbody\nE",
        "# escape=`\nRUN a `\n`\n`",
        "RUN \"unterminated\nENV A='x\nLABEL \"\nARG a=\"\n",
        "CMD [\"a\", \nCMD [\"\\ud800\"]\n",
        std::string("RUN \0\xff\xfe\n", 8),
        "\t  \t\n  FROM\ta\t\n",
        "FROM a AS b\n\n\n# x\n   \nRUN y \\\n\\\n\\\n",
    };
    for (const std::string& input : inputs) {
        SCOPED_TRACE(::testing::PrintToString(input));
        parse_checked(input);
    }
}

} // namespace
} // namespace drydock
