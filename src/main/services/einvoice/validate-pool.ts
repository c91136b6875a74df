import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import type { RawFinding } from '../../../shared/domain/einvoice-in/rules';
import { runningRuleThreads } from './rule-threads';
import { checkRulesBatch, type RuleResult } from './validate';
import type { ValidateRequest, ValidateResponse } from './validate-worker';

/**
 * The EN 16931 rules for many files at once, as a pipeline: the import hands each file to a
 * `RulePool` as soon as it is read (`check` gives a promise of its findings), the pool sends
 * chunks of files of one syntax to one thread per core (at most four; the built app runs
 * out/main/einvoice-worker.js, the sources run validate-worker.ts through tsx) while the main
 * thread goes on reading, and the import saves each file, in order, as its findings arrive.
 * SaxonJS takes ~10–15 ms per file in a warm thread (~35 ms for a file alone, ~20 ms of it
 * preparing the stylesheet), so threads pay off from POOL_MIN files; a smaller batch,
 * or one where no thread starts, runs on the calling thread, whose stylesheets stay loaded.
 * A file whose rules cannot run gets an error as its result.
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
 * files, so the import reuses the preview's results (the rules are ~90% of an import's time),
 * and a file sent twice in one batch is checked once. Findings are kept raw (not in words), so
 * a cached result serves every language. At most CACHE_MAX entries, oldest dropped first.
 */
const CACHE_MAX = 5000;
const cache = new Map<string, RawFinding[]>();
export const ruleCacheStats = { hits: 0, misses: 0 };

function cacheKey(item: RuleItem): string {
  return crypto
    .createHash('sha256')
    .update(item.syntax)
    .update(item.xrechnung ? '\0XRechnung\0' : '\0')
    .update(item.xml)
    .digest('hex');
}

