#include <drydock/parser/dump.hpp>
#include <drydock/parser/line_index.hpp>

#include <string_view>

namespace drydock {
namespace {

// JSON-style quoting keeps the dump on one line per node and makes blanks visible.
std::string quote(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\x";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string_view operator_name(shell::Operator op) {
    switch (op) {
    case shell::Operator::None:
        return "";
    case shell::Operator::And:
        return "&& ";
    case shell::Operator::Or:
        return "|| ";
    case shell::Operator::Semicolon:
        return "; ";
    case shell::Operator::Pipe:
        return "| ";
    case shell::Operator::Background:
        return "& ";
    case shell::Operator::Newline:
        return "\\n ";
    }
    return "";
}

class Dumper {
public:
    explicit Dumper(const Dockerfile& file) : file_(file), lines_(file.source) {}

    std::string run() {
        for (const Directive& d : file_.directives)
            line(0, "directive " + d.name.raw + "=" + quote(d.value.raw) + " " + at(d.range));
        for (const Instruction& ins : file_.instructions)
            instruction(ins, 0);
        for (const ParseError& e : file_.errors)
            line(0, "error " + at(e.range) + " " + e.message);
        return std::move(out_);
    }

private:
    std::string pos(TextSize offset) const {
        const Position p = lines_.position(offset);
        return std::to_string(p.line) + ":" + std::to_string(p.column);
    }
    std::string at(TextRange r) const { return "@" + pos(r.begin) + "-" + pos(r.end); }

    void line(int depth, const std::string& text) {
        out_.append(static_cast<std::size_t>(depth) * 2, ' ');
        out_ += text;
        out_ += '\n';
    }

    std::string word(const Word& w) const {
        std::string s = quote(w.raw);
        if (w.value != w.raw)
            s += "=>" + quote(w.value);
        for (const VariableRef& v : w.variables)
            s += " $" + v.name + (v.modifier.empty() ? "" : "[" + v.modifier + quote(v.operand) + "]");
        return s + " " + at(w.range);
    }

    void instruction(const Instruction& ins, int depth) {
        std::string head = std::string(keyword_name(ins.kind)) + " " + at(ins.range);
        if (ins.json_form)
            head += " json";
        if (!ins.valid)
            head += " invalid";
        line(depth, head);
        for (const Flag& f : ins.flags)
            line(depth + 1,
                 "flag " + quote(f.name.raw) + (f.value ? " = " + word(*f.value) : "") + " " + at(f.range));
        if (ins.from) {
            const ImageReference& img = ins.from->image;
            line(depth + 1, "image " + word(img.word) + " registry=" + quote(img.registry_text) +
                                " repository=" + quote(img.repository_text) + " tag=" + quote(img.tag_text) +
                                " digest=" + quote(img.digest_text));
            if (ins.from->stage_name)
                line(depth + 1, "stage " + word(*ins.from->stage_name));
        } else if (!ins.pairs.empty()) {
            for (const KeyValue& kv : ins.pairs)
                line(depth + 1, std::string(kv.legacy ? "legacy-pair " : "pair ") + word(kv.key) +
                                    (kv.value ? " = " + word(*kv.value) : ""));
        } else if (!ins.ports.empty()) {
            for (const PortSpec& p : ins.ports)
                line(depth + 1, "port " + word(p.word) + " " + std::to_string(p.start) + "-" +
                                    std::to_string(p.end) + "/" + p.protocol);
        } else if (ins.command) {
            if (ins.healthcheck_type)
                line(depth + 1, "type " + word(*ins.healthcheck_type));
            command(*ins.command, depth + 1);
        } else {
            if (ins.healthcheck_type)
                line(depth + 1, "type " + word(*ins.healthcheck_type));
            for (const Word& w : ins.arguments)
                line(depth + 1, "arg " + word(w));
        }
        for (const Heredoc& h : ins.heredocs) {
            line(depth + 1, "heredoc " + quote(h.delimiter) + (h.strip_tabs ? " strip-tabs" : "") +
                                (h.expands ? "" : " literal") +
                                (h.fd >= 0 ? " fd=" + std::to_string(h.fd) : "") + " marker=" + at(h.marker) +
                                " body=" + quote(file_.text(h.body)) + (h.terminated ? "" : " unterminated"));
            if (h.script)
                script(*h.script, depth + 2);
        }
        for (const TextRange& c : ins.comments)
            line(depth + 1, "comment " + at(c));
        for (const TextRange& e : ins.empty_continuation_lines)
            line(depth + 1, "empty-continuation-line " + at(e));
        for (const Instruction& t : ins.trigger)
            instruction(t, depth + 1);
    }

    void command(const CommandLine& c, int depth) {
        if (c.form == CommandForm::Exec) {
            std::string s = "exec";
            for (const Word& w : c.elements)
                s += " " + quote(w.value);
            line(depth, s + " " + at(c.range));
            return;
        }
        line(depth, "shell " + quote(c.text) + " " + at(c.range));
        if (c.script)
            script(*c.script, depth + 1);
    }

    void script(const shell::Script& s, int depth) {
        for (const shell::Command& c : s.commands) {
            std::string text = std::string(operator_name(c.preceded_by)) + "cmd";
            for (const shell::Word& a : c.assignments)
                text += " " + quote(a.value) + "=";
            for (const shell::Word& w : c.words)
                text += " " + quote(w.value);
            for (const shell::Redirect& r : c.redirects)
                text += " " + r.op + quote(r.target.value);
            if (c.depth)
                text += " depth=" + std::to_string(c.depth);
            line(depth, text + " " + at(c.range));
        }
        for (const shell::Error& e : s.errors)
            line(depth, "shell-error " + at(e.range) + " " + e.message);
    }

    const Dockerfile& file_;
    LineIndex lines_;
    std::string out_;
};

} // namespace

std::string dump(const Dockerfile& file) {
    return Dumper(file).run();
}

} // namespace drydock
