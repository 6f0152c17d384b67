#!/usr/bin/env node
// Packages the extension into drydock-linux-x64.vsix, offline: copies the drydock binary into bin/ and the
// repository's LICENSE beside package.json, then runs vsce on the bundle in dist/ (`npm run bundle` first; `npm run
// package` does both).
//
//   DRYDOCK_BINARY=/path/to/drydock node scripts/package.mjs     (default: ../build/cli/drydock)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(extensionDir, '..');
const binary = path.resolve(extensionDir, process.env.DRYDOCK_BINARY ?? path.join(repoDir, 'build', 'cli', 'drydock'));
const target = 'linux-x64';
const vsix = path.join(extensionDir, `drydock-${target}.vsix`);

function fail(message) {
    console.error(`package: ${message}`);
    process.exit(1);
}

if (!fs.existsSync(path.join(extensionDir, 'dist', 'extension.js')))
    fail('dist/extension.js is missing: run `npm run bundle` first');
if (!fs.existsSync(binary))
    fail(`no drydock binary at ${binary}: build it (scripts/run.sh) or set DRYDOCK_BINARY`);

fs.mkdirSync(path.join(extensionDir, 'bin'), { recursive: true });
const bundled = path.join(extensionDir, 'bin', 'drydock');
fs.copyFileSync(binary, bundled);
fs.chmodSync(bundled, 0o755);
fs.copyFileSync(path.join(repoDir, 'LICENSE'), path.join(extensionDir, 'LICENSE'));

const vsce = path.join(extensionDir, 'node_modules', '.bin', 'vsce');
// --no-dependencies: everything the extension needs is bundled into dist/extension.js by esbuild.
// Standard input is not a terminal, so vsce never stops to ask a question.
try {
    execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--target', target, '-o', vsix], {
        cwd: extensionDir,
        stdio: ['ignore', 'inherit', 'inherit'],
    });
} catch (error) {
    fail(`vsce failed (${error.status ?? error.message})`);
}
console.log(`package: wrote ${path.relative(process.cwd(), vsix) || vsix}`);
