#include "lsp/server.hpp"

#include "lsp/code_actions.hpp"
#include "lsp/diagnostics.hpp"
#include "lsp/hover.hpp"
#include "lsp/protocol.hpp"

#include <drydock/checks/linter.hpp>
#include <drydock/checks/shellcheck.hpp>
#include <drydock/checks/suppression.hpp>
#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <set>

namespace drydock::lsp {
namespace {

using nlohmann::json;

void sort_findings(std::vector<Diagnostic>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.range.begin != b.range.begin)
            return a.range.begin < b.range.begin;
        return a.code < b.code;
    });
}

Diagnostic config_error(const std::string& error) {
    return {"config", "config-error", Severity::Error, "drydock cannot use its config file: " + error,
            {0, 0},   std::nullopt};
}

// `params.key` when present and not null, else `fallback`.
json member(const json& object, const char* key, json fallback = nullptr) {
    if (!object.is_object())
        return fallback;
    const auto found = object.find(key);
    return found == object.end() || found->is_null() ? fallback : *found;
}

bool is_valid_id(const json& id) {
    return id.is_string() || id.is_number_integer() || id.is_number_unsigned();
}

json capabilities() {
    constexpr int incremental = 2; // TextDocumentSyncKind.Incremental
    return {{"positionEncoding", "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", incremental}}},
            {"codeActionProvider",
             {{"codeActionKinds", {"quickfix", std::string(fix_all_kind)}}, {"resolveProvider", false}}},
            {"hoverProvider", true}};
}

} // namespace

Server::Server(ConfigSource& configs, Send send, ServerOptions options)
    : configs_(configs), send_(std::move(send)), options_(std::move(options)) {}

Server::~Server() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        jobs_.clear();
    }
    work_changed_.notify_all();
    if (worker_.joinable())
        worker_.join();
}

// --- messages ---

void Server::receive(const Frame& frame) {
    if (frame.kind == Frame::Kind::Error) {
        const std::lock_guard lock(mutex_);
        log("unreadable input: " + frame.text);
        reply_error(nullptr, ParseError, "unreadable message framing: " + frame.text);
        return;
    }
    const json message = json::parse(frame.text, nullptr, false);
    if (message.is_discarded()) {
        const std::lock_guard lock(mutex_);
        log("a message that is not JSON");
        reply_error(nullptr, ParseError, "the message is not valid JSON");
        return;
    }
    handle(message);
}

void Server::handle(const json& message) {
    const std::lock_guard lock(mutex_);
    try {
        dispatch(message);
    } catch (const std::exception& e) {
        log(std::string("internal error: ") + e.what());
    }
}

void Server::dispatch(const json& message) {
    if (!message.is_object()) {
        reply_error(nullptr, InvalidRequest, "a message must be a JSON object");
        return;
    }
    const auto id = message.find("id");
    const bool has_id = id != message.end();
    const auto method = message.find("method");
    if (method == message.end()) {
        if (has_id && (message.contains("result") || message.contains("error")))
            return; // the client's answer to one of our requests (client/registerCapability)
        reply_error(has_id && is_valid_id(*id) ? *id : json(nullptr), InvalidRequest,
                    "the message has no method");
        return;
    }
    const auto version = message.find("jsonrpc");
    const bool valid_version = version != message.end() && version->is_string() && *version == "2.0";
    if (!method->is_string() || !valid_version || (has_id && !is_valid_id(*id))) {
        reply_error(has_id && is_valid_id(*id) ? *id : json(nullptr), InvalidRequest,
                    "not a JSON-RPC 2.0 request or notification");
        return;
    }
    const std::string& name = method->get_ref<const std::string&>();
    const json params = member(message, "params", json::object());
    if (!params.is_object() && !params.is_array()) {
        if (has_id)
            reply_error(*id, InvalidParams, "params must be an object or an array");
        return;
    }
    if (!has_id) {
        try {
            notification(name, params);
        } catch (const std::exception& e) {
            log(name + ": " + e.what());
        }
        return;
    }
    try {
        request(*id, name, params);
    } catch (const json::exception& e) {
        reply_error(*id, InvalidParams, name + ": " + e.what());
    } catch (const std::exception& e) {
        log(name + ": " + e.what());
        reply_error(*id, InternalError, name + ": " + e.what());
    }
}

