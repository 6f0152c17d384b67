#include "output/tree_json.hpp"

#include <drydock/parser/line_index.hpp>

namespace drydock::cli {
namespace {

using nlohmann::json;

class TreeWriter {
public:
    explicit TreeWriter(const Dockerfile& file) : file_(file), lines_(file.source) {}

    json file(const std::string& path) {
        json out;
        out["file"] = path;
        out["escape"] = std::string(1, file_.escape);
        out["directives"] = json::array();
        for (const Directive& d : file_.directives)
            out["directives"].push_back(located(d.range, {{"name", d.name.raw}, {"value", d.value.raw}}));
        out["comments"] = json::array();
        for (const Comment& c : file_.comments)
            out["comments"].push_back(located(c.range, {{"text", c.text}}));
        out["instructions"] = json::array();
        for (const Instruction& ins : file_.instructions)
            out["instructions"].push_back(instruction(ins));
        out["errors"] = json::array();
        for (const ParseError& e : file_.errors)
            out["errors"].push_back(located(e.range, {{"message", e.message}}));
        return out;
    }

private:
    json range(TextRange r) const { return {{"start", r.begin}, {"end", r.end}}; }

    json located(TextRange r, json object) const {
        const Position start = lines_.position(r.begin);
        const Position end = lines_.position(r.end);
        object["range"] = range(r);
        object["line"] = start.line;
        object["column"] = start.column;
        object["endLine"] = end.line;
        object["endColumn"] = end.column;
        return object;
    }

    json word(const Word& w) const {
        json out = located(w.range, {{"raw", w.raw}, {"value", w.value}});
        if (!w.variables.empty()) {
            out["variables"] = json::array();
            for (const VariableRef& v : w.variables)
                out["variables"].push_back(
                    located(v.range, {{"name", v.name}, {"modifier", v.modifier}, {"operand", v.operand}}));
        }
        return out;
    }

    json shell_word(const shell::Word& w) const {
        return located(w.range, {{"value", w.value}, {"quoted", w.quoted}, {"dynamic", w.dynamic}});
    }

    json script(const shell::Script& s) const {
        static constexpr const char* operators[] = {"", "&&", "||", ";", "|", "&", "newline"};
        json commands = json::array();
        for (const shell::Command& c : s.commands) {
            json cmd = located(c.range, {{"name", std::string(c.name())}, {"depth", c.depth}});
            cmd["operator"] = operators[static_cast<int>(c.preceded_by)];
            cmd["words"] = json::array();
            for (const shell::Word& w : c.words)
                cmd["words"].push_back(shell_word(w));
            cmd["assignments"] = json::array();
            for (const shell::Word& w : c.assignments)
                cmd["assignments"].push_back(shell_word(w));
            cmd["redirects"] = json::array();
            for (const shell::Redirect& r : c.redirects)
                cmd["redirects"].push_back(
                    located(r.range, {{"op", r.op}, {"target", shell_word(r.target)}}));
            commands.push_back(std::move(cmd));
        }
        json errors = json::array();
        for (const shell::Error& e : s.errors)
            errors.push_back(located(e.range, {{"message", e.message}}));
        return {{"commands", commands}, {"errors", errors}, {"usesEval", s.uses_eval}};
    }

    json instruction(const Instruction& ins) const {
        json out = located(ins.range, {{"keyword", ins.keyword.raw},
                                       {"kind", std::string(keyword_name(ins.kind))},
                                       {"valid", ins.valid},
                                       {"jsonForm", ins.json_form}});
        out["lineRange"] = range(ins.line_range);
        out["flags"] = json::array();
        for (const Flag& f : ins.flags) {
            json flag = located(f.range, {{"name", f.name.raw}});
            flag["value"] = f.value ? word(*f.value) : json(nullptr);
            out["flags"].push_back(std::move(flag));
        }
        out["arguments"] = json::array();
        for (const Word& w : ins.arguments)
            out["arguments"].push_back(word(w));
        if (ins.command) {
            json command = located(ins.command->range,
                                   {{"form", ins.command->form == CommandForm::Exec ? "exec" : "shell"}});
            if (ins.command->form == CommandForm::Shell)
                command["text"] = ins.command->text;
            if (ins.command->script)
                command["script"] = script(*ins.command->script);
            out["command"] = std::move(command);
        }
        if (!ins.pairs.empty()) {
            out["pairs"] = json::array();
            for (const KeyValue& kv : ins.pairs) {
                json pair = located(kv.range, {{"key", word(kv.key)}, {"legacy", kv.legacy}});
                pair["value"] = kv.value ? word(*kv.value) : json(nullptr);
                out["pairs"].push_back(std::move(pair));
            }
        }
        if (ins.from) {
            const ImageReference& img = ins.from->image;
            json from = {{"image", word(img.word)},
                         {"registry", img.registry_text},
                         {"repository", img.repository_text},
                         {"tag", img.tag_text},
                         {"digest", img.digest_text}};
            from["stage"] = ins.from->stage_name ? word(*ins.from->stage_name) : json(nullptr);
            out["from"] = std::move(from);
        }
        if (!ins.ports.empty()) {
            out["ports"] = json::array();
            for (const PortSpec& p : ins.ports)
                out["ports"].push_back(
                    located(p.word.range, {{"start", p.start}, {"end", p.end}, {"protocol", p.protocol}}));
        }
        if (ins.healthcheck_type)
            out["healthcheckType"] = word(*ins.healthcheck_type);
        if (!ins.heredocs.empty()) {
            out["heredocs"] = json::array();
            for (const Heredoc& h : ins.heredocs) {
                json doc = located(h.marker, {{"delimiter", h.delimiter},
                                              {"stripTabs", h.strip_tabs},
                                              {"expands", h.expands},
                                              {"terminated", h.terminated}});
                doc["body"] = range(h.body);
                doc["terminator"] = range(h.terminator);
                if (h.script)
                    doc["script"] = script(*h.script);
                out["heredocs"].push_back(std::move(doc));
            }
        }
        if (!ins.trigger.empty())
            out["trigger"] = instruction(ins.trigger.front());
        out["continuations"] = json::array();
        for (const TextRange& r : ins.continuations)
            out["continuations"].push_back(range(r));
        out["comments"] = json::array();
        for (const TextRange& r : ins.comments)
            out["comments"].push_back(range(r));
        return out;
    }

    const Dockerfile& file_;
    LineIndex lines_;
};

} // namespace

nlohmann::json tree_to_json(const Dockerfile& file, const std::string& path) {
    return TreeWriter(file).file(path);
}

} // namespace drydock::cli
