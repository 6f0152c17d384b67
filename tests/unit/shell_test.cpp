#include <drydock/parser/logical_text.hpp>
#include <drydock/parser/shell.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::shell {
namespace {

Script parse_text(std::string_view text) {
    return parse(LogicalText::contiguous(text, 0));
}

std::vector<std::string> values(const std::vector<Word>& words) {
    std::vector<std::string> out;
    for (const Word& word : words)
        out.push_back(word.value);
    return out;
}

std::vector<std::string> names(const Script& script) {
    std::vector<std::string> out;
    for (const Command& command : script.commands)
        out.emplace_back(command.name());
    return out;
}

std::vector<int> depths(const Script& script) {
    std::vector<int> out;
    for (const Command& command : script.commands)
        out.push_back(command.depth);
    return out;
}

std::vector<Operator> operators(const Script& script) {
    std::vector<Operator> out;
    for (const Command& command : script.commands)
        out.push_back(command.preceded_by);
    return out;
}

// The range of the nth occurrence of `needle` in `text`: keeps expected offsets readable and exact.
TextRange range_of(std::string_view text, std::string_view needle, int nth = 0) {
    std::size_t at = text.find(needle);
    for (int i = 0; i < nth && at != std::string_view::npos; ++i)
        at = text.find(needle, at + 1);
    EXPECT_NE(at, std::string_view::npos) << needle;
    return {static_cast<TextSize>(at), static_cast<TextSize>(at + needle.size())};
}

using Strings = std::vector<std::string>;

TEST(ShellTest, AptGetUpdateAndInstall) {
    const std::string_view text = "apt-get update && apt-get install -y --no-install-recommends curl=7.1 git";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 2u);
    EXPECT_TRUE(script.errors.empty());
    EXPECT_FALSE(script.uses_eval);

    const Command& update = script.commands[0];
    EXPECT_EQ(values(update.words), (Strings{"apt-get", "update"}));
    EXPECT_EQ(update.preceded_by, Operator::None);
    EXPECT_EQ(update.range, (TextRange{0, 14}));
    EXPECT_EQ(update.depth, 0);
    EXPECT_FALSE(update.in_pipeline);

    const Command& install = script.commands[1];
    EXPECT_EQ(install.name(), "apt-get");
    EXPECT_EQ(install.preceded_by, Operator::And);
    EXPECT_EQ(values(install.words),
              (Strings{"apt-get", "install", "-y", "--no-install-recommends", "curl=7.1", "git"}));
    EXPECT_TRUE(install.assignments.empty()); // `curl=7.1` after the command name is an argument
    EXPECT_EQ(install.range, (TextRange{18, 73}));
    EXPECT_EQ(install.words[0].range, (TextRange{18, 25}));
    EXPECT_EQ(install.words[4].range, range_of(text, "curl=7.1"));
    EXPECT_EQ(install.words[5].range, (TextRange{70, 73}));
    EXPECT_FALSE(install.words[4].quoted);
    EXPECT_FALSE(install.words[4].dynamic);
    EXPECT_TRUE(install.has_flag("y"));
    EXPECT_TRUE(install.has_flag("no-install-recommends"));
    EXPECT_FALSE(install.has_flag("q"));
    EXPECT_TRUE(install.has_argument("install"));
    EXPECT_FALSE(install.has_argument("apt-get"));
    EXPECT_EQ(values(install.operands()), (Strings{"install", "curl=7.1", "git"}));
    EXPECT_EQ(values(install.arguments()),
              (Strings{"install", "-y", "--no-install-recommends", "curl=7.1", "git"}));
}

TEST(ShellTest, EmptyAndBlankInput) {
    EXPECT_TRUE(parse_text("").commands.empty());
    const Script blank = parse_text("  \n\t \n  # only a comment\n");
    EXPECT_TRUE(blank.commands.empty());
    EXPECT_TRUE(blank.errors.empty());
}

TEST(ShellTest, PipeMarksBothSides) {
    const Script script = parse_text("curl -sSL x | sh");
    ASSERT_EQ(script.commands.size(), 2u);
    EXPECT_EQ(names(script), (Strings{"curl", "sh"}));
    EXPECT_TRUE(script.commands[0].in_pipeline);
    EXPECT_TRUE(script.commands[1].in_pipeline);
    EXPECT_EQ(script.commands[1].preceded_by, Operator::Pipe);
    EXPECT_TRUE(script.commands[0].has_flag("s"));
    EXPECT_TRUE(script.commands[0].has_flag("S"));
    EXPECT_TRUE(script.commands[0].has_flag("L"));
    EXPECT_FALSE(script.commands[0].has_flag("f"));
    EXPECT_EQ(script.commands[1].range, (TextRange{14, 16}));
}

TEST(ShellTest, PipeWithStderrCountsAsPipe) {
    const Script script = parse_text("make |& tee log");
    ASSERT_EQ(script.commands.size(), 2u);
    EXPECT_EQ(script.commands[1].preceded_by, Operator::Pipe);
    EXPECT_TRUE(script.commands[0].in_pipeline);
    EXPECT_TRUE(script.commands[1].in_pipeline);
}

