/**
 * Opening large books (issue 9 §5): from process start to the first answers, in a fresh
 * browser-mode process (`node out/main/web.js`) on a copy of a cached book (bench/books.ts)
 * of 100k and 1M invoices. Three figures per book, each from a fresh process:
 *  - the first answer (`system.health`): what the app shows first;
 *  - the dashboard (`dashboard.summary`): the user's first screen;
 *  - receivables aging as of today (`reports.receivablesAging`), the cash-flow forecast, and
 *    aging as of 180 days ago (each the next call in the same process).
 *
 * FOLIO_BENCH_OPEN_SIZES=100000,1000000 (the default) chooses the books. Generating the 1M
 * book takes minutes, once; later runs reuse it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/shared/domain/dates';
import { tempDir } from '../test/helpers/tmp';
import { cachedBook, copyBook } from './books';
import { median, note, record } from './report';

const SUITE = 'open';
export const WEB = path.resolve(__dirname, '../out/main/web.js');
const RUNS = Number(process.env.FOLIO_BENCH_OPEN_RUNS ?? 3);

/**
 * Spawns browser mode on `dataDir` and returns ms from spawn to the answer of each call, made
 * one after the other as soon as the URL is printed (the first is also the first answer).
 * The answers' values are pushed onto `answers` when given.
 */
export function timeFromStart(
  dataDir: string,
  calls: { method: string; input?: unknown }[],
  env: NodeJS.ProcessEnv = {},
  answers?: unknown[],
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [WEB, '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /FOLIO_URL=(\S+)/.exec(out);
      if (!m || started) return;
      started = true;
      const url = new URL(m[1]!);
      void (async () => {
        const times: number[] = [];
        for (const { method, input = {} } of calls) {
          const res = await fetch(`${url.origin}/api/call`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${url.searchParams.get('token')}` },
            body: JSON.stringify({ method, input }),
          });
          const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
          if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
          answers?.push(body.value);
          times.push(performance.now() - t0);
        }
        return times;
      })().then(
        (times) => {
          child.once('exit', () => resolve(times));
          child.kill('SIGTERM');
        },
        (error: unknown) => {
          child.kill('SIGKILL');
          reject(error as Error);
        },
      );
    });
    child.once('exit', (code) => {
      if (!started) reject(new Error(`browser mode exited (${code}) before its URL:\n${out}`));
    });
  });
}

export async function runOpen(): Promise<void> {
  console.log(
    `\nOpening large books (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  if (!fs.existsSync(WEB)) throw new Error('out/main/web.js is missing: npm run build first.');
  const sizes = (process.env.FOLIO_BENCH_OPEN_SIZES ?? '100000,1000000').split(',').map(Number);
  for (const n of sizes) {
    const label = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
    const book = await cachedBook(n);
    if (book.generatedMs !== null)
      note(SUITE, `${label}: generate the book (once, cached)`, `${(book.generatedMs / 1000).toFixed(1)} s`);
    const tmp = tempDir('folio-bench-open-');
    try {
      copyBook(book.dir, tmp.dir);
      const today = new Date().toISOString().slice(0, 10);
      const past = addDays(today, -180);
      const calls = [
        { method: 'system.health' },
        { method: 'dashboard.summary' },
        { method: 'reports.receivablesAging', input: { asOf: today } },
        { method: 'reports.cashflow' },
        { method: 'reports.receivablesAging', input: { asOf: past } },
      ];
      const runs: number[][] = [];
      // One unmeasured run first: it leaves the file as every later start finds it.
      await timeFromStart(tmp.dir, calls.slice(0, 1));
      for (let i = 0; i < RUNS; i++) runs.push(await timeFromStart(tmp.dir, calls));
      record(
        SUITE,
        `${label}: process start to first answer (median of ${RUNS})`,
        median(runs.map((r) => r[0]!)),
        1000,
      );
      record(
        SUITE,
        `${label}: process start to the dashboard (median of ${RUNS})`,
        median(runs.map((r) => r[1]!)),
        1000,
      );
      record(
        SUITE,
        `${label}: the dashboard alone, first call in the process (median of ${RUNS})`,
        median(runs.map((r) => r[1]! - r[0]!)),
        100,
      );
      record(
        SUITE,
        `${label}: receivables aging alone, next call (median of ${RUNS})`,
        median(runs.map((r) => r[2]! - r[1]!)),
        100,
      );
      record(
        SUITE,
        `${label}: cash-flow forecast alone, next call (median of ${RUNS})`,
        median(runs.map((r) => r[3]! - r[2]!)),
        100,
      );
      record(
        SUITE,
        `${label}: receivables aging as of ${past} alone, next call (median of ${RUNS})`,
        median(runs.map((r) => r[4]! - r[3]!)),
        1000,
      );
    } finally {
      tmp.cleanup();
    }
  }
}
