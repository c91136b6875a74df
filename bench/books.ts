/**
 * Large books for the open-time figures, generated once (seeded: the same every time) into a
 * cache folder under the OS temp dir and reused by later runs: `<tmp>/folio-bench-books/
 * <n>-invoices-v<schema>`. A book is complete when its `complete` marker exists; an
 * interrupted generation is thrown away. FOLIO_BENCH_BOOKS overrides the cache folder.
 * After a new migration, a cached book of an earlier schema is copied and migrated (seconds)
 * instead of generating the book again (minutes at 1M).
 *
 * A measurement must not change a cached book: copy it (copyBook) or open it read-only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LATEST_VERSION, migrate } from '../src/main/db/migrate';
import { openDatabase } from '../src/main/db/open';
import { buildDataset } from './receivables';

export const BOOKS_DIR = process.env.FOLIO_BENCH_BOOKS ?? path.join(os.tmpdir(), 'folio-bench-books');

/** The data folder of a book with `invoices` generated invoices, generating it if needed. */
export async function cachedBook(invoices: number): Promise<{ dir: string; generatedMs: number | null }> {
  const dir = path.join(BOOKS_DIR, `${invoices}-invoices-v${LATEST_VERSION}`);
  if (fs.existsSync(path.join(dir, 'complete'))) return { dir, generatedMs: null };
  fs.rmSync(dir, { recursive: true, force: true });
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  const t0 = performance.now();
  const older = [...Array(LATEST_VERSION).keys()]
    .reverse()
    .map((v) => path.join(BOOKS_DIR, `${invoices}-invoices-v${v}`))
    .find((d) => fs.existsSync(path.join(d, 'complete')));
  if (older) {
    copyBook(older, building);
    const db = openDatabase(path.join(building, 'folio.sqlite3'));
    migrate(db);
    db.close();
  } else await buildDataset(building, invoices);
  // Backups made while generating are not part of the book.
  fs.rmSync(path.join(building, 'backups'), { recursive: true, force: true });
  fs.renameSync(building, dir);
  fs.writeFileSync(path.join(dir, 'complete'), new Date().toISOString());
  return { dir, generatedMs: performance.now() - t0 };
}

/** A throwaway copy of a cached book's data file (and nothing else), for a run that writes. */
export function copyBook(book: string, into: string): void {
  fs.mkdirSync(into, { recursive: true });
  fs.copyFileSync(path.join(book, 'folio.sqlite3'), path.join(into, 'folio.sqlite3'));
}