TEST(ShellTest, EverySeparator) {
    const Script script = parse_text("a; b || c & d\ne && f | g");
    EXPECT_EQ(names(script), (Strings{"a", "b", "c", "d", "e", "f", "g"}));
    EXPECT_EQ(operators(script),
              (std::vector<Operator>{Operator::None, Operator::Semicolon, Operator::Or, Operator::Background,
                                     Operator::Newline, Operator::And, Operator::Pipe}));
    EXPECT_FALSE(script.commands[4].in_pipeline);
    EXPECT_TRUE(script.commands[5].in_pipeline);
    EXPECT_TRUE(script.commands[6].in_pipeline);
}

TEST(ShellTest, NewlinesAfterOperatorsDoNotReplaceThem) {
    const Script script = parse_text("a &&\n  b;\n\n c |\n d\n\n e");
    EXPECT_EQ(names(script), (Strings{"a", "b", "c", "d", "e"}));
    EXPECT_EQ(operators(script), (std::vector<Operator>{Operator::None, Operator::And, Operator::Semicolon,
                                                        Operator::Pipe, Operator::Newline}));
}

TEST(ShellTest, SingleQuotesAreLiteral) {
    const std::string_view text = R"(echo 'a b' '$HOME' 'x\y')";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    const std::vector<Word>& words = script.commands[0].words;
    EXPECT_EQ(values(words), (Strings{"echo", "a b", "$HOME", R"(x\y)"}));
    EXPECT_EQ(words[1].range, range_of(text, "'a b'"));
    EXPECT_TRUE(words[1].quoted);
    EXPECT_FALSE(words[1].dynamic);
    EXPECT_FALSE(words[2].dynamic); // no expansion inside single quotes
    EXPECT_FALSE(words[0].quoted);
}

TEST(ShellTest, DoubleQuotesKeepExpansions) {
    const std::string_view text = R"(cp "$HOME/x" "${DIR}/y" "plain")";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    const std::vector<Word>& words = script.commands[0].words;
    EXPECT_EQ(values(words), (Strings{"cp", "$HOME/x", "${DIR}/y", "plain"}));
    EXPECT_TRUE(words[1].quoted);
    EXPECT_TRUE(words[1].dynamic);
    EXPECT_TRUE(words[2].dynamic);
    EXPECT_TRUE(words[3].quoted);
    EXPECT_FALSE(words[3].dynamic);
    EXPECT_EQ(words[1].range, range_of(text, R"("$HOME/x")"));
}

