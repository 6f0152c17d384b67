// Drives the real `drydock lsp` over stdio the way VS Code does, with the protocol library vscode-languageclient
// is built on: diagnostics (codes, UTF-16 ranges), incremental edits, hover, a quick fix, fix-all, the
// ignore-pragma action, config reload, garbage on the wire, and a clean shutdown.
//
//   DRYDOCK_BINARY=/path/to/drydock node --test test/     (default: ../build/cli/drydock)
//
// Skips (with a message) when the binary is missing or has no `lsp` subcommand.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
    CodeActionRequest,
    CodeActionResolveRequest,
    createProtocolConnection,
    DidChangeTextDocumentNotification,
    DidChangeWatchedFilesNotification,
    DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification,
    ExitNotification,
    FileChangeType,
    HoverRequest,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
    TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const binary = path.resolve(here, '..', process.env.DRYDOCK_BINARY ?? path.join('..', 'build', 'cli', 'drydock'));
const FIX_ALL = 'source.fixAll.drydock';
const TIMEOUT_MS = 10_000;

function skipReason() {
    if (!fs.existsSync(binary))
        return `no drydock binary at ${binary} (set DRYDOCK_BINARY)`;
    // `drydock lsp --help` would print the top-level help (exit 0) when there is no such subcommand.
    const help = spawnSync(binary, ['--help'], { encoding: 'utf8', timeout: 10_000 });
    if (!/^\s+lsp\s/m.test(help.stdout ?? ''))
        return `${binary} has no 'lsp' subcommand yet`;
    return undefined;
}
const skip = skipReason();
if (skip)
    console.log(`# SKIP drydock lsp test: ${skip}`);

// Line 2 puts UTF-16 surrogate pairs before the flagged word: `/opt` starts at code unit 21 (code point 20).
const ORIGINAL = 'FROM debian:12 as build\nCOPY "é😀.txt" b.txt /opt\nADD run.sh /usr/local/bin/\n';
const INSERTED_RUN = 'RUN cd /tmp && echo hi\n';
// Only the rules this test is about, so that new rules do not change its expectations.
const CONFIG = 'shellcheck: false\nselect: [DD1002, DL3003, DL3020, DL3021]\n';

