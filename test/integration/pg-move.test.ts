/**
 * "Move my books to a server": a local book copied into an empty PostgreSQL database exactly
 * (same rows, same ids, per-table counts and money checksums equal), and then the same figures
 * read through the same services on the server.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFolio, type Folio } from '../../src/main/app';
import { migratePg } from '../../src/main/db/migrations/pg/migrate';
import { moveBooksToServer, type MoveReport } from '../../src/main/db/pg/move';
import { openSharedBooks } from '../../src/main/db/pg/open';
import { silentLogger } from '../../src/main/log';
import { fixedClock, localSqlite, openTestFolio, type TestFolio } from '../helpers/folio';
import { billInput, vendorInput } from '../helpers/payables';
import { createTestDatabase, testCluster, type TestDatabase } from '../helpers/pg';
import { invoiceInput, seedBusiness } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';

const clock = fixedClock('2026-11-30T10:00:00Z');

describe.skipIf(!testCluster())('moving local books to a PostgreSQL server', () => {
  let local: TestFolio;
  let db: TestDatabase;
  let admin: pg.Client;
  let report: MoveReport;
  let server: Folio;
  const folder = tempDir();

  beforeAll(async () => {
    local = await openTestFolio({ clock });
    const seed = await seedBusiness(local);
    for (const [i, issueDate] of ['2026-08-01', '2026-09-15', '2026-10-20', '2026-11-25'].entries()) {
      const d = await local.call('documents.create', invoiceInput(seed, { issueDate, reference: `PO ${i}` }));
      await local.call('documents.issue', { id: d.id });
    }
    const [first] = (
      await local.call('documents.list', { type: 'invoice', sort: 'number', direction: 'asc' } as never)
    ).rows;
    await local.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-10',
      amount: 5000,
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId: first!.id, amount: 5000 }],
    });
    await local.call('documents.create', { ...invoiceInput(seed), type: 'quote' });
    const vendor = await local.call('vendors.create', vendorInput());
    await local.call('bills.create', billInput(vendor.id, { billDate: '2026-10-01' }));

    db = await createTestDatabase('moved');
    admin = new pg.Client(db.config);
    await admin.connect();
    await migratePg(admin as never);
    report = await moveBooksToServer(localSqlite(local.folio.ctx), admin);
    server = await openFolio({
      dataDir: folder.dir,
      mode: 'browser',
      version: 'test',
      clock,
      log: silentLogger,
      shared: { connect: async () => await openSharedBooks({ ...db.config, password: '' }), user: 'mover' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await admin?.end();
    await db?.drop();
    await local?.close();
    folder.cleanup();
  });

  const call = async (folio: Folio, method: string, input: unknown) => {
    const r = await folio.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };

  it('copies every table with equal row counts and money checksums', () => {
    expect(report.ok).toBe(true);
    const byTable = new Map(report.tables.map((t) => [t.table, t]));
    for (const table of [
      'documents',
      'document_lines',
      'payments',
      'allocations',
      'bills',
      'customers',
      'audit_log',
    ])
      expect(byTable.get(table)?.rowsLocal, table).toBeGreaterThan(0);
    for (const t of report.tables) {
      expect(t.rowsServer, t.table).toBe(t.rowsLocal);
      expect(t.moneyServer, t.table).toBe(t.moneyLocal);
    }
    expect(BigInt(byTable.get('documents')!.moneyLocal)).toBeGreaterThan(0n);
    expect(report.rows).toBe(report.tables.reduce((n, t) => n + t.rowsLocal, 0));
  });

  it('the server shows the same lists, totals, aging and search as the local book', async () => {
    for (const [method, input] of [
      ['documents.list', { type: 'invoice' }],
      ['documents.totals', { type: 'invoice' }],
      ['customers.list', {}],
      ['customers.list', { search: 'brights' }],
      ['bills.list', {}],
      ['reports.receivablesAging', { asOf: '2026-11-30' }],
      ['dashboard.summary', {}],
    ] as const) {
      const here = await local.call(method as never, input as never);
      expect(await call(server, method, input), `${method} ${JSON.stringify(input)}`).toEqual(here);
    }
  });

  it('new records on the server continue the numbers and ids after the copied ones', async () => {
    const customers = (await call(server, 'customers.list', {})) as { rows: { id: number }[] };
    const draft = (await call(server, 'documents.create', {
      ...invoiceInput({
        customer: { id: customers.rows[0]!.id },
        design: { id: 1 },
        vat23: { id: 1 },
      } as never),
      lines: [{ description: 'After the move', quantity: '1', unitPrice: 1000, taxIds: [] }],
    })) as { id: number };
    const issued = (await call(server, 'documents.issue', { id: draft.id })) as {
      number: string;
      id: number;
    };
    expect(issued.number).toBe('INV-2026-0005');
    expect(issued.id).toBeGreaterThan(5);
  });

  it('refuses to move into books that are not empty, and keeps them as they were', async () => {
    const before = (await admin.query<{ n: string }>('SELECT count(*)::text AS n FROM documents')).rows[0]!.n;
    await expect(moveBooksToServer(localSqlite(local.folio.ctx), admin)).rejects.toThrow(/not empty/);
    expect((await admin.query<{ n: string }>('SELECT count(*)::text AS n FROM documents')).rows[0]!.n).toBe(
      before,
    );
  });
});
