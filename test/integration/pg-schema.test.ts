import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createQueryId, PostgresQueryCompiler, sql } from 'kysely';
import { createTestDatabase, testCluster, type TestDatabase } from '../helpers/pg';
import { localSqlite, openTestFolio, type TestFolio } from '../helpers/folio';
import { tempDir } from '../helpers/tmp';
import { openDatabase, type Sqlite } from '../../src/main/db/open';
import { migrate, NewerDatabaseError } from '../../src/main/db/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/db/migrations';
import { migratePg, pgSchemaVersion } from '../../src/main/db/migrations/pg/migrate';
import { ftsQuery, searchWords } from '../../src/main/services/receivables/search';
import { dialectOf } from '../../src/main/db/dialect';
import { PgStore } from '../../src/main/db/pg/store';

/** SQLite's FTS5 tables and their shadow tables, which PostgreSQL replaces by plain tables. */
const FTS = /_fts(_|$)/;

/** int8 as a JS number, as the PostgreSQL store reads it. */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text'),
};

async function pool(db: TestDatabase): Promise<pg.Pool> {
  return new pg.Pool({ ...db.config, types, max: 2 });
}

async function migrated(db: TestDatabase): Promise<pg.Pool> {
  const p = await pool(db);
  const c = await p.connect();
  try {
    await migratePg(c);
  } finally {
    c.release();
  }
  return p;
}

/** `?` placeholders as PostgreSQL's `$n`. */
function numbered(sqlText: string): string {
  let n = 0;
  return sqlText.replace(/\?/g, () => `$${++n}`);
}

