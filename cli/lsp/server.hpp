#pragma once
// The language server: JSON-RPC dispatch, the open documents, linting and publishing, code actions and hover.
// Transport-free — messages come in through receive()/handle() and go out through the `send` callback — so
// the unit tests drive it directly and `drydock lsp` wraps it in a stdio loop (stdio_transport.hpp).
//
// Lifecycle (LSP 3.17): requests before `initialize` get ServerNotInitialized and notifications are dropped;
// `initialize` twice is an InvalidRequest; after `shutdown` requests get InvalidRequest; `exit` ends the
// server with exit code 0 after `shutdown`, 1 otherwise. Unknown requests get MethodNotFound (`$/` ones too),
// unknown notifications (`$/cancelRequest`, `$/setTrace`…) are ignored, and responses to the server's own
// requests are read and dropped. Malformed input never ends the server: bad framing or bad JSON gets a
// ParseError reply (id null), valid JSON that is not a message gets InvalidRequest, params of the wrong shape
// get InvalidParams.
//
// Linting: didOpen lints at once; didChange lints the buffer (never the file on disk) `debounce` after the
// last change. Config files are found from the document's folder as the CLI finds them (ConfigSource), and
// reloaded — every open document re-linted — on workspace/didChangeWatchedFiles or didChangeConfiguration.
//
// ShellCheck never blocks: the lint on a keystroke runs without it (a 500-line file takes milliseconds), and
// when the config enables ShellCheck and the program exists, a background thread lints the same text again
// with ShellCheck and publishes the complete result when it is still current. Between the two, ShellCheck's
// findings from the previous run are carried over to the new text (moved by the edits, dropped where the
// text they point at was edited), so they do not flicker on every keystroke.

#include "lsp/document_store.hpp"
#include "lsp/message_reader.hpp"

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace drydock::lsp {

struct ConfigLookup {
    std::optional<Config> config; // nullopt: the config file cannot be used
    std::string error;            // why, then
};

// Where documents get their config from (the CLI's ConfigResolver in `drydock lsp`).
class ConfigSource {
public:
    virtual ~ConfigSource() = default;
    // The config for a Dockerfile at `path`; an empty path (a buffer that is no file, and no workspace
    // folder) means the current folder.
    virtual ConfigLookup config_for(const std::string& path) = 0;
    // Forgets every config read, so the next lookups read the files again.
    virtual void reload() = 0;
};

struct ServerOptions {
    std::chrono::milliseconds debounce{75};
    bool background_shellcheck = true; // false: ShellCheck never runs (whatever the config says)
    std::string version;               // serverInfo.version
    bool log = true;                   // notes on standard error (unreadable input, lint failures)
};

class Server {
public:
    using Clock = std::chrono::steady_clock;
    using Send = std::function<void(const nlohmann::json&)>;

    Server(ConfigSource& configs, Send send, ServerOptions options = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // A frame from the MessageReader: a body to parse and handle, or a framing error to answer.
    void receive(const Frame& frame);
    // One parsed message.
    void handle(const nlohmann::json& message);

    // When the next debounced lint is due (nullopt: none pending).
    std::optional<Clock::time_point> next_deadline() const;
    // Lints (and publishes) the documents whose lint is due at `now`.
    void run_due(Clock::time_point now);
    // Lints every pending document now and waits until background ShellCheck work is done (tests).
    void flush();

    bool exit_requested() const;
    int exit_code() const;
    // Stops the background thread: drops queued work and waits up to `grace` for the running job. False when
    // it is still running (the caller may then end the process without waiting).
    bool stop_background(std::chrono::milliseconds grace);

private:
    struct LintState {
        std::optional<Clock::time_point> due;
        std::uint64_t revision = 0;         // of the text `findings` belong to (0: none yet)
        std::vector<Diagnostic> findings;   // the last published findings
        std::vector<Diagnostic> shellcheck; // ShellCheck findings carried to the current text
    };
    struct ShellCheckJob {
        std::uint64_t revision = 0;
        std::int64_t version = 0;
        std::string text;
        Config config;
    };

    void dispatch(const nlohmann::json& message);
    void request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
    void notification(const std::string& method, const nlohmann::json& params);
    void reply(const nlohmann::json& id, nlohmann::json result);
    void reply_error(const nlohmann::json& id, int code, const std::string& message);
    void log(const std::string& message) const;

    nlohmann::json initialize(const nlohmann::json& params);
    void did_open(const nlohmann::json& params);
    void did_change(const nlohmann::json& params);
    void did_close(const nlohmann::json& params);
    void reload_configs();
    nlohmann::json code_actions(const nlohmann::json& params);
    nlohmann::json hover(const nlohmann::json& params);

    ConfigLookup config_for(const Document& doc);
    // Lints `uri` now (without ShellCheck), publishes, and queues the ShellCheck run.
    void lint_now(const std::string& uri);
    // The findings of the document's current text (linting it first when they are stale).
    const std::vector<Diagnostic>& current_findings(const Document& doc);
    void publish(const Document& doc, const std::vector<Diagnostic>& findings);

    void queue_shellcheck(const std::string& uri, ShellCheckJob job);
    void shellcheck_worker();

    ConfigSource& configs_;
    Send send_;
    ServerOptions options_;

    mutable std::mutex mutex_; // everything below; send_ is called with it held, so output never interleaves
    DocumentStore documents_;
    std::map<std::string, std::uint64_t> revisions_; // uri -> revision of its current text
    std::uint64_t next_revision_ = 1;
    std::map<std::string, LintState> lint_;
    std::string root_path_;
    bool watch_registration_ = false; // the client lets the server register file watchers
    bool create_files_ = false;       // the client applies documentChanges with create operations
    bool initialized_ = false;
    bool shutdown_ = false;
    bool exit_ = false;

    std::map<std::string, ShellCheckJob> jobs_; // one pending job per document: the latest text
    bool worker_busy_ = false;
    bool stopping_ = false;
    std::condition_variable work_changed_;
    std::thread worker_;
};

} // namespace drydock::lsp
