#!/usr/bin/env node
/**
 * Runs Electronegativity over the sources and fails on any finding it does not mark for
 * manual review. Electronegativity always exits 0, so its SARIF report is read instead:
 * "warning" results are real findings; "note" results ask for a review, and each one must
 * be explained in SECURITY.md (by its check name) or this script fails too.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;
const cli = path.join(
  path.dirname(require.resolve('@doyensec/electronegativity/package.json')),
  'dist',
  'index.js',
);
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'folio-en-')), 'report.sarif');

execFileSync(
  process.execPath,
  [cli, '-i', path.join(root, 'src'), '-o', report, '-r', '-v', 'false', '-e', electronVersion],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  },
);

const sarif = JSON.parse(fs.readFileSync(report, 'utf8'));
const results = sarif.runs.flatMap((run) => run.results);
const security = fs.readFileSync(path.join(root, 'SECURITY.md'), 'utf8');
const where = (r) => {
  const loc = r.locations[0].physicalLocation;
  return `src/${loc.artifactLocation.uri}:${loc.region?.startLine ?? '?'}`;
};

const findings = results.filter((r) => r.level !== 'note');
const unexplained = results.filter((r) => r.level === 'note' && !security.includes(r.ruleId));

for (const r of results) console.log(`${r.level === 'note' ? 'review ' : 'FINDING'} ${r.ruleId} ${where(r)}`);
if (findings.length > 0) console.error(`\n${findings.length} Electronegativity finding(s) must be fixed.`);
if (unexplained.length > 0)
  console.error(
    `\n${unexplained.length} review item(s) are not explained in SECURITY.md: ${unexplained.map((r) => r.ruleId).join(', ')}`,
  );
if (findings.length > 0 || unexplained.length > 0) process.exit(1);
console.log(
  `Electronegativity: no findings; ${results.length} review item(s), each explained in SECURITY.md.`,
);
