// Fuzzes the language server from its input bytes: the message reader (framing, garbage, lengths), JSON-RPC
// dispatch and every handler the messages reach (didOpen/didChange with arbitrary text and ranges, code
// actions with fix-all, hover, lifecycle). The input is fed in pieces whose sizes come from the input, so
// messages split at every place. Nothing may crash, throw out of the server or hang; every message the server
// sends must serialise, and every range it sends must be ordered. ShellCheck is off (no processes).

#include "lsp/message_reader.hpp"
#include "lsp/protocol.hpp"
#include "lsp/server.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

class Configs : public drydock::lsp::ConfigSource {
public:
    drydock::lsp::ConfigLookup config_for(const std::string&) override {
        drydock::Config config;
        config.shellcheck = false;
        return {config, {}};
    }
    void reload() override {}
};

// Every `range` in a message has start <= end.
void check_ranges(const nlohmann::json& value) {
    if (value.is_object()) {
        const auto range = value.find("range");
        if (range != value.end() && range->is_object() && range->contains("start") &&
            range->contains("end")) {
            const auto start = drydock::lsp::position_from_json((*range)["start"]);
            const auto end = drydock::lsp::position_from_json((*range)["end"]);
            if (end.line < start.line || (end.line == start.line && end.character < start.character)) {
                std::fprintf(stderr, "range ends before it starts: %s\n", range->dump().c_str());
                std::abort();
            }
        }
        for (const auto& [key, member] : value.items())
            check_ranges(member);
    } else if (value.is_array()) {
        for (const auto& element : value)
            check_ranges(element);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    Configs configs;
    drydock::lsp::ServerOptions options;
    options.debounce = std::chrono::milliseconds(0);
    options.background_shellcheck = false;
    options.log = false;
    drydock::lsp::Server server(
        configs,
        [](const nlohmann::json& message) {
            const std::string text = drydock::lsp::dump(message);
            if (text.empty())
                std::abort();
            check_ranges(message);
        },
        options);
    drydock::lsp::MessageReader reader(1U << 20U);
    std::size_t at = 0;
    while (at < input.size() && !server.exit_requested()) {
        const std::size_t piece = 1 + static_cast<unsigned char>(input[at]) % 97;
        reader.feed(input.substr(at, piece));
        at += piece;
        while (std::optional<drydock::lsp::Frame> frame = reader.next()) {
            server.receive(*frame);
            server.run_due(drydock::lsp::Server::Clock::now());
            if (server.exit_requested())
                break;
        }
    }
    server.flush();
    return 0;
}
