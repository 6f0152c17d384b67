#include "tree_invariants.hpp"

#include <drydock/parser/parse.hpp>

#include <algorithm>

namespace drydock::testing {
namespace {

std::string show(TextRange r) {
    return "[" + std::to_string(r.begin) + "," + std::to_string(r.end) + ")";
}

class Checker {
public:
    explicit Checker(const Dockerfile& file) : file_(file) {}

    std::vector<std::string> run() {
        check_items();
        if (print(file_) != file_.source)
            fail("print(parse(text)) differs from text");
        for (const Instruction& ins : file_.instructions)
            check_instruction(ins, ins.range);
        for (const ParseError& e : file_.errors)
            inside(e.range, {0, static_cast<TextSize>(file_.source.size())}, "error '" + e.message + "'");
        return std::move(problems_);
    }

private:
    void fail(std::string message) { problems_.push_back(std::move(message)); }

    void inside(TextRange child, TextRange parent, const std::string& what) {
        if (child.begin > child.end || !parent.contains(child))
            fail(what + " " + show(child) + " is not inside " + show(parent));
    }

    void check_items() {
        TextSize expected = 0;
        for (const Item& item : file_.items) {
            if (item.range.begin != expected)
                fail("item " + show(item.range) + " does not start where the previous ended (" +
                     std::to_string(expected) + ")");
            if (item.range.end <= item.range.begin)
                fail("empty item " + show(item.range));
            expected = item.range.end;
        }
        if (expected != file_.source.size())
            fail("items end at " + std::to_string(expected) + ", the file at " +
                 std::to_string(file_.source.size()));
    }

    // Children in source order, none overlapping the previous one.
    void ordered(const std::vector<TextRange>& ranges, const std::string& what) {
        for (std::size_t i = 1; i < ranges.size(); ++i)
            if (ranges[i].begin < ranges[i - 1].end)
                fail(what + " " + show(ranges[i]) + " overlaps or precedes " + show(ranges[i - 1]));
    }

    // The original text of `r` without the instruction's continuation markers and interior comment or empty
    // lines: what BuildKit joins into the logical line, and so what every word's `raw` must equal.
    std::string logical_slice(TextRange r) const {
        std::string out;
        for (TextSize i = r.begin; i < r.end; ++i) {
            bool skipped = false;
            for (const TextRange& s : skipped_)
                if (s.contains(i)) {
                    skipped = true;
                    break;
                }
            if (!skipped)
                out += file_.source[i];
        }
        return out;
    }

    void check_word(const Word& w, TextRange parent, const std::string& what) {
        inside(w.range, parent, what);
        if (logical_slice(w.range) != w.raw)
            fail(what + " " + show(w.range) + " holds '" + logical_slice(w.range) + "', not its raw text '" +
                 w.raw + "'");
        for (const VariableRef& v : w.variables)
            inside(v.range, w.range, what + " variable $" + v.name);
    }

    void check_instruction(const Instruction& ins, TextRange parent, bool nested = false) {
        const std::string name(keyword_name(ins.kind));
        inside(ins.range, parent, name);
        if (!nested) {
            // A trigger shares its ONBUILD's lines, so it keeps the outer instruction's skipped ranges.
            skipped_.clear();
            skipped_.insert(skipped_.end(), ins.continuations.begin(), ins.continuations.end());
            skipped_.insert(skipped_.end(), ins.comments.begin(), ins.comments.end());
            skipped_.insert(skipped_.end(), ins.empty_continuation_lines.begin(),
                            ins.empty_continuation_lines.end());
        }
        if (keyword_kind(ins.keyword.raw) != ins.kind)
            fail(name + " has the keyword '" + ins.keyword.raw + "'");
        if (!nested && ins.keyword.range.begin != ins.range.begin)
            fail(name + " range " + show(ins.range) + " does not begin with its keyword");
        check_word(ins.keyword, ins.range, name + " keyword");
        std::vector<TextRange> order{ins.keyword.range};
        for (const Flag& f : ins.flags) {
            inside(f.range, ins.range, name + " flag");
            check_word(f.name, f.range, name + " flag name");
            if (f.value)
                check_word(*f.value, f.range, name + " flag value");
            order.push_back(f.range);
        }
        for (const Word& w : ins.arguments)
            check_word(w, ins.range, name + " argument");
        for (const KeyValue& kv : ins.pairs) {
            check_word(kv.key, ins.range, name + " key");
            if (kv.value)
                check_word(*kv.value, ins.range, name + " value");
        }
        for (const Heredoc& h : ins.heredocs) {
            inside(h.marker, ins.range, name + " heredoc marker");
            if (h.terminated)
                inside(h.terminator, ins.range, name + " heredoc terminator");
            if (h.script)
                check_script(*h.script, h.body, name + " heredoc script");
        }
        if (ins.command) {
            inside(ins.command->range, ins.range, name + " command");
            for (const Word& w : ins.command->elements)
                check_word(w, ins.command->range, name + " exec element");
            if (ins.command->script)
                check_script(*ins.command->script, ins.command->range, name + " shell script");
        }
        for (const TextRange& r : ins.continuations)
            inside(r, ins.line_range, name + " continuation");
        for (const TextRange& r : ins.comments)
            inside(r, ins.line_range, name + " interior comment");
        if (!ins.arguments.empty())
            order.push_back(ins.arguments.front().range);
        ordered(order, name + " child");
        for (const Instruction& trigger : ins.trigger)
            check_instruction(trigger, ins.range, true);
    }

    void check_script(const shell::Script& script, TextRange parent, const std::string& what) {
        for (const shell::Command& c : script.commands) {
            inside(c.range, parent, what + " command");
            std::vector<TextRange> words;
            for (const shell::Word& w : c.words) {
                inside(w.range, c.range, what + " word '" + w.value + "'");
                words.push_back(w.range);
            }
            ordered(words, what + " word");
        }
    }

    const Dockerfile& file_;
    std::vector<TextRange> skipped_; // of the instruction being checked
    std::vector<std::string> problems_;
};

} // namespace

std::vector<std::string> check_tree_invariants(const Dockerfile& file) {
    return Checker(file).run();
}

} // namespace drydock::testing