// The findings that matter here; ShellCheck's (SC) are left out so the test does not depend on it being installed.
function summary(diagnostics) {
    return diagnostics
        .filter(d => !String(d.code).startsWith('SC'))
        .map(d => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
        .sort();
}

// A text edit list applied the way an editor applies a WorkspaceEdit for one document.
function editsFor(workspaceEdit, uri) {
    if (workspaceEdit?.changes?.[uri])
        return workspaceEdit.changes[uri];
    const edits = [];
    for (const change of workspaceEdit?.documentChanges ?? [])
        if (change.textDocument?.uri === uri)
            edits.push(...change.edits);
    return edits;
}

describe('drydock lsp', { skip, timeout: 60_000 }, () => {
    let server;
    let connection;
    let stderr = '';
    let stdout = ''; // the raw wire, to see the answers to the garbage we send
    let exitCode;
    let exited;
    let workspace;
    let uri;
    let document; // the client's copy of the buffer
    const published = []; // every publishDiagnostics, in order
    const wireErrors = []; // responses to our garbage, and reader errors
    let initializeResult;

    // Waits for a publishDiagnostics for `target` that arrives after `since` and satisfies `accept`.
    async function nextDiagnostics(target, since, accept = () => true) {
        const deadline = Date.now() + TIMEOUT_MS;
        for (;;) {
            const match = published.slice(since).find(p => p.uri === target && accept(p));
            if (match)
                return match;
            if (Date.now() > deadline) {
                const seen = published.filter(p => p.uri === target).map(p => JSON.stringify(summary(p.diagnostics)));
                assert.fail(`no matching diagnostics for ${target} within ${TIMEOUT_MS} ms; seen: ${seen.join(' | ')}\n` +
                            `server stderr:\n${stderr}`);
            }
            await new Promise(resolve => setTimeout(resolve, 20));
        }
    }

    // Applies edits to the client's copy and sends them as incremental changes (one content change per edit, in
    // reverse document order so the earlier ranges stay valid).
    async function applyAndSend(edits) {
        const ordered = [...edits].sort((a, b) =>
            document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
        const changes = ordered.map(e => ({ range: e.range, text: e.newText }));
        const version = document.version + 1;
        document = TextDocument.update(document, changes, version);
        const since = published.length;
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: changes,
        });
        return nextDiagnostics(uri, since, p => p.version === undefined || p.version === version);
    }

    async function codeActions(range, diagnostics, only) {
        const actions = await connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range,
            context: { diagnostics, ...(only ? { only } : {}), triggerKind: 1 },
        });
        // Resolve lazily computed edits, as VS Code does.
        return Promise.all((actions ?? []).map(a =>
            a.edit || !a.data || !initializeResult.capabilities.codeActionProvider?.resolveProvider
                ? a
                : connection.sendRequest(CodeActionResolveRequest.type, a)));
    }

    before(async () => {
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-lsp-'));
        fs.mkdirSync(path.join(workspace, '.git')); // config discovery stops here
        fs.writeFileSync(path.join(workspace, '.drydock.yaml'), CONFIG);
        const file = path.join(workspace, 'Dockerfile');
        fs.writeFileSync(file, ORIGINAL);
        uri = pathToFileURL(file).href;
        document = TextDocument.create(uri, 'dockerfile', 1, ORIGINAL);

        server = spawn(binary, ['lsp'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
        server.stderr.on('data', chunk => { stderr += chunk; });
        server.stdout.on('data', chunk => { stdout += chunk.toString('latin1'); });
        exited = new Promise(resolve => server.on('exit', code => { exitCode = code; resolve(code); }));
        const logger = {
            error: message => wireErrors.push(message),
            warn: message => wireErrors.push(message),
            info: () => {},
            log: () => {},
        };
        connection = createProtocolConnection(new StreamMessageReader(server.stdout),
                                              new StreamMessageWriter(server.stdin), logger);
        connection.onNotification(PublishDiagnosticsNotification.type, params => published.push(params));
        // Requests a server may send to the client.
        connection.onRequest('workspace/configuration', params => params.items.map(() => null));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('client/unregisterCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onError(([error]) => wireErrors.push(String(error)));
        connection.listen();

        initializeResult = await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: pathToFileURL(workspace).href,
            workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'workspace' }],
            capabilities: {
                general: { positionEncodings: ['utf-16'] },
                textDocument: {
                    synchronization: { dynamicRegistration: false, didSave: true },
                    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true,
                                          dataSupport: true },
                    codeAction: {
                        codeActionLiteralSupport: {
                            codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] },
                        },
                        isPreferredSupport: true,
                        dataSupport: true,
                        resolveSupport: { properties: ['edit'] },
                    },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                },
                workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true },
                             workspaceEdit: { documentChanges: true } },
            },
        });
        await connection.sendNotification(InitializedNotification.type, {});
    });

    after(async () => {
        if (exitCode === undefined)
            server?.kill();
        connection?.dispose();
        if (workspace)
            fs.rmSync(workspace, { recursive: true, force: true });
    });

    it('advertises incremental sync, code actions (quick fix and fix-all) and hover', () => {
        const caps = initializeResult.capabilities;
        const sync = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : caps.textDocumentSync?.change;
        assert.equal(sync, TextDocumentSyncKind.Incremental);
        assert.ok(caps.codeActionProvider, 'codeActionProvider');
        const kinds = caps.codeActionProvider.codeActionKinds ?? [];
        assert.ok(kinds.includes('quickfix'), `quickfix in ${kinds}`);
        assert.ok(kinds.some(k => FIX_ALL === k || FIX_ALL.startsWith(`${k}.`)), `${FIX_ALL} in ${kinds}`);
        assert.ok(caps.hoverProvider, 'hoverProvider');
        assert.ok(caps.positionEncoding === undefined || caps.positionEncoding === 'utf-16');
    });

    it('publishes diagnostics on open, with rule codes, exact UTF-16 ranges and severities', async () => {
        const since = published.length;
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'dockerfile', version: 1, text: ORIGINAL },
        });
        const { diagnostics, version } = await nextDiagnostics(uri, since);
        assert.ok(version === undefined || version === 1);
        assert.deepEqual(summary(diagnostics), ['DD1002@0:15-0:17', 'DL3020@2:4-2:10', 'DL3021@1:21-1:25']);
        for (const d of diagnostics) {
            assert.equal(d.source, 'drydock');
            assert.ok(d.message.length > 0);
        }
        const byCode = Object.fromEntries(diagnostics.map(d => [d.code, d]));
        assert.equal(byCode.DL3021.severity, 1); // error
        assert.ok([3, 4].includes(byCode.DD1002.severity), `style → information or hint, got ${byCode.DD1002.severity}`);
        assert.match(byCode.DL3021.codeDescription?.href ?? '', /DL3021|copy-destination-directory/i);
    });

    it('re-lints the buffer after an incremental change', async () => {
        const { diagnostics } = await applyAndSend([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
                                                      newText: INSERTED_RUN }]);
        assert.equal(document.getText(), 'FROM debian:12 as build\n' + INSERTED_RUN +
                                         'COPY "é😀.txt" b.txt /opt\nADD run.sh /usr/local/bin/\n');
        assert.deepEqual(summary(diagnostics),
                         ['DD1002@0:15-0:17', 'DL3003@1:4-1:6', 'DL3020@3:4-3:10', 'DL3021@2:21-2:25']);
    });

    it('shows the rule documentation on hover', async () => {
        const hover = await connection.sendRequest(HoverRequest.type, {
            textDocument: { uri },
            position: { line: 0, character: 16 },
        });
        assert.ok(hover, 'a hover on the DD1002 finding');
        const contents = [hover.contents].flat().map(c => (typeof c === 'string' ? c : c.value)).join('\n');
        assert.match(contents, /DD1002|from-as-casing/);
    });

    it('offers the finding\'s fix as a quick fix, and the fix applies', async () => {
        const current = published.filter(p => p.uri === uri).at(-1).diagnostics;
        const target = current.find(d => d.code === 'DL3021');
        const actions = await codeActions(target.range, [target]);
        const quickFixes = actions.filter(a => a.kind === 'quickfix' && editsFor(a.edit, uri).length > 0);
        const fix = quickFixes.find(a => editsFor(a.edit, uri).some(e => e.newText === '/'));
        assert.ok(fix, `a quick fix adding the trailing slash among ${JSON.stringify(actions.map(a => a.title))}`);
        assert.ok(fix.diagnostics === undefined || fix.diagnostics.some(d => d.code === 'DL3021'));
        assert.deepEqual(editsFor(fix.edit, uri),
                         [{ range: { start: { line: 2, character: 25 }, end: { line: 2, character: 25 } }, newText: '/' }]);
        const { diagnostics } = await applyAndSend(editsFor(fix.edit, uri));
        assert.equal(document.getText().split('\n')[2], 'COPY "é😀.txt" b.txt /opt/');
        assert.deepEqual(summary(diagnostics), ['DD1002@0:15-0:17', 'DL3003@1:4-1:6', 'DL3020@3:4-3:10']);
    });

    it('fixes all safe findings with source.fixAll.drydock', async () => {
        const current = published.filter(p => p.uri === uri).at(-1).diagnostics;
        const whole = { start: { line: 0, character: 0 }, end: { line: document.lineCount, character: 0 } };
        const actions = await codeActions(whole, current, [FIX_ALL]);
        const fixAll = actions.find(a => a.kind === FIX_ALL);
        assert.ok(fixAll, `a ${FIX_ALL} action among ${JSON.stringify(actions.map(a => [a.kind, a.title]))}`);
        assert.ok(actions.every(a => a.kind?.startsWith('source.fixAll')), 'only fix-all actions when only= asks so');
        const { diagnostics } = await applyAndSend(editsFor(fixAll.edit, uri));
        // DL3003's fix (cd → WORKDIR) is unsafe: fix-all leaves it.
        assert.equal(document.getText(),
                     'FROM debian:12 AS build\n' + INSERTED_RUN + 'COPY "é😀.txt" b.txt /opt/\nCOPY run.sh /usr/local/bin/\n');
        assert.deepEqual(summary(diagnostics), ['DL3003@1:4-1:6']);
    });

    it('offers to ignore a rule on its line, and the pragma silences it', async () => {
        const current = published.filter(p => p.uri === uri).at(-1).diagnostics;
        const target = current.find(d => d.code === 'DL3003');
        const actions = await codeActions(target.range, [target]);
        const ignore = actions.find(a => editsFor(a.edit, uri).some(e => /ignore=.*(DL3003|cd-instead-of-workdir)/.test(e.newText)));
        assert.ok(ignore, `an ignore action among ${JSON.stringify(actions.map(a => a.title))}`);
        assert.equal(ignore.kind, 'quickfix');
        const { diagnostics } = await applyAndSend(editsFor(ignore.edit, uri));
        const lines = document.getText().split('\n');
        assert.match(lines[1], /^# (hadolint|drydock) ignore=(DL3003|cd-instead-of-workdir)\s*$/);
        assert.equal(lines[2], INSERTED_RUN.trimEnd());
        assert.deepEqual(summary(diagnostics), []);
    });

    it('re-lints open documents when a config file changes', async () => {
        // Back to a finding: lower-case `as` again, then ignore its rule in the config file.
        const { diagnostics: before } = await applyAndSend([{ range: { start: { line: 0, character: 15 },
                                                                      end: { line: 0, character: 17 } }, newText: 'as' }]);
        assert.deepEqual(summary(before), ['DD1002@0:15-0:17']);
        const config = path.join(workspace, '.drydock.yaml');
        fs.writeFileSync(config, `${CONFIG}ignored: [DD1002]\n`);
        const since = published.length;
        await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: [{ uri: pathToFileURL(config).href, type: FileChangeType.Changed }],
        });
        await nextDiagnostics(uri, since, p => summary(p.diagnostics).length === 0);
    });

    it('survives garbage on the wire and answers malformed requests with JSON-RPC errors', async () => {
        const frame = body => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
        server.stdin.write(frame('{this is not json'));
        server.stdin.write(frame('{"jsonrpc":"2.0","id":9001,"method":"drydock/noSuchMethod","params":{}}'));
        server.stdin.write(frame('[1,2,3]'));
        server.stdin.write(frame('{"jsonrpc":"2.0","id":9002,"method":"textDocument/hover","params":{"bogus":true}}'));
        server.stdin.write(Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]));
        // Still answering, and still linting.
        const hover = await connection.sendRequest(HoverRequest.type, {
            textDocument: { uri },
            position: { line: 0, character: 1 },
        });
        assert.ok(hover === null || typeof hover === 'object');
        const { diagnostics } = await applyAndSend([{ range: { start: { line: 0, character: 15 },
                                                             end: { line: 0, character: 17 } }, newText: 'AS' }]);
        assert.deepEqual(summary(diagnostics), []);
        assert.equal(exitCode, undefined, `the server exited: ${stderr}`);
        // JSON-RPC errors: parse error (-32700, id null), method not found (-32601), invalid params (-32602).
        const answers = stdout.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map(body => {
            try { return JSON.parse(body); } catch { return undefined; }
        });
        const errorOf = id => answers.find(m => m && m.id === id && m.error)?.error.code;
        assert.equal(errorOf(null), -32700, 'parse error answered with id null');
        assert.equal(errorOf(9001), -32601, 'unknown method answered');
        assert.ok([-32602, -32600].includes(errorOf(9002)), `bad params answered with ${errorOf(9002)}`);
    });

    it('clears the diagnostics of a closed document', async () => {
        const since = published.length;
        await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        await nextDiagnostics(uri, since, p => p.diagnostics.length === 0);
    });

    it('shuts down cleanly with exit code 0', async () => {
        const result = await connection.sendRequest(ShutdownRequest.type);
        assert.equal(result, null);
        await connection.sendNotification(ExitNotification.type);
        const code = await Promise.race([exited, new Promise(resolve => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
        assert.equal(code, 0, `exit code (stderr: ${stderr})`);
    });
});
