import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../src/main/db/store';
import { PgStore } from '../../src/main/db/pg/store';
import type { DocumentRow } from '../../src/shared/api/documents';
import { displayStatus, type DisplayStatus } from '../../src/shared/domain/status';
import { COMMON_NAME, TODAY, generate, rng, type Generated } from '../../bench/receivables-data';
import { openFolio } from '../../src/main/app';
import { storeOf } from '../../src/main/services/context';
import {
  CallError,
  fixedClock,
  localSqlite,
  localStore,
  openTestFolio,
  TEST_ENGINE,
  type TestFolio,
} from '../helpers/folio';
import { silentLogger } from '../../src/main/log';
import { tempDir } from '../helpers/tmp';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';

/**
 * The list, search and totals queries are tuned for a million documents (index choice, FTS
 * driving, partial index, summary table). This checks, on generated data plus documents made
 * through the API, that every combination returns exactly what a plain filter over all
 * documents returns, and that the plans are the intended ones.
 */

let t: TestFolio;
let seed: Seed;
let gen: Generated;
let extraCustomerId: number;

/** The tables the generator fills (customers_fts aside: PostgreSQL's triggers keep it), parents first. */
const GENERATED = [
  'customers',
  'customer_emails',
  'documents',
  'document_lines',
  'document_taxes',
  'payments',
  'allocations',
];

/**
 * The generator writes a SQLite file directly (bench/receivables-data.ts). On shared books it
 * fills a local book seeded the same way (so every id matches), whose generated rows are then
 * inserted into the shared book with its triggers on (summaries, search, open balances).
 */