TEST(ShellTest, DoubleQuoteEscapes) {
    // Only \" \\ \$ \` (and newline) are escapes inside double quotes; other backslashes stay.
    const Script script = parse_text(R"(echo "a\"b\\c\$d\`e\n")");
    ASSERT_EQ(script.commands.size(), 1u);
    const Word& word = script.commands[0].words[1];
    EXPECT_EQ(word.value, R"(a"b\c$d`e\n)");
    EXPECT_TRUE(word.quoted);
    EXPECT_FALSE(word.dynamic);
}

TEST(ShellTest, BackslashOutsideQuotes) {
    const Script script = parse_text(R"(echo a\ b \$HOME \\)");
    ASSERT_EQ(script.commands.size(), 1u);
    const std::vector<Word>& words = script.commands[0].words;
    EXPECT_EQ(values(words), (Strings{"echo", "a b", "$HOME", "\\"}));
    EXPECT_TRUE(words[1].quoted);
    EXPECT_FALSE(words[2].dynamic);
    EXPECT_EQ(words[1].range, (TextRange{5, 9}));
}

TEST(ShellTest, MixedQuotingIsOneWord) {
    const std::string_view text = R"(echo pre'mid dle'"post $X"end)";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands[0].words.size(), 2u);
    const Word& word = script.commands[0].words[1];
    EXPECT_EQ(word.value, "premid dlepost $Xend");
    EXPECT_EQ(word.range, (TextRange{5, static_cast<TextSize>(text.size())}));
    EXPECT_TRUE(word.quoted);
    EXPECT_TRUE(word.dynamic);
}

TEST(ShellTest, AnsiCQuotes) {
    const Script script = parse_text(R"(printf $'a\tb\'c' $"x")");
    ASSERT_EQ(script.commands.size(), 1u);
    EXPECT_EQ(values(script.commands[0].words), (Strings{"printf", "a\tb'c", "x"}));
    EXPECT_TRUE(script.commands[0].words[1].quoted);
    EXPECT_FALSE(script.commands[0].words[1].dynamic);
}

TEST(ShellTest, CommandSubstitutionIsOpaqueAndBalanced) {
    const std::string_view text = R"sh(echo $(echo "a)b") x$(dirname $(which 'py)')) "$(cat <f)")sh";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u); // commands inside $(…) are not commands of the script
    EXPECT_TRUE(script.errors.empty());
    const std::vector<Word>& words = script.commands[0].words;
    EXPECT_EQ(values(words),
              (Strings{"echo", R"sh($(echo "a)b"))sh", "x$(dirname $(which 'py)'))", "$(cat <f)"}));
    EXPECT_TRUE(words[1].dynamic);
    EXPECT_FALSE(words[1].quoted);
    EXPECT_TRUE(words[2].dynamic);
    EXPECT_TRUE(words[3].quoted);
    EXPECT_EQ(words[1].range, range_of(text, R"sh($(echo "a)b"))sh"));
}

TEST(ShellTest, BackticksAreOpaque) {
    const Script script = parse_text("echo `uname -r` \"v`date`\"");
    ASSERT_EQ(script.commands.size(), 1u);
    const std::vector<Word>& words = script.commands[0].words;
    EXPECT_EQ(values(words), (Strings{"echo", "`uname -r`", "v`date`"}));
    EXPECT_TRUE(words[1].dynamic);
    EXPECT_TRUE(words[2].dynamic);
}

TEST(ShellTest, ParameterExpansionWithBlanksIsOneWord) {
    const std::string_view text = R"(echo ${X:-a b} "${Y:-it's}" $1 $@ $? $ a$)";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    EXPECT_TRUE(script.errors.empty());
    const std::vector<Word>& words = script.commands[0].words;
    EXPECT_EQ(values(words), (Strings{"echo", "${X:-a b}", "${Y:-it's}", "$1", "$@", "$?", "$", "a$"}));
    EXPECT_EQ(words[1].range, range_of(text, "${X:-a b}"));
    EXPECT_TRUE(words[1].dynamic);
    EXPECT_TRUE(words[3].dynamic);
    EXPECT_FALSE(words[6].dynamic); // a lone `$` is literal
    EXPECT_FALSE(words[7].dynamic);
}

TEST(ShellTest, ArithmeticExpansionIsOneWord) {
    const Script script = parse_text("echo $((1 + (2 * 3))) done");
    ASSERT_EQ(script.commands.size(), 1u);
    EXPECT_EQ(values(script.commands[0].words), (Strings{"echo", "$((1 + (2 * 3)))", "done"}));
    EXPECT_TRUE(script.commands[0].words[1].dynamic);
}

TEST(ShellTest, ProcessSubstitutionIsOneWord) {
    const Script script = parse_text("diff <(ls a) <(ls b)");
    ASSERT_EQ(script.commands.size(), 1u);
    EXPECT_EQ(values(script.commands[0].words), (Strings{"diff", "<(ls a)", "<(ls b)"}));
    EXPECT_TRUE(script.commands[0].redirects.empty());
}

TEST(ShellTest, LeadingAssignments) {
    const std::string_view text = "DEBIAN_FRONTEND=noninteractive A+=1 apt-get install x B=2";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    const Command& command = script.commands[0];
    EXPECT_EQ(values(command.assignments), (Strings{"DEBIAN_FRONTEND=noninteractive", "A+=1"}));
    EXPECT_EQ(command.assignments[0].range, range_of(text, "DEBIAN_FRONTEND=noninteractive"));
    EXPECT_EQ(values(command.words), (Strings{"apt-get", "install", "x", "B=2"}));
    EXPECT_EQ(command.name(), "apt-get");
    EXPECT_EQ(command.range, (TextRange{0, static_cast<TextSize>(text.size())}));
}

TEST(ShellTest, AssignmentOnlyAndQuotedNames) {
    const Script script = parse_text("A=1 B=\"x y\"; \"C=1\" cmd; 1A=2 cmd; arr=(a 'b c') run");
    ASSERT_EQ(script.commands.size(), 4u);
    EXPECT_EQ(values(script.commands[0].assignments), (Strings{"A=1", "B=x y"}));
    EXPECT_TRUE(script.commands[0].words.empty());
    EXPECT_EQ(script.commands[0].name(), "");
    EXPECT_TRUE(script.commands[1].assignments.empty()); // a quoted name is not an assignment
    EXPECT_EQ(values(script.commands[1].words), (Strings{"C=1", "cmd"}));
    EXPECT_TRUE(script.commands[2].assignments.empty());
    EXPECT_EQ(values(script.commands[3].assignments), (Strings{"arr=(a 'b c')"}));
    EXPECT_EQ(values(script.commands[3].words), (Strings{"run"}));
}

TEST(ShellTest, RedirectsAreNotWords) {
    const std::string_view text = "make 2>&1 > /dev/null install 2>/dev/null";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    const Command& command = script.commands[0];
    EXPECT_EQ(values(command.words), (Strings{"make", "install"}));
    ASSERT_EQ(command.redirects.size(), 3u);
    EXPECT_EQ(command.redirects[0].op, "2>&");
    EXPECT_EQ(command.redirects[0].target.value, "1");
    EXPECT_EQ(command.redirects[0].range, range_of(text, "2>&1"));
    EXPECT_EQ(command.redirects[0].target.range, (TextRange{8, 9}));
    EXPECT_EQ(command.redirects[1].op, ">");
    EXPECT_EQ(command.redirects[1].target.value, "/dev/null");
    EXPECT_EQ(command.redirects[1].range, range_of(text, "> /dev/null"));
    EXPECT_EQ(command.redirects[1].target.range, range_of(text, "/dev/null"));
    EXPECT_EQ(command.redirects[2].op, "2>");
    EXPECT_EQ(command.redirects[2].range, range_of(text, "2>/dev/null"));
    EXPECT_EQ(command.range, (TextRange{0, static_cast<TextSize>(text.size())}));
}

TEST(ShellTest, EveryRedirectOperator) {
    const Script script =
        parse_text("cmd >>a <b <<<\"c d\" &>e &>>f >|g <>h 3<&0 4>&- 12>i < \"$F\" >(tee x) word");
    ASSERT_EQ(script.commands.size(), 1u);
    const Command& command = script.commands[0];
    std::vector<std::string> ops;
    std::vector<std::string> targets;
    for (const Redirect& redirect : command.redirects) {
        ops.push_back(redirect.op);
        targets.push_back(redirect.target.value);
    }
    EXPECT_EQ(ops, (Strings{">>", "<", "<<<", "&>", "&>>", ">|", "<>", "3<&", "4>&", "12>", "<"}));
    EXPECT_EQ(targets, (Strings{"a", "b", "c d", "e", "f", "g", "h", "0", "-", "i", "$F"}));
    EXPECT_TRUE(command.redirects[10].target.dynamic);
    EXPECT_EQ(values(command.words), (Strings{"cmd", ">(tee x)", "word"}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, RedirectBeforeCommandStartsItsRange) {
    const Script script = parse_text("x; >out echo hi");
    ASSERT_EQ(script.commands.size(), 2u);
    EXPECT_EQ(script.commands[1].range, (TextRange{3, 15}));
    EXPECT_EQ(script.commands[1].name(), "echo");
}

TEST(ShellTest, RedirectWithoutTargetIsAnError) {
    const Script script = parse_text("echo hi >");
    ASSERT_EQ(script.commands.size(), 1u);
    ASSERT_EQ(script.errors.size(), 1u);
    EXPECT_EQ(script.errors[0].range, (TextRange{8, 9}));
}

TEST(ShellTest, HeredocBodyIsSkipped) {
    const std::string_view text = "cat <<EOF > /etc/apt/sources.list && apt-get update\n"
                                  "deb http://x; rm -rf / 'unbalanced\n"
                                  "EOF\n"
                                  "echo done";
    const Script script = parse_text(text);
    EXPECT_EQ(names(script), (Strings{"cat", "apt-get", "echo"}));
    EXPECT_TRUE(script.errors.empty());
    const Command& cat = script.commands[0];
    ASSERT_EQ(cat.redirects.size(), 2u);
    EXPECT_EQ(cat.redirects[0].op, "<<");
    EXPECT_EQ(cat.redirects[0].target.value, "EOF");
    EXPECT_EQ(script.commands[2].preceded_by, Operator::Newline);
    EXPECT_EQ(script.commands[2].range, range_of(text, "echo done"));
}

TEST(ShellTest, HeredocVariants) {
    // `<<-` strips leading tabs from the terminator; a quoted delimiter is matched after quote removal; two
    // here-documents on one line are read one after the other.
    const Script script = parse_text("cat <<-'END' a\n\tnot a command\n\tEND\n"
                                     "paste <<A <<\"B\"\nx\nA\ny\nB\n"
                                     "tail");
    EXPECT_EQ(names(script), (Strings{"cat", "paste", "tail"}));
    EXPECT_EQ(script.commands[0].redirects[0].op, "<<-");
    EXPECT_EQ(script.commands[0].redirects[0].target.value, "END");
    EXPECT_TRUE(script.commands[0].redirects[0].target.quoted);
    EXPECT_EQ(values(script.commands[0].words), (Strings{"cat", "a"}));
    EXPECT_EQ(script.commands[1].redirects.size(), 2u);
}

TEST(ShellTest, UnterminatedHeredocConsumesTheRest) {
    const Script script = parse_text("cat <<EOF\nrm -rf /\n");
    EXPECT_EQ(names(script), (Strings{"cat"}));
}

TEST(ShellTest, Subshell) {
    const std::string_view text = "a && (cd /x && make) > log; b";
    const Script script = parse_text(text);
    EXPECT_EQ(names(script), (Strings{"a", "cd", "make", "b"}));
    EXPECT_EQ(depths(script), (std::vector<int>{0, 1, 1, 0}));
    EXPECT_EQ(operators(script),
              (std::vector<Operator>{Operator::None, Operator::And, Operator::And, Operator::Semicolon}));
    EXPECT_EQ(script.commands[1].range, range_of(text, "cd /x"));
    EXPECT_TRUE(script.commands[2].redirects.empty()); // `> log` belongs to the subshell
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, NestedSubshellsWithoutSpaceAreNotArithmetic) {
    const Script script = parse_text("((cd a && make); b)");
    EXPECT_EQ(names(script), (Strings{"cd", "make", "b"}));
    EXPECT_EQ(depths(script), (std::vector<int>{2, 2, 1}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, BraceGroup) {
    const Script script = parse_text("{ a; b; } 2>&1 | tee log; echo {x,y} }");
    EXPECT_EQ(names(script), (Strings{"a", "b", "tee", "echo"}));
    EXPECT_EQ(depths(script), (std::vector<int>{1, 1, 0, 0}));
    EXPECT_TRUE(script.commands[0].in_pipeline); // the whole group is piped into tee
    EXPECT_TRUE(script.commands[1].in_pipeline);
    EXPECT_TRUE(script.commands[2].in_pipeline);
    EXPECT_EQ(script.commands[2].preceded_by, Operator::Pipe);
    EXPECT_EQ(values(script.commands[3].words), (Strings{"echo", "{x,y}", "}"}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, IfThenFi) {
    const Script script = parse_text("if [ -f x ]; then apt-get install y; fi");
    EXPECT_EQ(names(script), (Strings{"[", "apt-get"}));
    EXPECT_EQ(depths(script), (std::vector<int>{1, 1})); // the condition is inside the compound too
    EXPECT_EQ(values(script.commands[0].words), (Strings{"[", "-f", "x", "]"}));
    EXPECT_EQ(values(script.commands[1].words), (Strings{"apt-get", "install", "y"}));
    EXPECT_EQ(script.commands[1].preceded_by, Operator::Semicolon);
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, IfElifElseAndNesting) {
    const Script script = parse_text("if ! a\nthen b\nelif c; then\n  if d; then e; fi\nelse f; fi > out; g");
    EXPECT_EQ(names(script), (Strings{"a", "b", "c", "d", "e", "f", "g"}));
    EXPECT_EQ(depths(script), (std::vector<int>{1, 1, 1, 2, 2, 1, 0}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, KeywordsAreOnlyKeywordsAtCommandPosition) {
    const Script script = parse_text("echo if then fi done; 'if' x");
    EXPECT_EQ(names(script), (Strings{"echo", "if"}));
    EXPECT_EQ(values(script.commands[0].words), (Strings{"echo", "if", "then", "fi", "done"}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, WhileAndUntil) {
    const Script script =
        parse_text("while read -r line; do echo \"$line\"; done < list\nuntil curl -f x; do sleep 1; done");
    EXPECT_EQ(names(script), (Strings{"read", "echo", "curl", "sleep"}));
    EXPECT_EQ(depths(script), (std::vector<int>{1, 1, 1, 1}));
    EXPECT_TRUE(script.commands[1].redirects.empty());
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, ForLoopHeaderIsNotACommand) {
    const std::string_view text = "for p in a b; do pip install $p; done";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    const Command& pip = script.commands[0];
    EXPECT_EQ(values(pip.words), (Strings{"pip", "install", "$p"}));
    EXPECT_EQ(pip.depth, 1);
    EXPECT_TRUE(pip.words[2].dynamic);
    EXPECT_EQ(pip.range, range_of(text, "pip install $p"));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, ForLoopVariants) {
    const Script script =
        parse_text("for x\ndo a; done\nfor ((i = 0; i < 3; i++)); do b $i; done\n(( n++ ))\nc");
    EXPECT_EQ(names(script), (Strings{"a", "b", "c"}));
    EXPECT_EQ(depths(script), (std::vector<int>{1, 1, 0}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, CaseItemsAreCommandsPatternsAreNot) {
    const Script script = parse_text("x && case \"$1\" in\n"
                                     "  a|-y) echo a ;;\n"
                                     "  (b) echo b; echo bb ;&\n"
                                     "  *) echo other\n"
                                     "esac; done_cmd");
    EXPECT_EQ(names(script), (Strings{"x", "echo", "echo", "echo", "echo", "done_cmd"}));
    EXPECT_EQ(depths(script), (std::vector<int>{0, 1, 1, 1, 1, 0}));
    EXPECT_EQ(values(script.commands[1].words), (Strings{"echo", "a"}));
    EXPECT_EQ(values(script.commands[4].words), (Strings{"echo", "other"}));
    // Each item's first command follows what preceded the case.
    EXPECT_EQ(operators(script),
              (std::vector<Operator>{Operator::None, Operator::And, Operator::And, Operator::Semicolon,
                                     Operator::And, Operator::Semicolon}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, FunctionDefinitions) {
    const Script script = parse_text("setup() {\n  apt-get update\n}\nfunction clean { rm -rf x; }\n"
                                     "function g() ( h )\nsetup");
    EXPECT_EQ(names(script), (Strings{"apt-get", "rm", "h", "setup"}));
    EXPECT_EQ(depths(script), (std::vector<int>{1, 1, 1, 0}));
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, DoubleBracketTestOperatorsAreOperands) {
    const Script script = parse_text("[[ -f x && ( -d y || $z < 3 ) ]] && echo ok");
    EXPECT_EQ(names(script), (Strings{"[[", "echo"}));
    EXPECT_EQ(values(script.commands[0].words),
              (Strings{"[[", "-f", "x", "&&", "(", "-d", "y", "||", "$z", "<", "3", ")", "]]"}));
    EXPECT_TRUE(script.commands[0].redirects.empty());
    EXPECT_EQ(script.commands[1].preceded_by, Operator::And);
    EXPECT_TRUE(script.errors.empty());
}

TEST(ShellTest, NegatedPipeline) {
    const Script script = parse_text("! grep -q x f");
    EXPECT_EQ(names(script), (Strings{"grep"}));
}

TEST(ShellTest, Comments) {
    const std::string_view text = "echo a # apt-get install x\necho b#c;#d\n  # e\necho '#f' \\#g";
    const Script script = parse_text(text);
    EXPECT_EQ(names(script), (Strings{"echo", "echo", "echo"}));
    EXPECT_EQ(values(script.commands[0].words), (Strings{"echo", "a"}));
    EXPECT_EQ(values(script.commands[1].words), (Strings{"echo", "b#c"}));
    EXPECT_EQ(values(script.commands[2].words), (Strings{"echo", "#f", "#g"}));
    EXPECT_EQ(script.commands[0].range, (TextRange{0, 6}));
}

TEST(ShellTest, BackslashNewlineContinuesTheLine) {
    const std::string_view text = "apt-get install \\\n    curl \\\n    gi\\\nt";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    const Command& command = script.commands[0];
    EXPECT_EQ(values(command.words), (Strings{"apt-get", "install", "curl", "git"}));
    EXPECT_EQ(command.words[2].range, range_of(text, "curl"));
    // A word spanning a continuation covers it; its value does not.
    EXPECT_EQ(command.words[3].range, (TextRange{33, static_cast<TextSize>(text.size())}));
    EXPECT_FALSE(command.words[3].quoted);
    EXPECT_EQ(command.range, (TextRange{0, static_cast<TextSize>(text.size())}));
}

TEST(ShellTest, TrailingContinuationIsNotPartOfTheWord) {
    const std::string_view text = "echo abc\\\n def";
    const Script script = parse_text(text);
    ASSERT_EQ(script.commands.size(), 1u);
    EXPECT_EQ(values(script.commands[0].words), (Strings{"echo", "abc", "def"}));
    EXPECT_EQ(script.commands[0].words[1].range, (TextRange{5, 8}));
}

TEST(ShellTest, UnterminatedDoubleQuote) {
    const Script script = parse_text("apt-get update && echo \"abc def");
    EXPECT_EQ(names(script), (Strings{"apt-get", "echo"}));
    ASSERT_EQ(script.errors.size(), 1u);
    EXPECT_EQ(script.errors[0].range, (TextRange{23, 31}));
    EXPECT_NE(script.errors[0].message.find("double quote"), std::string::npos);
    EXPECT_EQ(script.commands[1].words[1].value, "abc def");
}

TEST(ShellTest, UnterminatedSingleQuote) {
    const Script script = parse_text("echo 'abc; rm x");
    EXPECT_EQ(names(script), (Strings{"echo"}));
    ASSERT_EQ(script.errors.size(), 1u);
    EXPECT_EQ(script.errors[0].range, (TextRange{5, 15}));
    EXPECT_NE(script.errors[0].message.find("single quote"), std::string::npos);
}

TEST(ShellTest, UnterminatedSubstitutions) {
    const Script command = parse_text("a; echo $(echo \"x\" ; b");
    EXPECT_EQ(names(command), (Strings{"a", "echo"}));
    ASSERT_EQ(command.errors.size(), 1u);
    EXPECT_EQ(command.errors[0].range, (TextRange{8, 22}));
    EXPECT_NE(command.errors[0].message.find("command substitution"), std::string::npos);

    const Script inside_quotes = parse_text("echo \"$(x\"");
    ASSERT_EQ(inside_quotes.errors.size(), 1u); // one error, not one per enclosing quote
    EXPECT_EQ(inside_quotes.errors[0].range, (TextRange{6, 10}));

    EXPECT_EQ(parse_text("echo ${x").errors.size(), 1u);
    EXPECT_EQ(parse_text("echo `x").errors.size(), 1u);
}

TEST(ShellTest, UnbalancedParentheses) {
    const Script open = parse_text("a; (b && c");
    EXPECT_EQ(names(open), (Strings{"a", "b", "c"}));
    ASSERT_EQ(open.errors.size(), 1u);
    EXPECT_EQ(open.errors[0].range, (TextRange{3, 10}));
    EXPECT_EQ(open.errors[0].message, "unbalanced '('");

    const Script close = parse_text("a) b");
    EXPECT_EQ(names(close), (Strings{"a", "b"}));
    ASSERT_EQ(close.errors.size(), 1u);
    EXPECT_EQ(close.errors[0].range, (TextRange{1, 2}));
    EXPECT_EQ(close.errors[0].message, "unbalanced ')'");
}

TEST(ShellTest, UnterminatedCompounds) {
    EXPECT_EQ(parse_text("if a; then b").errors.size(), 1u);
    EXPECT_EQ(parse_text("{ a; b").errors.size(), 1u);
    EXPECT_EQ(parse_text("for x in y; do a").errors.size(), 1u);
    EXPECT_EQ(parse_text("case x in a) b").errors.size(), 1u);
    const Script stray = parse_text("a; fi; b");
    EXPECT_EQ(names(stray), (Strings{"a", "b"}));
    ASSERT_EQ(stray.errors.size(), 1u);
    EXPECT_EQ(stray.errors[0].range, (TextRange{3, 5}));
}

// "apt-get install \<newline>    curl" after BuildKit removed the continuation: the logical text is
// "apt-get install     curl", and bytes after the join map to later original offsets.
TEST(ShellTest, RangesMapThroughNonContiguousLogicalText) {
    const std::string_view original = "apt-get install cu\\\n    rl \\\n  git";
    LogicalText logical;
    for (std::size_t i = 0; i < original.size(); ++i) {
        const bool continuation = original[i] == '\\' && i + 1 < original.size() && original[i + 1] == '\n';
        if (continuation) {
            ++i;
            continue;
        }
        logical.append(original[i], static_cast<TextSize>(i));
    }
    ASSERT_EQ(logical.text, "apt-get install cu    rl   git");

    const Script script = parse(logical);
    ASSERT_EQ(script.commands.size(), 1u);
    const Command& command = script.commands[0];
    EXPECT_EQ(values(command.words), (Strings{"apt-get", "install", "cu", "rl", "git"}));
    EXPECT_EQ(command.words[1].range, (TextRange{8, 15}));
    EXPECT_EQ(command.words[2].range, (TextRange{16, 18})); // ends at its last byte, not past the `\`
    EXPECT_EQ(command.words[3].range, (TextRange{24, 26}));
    EXPECT_EQ(command.words[4].range, range_of(original, "git"));
    EXPECT_EQ(command.range, (TextRange{0, static_cast<TextSize>(original.size())}));
}

TEST(ShellTest, ParsesALogicalSubRange) {
    // The part of "RUN apt-get update && x" after the instruction keyword, in a text that starts at offset
    // 100.
    const LogicalText logical = LogicalText::contiguous("RUN apt-get update && x", 100);
    const Script script = parse(logical, 4);
    EXPECT_EQ(names(script), (Strings{"apt-get", "x"}));
    EXPECT_EQ(script.commands[0].range, (TextRange{104, 118}));
    const Script middle = parse(logical, 4, 18);
    EXPECT_EQ(names(middle), (Strings{"apt-get"}));
    EXPECT_EQ(values(middle.commands[0].words), (Strings{"apt-get", "update"}));
    // Out-of-range arguments are clamped, never a crash.
    EXPECT_TRUE(parse(logical, 500, 10).commands.empty());
}

TEST(ShellTest, EvalAndHiddenCommands) {
    EXPECT_TRUE(parse_text("eval \"$CMD\"").uses_eval);
    EXPECT_TRUE(parse_text("source /etc/profile").uses_eval);
    EXPECT_TRUE(parse_text(". ./env.sh && make").uses_eval);
    EXPECT_TRUE(parse_text("sh -c 'apt-get install x'").uses_eval);
    EXPECT_TRUE(parse_text("/bin/bash -lc \"make\"").uses_eval);
    EXPECT_TRUE(parse_text("su - app -c 'npm install'").uses_eval);
    EXPECT_TRUE(parse_text("sudo -u app sh -e -c 'x'").uses_eval);
    EXPECT_TRUE(parse_text("a; if b; then eval x; fi").uses_eval);
    EXPECT_FALSE(parse_text("sh ./script.sh -c").uses_eval);
    EXPECT_FALSE(parse_text("bash -c").uses_eval);
    EXPECT_FALSE(parse_text("apt-get install bash && echo eval").uses_eval);
    EXPECT_FALSE(parse_text("echo $(eval x)").uses_eval); // inside `$(…)`: not modelled
}

TEST(ShellTest, HasFlag) {
    const Script script = parse_text("apt-get -qy --yes=true install -o/tmp/z --no-x -- -f");
    const Command& command = script.commands[0];
    EXPECT_TRUE(command.has_flag("q"));
    EXPECT_TRUE(command.has_flag("y"));
    EXPECT_TRUE(command.has_flag("-y"));
    EXPECT_TRUE(command.has_flag("yes"));
    EXPECT_TRUE(command.has_flag("--yes"));
    EXPECT_TRUE(command.has_flag("o"));
    EXPECT_FALSE(command.has_flag("z")); // part of the value of -o
    EXPECT_FALSE(command.has_flag("f")); // after `--`
    EXPECT_FALSE(command.has_flag("n")); // `--no-x` is a long flag, not a cluster
    EXPECT_FALSE(command.has_flag("no"));
    EXPECT_TRUE(command.has_flag("no-x"));
    EXPECT_FALSE(command.has_flag(""));
    EXPECT_TRUE(command.has_any_flag({"assume-yes", "y"}));
    EXPECT_FALSE(command.has_any_flag({"assume-yes", "force-yes"}));
}

TEST(ShellTest, FlagValue) {
    const std::string_view text = "curl -o out.txt --retry=3 --user me -Hx -- --data d";
    const Script script = parse_text(text);
    const Command& command = script.commands[0];
    ASSERT_TRUE(command.flag_value("o").has_value());
    EXPECT_EQ(command.flag_value("o")->value, "out.txt");
    EXPECT_EQ(command.flag_value("o")->range, range_of(text, "out.txt"));
    ASSERT_TRUE(command.flag_value("retry").has_value());
    EXPECT_EQ(command.flag_value("retry")->value, "3");
    EXPECT_EQ(command.flag_value("retry")->range, range_of(text, "3"));
    EXPECT_EQ(command.flag_value("user")->value, "me");
    EXPECT_EQ(command.flag_value("H")->value, "x");
    EXPECT_FALSE(command.flag_value("data").has_value()); // after `--`
    EXPECT_FALSE(command.flag_value("output").has_value());
    EXPECT_FALSE(command.flag_value("retr").has_value());

    const Script quoted = parse_text("pip install --index-url=\"http://a b\"");
    EXPECT_EQ(quoted.commands[0].flag_value("index-url")->value, "http://a b");
    EXPECT_EQ(quoted.commands[0].flag_value("index-url")->range, quoted.commands[0].words[2].range);
}

TEST(ShellTest, OperandsSkipFlagValues) {
    const Script script = parse_text("pip install -r req.txt flask");
    const Command& pip = script.commands[0];
    EXPECT_EQ(values(pip.operands({"r", "requirement"})), (Strings{"install", "flask"}));
    EXPECT_EQ(values(pip.operands()), (Strings{"install", "req.txt", "flask"}));

    const Script spelled =
        parse_text("pip install --requirement req.txt -qr r2.txt -rr3.txt --requirement=r4 a - -- -b");
    EXPECT_EQ(values(spelled.commands[0].operands({"r", "requirement"})),
              (Strings{"install", "a", "-", "-b"}));
}

TEST(ShellTest, FindAndContains) {
    const Script script = parse_text("/usr/bin/apt-get update; apk add x; (apt-get install y)");
    const std::vector<const Command*> found = script.find("apt-get");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0], &script.commands[0]);
    EXPECT_EQ(found[1], &script.commands[2]);
    EXPECT_EQ(found[0]->words[0].value, "/usr/bin/apt-get");
    EXPECT_TRUE(script.contains("apk"));
    EXPECT_FALSE(script.contains("yum"));
}

