/**
 * "Move my books to a server": copies the local SQLite book into an empty PostgreSQL
 * database that already has Folio's schema (migratePg), exactly — same rows, same ids — in one
 * transaction, then proves it: per table the row count and a money checksum (the sum of every
 * amount column) read back from both sides must be equal, or nothing is kept.
 *
 * The stored files the book refers to (bill scans, imported e-invoices' original files) move
 * too, from the data folder's attachments/ into the attachment_files table, in the same
 * transaction; their check is the number of files, their total size and a hash of their
 * hashes (the server hashes the bytes it holds). A referenced file that is missing or damaged
 * on disk stops the move, naming the bill, before anything is written: the shared books would
 * otherwise lack a scan nobody could bring back (remove it from the bill, or put the file
 * back, and move again).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { ClientBase } from 'pg';
import { attachmentFile, hashOf } from '../attachments';
import type { Sqlite } from '../open';

export interface TableCheck {
  table: string;
  rowsLocal: number;
  rowsServer: number;
  /** Sum of the table's money columns (integer minor units), as a decimal string. */
  moneyLocal: string;
  moneyServer: string;
  /** attachment_files only: the files' total size in bytes, on disk and on the server. */
  bytesLocal?: number;
  bytesServer?: number;
  /** attachment_files only: SHA-256 of the sorted file hashes (on the server: of the bytes it holds). */
  digestLocal?: string;
  digestServer?: string;
  ok: boolean;
}

/** The report's row for the stored files (a table of the server only). */
export const ATTACHMENT_FILES = 'attachment_files';

export interface MoveReport {
  ok: boolean;
  tables: TableCheck[];
  rows: number;
  ms: number;
}

/** Integer columns that hold money (minor units): what the checksum adds up. */
const MONEY =
  /^(amount|amount_base|balance|balance_base|total|total_base|subtotal|tax|net|paid|credited|discount|discount_amount|discount_taken|shipping|unit_price|opening_balance|closing_balance|open_balance_base|promise_amount|unapplied|prepaid|payable|base)$/;

/** Tables a new database already has rows in (migration 1's seed): replaced by the copy. */
const SEEDED = new Set(['business_profile', 'number_series', 'expense_categories', 'settings']);

const DOCUMENT_SEARCH = [
  ['invoice', 'invoices_fts'],
  ['quote', 'quotes_fts'],
  ['credit_note', 'credit_notes_fts'],
] as const;

const SEARCH_FILL = `
${DOCUMENT_SEARCH.map(
  ([type, table]) => `INSERT INTO ${table} (rowid, number, customer_name, reference)
  SELECT id, coalesce(number, ''), customer_name, reference FROM documents WHERE type = '${type}';`,
).join('\n')}
INSERT INTO customers_fts (rowid, name, contact_person, emails, tax_number)
  SELECT c.id, c.name, c.contact_person,
    coalesce((SELECT string_agg(e.email, ' ' ORDER BY e.position, e.id) FROM customer_emails e WHERE e.customer_id = c.id), ''),
    c.tax_number
  FROM customers c;
`;

/** SQLite's own tables and the FTS5 index tables: PostgreSQL keeps search its own way. */
function localTables(sqlite: Sqlite): string[] {
  const rows = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name);
  const shadow = (name: string) => virtual.some((v) => name === v || name.startsWith(`${v}_`));
  return rows.map((r) => r.name).filter((n) => !shadow(n));
}

interface Column {
  name: string;
  money: boolean;
}

function localColumns(sqlite: Sqlite, table: string): Column[] {
  return (
    sqlite.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as {
      name: string;
      type: string;
    }[]
  ).map((c) => ({ name: c.name, money: /INT/i.test(c.type) && MONEY.test(c.name) }));
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables in an order where every referenced table comes first (self-references aside). */
async function insertOrder(client: ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT tc.table_name AS child, ccu.table_name AS parent
       FROM information_schema.table_constraints tc
       JOIN information_schema.constraint_column_usage ccu
         ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const r of rows) if (r.child !== r.parent) parents.get(r.child)?.add(r.parent);
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) if (parents.has(p)) visit(p, path);
    seen.add(t);
    order.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return order;
}

