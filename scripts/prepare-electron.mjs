#!/usr/bin/env node
/**
 * Readies the desktop app to launch (run by `npm start`; `npm run rebuild:electron` forces it):
 *  1. downloads Electron's binary if it is not there yet (Electron 45 fetches it on demand);
 *  2. builds better-sqlite3 for Electron's ABI into native/electron/, from a copy of the
 *     package, so node_modules stays built for Node and `npm test` keeps working.
 * The desktop main process loads that copy through better-sqlite3's `nativeBinding` option.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const force = process.argv.includes('--force');
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const outDir = path.join(root, 'native', 'electron');
const stamp = path.join(outDir, 'built-for.txt');
const wanted = `electron ${electronVersion}, better-sqlite3 ${sqliteVersion}, ${process.platform}-${process.arch}`;

console.log(`Electron ${electronVersion}: checking its binary…`);
execFileSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit' });

if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) {
  console.log(`better-sqlite3 is already built for ${wanted}.`);
  process.exit(0);
}

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (a few minutes)…`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-native-'));
fs.cpSync(sqliteDir, work, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
});
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
execFileSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit' },
);
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(
  path.join(work, 'build', 'Release', 'better_sqlite3.node'),
  path.join(outDir, 'better_sqlite3.node'),
);
fs.writeFileSync(stamp, wanted);
fs.rmSync(work, { recursive: true, force: true });
console.log(`Built native/electron/better_sqlite3.node for ${wanted}.`);