TEST(ShellTest, DeepNestingIsBounded) {
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += "( ";
    text += "x";
    const Script script = parse_text(text);
    EXPECT_FALSE(script.errors.empty());

    std::string substitutions = "echo ";
    for (int i = 0; i < 5000; ++i)
        substitutions += "$(";
    for (int i = 0; i < 5000; ++i)
        substitutions += ")";
    const Script deep = parse_text(substitutions);
    EXPECT_TRUE(deep.errors.empty());
    ASSERT_EQ(deep.commands.size(), 1u);
    EXPECT_EQ(deep.commands[0].words.size(), 2u);

    std::string functions; // each definition's body is the next definition
    for (int i = 0; i < 5000; ++i)
        functions += "f() ";
    EXPECT_EQ(parse_text(functions).errors.size(), 1u);
}

TEST(ShellTest, ArithmeticScanDefersToTheParser) {
    // The `(` in the here-document body throws off the lexer's look-ahead for `))`, so `((` is taken as two
    // `(`; the parser, which skips the body, then closes both subshells.
    std::string text;
    for (int i = 0; i < 50; ++i)
        text += "((a <<E\n(\nE\n))\n";
    const Script script = parse_text(text);
    EXPECT_EQ(script.commands.size(), 50u);
    EXPECT_TRUE(script.errors.empty());
    EXPECT_EQ(script.commands[0].depth, 2);
}

