import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import type { RuleFinding } from '../../../shared/domain/einvoice-in/rules';
import { checkRulesBatch, type RuleResult } from './validate';
import type { ValidateRequest, ValidateResponse } from './validate-worker';

/**
 * The EN 16931 rules for many files at once. SaxonJS takes ~0.1 s per file (more on a busy
 * machine), so a batch of at least POOL_MIN files is spread over one thread per core (at most
 * four; the built app runs out/main/einvoice-worker.js, the sources run validate-worker.ts
 * through tsx); a smaller batch, or one where no thread starts, runs on the calling thread,
 * whose stylesheets stay loaded. A file whose rules cannot run gets an error as its result.
 */
export const POOL_MIN = 8;

/** One file's XML, its syntax, and whether it claims XRechnung (its rules run too). */
export interface RuleItem {
  xml: string;
  syntax: EInvoiceSyntax;
  xrechnung?: boolean;
}

export type { RuleResult };

/**
 * Findings by the file's content: the preview and the import that follows it check the same
 * files, so the import reuses the preview's results (the rules are ~90% of an import's time).
 * At most CACHE_MAX entries, oldest dropped first.
 */
const CACHE_MAX = 5000;
const cache = new Map<string, RuleFinding[]>();
export const ruleCacheStats = { hits: 0, misses: 0 };

function cacheKey(item: RuleItem): string {
  return crypto
    .createHash('sha256')
    .update(item.syntax)
    .update(item.xrechnung ? '\0XRechnung\0' : '\0')
    .update(item.xml)
    .digest('hex');
}

function remember(key: string, findings: RuleFinding[]): void {
  cache.set(key, findings);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
}

function workerScript(): { file: string; source: boolean } | null {
  const override = process.env.FOLIO_EINVOICE_WORKER;
  if (override && fs.existsSync(override)) return { file: path.resolve(override), source: false };
  if (__filename.endsWith('.ts')) return { file: path.join(__dirname, 'validate-worker.ts'), source: true };
  for (const candidate of [
    path.join(__dirname, 'einvoice-worker.js'),
    path.join(__dirname, '..', 'einvoice-worker.js'),
  ]) {
    if (fs.existsSync(candidate)) return { file: candidate, source: false };
  }
  return null;
}

function startWorker(script: { file: string; source: boolean }): Worker {
  if (!script.source) return new Worker(script.file);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script.file)});`, {
    eval: true,
  });
}

/** At most this many files of one syntax per transformation (and per message to a thread). */
export const CHUNK_MAX = 20;

/** The files split into chunks of one syntax, small enough that every thread gets several. */
function chunks(
  items: readonly RuleItem[],
  threads: number,
): { syntax: EInvoiceSyntax; indexes: number[] }[] {
  const size = Math.max(1, Math.min(CHUNK_MAX, Math.ceil(items.length / (threads * 4))));
  const out: { syntax: EInvoiceSyntax; indexes: number[] }[] = [];
  for (const syntax of ['UBL', 'CII'] as const) {
    const of = items.flatMap((it, i) => (it.syntax === syntax ? [i] : []));
    for (let k = 0; k < of.length; k += size) out.push({ syntax, indexes: of.slice(k, k + size) });
  }
  return out;
}

function inline(
  items: readonly RuleItem[],
  indexes: readonly number[],
  syntax: EInvoiceSyntax,
): RuleResult[] {
  return checkRulesBatch(
    indexes.map((i) => items[i]!),
    syntax,
  );
}

export function ruleThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

export async function validateMany(
  items: readonly RuleItem[],
  threads = ruleThreads(),
): Promise<RuleResult[]> {
  const keys = items.map(cacheKey);
  const results: (RuleResult | undefined)[] = keys.map((k) => {
    const findings = cache.get(k);
    return findings ? { ok: true, findings } : undefined;
  });
  const missing = items.flatMap((_item, i) => (results[i] ? [] : [i]));
  ruleCacheStats.hits += items.length - missing.length;
  ruleCacheStats.misses += missing.length;
  const fresh = await validateUncached(
    missing.map((i) => items[i]!),
    threads,
  );
  missing.forEach((i, j) => {
    const r = fresh[j]!;
    results[i] = r;
    if (r.ok) remember(keys[i]!, r.findings);
  });
  return results as RuleResult[];
}

async function validateUncached(items: readonly RuleItem[], threads: number): Promise<RuleResult[]> {
  const results: RuleResult[] = new Array<RuleResult>(items.length);
  const work = chunks(items, threads);
  const script = items.length >= POOL_MIN && threads > 1 ? workerScript() : null;
  const runInline = (c: { syntax: EInvoiceSyntax; indexes: number[] }) =>
    inline(items, c.indexes, c.syntax).forEach((r, k) => (results[c.indexes[k]!] = r));
  if (!script) {
    work.forEach(runInline);
    return results;
  }
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < Math.min(threads, work.length); i++) workers.push(startWorker(script));
  } catch {
    await Promise.all(workers.map((w) => w.terminate()));
    work.forEach(runInline);
    return results;
  }
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const send = () => {
              if (next >= work.length) return resolve();
              const id = next++;
              const c = work[id]!;
              worker.postMessage({
                id,
                syntax: c.syntax,
                items: c.indexes.map((i) => ({
                  xml: items[i]!.xml,
                  xrechnung: items[i]!.xrechnung === true,
                })),
              } satisfies ValidateRequest);
            };
            worker.on('message', (r: ValidateResponse) => {
              const c = work[r.id]!;
              r.results.forEach((x, k) => (results[c.indexes[k]!] = x));
              send();
            });
            // The thread died: what it had not answered is checked here at the end.
            worker.on('error', () => resolve());
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  for (const c of work) if (c.indexes.some((i) => !results[i])) runInline(c);
  return results;
}