async function serverColumns(client: ClientBase, table: string): Promise<Set<string>> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return new Set(rows.map((r) => r.column_name));
}

function localCheck(sqlite: Sqlite, table: string, columns: Column[]): { rows: number; money: string } {
  const money = columns.filter((c) => c.money);
  const sum = money.length ? money.map((c) => `coalesce(sum(${q(c.name)}), 0)`).join(' + ') : '0';
  const r = sqlite
    .prepare(`SELECT count(*) AS n, ${sum} AS m FROM ${q(table)}`)
    .safeIntegers(true)
    .get() as {
    n: bigint;
    m: bigint;
  };
  return { rows: Number(r.n), money: String(r.m) };
}

async function serverCheck(client: ClientBase, table: string, columns: Column[]) {
  const money = columns.filter((c) => c.money);
  const sum = money.length ? money.map((c) => `coalesce(sum(${q(c.name)}::numeric), 0)`).join(' + ') : '0';
  const { rows } = await client.query<{ n: string; m: string }>(
    `SELECT count(*)::text AS n, (${sum})::text AS m FROM ${q(table)}`,
  );
  return { rows: Number(rows[0]!.n), money: rows[0]!.m.replace(/\.0+$/, '') };
}

/** The server's books already hold rows: Folio moves only into an empty database. */
export class BooksNotEmptyError extends Error {
  constructor(readonly table: string) {
    super(`The server's books are not empty (${table} has rows): move into an empty database`);
  }
}

/** A table's count or money checksum differs between the file and the server. */
export class MoveMismatchError extends Error {
  constructor(readonly checks: TableCheck[]) {
    super('The copy does not match the local books');
  }
}

export interface MoveProgress {
  /** The table being copied (or just copied). */
  table: string;
  tablesDone: number;
  tablesTotal: number;
  /** Rows copied so far, of rowsTotal. */
  rows: number;
  rowsTotal: number;
}

export interface MoveOptions {
  /** The local book's attachments directory (the data folder's attachments/). */
  attachmentsDir: string;
  /** Called after each table (the script prints it). */
  onTable?(table: string, rows: number): void;
  /** Called after each batch of rows and each table (the screen's progress). */
  onProgress?(progress: MoveProgress): void;
  /** Called once the copy is done and the checks begin. */
  onChecking?(): void;
  /**
   * Runs first inside the move's transaction (creating Folio's schema there, so a failed
   * move leaves the database as it was found).
   */
  prepare?(client: ClientBase): Promise<void>;
  /** Runs last inside the move's transaction, after the checks passed (the roles' rights). */
  finish?(client: ClientBase): Promise<void>;
}

/**
 * Copies every table. The target must be empty (Folio's schema, no rows). User triggers are
 * off during the copy: the summary tables are copied as they are, not recomputed, so the
 * server holds exactly what the file held. Throws (and keeps nothing) when a check fails.
 *
 * Everything happens in one server transaction, so a failure of any kind keeps nothing. The
 * local side is read with `sqlite` as it is: for a consistent copy of a book that is in use,
 * the caller opens its own connection and holds a read transaction on it (one snapshot of
 * the file from the first read on; see services/shared-books/move.ts).
 */