TEST(ShellTest, CrLfLineEndings) {
    const Script script = parse_text("apt-get update \\\r\n && apt-get install -y x\r\necho ok\r\n");
    EXPECT_EQ(names(script), (Strings{"apt-get", "apt-get", "echo"}));
    EXPECT_EQ(values(script.commands[1].words), (Strings{"apt-get", "install", "-y", "x"}));
    EXPECT_EQ(script.commands[1].preceded_by, Operator::And);
    EXPECT_EQ(script.commands[2].preceded_by, Operator::Newline);
}

// Every prefix of a script full of constructs is malformed somewhere: the parser must always return.
TEST(ShellTest, EveryPrefixParses) {
    const std::string_view text =
        "set -eux; A=1 B=\"$(cmd \"x)\" 'y')\" apt-get install -y a=1 2>&1 | tee log &&\n"
        "if [[ -f x && $y ]]; then for i in `seq 3`; do echo ${i:-'a b'} $'\\t' >>f; done; fi\n"
        "case $x in (a|b) { c; } ;; *) f() ( g ) ;; esac <<EOF\nbody\nEOF\n"
        "while ((i++ < 3)); do ! x <(y) || z; done # trailing \\\n";
    for (std::size_t length = 0; length <= text.size(); ++length) {
        const Script script = parse_text(text.substr(0, length));
        for (const Command& command : script.commands)
            EXPECT_LE(command.range.end, length);
    }
    const Script whole = parse_text(text);
    EXPECT_TRUE(whole.errors.empty());
    EXPECT_EQ(names(whole), (Strings{"set", "apt-get", "tee", "[[", "echo", "c", "g", "x", "z"}));
}

TEST(ShellTest, RandomBytesNeverHang) {
    const std::string_view alphabet = "ab $(){}[]'\"`\\\n;&|<>#=-!*012";
    std::uint32_t state = 12345;
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const std::size_t length = round % 60;
        for (std::size_t i = 0; i < length; ++i) {
            state = state * 1664525u + 1013904223u;
            text.push_back(alphabet[(state >> 16) % alphabet.size()]);
        }
        const Script script = parse_text(text);
        for (const Error& error : script.errors)
            EXPECT_LE(error.range.end, text.size()) << text;
    }
}

} // namespace
} // namespace drydock::shell
