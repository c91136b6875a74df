/**
 * Shared books on PostgreSQL (issue 14), over loopback on a throwaway cluster: moving a large
 * local book to the server (time, counts and checksums), then the same reads through the same
 * services on both engines, as a ratio, and issuing throughput with 1 and 8 clients.
 *
 * FOLIO_BENCH_SHARED_SIZES=100000 (the default; 1000000 works and takes several minutes to
 * move) chooses the book sizes.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openFolio, type Folio } from '../src/main/app';
import { openDatabase } from '../src/main/db/open';
import { migratePg } from '../src/main/db/migrations/pg/migrate';
import { moveBooksToServer } from '../src/main/db/pg/move';
import { openSharedBooks } from '../src/main/db/pg/open';
import { silentLogger } from '../src/main/log';
import { fixedClock } from '../test/helpers/folio';
import { startCluster } from '../test/helpers/pg-cluster';
import { tempDir } from '../test/helpers/tmp';
import { cachedBook, copyBook } from './books';
import { TODAY } from './receivables-data';
import { median, note, record, timeAsync } from './report';

const SUITE = 'shared';
const RUNS = 15;
const clock = fixedClock(`${TODAY}T12:00:00.000Z`);

async function call(folio: Folio, method: string, input: unknown): Promise<unknown> {
  const r = await folio.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export async function runShared(): Promise<void> {
  const sizes = (process.env.FOLIO_BENCH_SHARED_SIZES ?? '100000').split(',').map(Number);
  const cluster = await startCluster();
  try {
    for (const n of sizes) await measure(n, cluster);
  } finally {
    cluster.stop();
  }
}

async function measure(n: number, cluster: Awaited<ReturnType<typeof startCluster>>): Promise<void> {
  const label = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
  const book = await cachedBook(n);
  const tmp = tempDir();
  const database = `bench_${n}`;
  const admin = new pg.Client({
    host: cluster.host,
    port: cluster.port,
    user: cluster.user,
    database: 'postgres',
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const settings = { host: cluster.host, port: cluster.port, user: cluster.user, password: '', database };
  const local = path.join(tmp.dir, 'local');
  copyBook(book.dir, local);
  let localFolio: Folio | null = null;
  const folios: Folio[] = [];
  try {
    // Move.
    const client = new pg.Client(settings);
    await client.connect();
    await migratePg(client as never);
    const sqlite = openDatabase(path.join(local, 'folio.sqlite3'));
    const t0 = performance.now();
    const report = await moveBooksToServer(sqlite, client, {
      attachmentsDir: path.join(local, 'attachments'),
    });
    const moveMs = performance.now() - t0;
    sqlite.close();
    await client.query('ANALYZE');
    await client.end();
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
  }
}
