// End-to-end: the real `drydock lsp` binary over pipes. A scripted session through run_process (everything
// written at once, standard input then closed), and an interactive one that waits for each answer, as an
// editor does: config discovery from the document's folder, debounced changes, quick fix, reload of a watched
// config file, garbage, shutdown and exit.

#include "lsp/message_reader.hpp"
#include "lsp/protocol.hpp"
#include "support/run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace drydock::lsp {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string message(const json& m) {
    return frame(m.dump());
}

std::vector<json> read_messages(const std::string& out) {
    MessageReader reader;
    reader.feed(out);
    std::vector<json> messages;
    while (std::optional<Frame> f = reader.next()) {
        EXPECT_EQ(f->kind, Frame::Kind::Body);
        messages.push_back(json::parse(f->text));
    }
    EXPECT_EQ(reader.pending(), 0U);
    return messages;
}

const json initialize = {
    {"jsonrpc", "2.0"},
    {"id", 1},
    {"method", "initialize"},
    {"params", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}}}};
const json initialized = {{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}};
const json shutdown = {{"jsonrpc", "2.0"}, {"id", 99}, {"method", "shutdown"}};
const json exit_notification = {{"jsonrpc", "2.0"}, {"method", "exit"}};

json did_open(const std::string& uri, const std::string& text) {
    return {
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didOpen"},
        {"params",
         {{"textDocument", {{"uri", uri}, {"languageId", "dockerfile"}, {"version", 1}, {"text", text}}}}}};
}