async function generateInto(target: TestFolio, catalog: Parameters<typeof generate>[1]): Promise<Generated> {
  const options = { invoices: 3000, batch: 700, seed: 7 };
  if (TEST_ENGINE === 'sqlite') return generate(localStore(target.folio.ctx), catalog, options);
  const tmp = tempDir();
  const local = await openFolio({ dataDir: tmp.dir, mode: 'browser', version: 'test', log: silentLogger });
  try {
    const localFolio: TestFolio = {
      folio: local,
      dataDir: tmp.dir,
      raw: (method, input, lang) => local.dispatch(method, input, lang),
      async call(method, input) {
        const result = await local.dispatch(method, input);
        if (!result.ok) throw new CallError(result.error);
        return result.value as never;
      },
      close: () => local.close(),
    };
    await seedBusiness(localFolio);
    const generated = generate(localStore(local.ctx), catalog, options);
    const sqlite = localSqlite(local.ctx);
    const store = storeOf(target.folio.ctx);
    for (const table of GENERATED) {
      const rows = sqlite.prepare(`SELECT * FROM ${table}`).raw(true).all() as unknown[][];
      const columns = (sqlite.prepare(`SELECT * FROM ${table} LIMIT 0`).columns() as { name: string }[]).map(
        (c) => `"${c.name}"`,
      );
      // A customer's open balance is added up again by the documents' triggers.
      const open = columns.indexOf('"open_balance_base"');
      if (table === 'customers') for (const row of rows) row[open] = 0;
      const per = Math.floor(30_000 / columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const batch = rows.slice(i, i + per);
        await store
          .prepare(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch
              .map(() => `(${columns.map(() => '?').join(', ')})`)
              .join(', ')} ON CONFLICT DO NOTHING`,
          )
          .run(...batch.flat());
      }
    }
    await store.prepare('SELECT folio_reset_identities()').all();
    for (const r of sqlite.prepare('SELECT doc_type, next_number FROM number_series').all() as {
      doc_type: string;
      next_number: number;
    }[])
      await store
        .prepare('UPDATE number_series SET next_number = ? WHERE doc_type = ?')
        .run(r.next_number, r.doc_type);
    return generated;
  } finally {
    await local.close();
    tmp.cleanup();
  }
}

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock(`${TODAY}T12:00:00.000Z`) });
  seed = await seedBusiness(t);
  gen = await generateInto(t, {
    taxes: [seed.vat23, seed.vat9],
    items: [seed.design, seed.prints].map((i) => ({ ...i })),
  });
  // Documents through the services too: the FTS and summary triggers on insert, on issue
  // (number assigned), on payment (status and balance) and on a customer's rename (drafts).
  const { customer } = await t.call('customers.create', {
    name: 'Zoë Müller Design',
    billingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  extraCustomerId = customer.id;
  const make = (overrides: Parameters<typeof invoiceInput>[1]) =>
    t.call('documents.create', invoiceInput(seed, { customerId: customer.id, ...overrides }));
  const a = await make({ issueDate: '2026-05-01', reference: 'PO-7781' });
  await t.call('documents.issue', { id: a.id });
  const b = await make({ issueDate: '2026-06-20' });
  await t.call('documents.issue', { id: b.id });
  await t.call('payments.record', {
    customerId: customer.id,
    date: '2026-06-25',
    amount: 1000,
    currency: 'EUR',
    method: 'cash',
    allocations: [{ invoiceId: b.id, amount: 1000 }],
  });
  const c = await make({ issueDate: '2026-06-10' });
  await t.call('documents.issue', { id: c.id });
  await t.call('documents.void', { id: c.id, reason: 'Issued twice' });
  const draft = await make({ issueDate: '2026-06-29' });
  // An update of a draft writes only the columns that changed: the search sees the new reference.
  await t.call('documents.update', {
    ...invoiceInput(seed, { customerId: customer.id, issueDate: '2026-06-29', reference: 'PO-9911' }),
    id: draft.id,
  });
  await t.call('customers.update', {
    id: customer.id,
    name: 'Zoë Müller-Kovac Design',
    billingAddress: customer.billingAddress,
    shippingAddress: customer.shippingAddress,
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
});
afterAll(async () => t.close());

interface Doc {
  id: number;
  type: 'invoice' | 'quote' | 'credit_note';
  status: DocumentRow['status'];
  number: string | null;
  number_counter: number | null;
  customer_id: number;
  customer_name: string;
  issue_date: string;
  due_date: string | null;
  currency: string;
  total: number;
  balance: number;
  reference: string;
}

const allDocs = async () =>
  (await storeOf(t.folio.ctx)
    .prepare(
      `SELECT id, type, status, number, number_counter, customer_id, customer_name, issue_date, due_date, currency,
              total, balance, reference FROM documents`,
    )
    .all()) as Doc[];

/** The FTS tokenizer, near enough for this data: unicode61 with diacritics removed. */
const tokens = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The search as specified: every word is a phrase, its last token a prefix, in one of the columns. */
function matches(d: Doc, text: string): boolean {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const columns = [d.number ?? '', d.customer_name, d.reference].map(tokens);
  return words.every((w) => {
    const phrase = tokens(w);
    return columns.some((col) =>
      col.some((_, p) =>
        phrase.every((tok, k) =>
          k === phrase.length - 1 ? (col[p + k] ?? '').startsWith(tok) : col[p + k] === tok,
        ),
      ),
    );
  });
}

type Sort = 'issueDate' | 'dueDate' | 'number' | 'customer' | 'total' | 'balance';
interface Query {
  type: 'invoice' | 'quote';
  search: string;
  statuses: DisplayStatus[];
  customerId: number | null;
  from: string | null;
  to: string | null;
  sort: Sort;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const sortValue = (d: Doc, sort: Sort): string | number | null => {
  switch (sort) {
    case 'issueDate':
      return d.issue_date;
    case 'dueDate':
      return d.due_date;
    case 'number':
      return d.number_counter;
    case 'customer':
      return d.customer_name.replace(/[A-Z]/g, (c) => c.toLowerCase());
    case 'total':
      return d.total;
    case 'balance':
      return d.balance;
  }
};

/** SQLite order: NULL first, then numbers, then text; ties by id. */
function compare(a: Doc, b: Doc, sort: Sort): number {
  const x = sortValue(a, sort);
  const y = sortValue(b, sort);
  if (x !== y) {
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return a.id - b.id;
}

function expected(docs: Doc[], q: Query) {
  const set = docs.filter(
    (d) =>
      d.type === q.type &&
      (q.statuses.length === 0 ||
        q.statuses.includes(
          displayStatus({ type: d.type, status: d.status, dueDate: d.due_date, balance: d.balance }, TODAY),
        )) &&
      (q.customerId === null || d.customer_id === q.customerId) &&
      (!q.from || d.issue_date >= q.from) &&
      (!q.to || d.issue_date <= q.to) &&
      (!q.search || matches(d, q.search)),
  );
  const sorted = [...set].sort((a, b) => (q.direction === 'asc' ? 1 : -1) * compare(a, b, q.sort));
  const totals = new Map<string, { currency: string; count: number; total: number; balance: number }>();
  for (const d of set) {
    const r = totals.get(d.currency) ?? { currency: d.currency, count: 0, total: 0, balance: 0 };
    r.count++;
    r.total += d.total;
    r.balance += d.balance;
    totals.set(d.currency, r);
  }
  return {
    ids: sorted.slice(q.offset, q.offset + q.limit).map((d) => d.id),
    total: set.length,
    totals: [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
}

describe('document lists at scale', () => {
  it('return exactly what a plain filter over all documents returns, for every kind of filter', async () => {
    const docs = await allDocs();
    expect(docs.length).toBeGreaterThan(3000);
    const number = docs.find((d) => d.type === 'invoice' && d.number && d.status === 'issued')!.number!;
    const searches = [
      '',
      COMMON_NAME,
      COMMON_NAME.toLowerCase().slice(0, 3),
      gen.rareName,
      'inv', // every numbered invoice: more matches than the FTS-driven plan takes
      'INV 20',
      number,
      'PO-7781',
      'PO-9911',
      'zoe mull',
      'muller-kovac',
      'no such name',
      // Typed with accents and capitals, as the names are written (folded on both engines).
      'ZOË MÜLL',
      'Müller-KOVAC d',
      // A prefix that finds several words of one row (Murphy Motors): each row counted once.
      'm',
      'mo',
      // Two words, each a prefix, in different columns (name and number).
      `${COMMON_NAME.slice(0, 4)} inv`,
    ];
    const statuses: DisplayStatus[][] = [
      [],
      ['overdue'],
      ['issued'],
      ['partially_paid'],
      ['overdue', 'issued', 'partially_paid'],
      ['paid'],
      ['draft'],
      ['void', 'paid'],
      ['overdue', 'paid'],
      ['sent'],
      ['expired'],
      ['accepted', 'declined'],
    ];
    const customers = [null, gen.busyCustomerId, gen.rareCustomerId, extraCustomerId];
    const ranges: [string | null, string | null][] = [
      [null, null],
      ['2026-04-01', '2026-06-30'],
      ['2022-01-01', null],
    ];
    const sorts: Sort[] = ['issueDate', 'dueDate', 'number', 'customer', 'total', 'balance'];
    const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const random = rng(11);
    const queries: Query[] = [];
    // Every search and every status set on its own, then a seeded sample of combinations.
    for (const search of searches)
      for (const st of statuses)
        queries.push({
          type: 'invoice',
          search,
          statuses: st,
          customerId: null,
          from: null,
          to: null,
          sort: 'issueDate',
          direction: 'desc',
          offset: 0,
          limit: 50,
        });
    for (let i = 0; i < 250; i++) {
      const [from, to] = pick(random, ranges);
      queries.push({
        type: random() < 0.85 ? 'invoice' : 'quote',
        search: random() < 0.5 ? pick(random, searches) : '',
        statuses: random() < 0.6 ? pick(random, statuses) : [],
        customerId: random() < 0.3 ? pick(random, customers) : null,
        from,
        to,
        sort: pick(random, sorts),
        direction: random() < 0.5 ? 'asc' : 'desc',
        offset: pick(random, [0, 0, 7, 120]),
        limit: pick(random, [1, 20, 100]),
      });
    }
    for (const q of queries) {
      const want = expected(docs, q);
      const { sort, direction, offset, limit, ...filters } = q;
      const got = await t.call('documents.list', q);
      expect({ q, ids: got.rows.map((r) => r.id), total: got.total }).toEqual({
        q,
        ids: want.ids,
        total: want.total,
      });
      if (offset === 0 && sort === 'issueDate' && direction === 'desc' && limit > 0)
        expect({ q, totals: await t.call('documents.totals', filters) }).toEqual({ q, totals: want.totals });
    }
  });

  it('sort customers by what they owe on open invoices, kept current by triggers', async () => {
    const owed = new Map<number, number>();
    for (const r of (await storeOf(t.folio.ctx)
      .prepare(
        `SELECT c.id, coalesce((SELECT sum(d.balance_base) FROM documents d WHERE d.customer_id = c.id
           AND d.type = 'invoice' AND d.status IN ('issued', 'partially_paid')), 0) AS owed
         FROM customers c WHERE c.archived_at IS NULL`,
      )
      .all()) as { id: number; owed: number }[])
      owed.set(r.id, r.owed);
    expect([...owed.values()].filter((v) => v > 0).length).toBeGreaterThan(10);
    for (const direction of ['asc', 'desc'] as const) {
      const want = [...owed.entries()]
        .sort((a, b) => (direction === 'asc' ? a[1] - b[1] : b[1] - a[1]) || a[0] - b[0])
        .map(([id]) => id);
      for (const offset of [0, 20]) {
        const got = await t.call('customers.list', { sort: 'balance', direction, offset, limit: 50 });
        expect(got.rows.map((r) => r.id)).toEqual(want.slice(offset, offset + 50));
        expect(got.total).toBe(owed.size);
      }
    }
  });

  // PostgreSQL folds a search's words on the server (folio_search_key), once per word.
  it.skipIf(TEST_ENGINE !== 'postgres')(
    'ask the server for a search’s words once, however often the list, its totals and its pages search them',
    async () => {
      const spy = vi.spyOn(PgStore.prototype, 'prepare');
      try {
        const search = 'kovac-design ZOË';
        const first = await t.call('documents.list', { type: 'invoice', search });
        await t.call('documents.totals', { type: 'invoice', search });
        const again = await t.call('documents.list', { type: 'invoice', search, offset: 0, limit: 1 });
        await t.call('customers.list', { search: 'ZOË' });
        const asked = spy.mock.calls.filter(([sql]) => sql.includes('folio_search_key'));
        expect(asked.length).toBe(1);
        expect(first.rows.length).toBeGreaterThan(0);
        expect(again.rows.map((r) => r.id)).toEqual(first.rows.slice(0, 1).map((r) => r.id));
        expect(again.total).toBe(first.total);
      } finally {
        spy.mockRestore();
      }
    },
  );

  // SQLite's planner and its plans: PostgreSQL plans with its own statistics.
  it.skipIf(TEST_ENGINE === 'postgres')('use the intended indexes (EXPLAIN QUERY PLAN)', async () => {
    const sqlite = localSqlite(t.folio.ctx);
    // Every SQL text the store runs goes through its statement cache.
    const spy = vi.spyOn(
      SqliteStore.prototype as unknown as { statement(sql: string): unknown },
      'statement',
    );
    /** The plan of every SELECT the call runs, one string per statement. */
    const plans = async (
      method: 'documents.list' | 'documents.totals' | 'customers.list',
      input: Record<string, unknown>,
    ) => {
      spy.mockClear();
      await t.call(method, (method === 'customers.list' ? input : { type: 'invoice', ...input }) as never);
      return spy.mock.calls
        .map(([sql]) => sql)
        .filter((sql) => /^\s*select/i.test(sql))
        .map((sql) => {
          const params = Array((sql.match(/\?/g) ?? []).length).fill(TODAY);
          const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
          return rows.map((r) => r.detail).join(' | ');
        });
    };
    try {
      // First page, default sort: the issue-date index, in order (no sort step); count from the summary.
      expect(await plans('documents.list', {})).toEqual([
        'SEARCH d USING INDEX documents_by_issue_date (type=?)',
        'SEARCH document_summary USING PRIMARY KEY (type=?)',
      ]);
      // Every sort order has its index.
      for (const [sort, index] of [
        ['dueDate', 'documents_by_due_date'],
        ['number', 'documents_by_counter'],
        ['customer', 'documents_by_customer_name'],
      ])
        expect((await plans('documents.list', { sort }))[0]).toBe(`SEARCH d USING INDEX ${index} (type=?)`);
      // Overdue: the partial index of open documents, alone for the count and the totals.
      const overdue = await plans('documents.list', { statuses: ['overdue'] });
      expect(overdue).toEqual([
        'SEARCH d USING INDEX documents_open (type=?)',
        'SEARCH d USING COVERING INDEX documents_open (type=?)',
      ]);
      expect((await plans('documents.totals', { statuses: ['overdue'] }))[0]).toMatch(
        /^SEARCH d USING COVERING INDEX documents_open \(type=\?\)/,
      );
      // A customer's invoices: the customer index, in order.
      expect(await plans('documents.list', { customerId: gen.busyCustomerId })).toEqual([
        'SEARCH d USING INDEX documents_by_customer (customer_id=? AND type=?)',
        'SEARCH d USING COVERING INDEX documents_by_customer (customer_id=? AND type=?)',
      ]);
      // A rare search: counted in the FTS index, then driven from it (a few lookups and a sort).
      const rare = await plans('documents.list', { search: gen.rareName });
      expect(rare[0]).toMatch(/^SCAN invoices_fts VIRTUAL TABLE/);
      expect(rare[1]).toMatch(
        /^SCAN f VIRTUAL TABLE INDEX \d+:\S* \| SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\) \| USE TEMP B-TREE FOR ORDER BY$/,
      );
      expect(rare).toHaveLength(2);
      // A common search: counted in the FTS index, the page's ids read in list order from the
      // index alone against the matches, then only the page's documents (a sort of one page).
      const common = await plans('documents.list', { search: 'inv' });
      expect(common[0]).toMatch(/^SCAN invoices_fts VIRTUAL TABLE/);
      expect(common[1]).toMatch(
        /^SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\) \| LIST SUBQUERY \d+ \| SEARCH d USING COVERING INDEX documents_by_issue_date \(type=\?\) \| LIST SUBQUERY \d+ \| SCAN invoices_fts VIRTUAL TABLE/,
      );
      expect(common[1]).not.toMatch(/SCAN d\b/);
      expect(common).toHaveLength(2);
      // Sorted by an amount no index keeps, every match is read anyway: from the FTS index.
      expect((await plans('documents.list', { search: 'inv', sort: 'total' }))[1]).toMatch(
        /^SCAN f VIRTUAL TABLE INDEX \d+:\S* \| SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\) \| USE TEMP B-TREE FOR ORDER BY$/,
      );
      // Totals of a bare search add up the matches, read from the FTS index.
      expect((await plans('documents.totals', { search: 'inv' }))[1]).toMatch(
        /^SCAN f VIRTUAL TABLE INDEX \d+:\S* \| SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\)/,
      );
      // The customer list: count from an index of active customers, the page in name order.
      const customers = await plans('customers.list', {});
      expect(customers[0]).toMatch(/^SCAN c USING (COVERING )?INDEX customers_active_by_(name|balance)$/);
      expect(customers[1]).toBe('SCAN c USING INDEX customers_active_by_name');
      expect(customers[2]).toMatch(/^SEARCH documents USING COVERING INDEX documents_open_by_customer/);
      expect((await plans('customers.list', { sort: 'balance', direction: 'desc' }))[1]).toMatch(
        /^SCAN c USING INDEX customers_active_by_balance/,
      );
    } finally {
      spy.mockRestore();
    }
  });
});