function remember(key: string, findings: RawFinding[]): void {
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

/**
 * At most this many files of one syntax per transformation (and per message to a thread).
 * SaxonJS prepares the stylesheet on every transformation (~20 ms: it checks the SEF's checksum
 * and walks its ~58,000 nodes several times), so a chunk of 50 pays ~0.4 ms per file for it,
 * one of 20 ~1 ms (about 5% of a file's rules, once the rules were made faster).
 */
export const CHUNK_MAX = 50;

/**
 * Chunks a thread may have waiting besides the one it runs, so it never waits for the main
 * thread; the rest wait in the pool, for whichever thread is free first.
 */
const QUEUED_PER_THREAD = 1;

/** The smallest chunk towards the end of a batch (SaxonJS's ~20 ms per transformation is ~15% of it). */
const TAIL_MIN = 8;

export function ruleThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

interface Pending {
  item: RuleItem;
  key: string;
  resolve: (r: RuleResult) => void;
}

interface Chunk {
  syntax: EInvoiceSyntax;
  files: Pending[];
  pool: RulePool;
}

/** A rule thread: its worker and the chunks sent to it and not answered yet, by id. */
interface Thread {
  worker: Worker;
  out: Map<number, Chunk>;
  dead: boolean;
  /** Ends the thread after `ruleThreadIdle.ms` without work (its memory back: SaxonJS and the stylesheets). */
  idle: NodeJS.Timeout | null;
  /** Its warm-up (`prepareRuleThreads`), asked once; `warming` until it answers. */
  warm: Promise<void> | null;
  warming: { id: number; done: () => void } | null;
}

/**
 * A rule thread with no work for this long ends (each holds SaxonJS, the stylesheets and their
 * compiled code, ~120 MB resident): long enough for a preview and its import, or one batch after another.
 */
export const ruleThreadIdle = { ms: 10 * 60_000 };

function rest(t: Thread): void {
  t.worker.unref();
  if (t.idle) clearTimeout(t.idle);
  t.idle = setTimeout(() => {
    if (t.out.size === 0 && !t.dead) {
      runningRuleThreads.delete(t.worker);
      void t.worker.terminate();
    }
  }, ruleThreadIdle.ms);
  t.idle.unref();
}

/**
 * The rule threads are started by the first large import and kept for the life of the
 * process (ended by `stopRuleThreads` in rule-threads.ts when Folio closes): each loads SaxonJS and the
 * stylesheets, and V8 compiles the rules' code, once (~1–1.5 s of CPU per thread), instead
 * of at every import. An idle thread does not keep the process alive (unref); one with work
 * out does. Pools running at the same time share them; answers go to the pool that asked.
 */
let threads: Thread[] = [];
let nextId = 0;

function liveThreads(): Thread[] {
  return threads.filter((t) => !t.dead);
}

/** The running rule threads, started (up to `count`) if there are fewer; none when no script. */
function ruleThreadsFor(count: number): Thread[] {
  threads = liveThreads();
  if (threads.length >= count) return threads.slice(0, count);
  const script = workerScript();
  if (!script) return threads;
  try {
    while (threads.length < count) threads.push(startThread(startWorker(script)));
  } catch {
    // As many as could start.
  }
  return threads;
}

function startThread(worker: Worker): Thread {
  const t: Thread = { worker, out: new Map(), dead: false, idle: null, warm: null, warming: null };
  runningRuleThreads.add(worker);
  rest(t);
  worker.on('message', (r: ValidateResponse) => {
    if (t.warming?.id === r.id) {
      const { done } = t.warming;
      t.warming = null;
      if (t.out.size === 0) rest(t);
      done();
      return;
    }
    const c = t.out.get(r.id);
    if (!c) return;
    t.out.delete(r.id);
    if (t.out.size === 0 && !t.warming) rest(t);
    c.pool.answered(c, r.results);
  });
  const died = () => {
    if (t.dead) return;
    t.dead = true;
    if (t.idle) clearTimeout(t.idle);
    t.warming?.done();
    t.warming = null;
    runningRuleThreads.delete(worker);
    threads = threads.filter((x) => x !== t);
    // What it had not answered goes back to its pools, for another thread or the calling one.
    const lost = [...t.out.values()];
    t.out.clear();
    for (const c of lost) c.pool.retry(c);
  };
  worker.on('error', died);
  worker.on('exit', died);
  return t;
}

/** A thread given work: it keeps the process alive until it answers, and does not end idle. */
function busy(t: Thread): void {
  t.worker.ref();
  if (t.idle) clearTimeout(t.idle);
  t.idle = null;
}

function send(t: Thread, c: Chunk): void {
  const id = nextId++;
  if (t.out.size === 0) busy(t);
  t.out.set(id, c);
  t.worker.postMessage({
    id,
    syntax: c.syntax,
    items: c.files.map((f) => ({ xml: f.item.xml, xrechnung: f.item.xrechnung === true })),
  } satisfies ValidateRequest);
}

/**
 * Starts the rule threads, if they are not running, and warms each up once (SaxonJS and the
 * stylesheets loaded, the rules run over two sample e-invoices: `warmUpRules`), while the
 * person picks or drags the files: the import screen asks for it when it opens a file picker or
 * files are dragged over it, so a session's first import does not pay for it (~3 s of CPU per
 * thread, ~1.5 s of it the warm-up files). Resolves with the number of threads once they are warm; at once when they
 * already are, or when there are none (one core: the rules then run on the calling thread).
 */
export function prepareRuleThreads(): Promise<number> {
  const count = ruleThreads();
  if (count <= 1) return Promise.resolve(0);
  const live = ruleThreadsFor(count);
  return Promise.all(live.map(warm)).then(() => live.length);
}

function warm(t: Thread): Promise<void> {
  if (t.warm) return t.warm;
  const id = nextId++;
  t.warm = new Promise<void>((done) => {
    t.warming = { id, done };
  });
  busy(t);
  t.worker.postMessage({ id, warm: true } satisfies ValidateRequest);
  return t.warm;
}

/** The running rule threads' ids (for tests). */
export function ruleThreadIds(): number[] {
  return liveThreads().map((t) => t.worker.threadId);
}

/**
 * The rules as a pipeline for one batch of `expected` files: `check` each file as it is read,
 * `flush` after the last, `close` when done (always: it sends what is left).
 */
export class RulePool {
  private readonly expected: number;
  private readonly threadCount: number;
  /** Files handed to `check` so far. */
  private seen = 0;
  private readonly threads: Thread[];
  private readonly open: Record<EInvoiceSyntax, Pending[]> = { UBL: [], CII: [] };
  private readonly waiting: Chunk[] = [];
  private readonly inFlight = new Map<string, Promise<RuleResult>>();

  constructor(expected: number, threadCount = ruleThreads()) {
    this.expected = expected;
    this.threadCount = Math.max(1, threadCount);
    this.threads = expected >= POOL_MIN && threadCount > 1 ? ruleThreadsFor(threadCount) : [];
  }

  /**
   * The size of the chunk being filled: CHUNK_MAX while much of the batch is still to come,
   * then smaller (down to TAIL_MIN, or less in a small batch), so that the last chunks are short
   * and the threads end together instead of one running a long last chunk alone.
   */
  private size(): number {
    const left = Math.max(0, this.expected - this.seen);
    // A small batch still goes to every thread (8 files on 2 threads: chunks of 2).
    const least = Math.min(TAIL_MIN, Math.ceil(this.expected / (this.threadCount * 2)));
    return Math.max(least, Math.min(CHUNK_MAX, Math.ceil(left / (this.threadCount * 3))));
  }

  /** The findings of one file (from the cache, from the same file earlier in the batch, or fresh). */
  check(item: RuleItem): Promise<RuleResult> {
    this.seen++;
    const key = cacheKey(item);
    const known = cache.get(key);
    if (known) {
      ruleCacheStats.hits++;
      return Promise.resolve({ ok: true, findings: known });
    }
    const same = this.inFlight.get(key);
    if (same) {
      ruleCacheStats.hits++;
      return same;
    }
    ruleCacheStats.misses++;
    const promise = new Promise<RuleResult>((resolve) => {
      const open = this.open[item.syntax];
      open.push({ item, key, resolve });
      if (open.length >= this.size()) this.enqueue(item.syntax);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  /** The files checked so far go out, though their chunks are not full (after the last file). */
  flush(): void {
    this.enqueue('UBL');
    this.enqueue('CII');
  }

  /** Sends what is left; the threads stay for the next import. */
  async close(): Promise<void> {
    this.flush();
  }

  /** A thread's answer for one of this pool's chunks. */
  answered(c: Chunk, results: readonly RuleResult[]): void {
    this.settle(c, results);
    this.dispatch();
  }

  /** A chunk whose thread ended before answering: back in line. */
  retry(c: Chunk): void {
    this.waiting.unshift(c);
    this.dispatch();
  }

  private enqueue(syntax: EInvoiceSyntax): void {
    const files = this.open[syntax].splice(0);
    if (files.length === 0) return;
    this.waiting.push({ syntax, files, pool: this });
    this.dispatch();
  }

  private dispatch(): void {
    const live = this.threads.filter((t) => !t.dead);
    if (live.length === 0) {
      // No thread (a small batch, or none could start or all ended): here, now.
      for (const c of this.waiting.splice(0)) this.runHere(c);
      return;
    }
    while (this.waiting.length) {
      const free = live
        .filter((t) => t.out.size <= QUEUED_PER_THREAD)
        .sort((a, b) => a.out.size - b.out.size)[0];
      if (!free) return;
      send(free, this.waiting.shift()!);
    }
  }

  private settle(c: Chunk, results: readonly RuleResult[]): void {
    c.files.forEach((f, k) => {
      const r = results[k] ?? { ok: false, error: 'the rules gave no answer for this file' };
      if (r.ok) remember(f.key, r.findings);
      this.inFlight.delete(f.key);
      f.resolve(r);
    });
  }

  private runHere(c: Chunk): void {
    this.settle(
      c,
      checkRulesBatch(
        c.files.map((f) => f.item),
        c.syntax,
      ),
    );
  }
}

/** The rules for a list of files, in order (the pipeline with every file at once). */
export async function validateMany(
  items: readonly RuleItem[],
  threads = ruleThreads(),
): Promise<RuleResult[]> {
  const pool = new RulePool(items.length, threads);
  try {
    const results = items.map((item) => pool.check(item));
    pool.flush();
    return await Promise.all(results);
  } finally {
    await pool.close();
  }
}

/**
 * Lets the threads' answers in (and the next chunks out) during a long run of work on the main
 * thread: an `await` of a settled promise does not, a turn of the event loop does.
 */
export function letThreadsAnswer(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