TEST(LspBinary, ScriptedSessionSurvivesGarbageAndExitsCleanly) {
    const std::string uri = "file:///nonexistent/drydock-lsp-test/Dockerfile";
    std::string input = message(initialize) + message(initialized) +
                        message(did_open(uri, "FROM ubuntu:latest\nRUN echo \"日本😀\" && sudo true\n"));
    input += "Content-Length: 10\r\n\r\n{\"jsonrpc\""; // 10 bytes of broken JSON
    input += "garbage without headers\r\n\r\n";
    input += "Content-Length: 99999999999999\r\n\r\n";
    input += message({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "no/such/method"}});
    input += message(
        {{"jsonrpc", "2.0"},
         {"id", 3},
         {"method", "textDocument/hover"},
         {"params", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", 1}}}}}});
    input += message(shutdown) + message(exit_notification);
    const auto result = testing::run_drydock({"lsp", "--stdio", "--no-shellcheck"}, input);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const std::vector<json> messages = read_messages(result.out);
    std::map<int, json> responses;
    std::vector<json> errors_without_id;
    json diagnostics;
    for (const json& m : messages) {
        if (m.contains("id") && m["id"].is_number())
            responses[m["id"].get<int>()] = m;
        else if (m.contains("error"))
            errors_without_id.push_back(m);
        else if (m.value("method", "") == "textDocument/publishDiagnostics")
            diagnostics = m["params"]["diagnostics"];
    }
    EXPECT_EQ(responses[1]["result"]["capabilities"]["textDocumentSync"]["change"], 2);
    EXPECT_EQ(responses[2]["error"]["code"], MethodNotFound);
    EXPECT_NE(responses[3]["result"]["contents"]["value"].get<std::string>().find("FROM"), std::string::npos);
    EXPECT_TRUE(responses[99]["result"].is_null());
    EXPECT_GE(errors_without_id.size(), 2U); // the broken JSON, the framing garbage
    for (const json& e : errors_without_id)
        EXPECT_EQ(e["error"]["code"], ParseError);
    std::set<std::string> codes;
    for (const json& d : diagnostics)
        codes.insert(d["code"]);
    EXPECT_TRUE(codes.count("DL3007")) << diagnostics.dump(2);
    EXPECT_TRUE(codes.count("DL3004")) << diagnostics.dump(2);
    EXPECT_EQ(result.out.find("drydock lsp:"), std::string::npos); // logs go to standard error only
}

TEST(LspBinary, EndOfInputWithoutShutdownIsExitCodeOne) {
    const auto result =
        testing::run_drydock({"lsp"}, message(initialize) + "Content-Length: 50\r\n\r\n{\"jsonrpc\"");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("input ended inside a message"), std::string::npos) << result.err;
    EXPECT_EQ(read_messages(result.out).size(), 1U);
}

TEST(LspBinary, ExitWithoutShutdownIsExitCodeOne) {
    const auto result = testing::run_drydock({"lsp"}, message(initialize) + message(exit_notification));
    EXPECT_EQ(result.exit_code, 1);
}

// `drydock lsp` as an editor runs it: requests written one at a time, answers read as they come.
class LspProcess {
public:
    explicit LspProcess(const std::vector<std::string>& args, const std::string& cwd) {
        std::signal(SIGPIPE, SIG_IGN);
        int in[2], out[2];
        if (pipe(in) || pipe(out))
            throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], 0);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        for (int fd : {in[0], in[1], out[0], out[1]})
            posix_spawn_file_actions_addclose(&actions, fd);
        posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
        std::vector<std::string> argv_storage{DRYDOCK_BINARY};
        argv_storage.insert(argv_storage.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (std::string& a : argv_storage)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, DRYDOCK_BINARY, &actions, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("spawn");
        posix_spawn_file_actions_destroy(&actions);
        close(in[0]);
        close(out[1]);
        to_ = in[1];
        from_ = out[0];
    }
    ~LspProcess() {
        if (to_ >= 0)
            close(to_);
        close(from_);
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }

    void send(const json& m) {
        const std::string bytes = message(m);
        ASSERT_EQ(write(to_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    void send_raw(const std::string& bytes) {
        ASSERT_EQ(write(to_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    // The next message that satisfies `wanted` (others are kept in `seen`), or null after `timeout`.
    json wait_for(const std::function<bool(const json&)>& wanted,
                  std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            while (std::optional<Frame> f = reader_.next()) {
                if (f->kind != Frame::Kind::Body)
                    continue;
                json m = json::parse(f->text);
                seen.push_back(m);
                if (wanted(m))
                    return m;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return nullptr;
            pollfd p{from_, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left.count())) <= 0)
                return nullptr;
            char buffer[65536];
            const ssize_t n = read(from_, buffer, sizeof buffer);
            if (n <= 0)
                return nullptr;
            reader_.feed({buffer, static_cast<std::size_t>(n)});
        }
    }
    json response(int id) {
        return wait_for(
            [&](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); });
    }
    json diagnostics(const std::string& uri, int version) {
        return wait_for([&](const json& m) {
            return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri &&
                   m["params"].value("version", -1) == version;
        });
    }
    int wait_exit() {
        close(to_);
        to_ = -1;
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    std::vector<json> seen;

private:
    pid_t pid_ = -1;
    int to_ = -1, from_ = -1;
    MessageReader reader_;
};

std::set<std::string> codes_of(const json& publish) {
    std::set<std::string> codes;
    for (const json& d : publish["params"]["diagnostics"])
        codes.insert(d["code"]);
    return codes;
}

TEST(LspBinary, InteractiveSessionFollowsTheBufferAndTheConfig) {
    const fs::path dir = fs::temp_directory_path() / ("drydock-lsp-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "svc" / ".git");
    std::ofstream(dir / "svc" / ".hadolint.yaml") << "ignored: [DL3059]\n";
    const std::string uri = uri_from_path((dir / "svc" / "Dockerfile").string());
    // The file on disk differs from the buffer: the server must lint the buffer.
    std::ofstream(dir / "svc" / "Dockerfile") << "FROM scratch\n";

    LspProcess server({"lsp", "--no-shellcheck"}, dir.string());
    server.send(initialize);
    ASSERT_FALSE(server.response(1).is_null());
    server.send(initialized);
    const std::string text = "FROM ubuntu:latest as build\nRUN true\nRUN true\n";
    server.send(did_open(uri, text));
    json publish = server.diagnostics(uri, 1);
    ASSERT_FALSE(publish.is_null());
    std::set<std::string> codes = codes_of(publish);
    EXPECT_TRUE(codes.count("DL3007") && codes.count("DD1002")) << publish.dump(2);
    EXPECT_FALSE(codes.count("DL3059")); // ignored by the config

    // Quick fix for `as`.
    json as;
    for (const json& d : publish["params"]["diagnostics"])
        if (d["code"] == "DD1002")
            as = d;
    server.send({{"jsonrpc", "2.0"},
                 {"id", 2},
                 {"method", "textDocument/codeAction"},
                 {"params",
                  {{"textDocument", {{"uri", uri}}},
                   {"range", as["range"]},
                   {"context", {{"diagnostics", {as}}, {"only", {"quickfix"}}}}}}});
    const json actions = server.response(2)["result"];
    ASSERT_FALSE(actions.empty());
    EXPECT_EQ(actions[0]["edit"]["changes"][uri][0]["newText"], "AS");

    // Typing: two quick incremental changes (written at once, so the test does not depend on timing), one
    // publish for the last version.
    const auto change = [&](int version, int from, int to, const std::string& text) {
        const json where = {{"start", {{"line", 0}, {"character", from}}},
                            {"end", {{"line", 0}, {"character", to}}}};
        return message({{"jsonrpc", "2.0"},
                        {"method", "textDocument/didChange"},
                        {"params",
                         {{"textDocument", {{"uri", uri}, {"version", version}}},
                          {"contentChanges", {{{"range", where}, {"text", text}}}}}}});
    };
    server.send_raw(change(2, 12, 18, "22.04") + change(3, 18, 20, "AS"));
    publish = server.diagnostics(uri, 3);
    ASSERT_FALSE(publish.is_null());
    codes = codes_of(publish);
    EXPECT_FALSE(codes.count("DL3007") || codes.count("DD1002")) << publish.dump(2);
    std::size_t publishes_for_2 = 0;
    for (const json& m : server.seen)
        publishes_for_2 += m.value("method", "") == "textDocument/publishDiagnostics" &&
                           m["params"].value("version", -1) == 2;
    EXPECT_EQ(publishes_for_2, 0U); // debounced: the two changes gave one lint

    // Garbage in the middle of the session.
    server.send_raw("Content-Length: 3\r\n\r\nxyz");
    EXPECT_FALSE(server.wait_for([](const json& m) { return m.contains("error"); }).is_null());

    // The config changes on disk; the client reports it; the server re-lints with the new config.
    std::ofstream(dir / "svc" / ".hadolint.yaml") << "ignored: []\n";
    server.send({{"jsonrpc", "2.0"},
                 {"method", "workspace/didChangeWatchedFiles"},
                 {"params",
                  {{"changes",
                    {{{"uri", uri_from_path((dir / "svc" / ".hadolint.yaml").string())}, {"type", 2}}}}}}});
    publish = server.wait_for([&](const json& m) {
        return m.value("method", "") == "textDocument/publishDiagnostics" && codes_of(m).count("DL3059");
    });
    EXPECT_FALSE(publish.is_null());

    server.send(shutdown);
    EXPECT_FALSE(server.response(99).is_null());
    server.send(exit_notification);
    EXPECT_EQ(server.wait_exit(), 0);
    fs::remove_all(dir);
}

} // namespace
} // namespace drydock::lsp
