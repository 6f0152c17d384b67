#include "lsp/lsp_harness.hpp"

#include "lsp/protocol.hpp"

#include <algorithm>

namespace drydock::lsp::testing {

ConfigLookup FixedConfigs::config_for(const std::string& path) {
    paths.push_back(path);
    if (!error.empty())
        return {std::nullopt, error};
    return {config, {}};
}

Harness::Harness(ServerOptions options, bool initialize)
    : server(
          configs, [this](const json& m) { sent.push_back(m); }, std::move(options)) {
    if (initialize) {
        request("initialize",
                {{"processId", nullptr}, {"rootUri", "file:///work"}, {"capabilities", json::object()}});
        notify("initialized");
    }
}

json Harness::request(const std::string& method, const json& params) {
    const int id = next_id_++;
    server.handle({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    const std::vector<json> answers = responses(id);
    return answers.empty() ? json() : answers.back();
}

void Harness::notify(const std::string& method, const json& params) {
    server.handle({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

void Harness::receive_raw(const std::string& body) {
    server.receive({Frame::Kind::Body, body});
}

void Harness::open(const std::string& uri, const std::string& text, int version) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", uri}, {"languageId", "dockerfile"}, {"version", version}, {"text", text}}}});
}

void Harness::change(const std::string& uri, int version, const json& content_changes) {
    notify("textDocument/didChange",
           {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", content_changes}});
}

std::vector<json> Harness::published(const std::string& uri) {
    server.flush();
    std::vector<json> out;
    for (const json& m : sent)
        if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            out.push_back(m["params"]);
    return out;
}

json Harness::diagnostics(const std::string& uri) {
    const std::vector<json> all = published(uri);
    return all.empty() ? json() : all.back()["diagnostics"];
}

std::vector<json> Harness::responses(const json& id) const {
    std::vector<json> out;
    for (const json& m : sent)
        if (!m.contains("method") && m.contains("id") && m["id"] == id)
            out.push_back(m);
    return out;
}

std::string apply_text_edits(const std::string& text, const json& edits) {
    const LineIndex lines(text);
    std::vector<std::pair<TextRange, std::string>> byte_edits;
    for (const json& e : edits)
        byte_edits.push_back({to_text_range(lines, range_from_json(e.at("range"))), e.at("newText")});
    std::sort(byte_edits.begin(), byte_edits.end(),
              [](const auto& a, const auto& b) { return a.first.begin > b.first.begin; });
    std::string out = text;
    for (const auto& [range, replacement] : byte_edits)
        out.replace(range.begin, range.size(), replacement);
    return out;
}

} // namespace drydock::lsp::testing
