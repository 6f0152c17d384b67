// The language server's keystroke path on a 500-line Dockerfile: an incremental didChange, then the debounced
// lint (every rule on by default, ShellCheck off as on keystrokes), the conversion to UTF-16 ranges and the
// publishDiagnostics message serialised — everything between a key press and the squiggles but the pipe.
// Also a quick-fix request at a finding and the fix-all action (the fix loop) on the same buffer.

#include "lsp/protocol.hpp"
#include "lsp/server.hpp"
#include "support/corpus.hpp"

#include <algorithm>
#include <benchmark/benchmark.h>

namespace {

using nlohmann::json;

class BenchConfigs : public drydock::lsp::ConfigSource {
public:
    drydock::lsp::ConfigLookup config_for(const std::string&) override {
        drydock::Config config;
        config.shellcheck = false;
        return {config, {}};
    }
    void reload() override {}
};

// The first corpus files of 2-8 KB, concatenated up to 500 lines.
std::string buffer_500_lines() {
    std::vector<std::string> texts;
    for (const auto& path : drydock::testing::corpus_dockerfiles())
        texts.push_back(drydock::testing::read_file(path));
    std::sort(texts.begin(), texts.end());
    std::string out;
    for (const std::string& t : texts) {
        if (std::count(out.begin(), out.end(), '\n') >= 500)
            break;
        if (t.size() < 2000 || t.size() > 8000)
            continue;
        out += t;
        if (out.back() != '\n')
            out += '\n';
    }
    return out;
}

struct Session {
    BenchConfigs configs;
    std::size_t bytes_sent = 0;
    drydock::lsp::Server server;
    const std::string uri = "file:///bench/Dockerfile";

    explicit Session(const std::string& text)
        : server(configs, [this](const json& m) { bytes_sent += drydock::lsp::dump(m).size(); },
                 {std::chrono::milliseconds(0), false, "", false}) {
        server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
        server.handle({{"jsonrpc", "2.0"},
                       {"method", "textDocument/didOpen"},
                       {"params",
                        {{"textDocument",
                          {{"uri", uri}, {"languageId", "dockerfile"}, {"version", 1}, {"text", text}}}}}});
        server.flush();
    }
};

void BM_LspKeystroke500Lines(benchmark::State& state) {
    const std::string text = buffer_500_lines();
    if (text.empty()) {
        state.SkipWithError("shared corpus not found (lay ../shared beside the checkout)");
        return;
    }
    Session session(text);
    int version = 1;
    for (auto _ : state) {
        // Type a character at line 250, or delete it again.
        const bool insert = version % 2 == 1;
        const json range = {{"start", {{"line", 250}, {"character", 0}}},
                            {"end", {{"line", 250}, {"character", insert ? 0 : 1}}}};
        session.server.handle({{"jsonrpc", "2.0"},
                               {"method", "textDocument/didChange"},
                               {"params",
                                {{"textDocument", {{"uri", session.uri}, {"version", ++version}}},
                                 {"contentChanges", {{{"range", range}, {"text", insert ? "#" : ""}}}}}}});
        session.server.run_due(drydock::lsp::Server::Clock::now());
    }
    state.counters["lines"] = static_cast<double>(std::count(text.begin(), text.end(), '\n'));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_LspFixAll500Lines(benchmark::State& state) {
    const std::string text = buffer_500_lines();
    if (text.empty()) {
        state.SkipWithError("shared corpus not found (lay ../shared beside the checkout)");
        return;
    }
    Session session(text);
    const json request = {
        {"jsonrpc", "2.0"},
        {"id", 2},
        {"method", "textDocument/codeAction"},
        {"params",
         {{"textDocument", {{"uri", session.uri}}},
          {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 500}, {"character", 0}}}}},
          {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll.drydock"}}}}}}};
    for (auto _ : state)
        session.server.handle(request);
}

} // namespace

BENCHMARK(BM_LspKeystroke500Lines)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LspFixAll500Lines)->Unit(benchmark::kMillisecond);
