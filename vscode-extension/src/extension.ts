// The drydock extension: a thin client for `drydock lsp` (diagnostics, quick fixes, fix-all, hover all come from
// the server; nothing here knows a rule). It starts the server over stdio, restarts it when its settings change,
// and runs `source.fixAll.drydock` before a save when `drydock.fixOnSave` is on.
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('drydock');
// Settings that need a new server process when they change (the server reads its config files itself).
const RESTART_SETTINGS = ['drydock.enable', 'drydock.path', 'drydock.args'];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

// The executable to start: the `drydock.path` setting, else the binary bundled in bin/, else `drydock` on PATH.
function serverCommand(context: vscode.ExtensionContext): string {
    const configured = vscode.workspace.getConfiguration('drydock').get<string>('path', '').trim();
    if (configured !== '')
        return configured;
    const bundled = context.asAbsolutePath(path.join('bin', process.platform === 'win32' ? 'drydock.exe' : 'drydock'));
    if (fs.existsSync(bundled)) {
        try {
            // Unzipping a VSIX may drop the executable bit.
            fs.chmodSync(bundled, 0o755);
        } catch {
            // Read-only install: if it cannot start, the client reports that in the output channel.
        }
        return bundled;
    }
    return 'drydock';
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
    const settings = vscode.workspace.getConfiguration('drydock');
    if (!settings.get<boolean>('enable', true))
        return;
    const command = serverCommand(context);
    const args = ['lsp', ...settings.get<string[]>('args', []).map(String)];
    const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio };
    output ??= vscode.window.createOutputChannel('drydock', { log: true });
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'dockerfile' },
            { scheme: 'untitled', language: 'dockerfile' },
        ],
        synchronize: {
            configurationSection: 'drydock',
            // Config files drydock reads: the server reloads them when they change.
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{.drydock,.hadolint}.{yaml,yml}'),
        },
        outputChannel: output,
    };
    output.info(`Starting ${command} ${args.join(' ')}`);
    client = new LanguageClient('drydock', 'drydock', serverOptions, clientOptions);
    await client.start();
}

async function stopClient(): Promise<void> {
    const running = client;
    client = undefined;
    if (running)
        await running.stop();
}

// The edits of the server's fix-all action for one document, or none.
async function fixAllEdits(document: vscode.TextDocument): Promise<vscode.TextEdit[]> {
    if (!client || document.languageId !== 'dockerfile')
        return [];
    const fullRange = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', document.uri, fullRange, FIX_ALL_KIND.value, 1);
    const fixAll = (actions ?? []).find(a => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
    return fixAll?.edit?.get(document.uri) ?? [];
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    context.subscriptions.push(
        vscode.commands.registerCommand('drydock.restartServer', async () => {
            await stopClient();
            await startClient(context);
        }),
        vscode.commands.registerCommand('drydock.fixAll', async () => {
            const editor = vscode.window.activeTextEditor;
            if (!editor)
                return;
            const edits = await fixAllEdits(editor.document);
            if (edits.length === 0)
                return;
            const edit = new vscode.WorkspaceEdit();
            edit.set(editor.document.uri, edits);
            await vscode.workspace.applyEdit(edit);
        }),
        vscode.workspace.onDidChangeConfiguration(async event => {
            if (RESTART_SETTINGS.some(s => event.affectsConfiguration(s))) {
                await stopClient();
                await startClient(context);
            }
        }),
        // Fix on save: the edits join the save (willSaveWaitUntil), so the file is written once, fixed.
        vscode.workspace.onWillSaveTextDocument(event => {
            const enabled = vscode.workspace.getConfiguration('drydock', event.document).get<boolean>('fixOnSave');
            if (enabled && event.reason !== vscode.TextDocumentSaveReason.AfterDelay)
                event.waitUntil(fixAllEdits(event.document));
        }),
        { dispose: () => void stopClient() },
    );
    await startClient(context);
}

export async function deactivate(): Promise<void> {
    await stopClient();
}
