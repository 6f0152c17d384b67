// The language server in-process: lifecycle, diagnostics (UTF-16 ranges, codes, links, severities), debounced
// changes, code actions (quick fixes, fix-all, ignore pragmas), hover, config reload and malformed input.

#include "lsp/lsp_harness.hpp"

#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/shellcheck.hpp>

#include <gtest/gtest.h>

#include <thread>

namespace drydock::lsp {
namespace {

using testing::apply_text_edits;
using testing::Harness;
using testing::json;

const std::string uri = "file:///work/app/Dockerfile";

json range(int l1, int c1, int l2, int c2) {
    return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

// The first diagnostic with `code`, or null.
json find_code(const json& diagnostics, const std::string& code) {
    for (const json& d : diagnostics)
        if (d["code"] == code)
            return d;
    return nullptr;
}

json code_actions(Harness& h, const json& where, const json& context = {{"diagnostics", json::array()}}) {
    return h.request("textDocument/codeAction",
                     {{"textDocument", {{"uri", uri}}}, {"range", where}, {"context", context}})["result"];
}

json action_titled(const json& actions, const std::string& prefix) {
    for (const json& a : actions)
        if (a["title"].get<std::string>().starts_with(prefix))
            return a;
    return nullptr;
}

// --- lifecycle ---

TEST(LspServer, InitializeAdvertisesWhatTheServerDoes) {
    Harness h({}, false);
    const json response = h.request("initialize", {{"capabilities", json::object()}});
    const json& caps = response["result"]["capabilities"];
    EXPECT_EQ(caps["positionEncoding"], "utf-16");
    EXPECT_EQ(caps["textDocumentSync"]["change"], 2);
    EXPECT_EQ(caps["textDocumentSync"]["openClose"], true);
    EXPECT_EQ(caps["hoverProvider"], true);
    EXPECT_EQ(caps["codeActionProvider"]["codeActionKinds"], json({"quickfix", "source.fixAll.drydock"}));
    EXPECT_EQ(response["result"]["serverInfo"]["name"], "drydock");
    // A second initialize is refused.
    EXPECT_EQ(h.request("initialize", json::object())["error"]["code"], InvalidRequest);
}

TEST(LspServer, RequestsBeforeInitializeAreRefusedAndNotificationsDropped) {
    Harness h({}, false);
    EXPECT_EQ(h.request("textDocument/hover", json::object())["error"]["code"], ServerNotInitialized);
    h.open(uri, "FROM ubuntu:latest\n");
    EXPECT_TRUE(h.published(uri).empty());
}

TEST(LspServer, ShutdownThenExitIsExitCodeZero) {
    Harness h;
    EXPECT_FALSE(h.server.exit_requested());
    const json response = h.request("shutdown");
    EXPECT_TRUE(response.contains("result"));
    EXPECT_TRUE(response["result"].is_null());
    // After shutdown, requests are invalid.
    EXPECT_EQ(h.request("textDocument/hover", json::object())["error"]["code"], InvalidRequest);
    h.notify("exit");
    EXPECT_TRUE(h.server.exit_requested());
    EXPECT_EQ(h.server.exit_code(), 0);
}

TEST(LspServer, ExitWithoutShutdownIsExitCodeOne) {
    Harness h;
    h.notify("exit");
    EXPECT_TRUE(h.server.exit_requested());
    EXPECT_EQ(h.server.exit_code(), 1);
}

TEST(LspServer, UnknownMethodsCancelAndGarbage) {
    Harness h;
    EXPECT_EQ(h.request("textDocument/completion", json::object())["error"]["code"], MethodNotFound);
    EXPECT_EQ(h.request("$/somethingPrivate", json::object())["error"]["code"], MethodNotFound);
    const std::size_t before = h.sent.size();
    h.notify("$/cancelRequest", {{"id", 3}});
    h.notify("$/setTrace", {{"value", "verbose"}});
    h.notify("workspace/somethingNew", json::object());
    EXPECT_EQ(h.sent.size(), before); // notifications never get answers

    h.receive_raw("{not json");
    EXPECT_EQ(h.sent.back()["error"]["code"], ParseError);
    EXPECT_TRUE(h.sent.back()["id"].is_null());
    h.receive_raw("[1,2,3]");
    EXPECT_EQ(h.sent.back()["error"]["code"], InvalidRequest);
    h.receive_raw(R"({"jsonrpc":"2.0","id":7})");
    EXPECT_EQ(h.sent.back()["error"]["code"], InvalidRequest);
    EXPECT_EQ(h.sent.back()["id"], 7);
    h.receive_raw(R"({"jsonrpc":"1.0","id":8,"method":"shutdown"})");
    EXPECT_EQ(h.sent.back()["error"]["code"], InvalidRequest);
    h.receive_raw(R"({"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"})");
    EXPECT_EQ(h.sent.back()["error"]["code"], InvalidRequest);
    EXPECT_TRUE(h.sent.back()["id"].is_null());
    h.receive_raw(R"({"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":5}})");
    EXPECT_EQ(h.sent.back()["error"]["code"], InvalidParams);
    h.receive_raw(R"({"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":"text"})");
    EXPECT_EQ(h.sent.back()["error"]["code"], InvalidParams);
    h.server.receive({Frame::Kind::Error, "no Content-Length header"});
    EXPECT_EQ(h.sent.back()["error"]["code"], ParseError);
    // Malformed notifications are logged and dropped; the server still works.
    h.notify("textDocument/didOpen", {{"textDocument", {{"uri", 5}}}});
    h.notify("textDocument/didChange",
             {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", 1}});
    // A response to a request of ours is not an error.
    const std::size_t quiet = h.sent.size();
    h.receive_raw(R"({"jsonrpc":"2.0","id":"drydock/watch-config-files","result":null})");
    EXPECT_EQ(h.sent.size(), quiet);
    EXPECT_EQ(h.request("shutdown")["result"], nullptr);
}

// --- diagnostics ---

TEST(LspServer, DidOpenPublishesExactUtf16Ranges) {
    Harness h;
    // The emoji is two UTF-16 units and CJK one each: `sudo` starts at UTF-16 column 19 (byte column 26).
    h.open(uri, "FROM ubuntu:22.04\nRUN echo \"😀日本\" && sudo apt-get update\n", 4);
    const std::vector<json> publishes = h.published(uri);
    ASSERT_EQ(publishes.size(), 1U);
    EXPECT_EQ(publishes[0]["version"], 4);
    const json sudo = find_code(publishes[0]["diagnostics"], "DL3004");
    ASSERT_FALSE(sudo.is_null()) << publishes[0].dump(2);
    EXPECT_EQ(sudo["range"], range(1, 19, 1, 23));
    EXPECT_EQ(sudo["source"], "drydock");
    EXPECT_EQ(sudo["severity"], 1); // DL3004 is an error
    EXPECT_EQ(sudo["codeDescription"]["href"],
              "https://github.com/drydock-lint/drydock/blob/main/docs/rules.md#DL3004");
    EXPECT_EQ(sudo["data"]["version"], 4);
    EXPECT_EQ(sudo["data"]["name"], "sudo-in-run");
}

TEST(LspServer, SeveritiesComeFromTheConfig) {
    Harness h;
    h.configs.config.overrides["DL3007"] = Severity::Error;
    h.configs.config.overrides["DL3004"] = Severity::Style;
    h.configs.config.ignored.push_back("DL3059");
    h.open(uri, "FROM ubuntu:latest\nRUN sudo true\nRUN true\n");
    const json diagnostics = h.diagnostics(uri);
    EXPECT_EQ(find_code(diagnostics, "DL3007")["severity"], 1);
    EXPECT_EQ(find_code(diagnostics, "DL3004")["severity"], 4); // style -> Hint
    EXPECT_TRUE(find_code(diagnostics, "DL3059").is_null());
    // The config was looked up for the document's own path.
    EXPECT_EQ(h.configs.paths.back(), "/work/app/Dockerfile");
}

TEST(LspServer, ChangesAreDebouncedAndLintTheBuffer) {
    Harness h(ServerOptions{std::chrono::milliseconds(60), false, ""});
    h.open(uri, "FROM ubuntu:latest\n");
    ASSERT_EQ(h.published(uri).size(), 1U);
    EXPECT_FALSE(find_code(h.diagnostics(uri), "DL3007").is_null());
    const auto start = Server::Clock::now();
    // Three quick edits: "latest" -> "22.04", typed in pieces.
    h.change(uri, 2, {{{"range", range(0, 12, 0, 18)}, {"text", "2"}}});
    h.change(uri, 3, {{{"range", range(0, 13, 0, 13)}, {"text", "2."}}});
    h.change(uri, 4, {{{"range", range(0, 15, 0, 15)}, {"text", "04"}}});
    h.server.run_due(start); // nothing is due yet
    std::size_t count = 0;
    for (const json& m : h.sent)
        count += m.value("method", "") == "textDocument/publishDiagnostics" ? 1 : 0;
    EXPECT_EQ(count, 1U);
    ASSERT_TRUE(h.server.next_deadline());
    EXPECT_GE(*h.server.next_deadline(), start + std::chrono::milliseconds(60));
    h.server.run_due(*h.server.next_deadline());
    const std::vector<json> publishes = h.published(uri);
    ASSERT_EQ(publishes.size(), 2U); // one lint for the three changes
    EXPECT_EQ(publishes[1]["version"], 4);
    EXPECT_TRUE(find_code(publishes[1]["diagnostics"], "DL3007").is_null());
}

TEST(LspServer, FullSyncChangesWorkToo) {
    Harness h;
    h.open(uri, "FROM ubuntu:22.04\n");
    EXPECT_TRUE(find_code(h.diagnostics(uri), "DL3007").is_null());
    h.change(uri, 2, {{{"text", "FROM ubuntu:latest\n"}}});
    EXPECT_FALSE(find_code(h.diagnostics(uri), "DL3007").is_null());
}

TEST(LspServer, CloseClearsDiagnostics) {
    Harness h;
    h.open(uri, "FROM ubuntu:latest\n");
    EXPECT_FALSE(h.diagnostics(uri).empty());
    h.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
    const std::vector<json> publishes = h.published(uri);
    EXPECT_TRUE(publishes.back()["diagnostics"].empty());
    EXPECT_FALSE(publishes.back().contains("version"));
}

TEST(LspServer, WatchedConfigChangesReloadAndRelint) {
    Harness h;
    h.open(uri, "FROM ubuntu:latest\n");
    EXPECT_FALSE(find_code(h.diagnostics(uri), "DL3007").is_null());
    h.configs.config.ignored.push_back("DL3007");
    h.notify("workspace/didChangeWatchedFiles",
             {{"changes", {{{"uri", "file:///work/app/.hadolint.yaml"}, {"type", 2}}}}});
    EXPECT_EQ(h.configs.reloads, 1);
    EXPECT_TRUE(find_code(h.diagnostics(uri), "DL3007").is_null());
}

TEST(LspServer, AnUnusableConfigIsOneDiagnostic) {
    Harness h;
    h.configs.error = ".hadolint.yaml:3:1: not a list";
    h.open(uri, "FROM ubuntu:latest\n");
    const json diagnostics = h.diagnostics(uri);
    ASSERT_EQ(diagnostics.size(), 1U);
    EXPECT_EQ(diagnostics[0]["range"], range(0, 0, 0, 0));
    EXPECT_NE(diagnostics[0]["message"].get<std::string>().find("not a list"), std::string::npos);
}

TEST(LspServer, UntitledBuffersUseTheWorkspaceFolderForConfig) {
    Harness h;
    h.notify("textDocument/didOpen", {{"textDocument",
                                       {{"uri", "untitled:Untitled-1"},
                                        {"languageId", "dockerfile"},
                                        {"version", 1},
                                        {"text", "FROM ubuntu:latest\n"}}}});
    EXPECT_FALSE(find_code(h.diagnostics("untitled:Untitled-1"), "DL3007").is_null());
    EXPECT_EQ(h.configs.paths.back(), "/work/Dockerfile");
}

// --- code actions ---

TEST(LspServer, QuickFixAppliesTheFindingsFix) {
    Harness h;
    const std::string text = "FROM ubuntu:22.04 as build\nLABEL x=\"😀\"\n";
    h.open(uri, text);
    const json as = find_code(h.diagnostics(uri), "DD1002");
    ASSERT_FALSE(as.is_null());
    EXPECT_EQ(as["data"]["fix"]["applicability"], "safe");
    const json actions = code_actions(h, as["range"], {{"diagnostics", {as}}, {"only", {"quickfix"}}});
    ASSERT_GE(actions.size(), 2U) << actions.dump(2);
    const json& fix = actions[0];
    EXPECT_EQ(fix["kind"], "quickfix");
    EXPECT_EQ(fix["isPreferred"], true);
    EXPECT_EQ(fix["diagnostics"][0]["code"], "DD1002");
    EXPECT_EQ(apply_text_edits(text, fix["edit"]["changes"][uri]),
              "FROM ubuntu:22.04 AS build\nLABEL x=\"😀\"\n");
    // The edits in the diagnostic's data are the same.
    EXPECT_EQ(as["data"]["fix"]["edits"], fix["edit"]["changes"][uri]);
    // Source actions are not offered unless asked for.
    EXPECT_TRUE(action_titled(actions, "Fix all").is_null());
}

TEST(LspServer, QuickFixThatCreatesAFileNeedsAClientThatCreatesFiles) {
    Harness h; // capabilities: none
    h.open(uri, "FROM node:22-bookworm-slim\nUSER 1000:1000\nCMD cd /app && node server.js\n");
    const json start = find_code(h.diagnostics(uri), "DD2013");
    ASSERT_FALSE(start.is_null());
    const json actions = code_actions(h, start["range"], {{"diagnostics", {start}}, {"only", {"quickfix"}}});
    EXPECT_TRUE(action_titled(actions, "Move the start command").is_null()) << actions.dump(2);
}

TEST(LspServer, QuickFixThatCreatesAFileUsesDocumentChanges) {
    Harness h({}, false);
    h.request("initialize",
              {{"processId", nullptr},
               {"rootUri", "file:///work"},
               {"capabilities",
                {{"workspace",
                  {{"workspaceEdit",
                    {{"documentChanges", true}, {"resourceOperations", {"create", "rename"}}}}}}}}});
    h.notify("initialized");
    const std::string text = "FROM node:22-bookworm-slim\nUSER 1000:1000\nCMD cd /app && node server.js\n";
    h.open(uri, text);
    const json start = find_code(h.diagnostics(uri), "DD2013");
    ASSERT_FALSE(start.is_null());
    const json actions = code_actions(h, start["range"], {{"diagnostics", {start}}, {"only", {"quickfix"}}});
    const json fix = action_titled(actions, "Move the start command into docker-entrypoint.sh");
    ASSERT_FALSE(fix.is_null()) << actions.dump(2);
    EXPECT_EQ(fix["isPreferred"], false); // unsafe
    const json& changes = fix["edit"]["documentChanges"];
    ASSERT_EQ(changes.size(), 3U) << changes.dump(2);
    const std::string script_uri = "file:///work/app/docker-entrypoint.sh";
    EXPECT_EQ(changes[0], json({{"kind", "create"},
                                {"uri", script_uri},
                                {"options", {{"overwrite", false}, {"ignoreIfExists", true}}}}));
    EXPECT_EQ(changes[1]["textDocument"]["uri"], script_uri);
    EXPECT_EQ(apply_text_edits("", changes[1]["edits"]), "#!/bin/sh\nset -eu\ncd /app\nexec \"$@\"\n");
    EXPECT_EQ(changes[2]["textDocument"]["uri"], uri);
    EXPECT_EQ(
        apply_text_edits(text, changes[2]["edits"]),
        "FROM node:22-bookworm-slim\nUSER 1000:1000\nCOPY --chmod=0755 docker-entrypoint.sh /usr/local/bin/\n"
        "ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n");
}

TEST(LspServer, QuickFixEditsUseUtf16Columns) {
    Harness h;
    // DL3000's fix writes the absolute path of a relative WORKDIR; the emoji before it shifts UTF-16 columns.
    const std::string text = "FROM ubuntu:22.04 AS 日本\nRUN echo 😀 && sudo true\n";
    h.open(uri, text);
    const json sudo = find_code(h.diagnostics(uri), "DL3004");
    ASSERT_FALSE(sudo.is_null());
    EXPECT_EQ(sudo["range"], range(1, 15, 1, 19));
    const json actions = code_actions(h, sudo["range"]);
    const json ignore = action_titled(actions, "Ignore DL3004");
    ASSERT_FALSE(ignore.is_null()) << actions.dump(2);
    EXPECT_EQ(apply_text_edits(text, ignore["edit"]["changes"][uri]),
              "FROM ubuntu:22.04 AS 日本\n# hadolint ignore=DL3004\nRUN echo 😀 && sudo true\n");
}

TEST(LspServer, WithoutContextDiagnosticsTheRangeSelects) {
    Harness h;
    const std::string text = "FROM ubuntu:22.04 as build\nRUN sudo true\n";
    h.open(uri, text);
    h.diagnostics(uri);
    const json on_line_two = code_actions(h, range(1, 5, 1, 5)); // the cursor in `sudo`
    EXPECT_FALSE(action_titled(on_line_two, "Ignore DL3004").is_null());
    EXPECT_TRUE(action_titled(on_line_two, "Ignore DD1002").is_null());
}

TEST(LspServer, DisplayOnlyFixesAreNotOffered) {
    Harness h;
    // DL3006 with a display-only fix, DL3004 without a fix and DD1002 with a safe one: only the last gets a
    // fix action; each gets an ignore action.
    h.configs.config.select = {"DL3006", "DL3004", "DD1002"};
    h.open(uri, "FROM ubuntu as build\nRUN sudo true\n");
    const json untagged = find_code(h.diagnostics(uri), "DL3006");
    ASSERT_FALSE(untagged.is_null());
    EXPECT_FALSE(untagged["data"].contains("fix"));
    const json all = code_actions(h, range(0, 0, 2, 0));
    std::size_t fixes = 0, ignores = 0;
    for (const json& a : all) {
        const std::string title = a["title"];
        (title.starts_with("Ignore ") ? ignores : fixes) += 1;
    }
    EXPECT_EQ(ignores, 3U) << all.dump(2);
    EXPECT_EQ(fixes, 1U) << all.dump(2);
}

TEST(LspServer, IgnorePragmaKeepsIndentationAndLineEndings) {
    Harness h;
    const std::string text = "FROM ubuntu:22.04\r\nRUN true && \\\r\n    true\r\n  RUN sudo true\r\n";
    h.open(uri, text);
    const json sudo = find_code(h.diagnostics(uri), "DL3004");
    ASSERT_FALSE(sudo.is_null());
    const json ignore = action_titled(code_actions(h, sudo["range"]), "Ignore DL3004");
    ASSERT_FALSE(ignore.is_null());
    EXPECT_EQ(apply_text_edits(text, ignore["edit"]["changes"][uri]),
              "FROM ubuntu:22.04\r\nRUN true && \\\r\n    true\r\n  # hadolint ignore=DL3004\r\n  RUN sudo "
              "true\r\n");
}

TEST(LspServer, IgnorePragmaExtendsThePragmaAbove) {
    Harness h;
    const std::string text = "FROM ubuntu:latest\n# hadolint ignore=DL3059 # why\nRUN sudo true\n";
    h.open(uri, text);
    const json sudo = find_code(h.diagnostics(uri), "DL3004");
    ASSERT_FALSE(sudo.is_null());
    const json ignore = action_titled(code_actions(h, sudo["range"]), "Ignore DL3004");
    ASSERT_FALSE(ignore.is_null());
    const std::string fixed = apply_text_edits(text, ignore["edit"]["changes"][uri]);
    EXPECT_EQ(fixed, "FROM ubuntu:latest\n# hadolint ignore=DL3059,DL3004 # why\nRUN sudo true\n");
    // And the pragma works: the finding is gone after the edit.
    h.change(uri, 2, {{{"text", fixed}}});
    EXPECT_TRUE(find_code(h.diagnostics(uri), "DL3004").is_null());
}

TEST(LspServer, NoIgnoreForParseErrors) {
    Harness h;
    h.open(uri, "FROM ubuntu:22.04\nCOPY\n");
    const json diagnostics = h.diagnostics(uri);
    const json syntax = find_code(diagnostics, "DL1000");
    ASSERT_FALSE(syntax.is_null()) << diagnostics.dump(2);
    EXPECT_TRUE(
        action_titled(code_actions(h, syntax["range"], {{"diagnostics", {syntax}}}), "Ignore").is_null());
}

TEST(LspServer, FixAllAppliesEverySafeFix) {
    Harness h;
    const std::string text = "from ubuntu:22.04 as build\nMAINTAINER someone 😀\nRUN true\n";
    h.open(uri, text);
    for (const json& only : {json({"source.fixAll.drydock"}), json({"source.fixAll"}), json({"source"})}) {
        const json actions =
            code_actions(h, range(0, 0, 3, 0), {{"diagnostics", json::array()}, {"only", only}});
        ASSERT_EQ(actions.size(), 1U) << only.dump() << actions.dump(2);
        EXPECT_EQ(actions[0]["kind"], "source.fixAll.drydock");
        const std::string fixed = apply_text_edits(text, actions[0]["edit"]["changes"][uri]);
        EXPECT_EQ(actions[0]["edit"]["changes"][uri].size(), 1U);
        // What `drydock fix` produces.
        EXPECT_EQ(fixed, fix_text(text, h.configs.config).text);
        EXPECT_NE(fixed, text);
    }
    // Nothing to fix: no action.
    h.change(uri, 2, {{{"text", "FROM ubuntu:22.04\n"}}});
    EXPECT_TRUE(code_actions(h, range(0, 0, 1, 0), {{"only", {"source.fixAll.drydock"}}}).empty());
}

TEST(LspServer, CodeActionsOnUnknownDocumentsAreEmpty) {
    Harness h;
    EXPECT_EQ(code_actions(h, range(0, 0, 0, 0)), json::array());
}

// --- hover ---

TEST(LspServer, HoverOnAFindingShowsTheRuleDocs) {
    Harness h;
    h.open(uri, "FROM ubuntu:latest\n");
    const json response = h.request("textDocument/hover", {{"textDocument", {{"uri", uri}}},
                                                           {"position", {{"line", 0}, {"character", 14}}}});
    const json& hover = response["result"];
    ASSERT_FALSE(hover.is_null()) << response.dump(2);
    EXPECT_EQ(hover["contents"]["kind"], "markdown");
    const std::string text = hover["contents"]["value"];
    EXPECT_NE(text.find("**DL3007**"), std::string::npos) << text;
    EXPECT_NE(text.find("### What it does"), std::string::npos) << text;
    EXPECT_EQ(text.find("<a id="), std::string::npos) << text;
    EXPECT_EQ(hover["range"]["start"]["line"], 0);
}

TEST(LspServer, HoverOnAKeywordDescribesTheInstruction) {
    Harness h;
    h.open(uri, "FROM ubuntu:22.04\nUSER 1000\nONBUILD RUN echo hi\nonbuild run echo hi\n");
    auto hover_at = [&](int line, int character) {
        return h.request("textDocument/hover",
                         {{"textDocument", {{"uri", uri}}},
                          {"position", {{"line", line}, {"character", character}}}})["result"];
    };
    json hover = hover_at(0, 2);
    ASSERT_FALSE(hover.is_null());
    EXPECT_NE(hover["contents"]["value"].get<std::string>().find("**FROM**"), std::string::npos);
    EXPECT_EQ(hover["range"], range(0, 0, 0, 4));
    hover = hover_at(2, 9); // the trigger of ONBUILD
    ASSERT_FALSE(hover.is_null());
    EXPECT_NE(hover["contents"]["value"].get<std::string>().find("**RUN**"), std::string::npos);
    EXPECT_NE(hover["contents"]["value"].get<std::string>().find("docs.docker.com/reference/dockerfile/#run"),
              std::string::npos);
    EXPECT_EQ(hover["range"], range(2, 8, 2, 11));
    // On an argument: nothing.
    EXPECT_TRUE(hover_at(0, 8).is_null());
    // A finding on the keyword (lower-case `onbuild` among upper-case keywords) comes first.
    hover = hover_at(3, 2);
    ASSERT_FALSE(hover.is_null());
    EXPECT_NE(hover["contents"]["value"].get<std::string>().find("**DD1004**"), std::string::npos);
}

// --- ShellCheck in the background ---

TEST(LspServer, ShellCheckRunsInTheBackgroundAndItsFindingsAreCarried) {
    Config probe;
    if (!find_shellcheck(probe))
        GTEST_SKIP() << "shellcheck is not installed";
    Harness h(ServerOptions{std::chrono::milliseconds(0), true, ""});
    h.configs.config.shellcheck = true;
    h.open(uri, "FROM ubuntu:22.04\nRUN echo $foo\nLABEL a=b\n");
    // The first publish (right after didOpen) never waits for ShellCheck; the second one has its findings.
    const std::vector<json> publishes = h.published(uri);
    ASSERT_EQ(publishes.size(), 2U);
    EXPECT_TRUE(find_code(publishes[0]["diagnostics"], "SC2086").is_null());
    const json sc = find_code(publishes[1]["diagnostics"], "SC2086");
    ASSERT_FALSE(sc.is_null()) << publishes[1].dump(2);
    EXPECT_EQ(sc["range"], range(1, 9, 1, 13));
    EXPECT_EQ(sc["codeDescription"]["href"], "https://www.shellcheck.net/wiki/SC2086");
    // The first publish of a version is the fast one (flush() waits for the background run, so reading `sent`
    // does not race with it).
    const auto fast_publish = [&](int version) {
        h.server.flush();
        for (const json& m : h.sent)
            if (m.value("method", "") == "textDocument/publishDiagnostics" &&
                m["params"]["version"] == version)
                return m["params"]["diagnostics"];
        return json();
    };
    // An edit above the RUN: the fast publish already shows SC2086, moved down one line.
    h.change(uri, 2, {{{"range", range(0, 0, 0, 0)}, {"text", "# comment\n"}}});
    EXPECT_EQ(find_code(fast_publish(2), "SC2086")["range"], range(2, 9, 2, 13));
    // An edit inside the flagged text drops it until ShellCheck runs again.
    h.change(uri, 3, {{{"range", range(2, 10, 2, 13)}, {"text", "bar"}}});
    EXPECT_TRUE(find_code(fast_publish(3), "SC2086").is_null());
    EXPECT_FALSE(find_code(h.diagnostics(uri), "SC2086").is_null()); // back once ShellCheck ran
}

} // namespace
} // namespace drydock::lsp