export async function moveBooksToServer(
  sqlite: Sqlite,
  client: ClientBase,
  options: MoveOptions,
): Promise<MoveReport> {
  const started = performance.now();
  const files = referencedFiles(sqlite, options.attachmentsDir);
  await client.query('BEGIN');
  try {
    await options.prepare?.(client);
    const tables = localTables(sqlite);
    const missing: string[] = [];
    const plan = new Map<string, Column[]>();
    for (const table of tables) {
      const server = await serverColumns(client, table);
      if (server.size === 0) {
        missing.push(table);
        continue;
      }
      const columns = localColumns(sqlite, table);
      for (const c of columns) if (!server.has(c.name)) missing.push(`${table}.${c.name}`);
      plan.set(table, columns);
    }
    if (missing.length) throw new Error(`The server's schema lacks ${missing.join(', ')}`);

    for (const table of [...plan.keys(), ATTACHMENT_FILES]) {
      if (SEEDED.has(table)) continue;
      const { rows } = await client.query(
        `SELECT count(*) AS n FROM (SELECT 1 FROM ${q(table)} LIMIT 1) AS r`,
      );
      if (Number((rows[0] as { n: unknown }).n) > 0) throw new BooksNotEmptyError(table);
    }
    const rowsTotal = [...plan.keys()].reduce(
      (n, table) => n + (sqlite.prepare(`SELECT count(*) AS n FROM ${q(table)}`).get() as { n: number }).n,
      0,
    );
    await client.query('SET CONSTRAINTS ALL DEFERRED');
    const order = await insertOrder(client, [...plan.keys()]);
    for (const table of order) await client.query(`ALTER TABLE ${q(table)} DISABLE TRIGGER USER`);
    // What a new database starts with (the empty profile, the number series, the categories)
    // is replaced by the local book's own rows.
    for (const table of [...order].reverse())
      if (SEEDED.has(table)) await client.query(`DELETE FROM ${q(table)}`);
    let total = 0;
    let tablesDone = 0;
    const progress = (table: string) =>
      options.onProgress?.({ table, tablesDone, tablesTotal: order.length, rows: total, rowsTotal });
    for (const table of order) {
      progress(table);
      const columns = plan.get(table)!;
      const names = columns.map((c) => q(c.name)).join(', ');
      const perBatch = Math.max(1, Math.floor(30_000 / columns.length));
      const hasId = columns.some((c) => c.name === 'id');
      const read = sqlite
        .prepare(`SELECT ${names} FROM ${q(table)}${hasId ? ' ORDER BY id' : ''}`)
        .raw(true)
        .safeIntegers(false);
      let batch: unknown[][] = [];
      const flush = async () => {
        if (!batch.length) return;
        const values: unknown[] = [];
        const tuples = batch.map((row) => {
          const start = values.length;
          values.push(...row);
          return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
        });
        await client.query(`INSERT INTO ${q(table)} (${names}) VALUES ${tuples.join(', ')}`, values);
        total += batch.length;
        batch = [];
        progress(table);
      };
      let n = 0;
      for (const row of read.iterate() as Iterable<unknown[]>) {
        batch.push(row);
        n++;
        if (batch.length >= perBatch) await flush();
      }
      await flush();
      tablesDone++;
      progress(table);
      options.onTable?.(table, n);
    }
    options.onChecking?.();
    for (const table of order) await client.query(`ALTER TABLE ${q(table)} ENABLE TRIGGER USER`);
    // The search tables (SQLite's FTS5 tables are its own format) are built from the rows,
    // as the server's triggers would have; new rows get ids after the copied ones.
    await client.query(SEARCH_FILL);
    await client.query('SELECT folio_reset_identities()');
    const checks: TableCheck[] = [];
    for (const table of order) {
      const columns = plan.get(table)!;
      const local = localCheck(sqlite, table, columns);
      const server = await serverCheck(client, table, columns);
      checks.push({
        table,
        rowsLocal: local.rows,
        rowsServer: server.rows,
        moneyLocal: local.money,
        moneyServer: server.money,
        ok: local.rows === server.rows && local.money === server.money,
      });
    }
    checks.push(await copyFiles(client, files));
    total += files.length;
    options.onTable?.(ATTACHMENT_FILES, files.length);
    checks.sort((a, b) => a.table.localeCompare(b.table));
    const ok = checks.every((c) => c.ok);
    if (!ok) throw new MoveMismatchError(checks);
    await options.finish?.(client);
    await client.query('COMMIT');
    return { ok, tables: checks, rows: total, ms: performance.now() - started };
  } catch (error) {
    // A lost connection rolls back by itself; the first error is the one to tell.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

interface LocalFile {
  sha256: string;
  file: string;
  /** Who refers to the file, in words: "the file “x.pdf” of bill #3 (Vendor, invoice 12)". */
  owners: string[];
}

/** A file the book refers to is missing from the data folder or no longer matches its hash. */
export class MoveFilesError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `${problems.join('; ').replace(/^t/, 'T')}. Put the file back, or remove it from the bill, and move again.`,
    );
  }
}