describe.skipIf(!testCluster())('the PostgreSQL schema (baseline = SQLite version 12)', () => {
  let db: TestDatabase;
  let pgPool: pg.Pool;
  let book: TestFolio;
  let sqlite: Sqlite;

  beforeAll(async () => {
    db = await createTestDatabase();
    pgPool = await migrated(db);
    book = await openTestFolio();
    sqlite = localSqlite(book.folio.ctx);
  });
  afterAll(async () => {
    await pgPool?.end();
    await db?.drop();
    await book?.close();
  });

  it('has every table and column of a fresh SQLite book, with a compatible type and the same NOT NULL', async () => {
    const tables = (
      sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
        .all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((t) => !FTS.test(t));
    expect(tables.length).toBeGreaterThan(40);
    const typeOf: Record<string, string> = {
      INTEGER: 'bigint',
      TEXT: 'text',
      BLOB: 'bytea',
      REAL: 'double precision',
    };
    const expected: string[] = [];
    for (const table of tables) {
      const cols = sqlite
        .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)')
        .all(table) as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      // A primary key column is never NULL in PostgreSQL (nor, in practice, in Folio's SQLite).
      for (const c of cols)
        expected.push(
          `${table}.${c.name} ${typeOf[c.type] ?? c.type} ${c.notnull || c.pk ? 'NOT NULL' : 'NULL'}`,
        );
    }
    const { rows } = await pgPool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ANY($1)`,
      [tables],
    );
    const actual = rows.map(
      (r) =>
        `${r.table_name}.${r.column_name} ${r.data_type} ${r.is_nullable === 'NO' ? 'NOT NULL' : 'NULL'}`,
    );
    expect(actual.sort()).toEqual(expected.sort());
  });

  it('has the same unique keys, foreign keys and named indexes', async () => {
    const tables = (
      sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((t) => !FTS.test(t));
    const uniques: string[] = [];
    const foreign: string[] = [];
    for (const table of tables) {
      const pk = (
        sqlite.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as {
          name: string;
        }[]
      ).map((c) => c.name);
      const indexes = sqlite
        .prepare(`SELECT name, origin, partial FROM pragma_index_list(?) WHERE "unique" = 1`)
        .all(table) as { name: string; origin: string; partial: number }[];
      // A rowid table's INTEGER PRIMARY KEY has no index of its own.
      if (pk.length && !indexes.some((i) => i.origin === 'pk')) uniques.push(`${table}(${pk.join(',')})`);
      for (const i of indexes) {
        const cols = (
          sqlite.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(i.name) as {
            name: string;
          }[]
        ).map((c) => c.name);
        uniques.push(`${table}(${cols.join(',')})${i.partial ? ' partial' : ''}`);
      }
      for (const f of sqlite.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(table) as {
        table: string;
        from: string;
        to: string | null;
        on_delete: string;
      }[])
        foreign.push(`${table}.${f.from} → ${f.table}.${f.to ?? 'id'} ON DELETE ${f.on_delete}`);
    }
    const pgUniques = await pgPool.query<{ t: string; cols: string[]; partial: boolean }>(
      `SELECT i.indrelid::regclass::text AS t, i.indpred IS NOT NULL AS partial,
              array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k) AS cols
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       WHERE i.indisunique AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)`,
      [tables],
    );
    expect(
      pgUniques.rows
        .map(
          (r) => `${r.t}(${r.cols.map((c) => c.replace(/"/g, '')).join(',')})${r.partial ? ' partial' : ''}`,
        )
        .sort(),
    ).toEqual(uniques.sort());

    const pgForeign = await pgPool.query<{
      t: string;
      col: string;
      ref: string;
      refcol: string;
      del: string;
    }>(
      `SELECT c.conrelid::regclass::text AS t, a.attname AS col, c.confrelid::regclass::text AS ref,
              r.attname AS refcol, c.confdeltype AS del
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
    );
    const action: Record<string, string> = { a: 'NO ACTION', c: 'CASCADE', n: 'SET NULL', r: 'RESTRICT' };
    expect(
      pgForeign.rows.map((r) => `${r.t}.${r.col} → ${r.ref}.${r.refcol} ON DELETE ${action[r.del]}`).sort(),
    ).toEqual(foreign.sort());

    const indexNames = (
      sqlite
        .prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`)
        .all() as { name: string; tbl_name: string }[]
    )
      .filter((i) => !FTS.test(i.tbl_name))
      .map((i) => i.name);
    const pgIndexes = await pgPool.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`,
    );
    const have = new Set(pgIndexes.rows.map((r) => r.indexname));
    expect(indexNames.filter((n) => !have.has(n))).toEqual([]);
    expect(indexNames.length).toBeGreaterThan(60);
  });

  it('has the rows SQLite seeds (profile, number series, expense categories)', async () => {
    for (const [table, order] of [
      ['number_series', 'doc_type'],
      ['business_profile', 'id'],
      ['expense_categories', 'id'],
    ] as const) {
      const cols = table === 'expense_categories' ? 'id, name, archived' : '*';
      const lite = sqlite.prepare(`SELECT ${cols} FROM ${table} ORDER BY ${order}`).all();
      const { rows } = await pgPool.query(`SELECT ${cols} FROM ${table} ORDER BY ${order}`);
      // A fresh book's profile is the seeded row, as SQLite leaves it (logo NULL).
      expect(rows, table).toEqual(lite);
    }
  });

  it('keeps the CHECKs of SQLite: JSON, enumerations, a bill’s balance, case-insensitive uniqueness', async () => {
    const bad = [
      `INSERT INTO settings (key, value) VALUES ('x', '{not json')`,
      `UPDATE number_series SET padding = 11 WHERE doc_type = 'invoice'`,
      `INSERT INTO expense_categories (name, created_at) VALUES ('RENT', '2026-01-01')`,
    ];
    for (const statement of bad) {
      expect(() => sqlite.prepare(statement).run(), statement).toThrow();
      await expect(pgPool.query(statement), statement).rejects.toThrow();
    }
    await pgPool.query(`INSERT INTO settings (key, value) VALUES ('x', '{"a":[1,2]}')`);
    const found = await pgPool.query(`SELECT name FROM expense_categories WHERE name = 'rent'`);
    expect(found.rows).toEqual([{ name: 'Rent' }]);
  });
});

/** One database of each engine with the same rows written by raw SQL, as services write them. */
describe.skipIf(!testCluster())('PostgreSQL triggers keep what SQLite’s keep', () => {
  let db: TestDatabase;
  let pgPool: pg.Pool;
  let sqlite: Sqlite;
  let cleanup: () => void;

  beforeAll(async () => {
    db = await createTestDatabase();
    pgPool = await migrated(db);
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    sqlite = openDatabase(path.join(tmp.dir, 'folio.db'));
    migrate(sqlite);
  });
  afterAll(async () => {
    await pgPool?.end();
    await db?.drop();
    sqlite?.close();
    cleanup?.();
  });

  async function both(statement: string, ...params: unknown[]): Promise<void> {
    sqlite.prepare(statement).run(...params);
    await pgPool.query(numbered(statement), params);
  }

  async function same(query: string, ...params: unknown[]) {
    const lite = sqlite.prepare(query).all(...params);
    const { rows } = await pgPool.query(numbered(query), params);
    expect(rows, query).toEqual(lite);
    return lite;
  }

  const NOW = '2026-01-05T10:00:00.000Z';

  async function customer(id: number, name: string, contact = '', tax = ''): Promise<void> {
    await both(
      `INSERT INTO customers (id, name, contact_person, billing_address, shipping_address, tax_number, currency,
         payment_terms, created_at, updated_at) VALUES (?, ?, ?, '{}', '{}', ?, 'EUR', '{"days":14}', ?, ?)`,
      id,
      name,
      contact,
      tax,
      NOW,
      NOW,
    );
  }

  /** What a service writes for a customer's search entry in SQLite (customers.ts indexCustomer). */
  async function indexCustomer(id: number, name: string, contact: string, emails: string[], tax: string) {
    await both('DELETE FROM customers_fts WHERE rowid = ?', id);
    await both(
      'INSERT INTO customers_fts (rowid, name, contact_person, emails, tax_number) VALUES (?, ?, ?, ?, ?)',
      id,
      name,
      contact,
      emails.join(' '),
      tax,
    );
  }

  async function document(d: {
    id: number;
    type: string;
    status: string;
    customer: number;
    name: string;
    number?: string | null;
    currency?: string;
    total: number;
    balance?: number;
    base?: number;
    due?: string | null;
    reference?: string;
  }): Promise<void> {
    const balance = d.balance ?? d.total;
    await both(
      `INSERT INTO documents (id, type, status, number, customer_id, customer_name, customer_snapshot, issue_date,
         due_date, due, currency, prices_include_tax, reference, subtotal, discount_amount, net, tax, total,
         total_base, balance, balance_base, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '{}', '2026-01-01', ?, '{}', ?, 0, ?, ?, 0, ?, 0, ?, ?, ?, ?, ?, ?)`,
      d.id,
      d.type,
      d.status,
      d.number ?? null,
      d.customer,
      d.name,
      d.due ?? null,
      d.currency ?? 'EUR',
      d.reference ?? '',
      d.total,
      d.total,
      d.total,
      d.total,
      balance,
      d.base ?? balance,
      NOW,
      NOW,
    );
  }

  async function summaries() {
    await same('SELECT * FROM document_summary ORDER BY type, status, currency');
    await same('SELECT id, open_balance_base FROM customers ORDER BY id');
    await same('SELECT * FROM receivable_due_days ORDER BY due_date');
  }

  it('document_summary, customers’ open balance and receivable due days follow every write', async () => {
    await customer(1, 'Müller GmbH', 'Jürgen Groß', 'DE123456789');
    await customer(2, 'Acme Ltd');
    await both(
      `INSERT INTO customer_emails (customer_id, position, email, billing) VALUES (1, 0, 'buchhaltung@mueller.example', 1)`,
    );
    await indexCustomer(1, 'Müller GmbH', 'Jürgen Groß', ['buchhaltung@mueller.example'], 'DE123456789');
    await indexCustomer(2, 'Acme Ltd', '', [], '');

    await document({
      id: 10,
      type: 'invoice',
      status: 'issued',
      customer: 1,
      name: 'Müller GmbH',
      number: 'INV-2026-0001',
      total: 1000,
      due: '2026-01-10',
    });
    await document({
      id: 11,
      type: 'invoice',
      status: 'draft',
      customer: 1,
      name: 'Müller GmbH',
      total: 700,
      due: '2026-02-01',
    });
    await document({
      id: 12,
      type: 'invoice',
      status: 'issued',
      customer: 2,
      name: 'Acme Ltd',
      number: 'INV-2026-0002',
      currency: 'USD',
      total: 500,
      base: 450,
      due: '2026-01-10',
      reference: 'PO 77/B',
    });
    await document({
      id: 13,
      type: 'quote',
      status: 'sent',
      customer: 2,
      name: 'Acme Ltd',
      number: 'QUO-2026-0001',
      total: 900,
      due: '2026-01-31',
    });
    await document({
      id: 14,
      type: 'credit_note',
      status: 'issued',
      customer: 1,
      name: 'Müller GmbH',
      number: 'CN-2026-0001',
      total: 200,
    });
    await document({
      id: 15,
      type: 'invoice',
      status: 'issued',
      customer: 1,
      name: 'Müller GmbH',
      number: 'INV-2026-0003',
      total: 300,
    });
    await summaries();

    // Issue the draft, pay part of one, settle another, move one to another customer.
    await both(`UPDATE documents SET status = 'issued', number = 'INV-2026-0004' WHERE id = 11`);
    await summaries();
    await both(
      `UPDATE documents SET status = 'partially_paid', paid = 600, balance = 400, balance_base = 400 WHERE id = 10`,
    );
    await both(
      `UPDATE documents SET status = 'paid', paid = 500, balance = 0, balance_base = 0, settled_on = '2026-01-09' WHERE id = 12`,
    );
    await both(`UPDATE documents SET customer_id = 2, customer_name = 'Acme Ltd' WHERE id = 15`);
    await both(`UPDATE documents SET due_date = '2026-02-15' WHERE id = 11`);
    await both(`UPDATE documents SET notes = 'nothing a summary reads' WHERE id = 10`);
    await summaries();
    // Reopen the paid one (a payment undone), void one, delete a quote and an open invoice.
    await both(
      `UPDATE documents SET status = 'issued', paid = 0, balance = 500, balance_base = 450, settled_on = NULL WHERE id = 12`,
    );
    await both(`UPDATE documents SET status = 'void', balance = 0, balance_base = 0 WHERE id = 11`);
    await both(`DELETE FROM documents WHERE id = 13`);
    await both(`DELETE FROM documents WHERE id = 15`);
    await both(
      `UPDATE documents SET type = 'invoice', status = 'issued', due_date = '2026-03-01' WHERE id = 14`,
    );
    await summaries();
    const due = await same('SELECT * FROM receivable_due_days ORDER BY due_date');
    expect(due).toEqual([
      { due_date: '2026-01-10', count: 2, amount: 850 },
      { due_date: '2026-03-01', count: 1, amount: 200 },
    ]);
    await same('SELECT id, open_balance_base FROM customers ORDER BY id').then((rows) =>
      expect(rows).toEqual([
        { id: 1, open_balance_base: 600 },
        { id: 2, open_balance_base: 450 },
      ]),
    );
  });

  it('bill_totals follow every write to bills', async () => {
    await both(
      `INSERT INTO vendors (id, name, currency, payment_terms, created_at, updated_at) VALUES (1, 'Stadtwerke Köln', 'EUR', '{}', ?, ?)`,
      NOW,
      NOW,
    );
    const bill = (id: number, status: string, currency: string, total: number, paid = 0) =>
      both(
        `INSERT INTO bills (id, vendor_id, bill_date, due_date, currency, subtotal, tax, total, paid, balance, total_base,
           balance_base, status, created_at, updated_at) VALUES (?, 1, '2026-01-01', '2026-01-31', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        currency,
        total,
        total,
        paid,
        total - paid,
        total,
        total - paid,
        status,
        NOW,
        NOW,
      );
    await bill(1, 'awaiting_payment', 'EUR', 1000);
    await bill(2, 'awaiting_payment', 'EUR', 250);
    await bill(3, 'draft', 'USD', 80);
    await same('SELECT * FROM bill_totals ORDER BY status, currency');
    await both(
      `UPDATE bills SET status = 'partially_paid', paid = 400, balance = 600, balance_base = 600 WHERE id = 1`,
    );
    await both(`UPDATE bills SET status = 'awaiting_payment' WHERE id = 3`);
    await both(`UPDATE bills SET status = 'paid', paid = 250, balance = 0, balance_base = 0 WHERE id = 2`);
    await both(`UPDATE bills SET notes = 'checked' WHERE id = 2`);
    await same('SELECT * FROM bill_totals ORDER BY status, currency');
    await both(`DELETE FROM bills WHERE id = 3`);
    const totals = await same('SELECT * FROM bill_totals ORDER BY status, currency');
    expect(totals).toContainEqual({
      status: 'partially_paid',
      currency: 'EUR',
      bills: 1,
      total: 1000,
      balance: 600,
    });
  });

  it('an undone payment and a deleted bill payment open their bank lines again', async () => {
    await both(
      `INSERT INTO bank_accounts (id, name, currency, opening_date, created_at) VALUES (1, 'Giro', 'EUR', '2026-01-01', ?)`,
      NOW,
    );
    await both(
      `INSERT INTO bank_imports (id, account_id, file_name, format, imported_at, lines_added, lines_skipped)
       VALUES (1, 1, 'jan.csv', 'csv', ?, 3, 0)`,
      NOW,
    );
    for (const [id, amount] of [
      [1, 400],
      [2, -250],
      [3, 99],
    ])
      await both(
        `INSERT INTO bank_lines (id, account_id, import_id, booking_date, amount, currency, fingerprint, status)
         VALUES (?, 1, 1, '2026-01-09', ?, 'EUR', ?, 'matched')`,
        id,
        amount,
        `f${id}`,
      );
    await both(
      `INSERT INTO payments (id, customer_id, date, amount, currency, amount_base, method, unapplied, created_at)
       VALUES (1, 1, '2026-01-09', 400, 'EUR', 400, 'bank_transfer', 0, ?)`,
      NOW,
    );
    await both(
      `INSERT INTO bill_payments (id, vendor_id, payment_date, currency, amount, amount_base, method, created_at)
       VALUES (1, 1, '2026-01-09', 'EUR', 250, 250, 'bank_transfer', ?)`,
      NOW,
    );
    await both(`INSERT INTO bank_matches (id, line_id, payment_id, created_at) VALUES (1, 1, 1, ?)`, NOW);
    await both(
      `INSERT INTO bank_matches (id, line_id, bill_payment_id, created_at) VALUES (2, 2, 1, ?)`,
      NOW,
    );
    await both(`UPDATE payments SET notes = 'not an undo' WHERE id = 1`);
    await same('SELECT id, status FROM bank_lines ORDER BY id');
    await both(
      `UPDATE payments SET undone_at = '2026-01-10T08:00:00.000Z', undo_reason = 'bounced' WHERE id = 1`,
    );
    await both(`DELETE FROM bill_payments WHERE id = 1`);
    const lines = await same('SELECT id, status FROM bank_lines ORDER BY id');
    expect(lines).toEqual([
      { id: 1, status: 'open' },
      { id: 2, status: 'open' },
      { id: 3, status: 'matched' },
    ]);
    const matches = await same('SELECT id, undone_at FROM bank_matches ORDER BY id');
    expect(matches).toEqual([{ id: 1, undone_at: '2026-01-10T08:00:00.000Z' }]);
  });

  it('refuses to change or delete audit log entries', async () => {
    await both(
      `INSERT INTO audit_log (at, entity, entity_id, action, changes, "user") VALUES (?, 'customer', '1', 'create', '{}', 'anna')`,
      NOW,
    );
    expect(() => sqlite.prepare(`UPDATE audit_log SET action = 'x'`).run()).toThrow(/append-only/);
    await expect(pgPool.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    expect(() => sqlite.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    await expect(pgPool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  /** The ids SQLite's FTS query finds, and the ids PostgreSQL's search query finds. */
  async function search(table: string, text: string): Promise<{ lite: number[]; pg: number[] }> {
    const match = ftsQuery(text);
    const lite = match
      ? (
          sqlite
            .prepare(`SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
            .all(match) as {
            id: number;
          }[]
        ).map((r) => r.id)
      : [];
    // The PostgreSQL query: the same words as ftsQuery, asked as the services ask (dialect.ts).
    const words = searchWords(text);
    const store = new PgStore(pgPool);
    const terms = await dialectOf(store).searchTerms(store, words);
    const query = new PostgresQueryCompiler().compileQuery(
      sql`SELECT rowid AS id FROM ${sql.raw(table)} WHERE ${dialectOf(store).receivablesSearchMatch(table, table, terms)} ORDER BY rowid`.toOperationNode() as never,
      createQueryId(),
    );
    const { rows } = words.length
      ? await pgPool.query<{ id: number }>(query.sql, [...query.parameters])
      : { rows: [] };
    return { lite, pg: rows.map((r) => r.id) };
  }

  it('finds “Müller GmbH” by “muller” and “MÜLL”, and every search finds what SQLite finds', async () => {
    for (const q of ['muller', 'MÜLL'])
      expect(await search('customers_fts', q), q).toEqual({ lite: [1], pg: [1] });
    const customerQueries = [
      'müller gmbh',
      'GMBH müller',
      'Müller-GmbH',
      'gmbh-muller',
      'ller',
      'jurgen',
      'groß',
      'buchhaltung@mueller',
      'mueller.example',
      'de1234',
      'acme',
      'acme müller',
      '---',
    ];
    for (const q of customerQueries) {
      const r = await search('customers_fts', q);
      expect(r.pg, q).toEqual(r.lite);
    }
    const documentQueries: [string, string][] = [
      ['invoices_fts', 'inv-2026'],
      ['invoices_fts', '0001'],
      ['invoices_fts', 'INV 0002'],
      ['invoices_fts', 'inv-2026-0003'],
      ['invoices_fts', '2026-00'],
      ['invoices_fts', 'müller'],
      ['invoices_fts', 'MULLER inv'],
      ['invoices_fts', 'po 77/b'],
      ['invoices_fts', '77b'],
      ['invoices_fts', 'acme 0002'],
      ['quotes_fts', 'quo'],
      ['quotes_fts', 'acme'],
      ['credit_notes_fts', 'cn'],
      ['credit_notes_fts', 'muller'],
    ];
    for (const [table, q] of documentQueries) {
      const r = await search(table, q);
      expect(r.pg, `${table} ${q}`).toEqual(r.lite);
    }
    expect((await search('invoices_fts', 'müller')).pg).toEqual([10, 11, 14]);
    expect((await search('invoices_fts', 'po 77/b')).pg).toEqual([12]);
    // A character JavaScript counts as a digit where the server's key splits (the runic ᛮ, a
    // letter number): the words of a search are the server's, so '77ᛮb' is the phrase '77 b'.
    expect((await search('invoices_fts', '77\u16EEb')).pg).toEqual([12]);
    expect((await search('invoices_fts', '77\u16EEb po')).pg).toEqual([12]);

    // A customer renamed, and given another address: found by the new words only, on both.
    await both(`UPDATE customers SET name = 'Nordwind Handel' WHERE id = 2`);
    await both(
      `INSERT INTO customer_emails (customer_id, position, email, billing) VALUES (2, 0, 'ap@nordwind.example', 1)`,
    );
    await indexCustomer(2, 'Nordwind Handel', '', ['ap@nordwind.example'], '');
    for (const q of ['acme', 'nordwind', 'handel', 'ap@nordwind']) {
      const r = await search('customers_fts', q);
      expect(r.pg, q).toEqual(r.lite);
    }
    expect((await search('customers_fts', 'nordwind')).pg).toEqual([2]);
    expect((await search('customers_fts', 'acme')).pg).toEqual([]);
  });

  it('keeps the customer search current by triggers alone (rows copied in, emails edited)', async () => {
    const c = await pgPool.query<{ search: string }>(`SELECT search FROM customers_fts WHERE rowid = 1`);
    expect(c.rows[0]!.search).toBe(' muller gmbh | jurgen gross | buchhaltung mueller example | de123456789');
    await pgPool.query(
      `INSERT INTO customers (id, name, billing_address, shipping_address, currency, payment_terms, created_at, updated_at)
       VALUES (3, 'Ærøskøbing Café', '{}', '{}', 'DKK', '{}', $1, $1)`,
      [NOW],
    );
    await pgPool.query(
      `INSERT INTO customer_emails (customer_id, position, email, billing) VALUES (3, 1, 'b@cafe.example', 0), (3, 0, 'a@cafe.example', 1)`,
    );
    const row = await pgPool.query<{ emails: string }>(`SELECT emails FROM customers_fts WHERE rowid = 3`);
    expect(row.rows[0]!.emails).toBe('a@cafe.example b@cafe.example');
    const found = await pgPool.query(
      `SELECT rowid FROM customers_fts WHERE search LIKE folio_search_pattern('CAFE')`,
    );
    expect(found.rows).toEqual([{ rowid: 3 }]);
    await pgPool.query(`DELETE FROM customer_emails WHERE customer_id = 3 AND position = 1`);
    expect((await pgPool.query(`SELECT emails FROM customers_fts WHERE rowid = 3`)).rows).toEqual([
      { emails: 'a@cafe.example' },
    ]);
    await pgPool.query(`DELETE FROM customers WHERE id = 3`);
    expect((await pgPool.query(`SELECT 1 FROM customers_fts WHERE rowid = 3`)).rows).toEqual([]);
  });

  it('keeps each search table’s words (what a search reads) equal to the words of its rows after every write', async () => {
    // Every write the earlier tests made (documents inserted, renamed, voided, deleted; customers
    // indexed by the services' DELETE and INSERT, renamed, given addresses, deleted), plus a
    // row changed in place and one written twice by one statement.
    await pgPool.query(`UPDATE customers_fts SET tax_number = 'ATU 999' WHERE rowid = 1`);
    await pgPool.query(
      `INSERT INTO customers_fts (rowid, name) VALUES (90, 'Kilian Kilian-Kiosk'), (91, '---')`,
    );
    const words = (
      await pgPool.query<{ n: number }>(`SELECT count(*) AS n FROM customers_fts_words WHERE rowid = 90`)
    ).rows[0]!.n;
    expect(words).toBe(2); // kilian (once), kiosk
    for (const table of ['invoices_fts', 'quotes_fts', 'credit_notes_fts', 'customers_fts']) {
      const diff = await pgPool.query(
        `(SELECT DISTINCT w AS word, rowid FROM ${table}, unnest(folio_search_words(search)) AS w
          EXCEPT SELECT word, rowid FROM ${table}_words)
         UNION ALL
         (SELECT word, rowid FROM ${table}_words
          EXCEPT SELECT DISTINCT w, rowid FROM ${table}, unnest(folio_search_words(search)) AS w)`,
      );
      expect(diff.rows, table).toEqual([]);
      const n = await pgPool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}_words`);
      if (table === 'invoices_fts' || table === 'customers_fts')
        expect(n.rows[0]!.n, table).toBeGreaterThan(2);
    }
    expect((await pgPool.query(`SELECT rowid FROM customers_fts_words WHERE word = 'atu'`)).rows).toEqual([
      { rowid: 1 },
    ]);
    await pgPool.query(`DELETE FROM customers_fts WHERE rowid IN (90, 91)`);
    expect((await pgPool.query(`SELECT 1 FROM customers_fts_words WHERE rowid IN (90, 91)`)).rows).toEqual(
      [],
    );
  });
  it('continues every id after the copied ones once folio_reset_identities() has run', async () => {
    const insert = `INSERT INTO customers (name, billing_address, shipping_address, currency, payment_terms, created_at, updated_at)
       VALUES ('Neu GmbH', '{}', '{}', 'EUR', '{}', $1, $1) RETURNING id`;
    // Rows inserted with their ids (as a copy does) leave the identity at 1.
    await expect(pgPool.query(insert, [NOW])).rejects.toThrow(/duplicate key/);
    await pgPool.query('SELECT folio_reset_identities()');
    expect((await pgPool.query(insert, [NOW])).rows).toEqual([{ id: 3 }]);
    const doc = await pgPool.query<{ id: number }>(
      `INSERT INTO documents (type, status, customer_id, customer_name, customer_snapshot, issue_date, due, currency,
         prices_include_tax, subtotal, discount_amount, net, tax, total, total_base, created_at, updated_at)
       VALUES ('quote', 'draft', 3, 'Neu GmbH', '{}', '2026-01-01', '{}', 'EUR', 0, 0, 0, 0, 0, 0, 0, $1, $1) RETURNING id`,
      [NOW],
    );
    expect(doc.rows).toEqual([{ id: 15 }]);
  });
});

describe.skipIf(!testCluster())('migratePg', () => {
  let db: TestDatabase;
  let pgPool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pgPool = await pool(db);
  });
  afterAll(async () => {
    await pgPool?.end();
    await db?.drop();
  });

  it('sets a new database up once; a second run changes nothing', async () => {
    const c = await pgPool.connect();
    try {
      expect(await pgSchemaVersion(c)).toBe(0);
      expect(await migratePg(c)).toBe(LATEST_VERSION);
      const before = await c.query(
        `SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace) AS relations,
                (SELECT count(*) FROM expense_categories) AS categories, (SELECT xmin::text FROM folio_meta) AS meta`,
      );
      expect(await migratePg(c)).toBe(LATEST_VERSION);
      const after = await c.query(
        `SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace) AS relations,
                (SELECT count(*) FROM expense_categories) AS categories, (SELECT xmin::text FROM folio_meta) AS meta`,
      );
      expect(after.rows).toEqual(before.rows);
      expect((await c.query('SELECT schema_version FROM folio_meta')).rows).toEqual([
        { schema_version: LATEST_VERSION },
      ]);
    } finally {
      c.release();
    }
  });

  it('two Folios starting at once: one sets up, the other waits and finds it done', async () => {
    const other = await createTestDatabase();
    const p = await pool(other);
    try {
      const [a, b] = await Promise.all([p.connect(), p.connect()]);
      try {
        expect(await Promise.all([migratePg(a), migratePg(b)])).toEqual([LATEST_VERSION, LATEST_VERSION]);
      } finally {
        a.release();
        b.release();
      }
    } finally {
      await p.end();
      await other.drop();
    }
  });

  it('refuses a database written by a newer Folio and leaves it as it was', async () => {
    const c = await pgPool.connect();
    try {
      await c.query('UPDATE folio_meta SET schema_version = $1', [LATEST_VERSION + 1]);
      const err = await migratePg(c).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NewerDatabaseError);
      expect((err as Error).message).toBe(new NewerDatabaseError(LATEST_VERSION + 1, LATEST_VERSION).message);
      expect(await pgSchemaVersion(c)).toBe(LATEST_VERSION + 1);
      await c.query('UPDATE folio_meta SET schema_version = $1', [LATEST_VERSION]);
    } finally {
      c.release();
    }
  });

  it('edit-versions-settings: taxes, categories and accounts saved before it are at version 1, changed when made', async () => {
    const step = MIGRATIONS.find((m) => m.name === 'edit-versions-settings')!;
    const older = await createTestDatabase();
    const p = await pool(older);
    const c = await p.connect();
    try {
      expect(await migratePg(c, { migrations: MIGRATIONS.slice(0, step.version - 1) })).toBe(
        step.version - 1,
      );
      await c.query(
        "INSERT INTO taxes (name, percent, created_at) VALUES ('VAT 20%', '20', '2025-03-01T09:00:00.000Z')",
      );
      await c.query(
        `INSERT INTO bank_accounts (name, currency, opening_date, created_at)
         VALUES ('Giro', 'EUR', '2025-01-01', '2025-03-02T09:00:00.000Z')`,
      );
      expect(await migratePg(c, { migrations: MIGRATIONS.slice(0, step.version) })).toBe(step.version);
      for (const table of ['taxes', 'bank_accounts', 'expense_categories'])
        expect(
          (
            await c.query(
              `SELECT DISTINCT version, updated_by, updated_at = created_at AS same FROM ${table}`,
            )
          ).rows,
          table,
        ).toEqual([{ version: 1, updated_by: '', same: true }]);
      await expect(c.query('UPDATE taxes SET version = 0')).rejects.toThrow(/check constraint/);
    } finally {
      c.release();
      await p.end();
      await older.drop();
    }
  });

  it('runs a later migration’s PostgreSQL body, and refuses one that lacks it', async () => {
    const c = await pgPool.connect();
    try {
      const next = [
        ...MIGRATIONS,
        {
          version: LATEST_VERSION + 1,
          name: 'test',
          up: () => undefined,
          pg: 'CREATE TABLE later_test (id bigint)',
        },
      ];
      expect(await migratePg(c, { migrations: next })).toBe(LATEST_VERSION + 1);
      expect((await c.query(`SELECT to_regclass('later_test')::text AS t`)).rows).toEqual([
        { t: 'later_test' },
      ]);
      const lacking = [...next, { version: LATEST_VERSION + 2, name: 'sqlite only', up: () => undefined }];
      await expect(migratePg(c, { migrations: lacking })).rejects.toThrow(/no PostgreSQL body/);
      expect(await pgSchemaVersion(c)).toBe(LATEST_VERSION + 1);
    } finally {
      c.release();
    }
  });
});
