/**
 * Shared books on PostgreSQL (issue 14), over loopback on a throwaway cluster: moving a large
 * local book to the server (time, counts and checksums), then the same reads through the same
 * services on both engines, as a ratio, and issuing throughput with 1 and 8 clients.
 *
 * FOLIO_BENCH_SHARED_SIZES=100000 (the default; 1000000 works and takes several minutes to
 * move) chooses the book sizes.
 *
 * FOLIO_BENCH_PG_KEEP=/tmp/folio-bench-pg keeps the cluster in that folder and each moved book
 * in it (database kept_<n>_v<schema>, marked complete by its comment): a later run copies the
 * kept database (CREATE DATABASE … TEMPLATE, seconds instead of the move's minutes) and
 * measures on the copy, so the kept one stays as moved. Without it (the default) every run
 * starts a throwaway cluster and moves the book. The kept cluster runs with fsync off like
 * the throwaway one: after a crash of the machine, delete the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openFolio, type Folio } from '../src/main/app';
import { openDatabase } from '../src/main/db/open';
import { LATEST_VERSION } from '../src/main/db/migrate';
import { migratePg } from '../src/main/db/migrations/pg/migrate';
import { moveBooksToServer } from '../src/main/db/pg/move';
import { openSharedBooks } from '../src/main/db/pg/open';
import { silentLogger } from '../src/main/log';
import { keyFileSecretBox } from '../src/main/services/secrets';
import { saveSharedBooks } from '../src/main/services/shared-books/settings';
import { fixedClock } from '../test/helpers/folio';
import { startCluster } from '../test/helpers/pg-cluster';
import { tempDir } from '../test/helpers/tmp';
import { cachedBook, copyBook } from './books';
import { TODAY } from './receivables-data';
import { timeFromStart, WEB } from './open';
import { median, note, record, timeAsync } from './report';

const SUITE = 'shared';
const RUNS = 15;
/** Fresh processes started per book and engine (FOLIO_BENCH_OPEN_RUNS, as bench/open.ts). */
const STARTS = Number(process.env.FOLIO_BENCH_OPEN_RUNS ?? 5);
const clock = fixedClock(`${TODAY}T12:00:00.000Z`);

