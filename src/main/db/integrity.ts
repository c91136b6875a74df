import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Sqlite } from './open';

/**
 * Checking the data file without making the user wait for it.
 *
 * `PRAGMA quick_check` reads every page of the file: 1–4 s at 100k invoices, over 10 s at 1M.
 * So opening runs only `openCheck` (the schema, and the root page and first leaf of every
 * table: about a millisecond at any size), and the full quick_check runs afterwards on a
 * worker thread with its own read-only connection (`fullCheckInBackground`), so the main
 * thread keeps answering. If it finds damage, the host closes the file and the app shows the
 * recovery screen (see DatabaseHost.checkInBackground).
 */

/**
 * The cheap check at open: SQLite reads and parses the schema (a damaged first page or
 * schema fails here), and every table is read from its root page to its first row, so a
 * table whose root is gone fails at once (NOT INDEXED: read the table itself, not a covering
 * index). Indexes and damage deeper in the file are left to the full check. Returns the
 * problems found, or an empty list.
 */
export function openCheck(db: Sqlite): string[] {
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0")
      .pluck()
      .all() as string[];
    for (const name of tables)
      db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}" NOT INDEXED LIMIT 1`).all();
    return [];
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
      return [(error as Error).message];
    throw error;
  }
}

/** The worker: opens the file read-only and runs PRAGMA quick_check (the whole file). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, {
    readonly: true,
    fileMustExist: true,
    ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  const problems = db.pragma('quick_check').map((r) => r.quick_check).filter((m) => m !== 'ok');
  parentPort.postMessage({ problems });
} catch (error) {
  const code = String((error && error.code) || '');
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    parentPort.postMessage({ problems: [String(error.message)] });
  else parentPort.postMessage({ failed: String((error && error.message) || error) });
} finally {
  if (db) db.close();
}
`;

export interface FullCheck {
  /** quick_check's problems (empty: sound), or `failed` when the check itself could not run. */
  result: Promise<{ problems: string[] } | { failed: string }>;
  /** Stops the check (closing the file, quitting). */
  stop(): Promise<void>;
}

/** Runs PRAGMA quick_check over the whole file on a worker thread. */
export function fullCheckInBackground(file: string, nativeBinding?: string): FullCheck {
  const module = createRequire(__filename).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, nativeBinding, module },
  });
  worker.unref();
  const result = new Promise<{ problems: string[] } | { failed: string }>((resolve) => {
    worker.once('message', (m: { problems: string[] } | { failed: string }) => resolve(m));
    worker.once('error', (error) => resolve({ failed: error.message }));
    worker.once('exit', (code) => resolve({ failed: `the check stopped (exit code ${code})` }));
  });
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
  };
}