void Server::request(const json& id, const std::string& method, const json& params) {
    if (method == "initialize") {
        if (initialized_)
            return reply_error(id, InvalidRequest, "initialize was already received");
        return reply(id, initialize(params));
    }
    if (!initialized_)
        return reply_error(id, ServerNotInitialized, "the server is not initialized");
    if (shutdown_)
        return reply_error(id, InvalidRequest, "the server is shut down");
    if (method == "shutdown") {
        shutdown_ = true;
        lint_.clear();
        jobs_.clear();
        return reply(id, nullptr);
    }
    if (method == "textDocument/codeAction")
        return reply(id, code_actions(params));
    if (method == "textDocument/hover")
        return reply(id, hover(params));
    reply_error(id, MethodNotFound, "unknown method " + method);
}

void Server::notification(const std::string& method, const json& params) {
    if (method == "exit") {
        exit_ = true;
        return;
    }
    if (!initialized_ || shutdown_)
        return;
    if (method == "initialized") {
        if (watch_registration_) {
            const json watchers = {{{"globPattern", "**/{.drydock,.hadolint}.{yaml,yml}"}}};
            send_({{"jsonrpc", "2.0"},
                   {"id", "drydock/watch-config-files"},
                   {"method", "client/registerCapability"},
                   {"params",
                    {{"registrations",
                      {{{"id", "drydock-config-files"},
                        {"method", "workspace/didChangeWatchedFiles"},
                        {"registerOptions", {{"watchers", watchers}}}}}}}}});
        }
    } else if (method == "textDocument/didOpen") {
        did_open(params);
    } else if (method == "textDocument/didChange") {
        did_change(params);
    } else if (method == "textDocument/didClose") {
        did_close(params);
    } else if (method == "workspace/didChangeWatchedFiles" || method == "workspace/didChangeConfiguration") {
        reload_configs();
    }
    // Anything else ($/cancelRequest — requests are answered before the next message is read —, $/setTrace,
    // didSave, …) needs nothing.
}

// Output for people goes to standard error (the editor's output channel); standard output is the protocol's.
void Server::log(const std::string& message) const {
    if (options_.log)
        fmt::print(stderr, "drydock lsp: {}\n", message);
}

