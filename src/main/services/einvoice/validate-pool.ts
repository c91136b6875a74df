import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import type { RuleFinding } from '../../../shared/domain/einvoice-in/rules';
import { checkRules } from './validate';
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

export type RuleResult = { ok: true; findings: RuleFinding[] } | { ok: false; error: string };

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

function inline(item: RuleItem): RuleResult {
  try {
    return { ok: true, findings: checkRules(item.xml, item.syntax, item.xrechnung === true) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
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
  const script = items.length >= POOL_MIN && threads > 1 ? workerScript() : null;
  if (!script) return items.map(inline);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < Math.min(threads, items.length); i++) workers.push(startWorker(script));
  } catch {
    await Promise.all(workers.map((w) => w.terminate()));
    return items.map(inline);
  }
  const results: RuleResult[] = new Array<RuleResult>(items.length);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const send = () => {
              if (next >= items.length) return resolve();
              const id = next++;
              worker.postMessage({ id, ...items[id]! } satisfies ValidateRequest);
            };
            worker.on('message', (r: ValidateResponse) => {
              results[r.id] = r.ok ? { ok: true, findings: r.findings } : { ok: false, error: r.error };
              send();
            });
            worker.on('error', (e) => {
              // The thread died: what it had not answered is checked here instead.
              for (let i = 0; i < items.length; i++)
                if (!results[i] && i < next) results[i] = inline(items[i]!);
              resolve();
              void e;
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  for (let i = 0; i < items.length; i++) results[i] ??= inline(items[i]!);
  return results;
}