const fail = (problems: string[]) => new MoveFilesError(problems);

/**
 * Every stored file the book refers to, each once. Throws, naming every bill or vendor credit
 * whose file is not on disk, before anything is written.
 */
function referencedFiles(sqlite: Sqlite, attachmentsDir: string): LocalFile[] {
  const refs = sqlite
    .prepare(
      `SELECT a.sha256, a.file_name AS fileName, b.id AS billId, b.vendor_invoice_number AS number,
              v.name AS vendor, NULL AS creditId
         FROM bill_attachments a JOIN bills b ON b.id = a.bill_id JOIN vendors v ON v.id = b.vendor_id
       UNION ALL
       SELECT e.file_sha256, e.file_name, b.id, b.vendor_invoice_number, v.name, e.vendor_credit_id
         FROM einvoices e
         LEFT JOIN bills b ON b.id = e.bill_id
         LEFT JOIN vendor_credits c ON c.id = e.vendor_credit_id
         LEFT JOIN vendors v ON v.id = coalesce(b.vendor_id, c.vendor_id)
       ORDER BY 1, 3`,
    )
    .all() as {
    sha256: string;
    fileName: string;
    billId: number | null;
    number: string | null;
    vendor: string | null;
    creditId: number | null;
  }[];
  const files = new Map<string, LocalFile>();
  for (const ref of refs) {
    let f = files.get(ref.sha256);
    if (!f) {
      f = { sha256: ref.sha256, file: attachmentFile(attachmentsDir, ref.sha256), owners: [] };
      files.set(ref.sha256, f);
    }
    f.owners.push(
      `the file “${ref.fileName}” of ` +
        (ref.billId !== null
          ? `bill #${ref.billId} (${ref.vendor ?? '?'}, invoice ${ref.number ?? '?'})`
          : `vendor credit #${ref.creditId ?? '?'} (${ref.vendor ?? '?'})`),
    );
  }
  const missing = [...files.values()]
    .filter((f) => !fs.existsSync(f.file))
    .flatMap((f) => f.owners.map((o) => `${o} is missing from ${attachmentsDir}`));
  if (missing.length) throw fail(missing);
  return [...files.values()];
}

/**
 * Copies the files into attachment_files, each read once (a scan may be 20 MB) and checked
 * against its name on the way, then counts, sizes and hashes what the server holds.
 */
async function copyFiles(client: ClientBase, files: LocalFile[]): Promise<TableCheck> {
  const digest = (hashes: string[]) =>
    crypto
      .createHash('sha256')
      .update([...hashes].sort().join('\n'))
      .digest('hex');
  let bytesLocal = 0;
  const damaged: string[] = [];
  for (const f of files) {
    const bytes = fs.readFileSync(f.file);
    if (hashOf(bytes) !== f.sha256) {
      damaged.push(...f.owners.map((o) => `${o} is damaged (its contents no longer match)`));
      continue;
    }
    bytesLocal += bytes.length;
    await client.query(
      `INSERT INTO attachment_files (sha256, bytes, size, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO NOTHING`,
      [f.sha256, bytes, bytes.length, fs.statSync(f.file).mtime.toISOString()],
    );
  }
  if (damaged.length) throw fail(damaged);
  // The server hashes what it holds: a file that did not arrive whole shows here.
  const { rows } = await client.query<{ sha256: string; size: string }>(
    `SELECT encode(sha256(bytes), 'hex') AS sha256, octet_length(bytes)::text AS size
       FROM ${ATTACHMENT_FILES} ORDER BY sha256`,
  );
  const bytesServer = rows.reduce((n, r) => n + Number(r.size), 0);
  const digestLocal = digest(files.map((f) => f.sha256));
  const digestServer = digest(rows.map((r) => r.sha256));
  return {
    table: ATTACHMENT_FILES,
    rowsLocal: files.length,
    rowsServer: rows.length,
    moneyLocal: '0',
    moneyServer: '0',
    bytesLocal,
    bytesServer,
    digestLocal,
    digestServer,
    ok: files.length === rows.length && bytesLocal === bytesServer && digestLocal === digestServer,
  };
}
