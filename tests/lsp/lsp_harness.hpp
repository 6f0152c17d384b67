#pragma once
// Drives an lsp::Server in-process for tests: a fixed config, every message the server sends recorded, and
// helpers for the requests and notifications a client sends.

#include "lsp/server.hpp"

#include <drydock/checks/config.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace drydock::lsp::testing {

using nlohmann::json;

// One config for every document (ShellCheck off unless a test turns it on), or an error.
class FixedConfigs : public ConfigSource {
public:
    Config config;
    std::string error; // non-empty: every lookup fails with it
    int reloads = 0;
    std::vector<std::string> paths; // what was asked for

    FixedConfigs() { config.shellcheck = false; }
    ConfigLookup config_for(const std::string& path) override;
    void reload() override { ++reloads; }
};

class Harness {
public:
    explicit Harness(ServerOptions options = {}, bool initialize = true);

    FixedConfigs configs;
    std::vector<json> sent;
    Server server;

    // Sends a request and returns the response to it.
    json request(const std::string& method, const json& params = json::object());
    void notify(const std::string& method, const json& params = json::object());
    void receive_raw(const std::string& body);

    void open(const std::string& uri, const std::string& text, int version = 1);
    void change(const std::string& uri, int version, const json& content_changes);
    // Publishes (after flushing pending lints) for `uri`, oldest first.
    std::vector<json> published(const std::string& uri);
    // The diagnostics of the latest publish for `uri` (after flushing).
    json diagnostics(const std::string& uri);
    // The responses with this id (usually one).
    std::vector<json> responses(const json& id) const;

private:
    int next_id_ = 100;
};

// `text` with the LSP TextEdits applied (positions in UTF-16, all relative to `text`).
std::string apply_text_edits(const std::string& text, const json& edits);

} // namespace drydock::lsp::testing
