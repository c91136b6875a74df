/**
 * "Move my books to a server": a local book copied into an empty PostgreSQL database exactly
 * (same rows, same ids, per-table counts and money checksums equal), with the files its bills
 * refer to, and then the same figures and files read through the same services on the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFolio, type Folio } from '../../src/main/app';
import { migratePg } from '../../src/main/db/migrations/pg/migrate';
import { ATTACHMENT_FILES, moveBooksToServer, type MoveReport } from '../../src/main/db/pg/move';
import { openSharedBooks } from '../../src/main/db/pg/open';
import { silentLogger } from '../../src/main/log';
import { fixedClock, localSqlite, openTestFolio, type TestFolio } from '../helpers/folio';
import { examplePath, facturxPdf } from '../helpers/einvoice';
import { ONE_PIXEL_PNG } from '../helpers/folio';
import { TINY_PDF, billInput, vendorInput } from '../helpers/payables';
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
  let scans: { scan: string; photo: string };
  let facturx: Buffer;
  let importedBill: number;
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
    // A bill with two scans, one of them also on a second bill (stored once), a scan uploaded
    // but never used (not moved), and an imported Factur-X bill with its original PDF.
    const scan = await local.call('bills.uploadAttachment', {
      fileName: 'scan.pdf',
      dataBase64: TINY_PDF.toString('base64'),
    });
    const photo = await local.call('bills.uploadAttachment', {
      fileName: 'photo.png',
      dataBase64: ONE_PIXEL_PNG,
    });
    await local.call('bills.uploadAttachment', {
      fileName: 'unused.pdf',
      dataBase64: Buffer.from(`${TINY_PDF.toString()}%unused\n`).toString('base64'),
    });
    scans = { scan: scan.sha256, photo: photo.sha256 };
    await local.call(
      'bills.create',
      billInput(vendor.id, {
        billDate: '2026-10-01',
        attachments: [
          { sha256: scan.sha256, fileName: 'scan.pdf' },
          { sha256: photo.sha256, fileName: 'photo.png' },
        ],
      }),
    );
    await local.call(
      'bills.create',
      billInput(vendor.id, {
        vendorInvoiceNumber: 'INV-0043',
        billDate: '2026-10-02',
        attachments: [{ sha256: photo.sha256, fileName: 'photo again.png' }],
      }),
    );
    facturx = await facturxPdf([
      { name: 'factur-x.xml', xml: fs.readFileSync(examplePath('cii', 'CII_example2.xml')) },
    ]);
    const imported = await local.call('einvoiceImport.commit', {
      files: [{ fileName: 'fx.pdf', dataBase64: facturx.toString('base64') }],
      createVendors: true,
      exchangeRates: { USD: '0.9', GBP: '1.17', NOK: '0.085' },
    });
    expect(imported.files[0]!.billId, imported.files[0]!.message).toBeTruthy();
    importedBill = imported.files[0]!.billId!;
    // Records edited once (version 2, by the local user): their edit versions move along.
    await local.call('taxes.update', { id: seed.vat9.id, name: 'VAT 9% reduced', percent: '9', version: 1 });
    const rent = (await local.call('expenseCategories.list', {})).find((c) => c.name === 'Rent')!;
    await local.call('expenseCategories.update', {
      id: rent.id,
      name: 'Rent and lease',
      archived: false,
      version: 1,
    });
    const giro = await local.call('bank.accounts.create', {
      name: 'Giro',
      accountNumber: '1234',
      currency: 'EUR',
      openingBalance: 100_00,
      openingDate: '2026-01-01',
    });
    await local.call('bank.accounts.update', {
      name: 'Giro main',
      accountNumber: '1234',
      currency: 'EUR',
      openingBalance: 100_00,
      openingDate: '2026-01-01',
      id: giro.id,
      version: 1,
    });

    db = await createTestDatabase('moved');
    admin = new pg.Client(db.config);
    await admin.connect();
    await migratePg(admin as never);
    report = await moveBooksToServer(localSqlite(local.folio.ctx), admin, {
      attachmentsDir: local.folio.ctx.paths.attachmentsDir,
    });
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

  it('copies each file the bills refer to once, and checks their count, size and hashes', async () => {
    const files = report.tables.find((t) => t.table === ATTACHMENT_FILES)!;
    const sizes = TINY_PDF.length + Buffer.from(ONE_PIXEL_PNG, 'base64').length + facturx.length;
    expect(files).toMatchObject({
      rowsLocal: 3,
      rowsServer: 3,
      bytesLocal: sizes,
      bytesServer: sizes,
      ok: true,
    });
    expect(files.digestServer).toBe(files.digestLocal);
    expect(files.digestLocal).toMatch(/^[0-9a-f]{64}$/);
    // The scan uploaded but on no bill stays behind.
    const { rows } = await admin.query<{ sha256: string }>('SELECT sha256 FROM attachment_files ORDER BY 1');
    expect(rows.map((r) => r.sha256).sort()).toEqual(
      [
        scans.scan,
        scans.photo,
        (await local.call('einvoices.forBill', { billId: importedBill })).einvoice!.fileSha256,
      ].sort(),
    );
    // Opened on the server through the same services, byte for byte.
    for (const [sha256, bytes] of [
      [scans.scan, TINY_PDF],
      [scans.photo, Buffer.from(ONE_PIXEL_PNG, 'base64')],
    ] as const) {
      const opened = (await call(server, 'bills.getAttachment', { sha256 })) as { dataBase64: string };
      expect(Buffer.from(opened.dataBase64, 'base64').equals(bytes)).toBe(true);
    }
    const { einvoice } = (await call(server, 'einvoices.forBill', { billId: importedBill })) as {
      einvoice: { fileSha256: string; fileName: string };
    };
    expect(einvoice.fileName).toBe('fx.pdf');
    const original = (await call(server, 'bills.getAttachment', { sha256: einvoice.fileSha256 })) as {
      dataBase64: string;
    };
    expect(Buffer.from(original.dataBase64, 'base64').equals(facturx)).toBe(true);
  });

  it('a file missing or damaged on disk stops the move, naming the bill, and nothing is kept', async () => {
    const target = await createTestDatabase('moved_missing');
    const c = new pg.Client(target.config);
    await c.connect();
    const copy = tempDir();
    try {
      await migratePg(c as never);
      fs.cpSync(local.folio.ctx.paths.attachmentsDir, copy.dir, { recursive: true });
      const file = (sha256: string) => path.join(copy.dir, sha256.slice(0, 2), sha256);
      const move = () => moveBooksToServer(localSqlite(local.folio.ctx), c, { attachmentsDir: copy.dir });
      const count = async (table: string) =>
        (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n;
      fs.rmSync(file(scans.scan));
      await expect(move()).rejects.toThrow(
        /^The file “scan\.pdf” of bill #\d+ \(Acme Supplies, invoice INV-0042\) is missing from .*Put the file back, or remove it from the bill, and move again\.$/,
      );
      expect([await count('documents'), await count('bills'), await count('attachment_files')]).toEqual([
        '0',
        '0',
        '0',
      ]);
      // The photo is on two bills: both are named.
      fs.writeFileSync(file(scans.scan), TINY_PDF);
      fs.writeFileSync(file(scans.photo), Buffer.from('not the photo'));
      const damaged = await move().catch((e: Error) => e.message);
      expect(damaged).toMatch(/“photo\.png” of bill #\d+ \(Acme Supplies, invoice INV-0042\) is damaged/);
      expect(damaged).toMatch(
        /“photo again\.png” of bill #\d+ \(Acme Supplies, invoice INV-0043\) is damaged/,
      );
      expect([await count('documents'), await count('bills'), await count('attachment_files')]).toEqual([
        '0',
        '0',
        '0',
      ]);
    } finally {
      await c.end();
      await target.drop();
      copy.cleanup();
    }
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
      ['taxes.list', { includeArchived: true }],
      ['expenseCategories.list', {}],
      ['bank.accounts.list', { includeArchived: true }],
    ] as const) {
      const here = await local.call(method as never, input as never);
      expect(await call(server, method, input), `${method} ${JSON.stringify(input)}`).toEqual(here);
    }
  });

  it('edit versions move along: a save from before the last local edit is refused on the server', async () => {
    const [giro] = (await call(server, 'bank.accounts.list', {})) as { id: number; version: number }[];
    expect(giro!.version).toBe(2);
    const input = {
      name: 'Giro stale',
      accountNumber: '1234',
      currency: 'EUR',
      openingBalance: 100_00,
      openingDate: '2026-01-01',
      id: giro!.id,
    };
    const stale = await server.dispatch('bank.accounts.update', { ...input, version: 1 });
    expect(stale.ok ? '' : stale.error.message).toMatch(
      new RegExp(`^Changed by ${local.folio.ctx.user} at .* — reload`),
    );
    expect(await call(server, 'bank.accounts.update', { ...input, version: 2 })).toMatchObject({
      name: 'Giro stale',
      version: 3,
    });
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
    await expect(
      moveBooksToServer(localSqlite(local.folio.ctx), admin, {
        attachmentsDir: local.folio.ctx.paths.attachmentsDir,
      }),
    ).rejects.toThrow(/not empty/);
    expect((await admin.query<{ n: string }>('SELECT count(*)::text AS n FROM documents')).rows[0]!.n).toBe(
      before,
    );
  });
});