async function call(folio: Folio, method: string, input: unknown): Promise<unknown> {
  const r = await folio.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export async function runShared(): Promise<void> {
  const sizes = (process.env.FOLIO_BENCH_SHARED_SIZES ?? '100000').split(',').map(Number);
  const keepIn = process.env.FOLIO_BENCH_PG_KEEP || undefined;
  const cluster = await startCluster({ keepIn });
  try {
    for (const n of sizes) await measure(n, cluster);
  } finally {
    cluster.stop();
  }
}

type Cluster = Awaited<ReturnType<typeof startCluster>>;

/**
 * From a fresh browser-mode process (`node out/main/web.js`) to its first answers, as
 * bench/open.ts measures local books: the first answer (system.health) and the first page of
 * the invoice list, on the local book and on a data folder that opens the same book moved to
 * the server (shared-books.json, as Settings → Shared books saves it), median of STARTS
 * starts each, one unmeasured start first.
 */
async function freshProcess(
  label: string,
  book: string,
  settings: { host: string; port: number; user: string; password: string; database: string },
  dir: string,
): Promise<void> {
  if (!fs.existsSync(WEB)) {
    note(SUITE, `${label}: fresh process on shared books`, 'skipped: npm run build first', 'measured', false);
    return;
  }
  // Folders of their own: the bench's in-process Folios hold their folders' locks.
  const local = path.join(dir, 'local');
  const serverDir = path.join(dir, 'server');
  copyBook(book, local);
  fs.mkdirSync(serverDir, { recursive: true });
  saveSharedBooks(serverDir, keyFileSecretBox(serverDir), settings);
  const calls = [{ method: 'system.health' }, { method: 'documents.list', input: { type: 'invoice' } }];
  const starts = async (dir: string) => {
    await timeFromStart(dir, calls.slice(0, 1));
    const runs: number[][] = [];
    for (let i = 0; i < STARTS; i++) runs.push(await timeFromStart(dir, calls));
    return { first: median(runs.map((r) => r[0]!)), list: median(runs.map((r) => r[1]!)) };
  };
  const onSqlite = await starts(local);
  const onServer = await starts(serverDir);
  // The server's data folder really opened the shared books (not its own empty local book).
  const answers: unknown[] = [];
  await timeFromStart(serverDir, [{ method: 'sharedBooks.status' }, calls[1]!], {}, answers);
  const status = answers[0] as { mode: string; open: boolean };
  const rows = (answers[1] as { rows: unknown[] }).rows.length;
  note(
    SUITE,
    `${label}: the fresh process opened the shared books`,
    status.mode === 'shared' && status.open && rows > 0 ? 'yes' : 'NO',
    'yes',
    status.mode === 'shared' && status.open && rows > 0,
  );
  record(
    SUITE,
    `${label}: fresh process to first answer, local book (median of ${STARTS})`,
    onSqlite.first,
    1000,
  );
  record(
    SUITE,
    `${label}: fresh process to first answer, shared books (median of ${STARTS})`,
    onServer.first,
    1000,
  );
  note(
    SUITE,
    `${label}: fresh process to first answer, PostgreSQL / SQLite`,
    `${(onServer.first / onSqlite.first).toFixed(1)}×`,
  );
  record(
    SUITE,
    `${label}: fresh process to first invoice page, local book (median of ${STARTS})`,
    onSqlite.list,
    1000,
  );
  record(
    SUITE,
    `${label}: fresh process to first invoice page, shared books (median of ${STARTS})`,
    onServer.list,
    1000,
  );
  note(
    SUITE,
    `${label}: fresh process to first invoice page, PostgreSQL / SQLite`,
    `${(onServer.list / onSqlite.list).toFixed(1)}×`,
  );
}

/** Runs one statement as the superuser on the cluster's `postgres` database. */
async function admin<T extends pg.QueryResultRow>(cluster: Cluster, text: string): Promise<T[]> {
  const client = new pg.Client({
    host: cluster.host,
    port: cluster.port,
    user: cluster.user,
    database: 'postgres',
  });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Moves the local book at `local` into the (empty) database and records the move's figures. */
async function moveInto(label: string, local: string, settings: pg.ClientConfig): Promise<void> {
  const client = new pg.Client(settings);
  await client.connect();
  try {
    await migratePg(client as never);
    const sqlite = openDatabase(path.join(local, 'folio.sqlite3'));
    const t0 = performance.now();
    const report = await moveBooksToServer(sqlite, client, {
      attachmentsDir: path.join(local, 'attachments'),
    });
    const moveMs = performance.now() - t0;
    sqlite.close();
    await client.query('VACUUM ANALYZE');
    record(
      SUITE,
      `${label}: move the local book to the server (${report.rows.toLocaleString('en')} rows)`,
      moveMs,
    );
    note(
      SUITE,
      `${label}: per-table row counts and money checksums equal (${report.tables.length} tables)`,
      report.ok ? 'yes' : 'NO',
      'yes',
      report.ok,
    );
  } finally {
    await client.end();
  }
}

/**
 * Makes `database` hold the moved book: moved now, or (FOLIO_BENCH_PG_KEEP) copied from the
 * kept database, which is moved the first time.
 */
async function serverBook(cluster: Cluster, n: number, label: string, local: string, database: string) {
  const settings = (db: string) => ({
    host: cluster.host,
    port: cluster.port,
    user: cluster.user,
    password: '',
    database: db,
  });
  await admin(cluster, `DROP DATABASE IF EXISTS ${database}`);
  if (!process.env.FOLIO_BENCH_PG_KEEP) {
    await admin(cluster, `CREATE DATABASE ${database}`);
    await moveInto(label, local, settings(database));
    return;
  }
  const kept = `kept_${n}_v${LATEST_VERSION}`;
  const complete = await admin<{ c: string | null }>(
    cluster,
    `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = '${kept}'`,
  );
  if (complete[0]?.c !== 'complete') {
    await admin(cluster, `DROP DATABASE IF EXISTS ${kept}`);
    // After a new migration: the book kept at an earlier schema, copied and migrated.
    const older = await admin<{ datname: string }>(
      cluster,
      `SELECT datname FROM pg_database WHERE datname LIKE 'kept\\_${n}\\_v%'
         AND shobj_description(oid, 'pg_database') = 'complete'
       ORDER BY CAST(substring(datname FROM '_v([0-9]+)$') AS integer) DESC LIMIT 1`,
    );
    if (older.length) {
      const t0 = performance.now();
      await admin(cluster, `CREATE DATABASE ${kept} TEMPLATE ${older[0]!.datname} STRATEGY FILE_COPY`);
      const client = new pg.Client(settings(kept));
      await client.connect();
      await migratePg(client as never);
      await client.query('VACUUM ANALYZE');
      await client.end();
      note(
        SUITE,
        `${label}: migrate the kept ${older[0]!.datname} to ${kept}`,
        `${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    } else {
      await admin(cluster, `CREATE DATABASE ${kept}`);
      await moveInto(label, local, settings(kept));
    }
    await admin(cluster, `COMMENT ON DATABASE ${kept} IS 'complete'`);
  } else note(SUITE, `${label}: move the local book to the server`, `kept (${kept})`);
  const t0 = performance.now();
  await admin(cluster, `CREATE DATABASE ${database} TEMPLATE ${kept} STRATEGY FILE_COPY`);
  const client = new pg.Client(settings(database));
  await client.connect();
  await client.query('VACUUM ANALYZE');
  await client.end();
  note(
    SUITE,
    `${label}: copy the kept database, vacuum and analyse it`,
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function measure(n: number, cluster: Cluster): Promise<void> {
  const label = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
  const book = await cachedBook(n);
  const tmp = tempDir();
  const database = `bench_${n}`;
  const settings = { host: cluster.host, port: cluster.port, user: cluster.user, password: '', database };
  const local = path.join(tmp.dir, 'local');
  copyBook(book.dir, local);
  let localFolio: Folio | null = null;
  const folios: Folio[] = [];
  try {
    await serverBook(cluster, n, label, local, database);

    // The same reads on both engines.
    const open = async (shared: boolean, dir: string) =>
      await openFolio({
        dataDir: dir,
        mode: 'browser',
        version: 'bench',
        clock,
        log: silentLogger,
        shared: shared ? { connect: async () => await openSharedBooks(settings), user: 'bench' } : undefined,
      });
    localFolio = await open(false, local);
    const server = await open(true, path.join(tmp.dir, 'server'));
    folios.push(server);
    const sample = (await call(localFolio, 'documents.list', { type: 'invoice', limit: 1 })) as {
      rows: { id: number; customerName: string }[];
    };
    const id = sample.rows[0]!.id;
    const word = sample.rows[0]!.customerName.split(' ')[0]!;
    const reads: [string, string, unknown, number][] = [
      ['invoice list, first page', 'documents.list', { type: 'invoice' }, 10],
      ['open one invoice', 'documents.get', { id }, 10],
      [`search "${word}"`, 'documents.list', { type: 'invoice', search: word }, 10],
      ['dashboard', 'dashboard.summary', {}, 300],
      ['receivables aging as of today', 'reports.receivablesAging', { asOf: TODAY }, 1000],
    ];
    for (const [name, method, input, budget] of reads) {
      try {
        const onSqlite = median(await timeAsync(async () => await call(localFolio!, method, input), RUNS));
        const onServer = median(await timeAsync(async () => await call(server, method, input), RUNS));
        record(SUITE, `${label}: ${name} on PostgreSQL (median)`, onServer, budget);
        note(SUITE, `${label}: ${name}, PostgreSQL / SQLite`, `${(onServer / onSqlite).toFixed(1)}×`);
      } catch (error) {
        note(SUITE, `${label}: ${name} on PostgreSQL`, `FAILED: ${(error as Error).message}`, 'works', false);
      }
    }

    await freshProcess(label, book.dir, settings, path.join(tmp.dir, 'fresh'));

    // Issuing: drafts made first, then issued by 1 client, then by 8 at once.
    const customer = (await call(server, 'customers.list', { limit: 1 })) as { rows: { id: number }[] };
    const draft = {
      type: 'invoice',
      customerId: customer.rows[0]!.id,
      issueDate: TODAY,
      due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
      currency: 'EUR',
      lines: [{ description: 'Bench', quantity: '1', unitPrice: 1000, taxIds: [] }],
    };
    const drafts = async (k: number) => {
      const ids: number[] = [];
      for (let i = 0; i < k; i++)
        ids.push(((await call(server, 'documents.create', draft)) as { id: number }).id);
      return ids;
    };
    const one = await drafts(100);
    let t = performance.now();
    for (const d of one) await call(server, 'documents.issue', { id: d });
    const perSecondOne = one.length / ((performance.now() - t) / 1000);
    note(SUITE, `${label}: issuing, 1 client`, `${perSecondOne.toFixed(0)} invoices/s`);
    for (let i = 0; i < 7; i++) folios.push(await open(true, path.join(tmp.dir, `server-${i}`)));
    const eight = await drafts(400);
    t = performance.now();
    await Promise.all(
      folios.map(async (f, k) => {
        for (const d of eight.filter((_, i) => i % folios.length === k))
          await call(f, 'documents.issue', { id: d });
      }),
    );
    const perSecondEight = eight.length / ((performance.now() - t) / 1000);
    note(SUITE, `${label}: issuing, 8 clients at once`, `${perSecondEight.toFixed(0)} invoices/s`);
    const numbers = (
      (await call(server, 'documents.list', {
        type: 'invoice',

        limit: 500,
        sort: 'number',
        direction: 'desc',
      })) as {
        rows: { number: string }[];
      }
    ).rows
      .map((r) => Number(r.number.slice(-6).replace(/\D/g, '')))
      .slice(0, 500);
    note(
      SUITE,
      `${label}: the 500 numbers just issued are distinct`,
      new Set(numbers).size === numbers.length ? 'yes' : 'NO',
      'yes',
      new Set(numbers).size === numbers.length,
    );
    note(
      SUITE,
      `${label}: machine`,
      `${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    for (const f of folios) await f.close();
    await localFolio?.close();
    tmp.cleanup();
    if (process.env.FOLIO_BENCH_PG_KEEP) await admin(cluster, `DROP DATABASE IF EXISTS ${database}`);
  }
}
