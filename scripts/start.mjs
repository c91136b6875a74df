#!/usr/bin/env node
/**
 * `npm start` (after `electron-vite build`): launches the desktop app, or, where the desktop
 * shell cannot run, says why in one line and runs browser mode on its default data folder
 * instead, printing (and, where there is a desktop, opening) its URL.
 *
 * The desktop shell is unavailable when Electron's binary is missing and cannot be downloaded
 * (offline, a blocked mirror, ELECTRON_SKIP_BINARY_DOWNLOAD), when better-sqlite3 cannot be
 * built for Electron, or on Linux without a display (no DISPLAY or WAYLAND_DISPLAY).
 * FOLIO_START=web skips the desktop attempt.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.dirname(require.resolve('electron/package.json'));

/** The Electron executable electron/index.js would run, or null if it is not there. */
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  const name = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : '';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  const file = path.join(dist, name || 'electron');
  return name && fs.existsSync(file) ? file : null;
}

/** The first line of a failed command's output that says something (not a stack frame). */
function firstLine(output) {
  return (
    output
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith('at ')) ?? 'no output'
  );
}

/** Why the desktop shell cannot run here, or null if it can (its binary and native module are ready). */
function desktopUnavailable() {
  if (process.env.FOLIO_START === 'web') return 'FOLIO_START=web';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)';
  if (!electronBinary()) {
    if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
      return "Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set";
    console.log("Downloading Electron's binary…");
    const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
      encoding: 'utf8',
      timeout: 10 * 60_000,
    });
    if (r.status !== 0 || !electronBinary())
      return `Electron's binary could not be downloaded (${firstLine(`${r.stderr ?? ''}\n${r.stdout ?? ''}`)})`;
  }
  const prepare = spawnSync(process.execPath, [path.join(root, 'scripts/prepare-electron.mjs')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (prepare.status !== 0)
    return `better-sqlite3 could not be built for Electron (${firstLine(prepare.stderr ?? '')})`;
  return null;
}

/** Opens `url` in the default browser where there is a desktop; never fails. */
function openInBrowser(url) {
  const hasDesktop =
    process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDesktop || process.env.FOLIO_NO_OPEN) return;
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no opener installed: the URL is printed above
    child.unref();
  } catch {
    // as above
  }
}

function runBrowserMode(reason) {
  console.log(`The desktop shell is unavailable: ${reason}. Starting browser mode instead.`);
  const child = spawn(process.execPath, [path.join(root, 'out/main/web.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    buffered += chunk.toString();
    const m = /FOLIO_URL=(\S+)/.exec(buffered);
    if (m) {
      opened = true;
      openInBrowser(m[1]);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const reason = desktopUnavailable();
if (reason) runBrowserMode(reason);
else {
  const child = spawn(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'preview'], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}