void Server::reply(const json& id, json result) {
    send_({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::reply_error(const json& id, int code, const std::string& message) {
    send_({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

// --- lifecycle and documents ---

json Server::initialize(const json& params) {
    initialized_ = true;
    const json root_uri = member(params, "rootUri");
    const json folders = member(params, "workspaceFolders");
    std::optional<std::string> root;
    if (root_uri.is_string())
        root = path_from_uri(root_uri.get<std::string>());
    else if (folders.is_array() && !folders.empty() && member(folders.front(), "uri").is_string())
        root = path_from_uri(folders.front()["uri"].get<std::string>());
    else if (member(params, "rootPath").is_string())
        root = params["rootPath"].get<std::string>();
    root_path_ = root.value_or("");
    const json watched = member(member(member(params, "capabilities"), "workspace"), "didChangeWatchedFiles");
    watch_registration_ = member(watched, "dynamicRegistration", false) == true;
    const json edits = member(member(member(params, "capabilities"), "workspace"), "workspaceEdit");
    const json operations = member(edits, "resourceOperations");
    create_files_ = member(edits, "documentChanges", false) == true && operations.is_array() &&
                    std::find(operations.begin(), operations.end(), json("create")) != operations.end();
    return {{"capabilities", capabilities()},
            {"serverInfo", {{"name", "drydock"}, {"version", options_.version}}}};
}

void Server::did_open(const json& params) {
    const json& doc = params.at("textDocument");
    const std::string uri = doc.at("uri").get<std::string>();
    const json language = member(doc, "languageId", "");
    documents_.open(uri, language.is_string() ? language.get<std::string>() : "",
                    doc.at("version").get<std::int64_t>(), doc.at("text").get<std::string>());
    revisions_[uri] = next_revision_++;
    jobs_.erase(uri);
    lint_[uri] = LintState{};
    lint_[uri].due = Clock::now();
}

void Server::did_change(const json& params) {
    const json& doc = params.at("textDocument");
    const std::string uri = doc.at("uri").get<std::string>();
    const json version = member(doc, "version", 0);
    std::vector<ContentChange> changes;
    for (const json& c : params.at("contentChanges")) {
        ContentChange change;
        if (const json range = member(c, "range"); !range.is_null())
            change.range = range_from_json(range);
        change.text = c.at("text").get<std::string>();
        changes.push_back(std::move(change));
    }
    std::vector<TextChange> applied;
    if (!documents_.change(uri, version.get<std::int64_t>(), changes, &applied)) {
        log("didChange for a document that is not open: " + uri);
        return;
    }
    revisions_[uri] = next_revision_++;
    LintState& state = lint_[uri];
    std::vector<Diagnostic> carried;
    for (Diagnostic& d : state.shellcheck) {
        std::optional<TextRange> range = d.range;
        for (const TextChange& change : applied)
            if (range)
                range = carry_through(*range, change);
        if (range) {
            d.range = *range;
            d.fix.reset(); // ShellCheck's suggestions are display-only; their ranges are not carried
            carried.push_back(std::move(d));
        }
    }
    state.shellcheck = std::move(carried);
    state.due = Clock::now() + options_.debounce;
}

void Server::did_close(const json& params) {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    documents_.close(uri);
    revisions_.erase(uri);
    lint_.erase(uri);
    jobs_.erase(uri);
    send_({{"jsonrpc", "2.0"},
           {"method", "textDocument/publishDiagnostics"},
           {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
}

void Server::reload_configs() {
    configs_.reload();
    for (auto& [uri, state] : lint_) {
        state.shellcheck.clear();
        state.due = Clock::now();
    }
}

ConfigLookup Server::config_for(const Document& doc) {
    std::optional<std::string> path = path_from_uri(doc.uri);
    if (!path)
        path = root_path_.empty() ? std::string() : root_path_ + "/Dockerfile"; // untitled buffers
    return configs_.config_for(*path);
}

// --- linting ---

std::optional<Server::Clock::time_point> Server::next_deadline() const {
    const std::lock_guard lock(mutex_);
    std::optional<Clock::time_point> next;
    for (const auto& [uri, state] : lint_)
        if (state.due && (!next || *state.due < *next))
            next = state.due;
    return next;
}

void Server::run_due(Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> due;
    for (const auto& [uri, state] : lint_)
        if (state.due && *state.due <= now)
            due.push_back(uri);
    for (const std::string& uri : due)
        lint_now(uri);
}

void Server::flush() {
    std::unique_lock lock(mutex_);
    std::vector<std::string> due;
    for (const auto& [uri, state] : lint_)
        if (state.due)
            due.push_back(uri);
    for (const std::string& uri : due)
        lint_now(uri);
    work_changed_.wait(lock, [&] { return jobs_.empty() && !worker_busy_; });
}

void Server::lint_now(const std::string& uri) {
    const Document* doc = documents_.find(uri);
    const auto revision = revisions_.find(uri);
    if (!doc || revision == revisions_.end())
        return;
    LintState& state = lint_[uri];
    state.due.reset();
    try {
        const ConfigLookup lookup = config_for(*doc);
        std::vector<Diagnostic> findings;
        if (!lookup.config) {
            findings.push_back(config_error(lookup.error));
            state.shellcheck.clear();
        } else {
            Config fast = *lookup.config;
            fast.shellcheck = false;
            findings = lint(parse(doc->text), fast);
            findings.insert(findings.end(), state.shellcheck.begin(), state.shellcheck.end());
            sort_findings(findings);
        }
        state.findings = std::move(findings);
        state.revision = revision->second;
        publish(*doc, state.findings);
        if (lookup.config && options_.background_shellcheck && lookup.config->shellcheck.value_or(true) &&
            find_shellcheck(*lookup.config))
            queue_shellcheck(uri, {revision->second, doc->version, doc->text, *lookup.config});
    } catch (const std::exception& e) {
        log("cannot lint " + uri + ": " + e.what());
    }
}

const std::vector<Diagnostic>& Server::current_findings(const Document& doc) {
    const LintState& state = lint_[doc.uri];
    if (state.revision != revisions_[doc.uri])
        lint_now(doc.uri);
    return lint_[doc.uri].findings;
}

void Server::publish(const Document& doc, const std::vector<Diagnostic>& findings) {
    const LineIndex lines(doc.text);
    send_(publish_diagnostics(doc.uri, doc.version, findings, lines));
}

// --- ShellCheck in the background ---

void Server::queue_shellcheck(const std::string& uri, ShellCheckJob job) {
    if (stopping_)
        return;
    jobs_[uri] = std::move(job);
    if (!worker_.joinable())
        worker_ = std::thread(&Server::shellcheck_worker, this);
    work_changed_.notify_all();
}

void Server::shellcheck_worker() {
    std::unique_lock lock(mutex_);
    for (;;) {
        work_changed_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (stopping_)
            return;
        const std::string uri = jobs_.begin()->first;
        const ShellCheckJob job = std::move(jobs_.begin()->second);
        jobs_.erase(jobs_.begin());
        const auto current = revisions_.find(uri);
        if (current == revisions_.end() || current->second != job.revision) {
            work_changed_.notify_all();
            continue; // the text changed since: a newer job is queued
        }
        worker_busy_ = true;
        lock.unlock();
        std::optional<std::vector<Diagnostic>> findings;
        try {
            findings = lint(parse(job.text), job.config);
        } catch (const std::exception& e) {
            log("ShellCheck run failed: " + std::string(e.what()));
        }
        const std::vector<std::string> notes = take_shellcheck_notes();
        lock.lock();
        worker_busy_ = false;
        for (const std::string& note : notes)
            log("note: " + note);
        const auto still = revisions_.find(uri);
        const Document* doc = documents_.find(uri);
        if (findings && !stopping_ && !shutdown_ && doc && still != revisions_.end() &&
            still->second == job.revision) {
            LintState& state = lint_[uri];
            state.shellcheck.clear();
            for (const Diagnostic& d : *findings)
                if (is_shellcheck_finding(d))
                    state.shellcheck.push_back(d);
            state.findings = std::move(*findings);
            state.revision = job.revision;
            publish(*doc, state.findings);
        }
        work_changed_.notify_all();
    }
}

bool Server::stop_background(std::chrono::milliseconds grace) {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    jobs_.clear();
    work_changed_.notify_all();
    if (!work_changed_.wait_for(lock, grace, [&] { return !worker_busy_; }))
        return false;
    lock.unlock();
    if (worker_.joinable())
        worker_.join();
    return true;
}

bool Server::exit_requested() const {
    const std::lock_guard lock(mutex_);
    return exit_;
}

int Server::exit_code() const {
    const std::lock_guard lock(mutex_);
    return shutdown_ ? 0 : 1;
}

// --- requests on documents ---

json Server::code_actions(const json& params) {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const LspRange range = range_from_json(params.at("range"));
    const json context = member(params, "context", json::object());
    const json only = member(context, "only");
    const Document* doc = documents_.find(uri);
    json actions = json::array();
    if (!doc)
        return actions;
    const ConfigLookup lookup = config_for(*doc);
    if (!lookup.config)
        return actions;
    const std::vector<Diagnostic>& findings = current_findings(*doc);
    const LineIndex lines(doc->text);

    if (kind_requested("quickfix", only)) {
        // The findings the client asks about (matched by code and range), else those touching the range.
        std::vector<const Diagnostic*> selected;
        const json asked = member(context, "diagnostics", json::array());
        bool any_asked = false;
        for (const json& d : asked) {
            const json source = member(d, "source", "drydock");
            if (source != "drydock")
                continue;
            any_asked = true;
            const json code = member(d, "code", "");
            const std::string code_text = code.is_string() ? code.get<std::string>() : code.dump();
            const LspRange where = range_from_json(d.at("range"));
            for (const Diagnostic& f : findings)
                if (f.code == code_text && to_lsp(lines, f.range) == where &&
                    std::find(selected.begin(), selected.end(), &f) == selected.end())
                    selected.push_back(&f);
        }
        if (!any_asked) {
            const TextRange wanted = to_text_range(lines, range);
            for (const Diagnostic& f : findings)
                if (f.range.begin <= wanted.end && wanted.begin <= f.range.end)
                    selected.push_back(&f);
        }
        if (!selected.empty()) {
            const Dockerfile file = parse(doc->text);
            const SemanticModel model(file);
            const Suppressions suppressions = collect_suppressions(file, model);
            json ignores = json::array();
            std::set<std::string> offered; // one "Ignore X" per code and instruction is enough
            for (const Diagnostic* f : selected) {
                const json published = to_lsp_diagnostic(*f, lines, doc->version);
                if (std::optional<json> fix = fix_action(uri, *f, lines, published, create_files_))
                    actions.push_back(std::move(*fix));
                std::optional<json> ignore =
                    ignore_action(uri, *f, file, suppressions, *lookup.config, lines, published);
                if (ignore && offered.insert(dump(ignore->at("edit"))).second)
                    ignores.push_back(std::move(*ignore));
            }
            for (json& ignore : ignores)
                actions.push_back(std::move(ignore));
        }
    }
    if (kind_requested(fix_all_kind, only))
        if (std::optional<json> fix_all = fix_all_action(uri, doc->text, *lookup.config))
            actions.push_back(std::move(*fix_all));
    return actions;
}

json Server::hover(const json& params) {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const LspPosition position = position_from_json(params.at("position"));
    const Document* doc = documents_.find(uri);
    if (!doc)
        return nullptr;
    const std::vector<Diagnostic>& findings = current_findings(*doc);
    const LineIndex lines(doc->text);
    const Dockerfile file = parse(doc->text);
    std::optional<json> result = hover_at(file, findings, lines, to_offset(lines, position));
    return result ? std::move(*result) : json(nullptr);
}

} // namespace drydock::lsp
