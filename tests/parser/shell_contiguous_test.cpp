// parse_contiguous (heredoc bodies, without a LogicalText's offset table) gives exactly the model that
// parse(LogicalText::contiguous(…)) gives: the same commands, words, redirects, operators, depths and errors
// at the same offsets — on hand-written edge cases and on every RUN heredoc of the corpus.

#include "parser/src/shell_contiguous.hpp"
#include "support/corpus.hpp"

#include <drydock/parser/logical_text.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>

namespace drydock::shell {
namespace {

std::string dump_word(const Word& w) {
    std::ostringstream out;
    out << w.range.begin << '-' << w.range.end << ':' << w.value << (w.quoted ? "'" : "")
        << (w.dynamic ? "$" : "");
    return out.str();
}

// Every field of the model, one line per command or error.
std::string dump(const Script& script) {
    std::ostringstream out;
    for (const Command& c : script.commands) {
        out << c.range.begin << '-' << c.range.end << " op" << static_cast<int>(c.preceded_by) << " d"
            << c.depth << (c.in_pipeline ? " |" : "");
        for (const Word& w : c.assignments)
            out << " A" << dump_word(w);
        for (const Word& w : c.words)
            out << " W" << dump_word(w);
        for (const Redirect& r : c.redirects)
            out << " R" << r.range.begin << '-' << r.range.end << r.op << dump_word(r.target);
        out << '\n';
    }
    for (const Error& e : script.errors)
        out << "error " << e.range.begin << '-' << e.range.end << ' ' << e.message << '\n';
    out << "eval " << script.uses_eval << '\n';
    return out.str();
}

void expect_same(std::string_view text, TextSize base) {
    const Script expected = parse(LogicalText::contiguous(text, base));
    const Script actual = parse_contiguous(text, base);
    EXPECT_EQ(dump(actual), dump(expected)) << text;
}

TEST(ShellContiguous, SameModelAsContiguousLogicalText) {
    for (const std::string_view text : {
             "",
             "echo hi\n",
             "apt-get update && apt-get install -y curl \\\n    git\n",
             "set -eux; cd /tmp\r\nsudo -u app env A=1 make install 2>/dev/null | tee log\n",
             "if [ -f x ]; then\n  for i in a b; do echo \"$i\"; done\nelse (cd y && make) fi\n",
             "cat <<EOT > /etc/x\nline $(date)\nEOT\necho after\n",
             "echo \"unterminated\n",
             "echo 'single\n",
             "x=$(echo ( ; \n",
             "f() { echo in; }\n[[ a && b ]] || echo no\n",
             "echo `date` $((1 + 2)) ${A:-b} <(ls) arr=(1 2)\n",
             "(( i++ ))\ncase $x in a|b) echo ab ;; *) echo other ;; esac\n",
             ")\n;;\n& echo odd\n",
         }) {
        expect_same(text, 0);
        expect_same(text, 1234);
    }
}

TEST(ShellContiguous, CorpusHeredocsHaveTheSameModel) {
    DRYDOCK_REQUIRE_CORPUS();
    std::size_t heredocs = 0;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const Dockerfile file = drydock::parse(testing::read_file(path));
        for (const Instruction& ins : file.instructions) {
            for (const Heredoc& doc : ins.heredocs) {
                if (!doc.script)
                    continue;
                ++heredocs;
                const Script expected = parse(LogicalText::contiguous(file.text(doc.body), doc.body.begin));
                EXPECT_EQ(dump(*doc.script), dump(expected)) << path;
            }
        }
    }
    EXPECT_GT(heredocs, 0U);
}

} // namespace
} // namespace drydock::shell
