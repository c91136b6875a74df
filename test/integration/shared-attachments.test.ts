/**
 * Stored files — bill scans, the original file of an imported e-invoice — in shared books
 * (issue 14): they live in the database, so a second person on another machine (another data
 * folder) opens exactly the bytes the first person uploaded, with the same rights as the rest
 * of the books. On a local book they stay in the data folder, as before.
 *
 * The first part runs on the run's engine (FOLIO_TEST_ENGINE); the second always signs people
 * in to shared books, and is skipped where PostgreSQL is not installed.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { migratePg } from '../../src/main/db/migrations/pg/migrate';
import { addPerson, setUpRoles, type Role } from '../../src/main/db/pg/roles';
import { examplePath, facturxPdf } from '../helpers/einvoice';
import {
  ONE_PIXEL_PNG,
  TEST_ENGINE,
  fixedClock,
  addSharedPerson,
  openNewSharedBooks,
  openOnOwnMachine,
  openTestFolio,
  sharedSettings,
  storedFiles,
  type SharedPerson,
  type TestFolio,
} from '../helpers/folio';
import { TINY_PDF, billInput, setupBusiness, vendorInput } from '../helpers/payables';
import { createTestDatabase, dropTestDatabase, testCluster } from '../helpers/pg';
import { tempDir } from '../helpers/tmp';

const clock = fixedClock('2026-03-02T09:00:00Z');
const b64 = (b: Buffer) => b.toString('base64');
const hashOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A scan bigger than a page of memory, different on every run: a PDF with random padding. */
function scan(kilobytes = 700): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%'),
    randomBytes(kilobytes * 1024),
    Buffer.from('\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  ]);
}

/** The stored file opens for `t` as the PDF `fileName`, byte for byte `bytes`. */
async function expectOpensAsPdf(t: TestFolio, sha256: string, fileName: string, bytes: Buffer) {
  const opened = await t.call('bills.getAttachment', { sha256 });
  expect(opened).toMatchObject({ fileName, mimeType: 'application/pdf', bytes: bytes.length });
  expect(Buffer.from(opened.dataBase64, 'base64').equals(bytes)).toBe(true);
}

describe(`stored files on the run’s engine (${TEST_ENGINE})`, () => {
  it('a scan outlives closing and opening the books again, byte for byte, kept where the books are', async () => {
    const folder = tempDir();
    let t = await openTestFolio({ dataDir: folder.dir, clock, keep: true });
    try {
      await setupBusiness(t);
      const bytes = scan();
      const uploaded = await t.call('bills.uploadAttachment', {
        fileName: 'march.pdf',
        dataBase64: b64(bytes),
      });
      const vendor = await t.call('vendors.create', vendorInput());
      const { bill } = await t.call(
        'bills.create',
        billInput(vendor.id, { attachments: [{ sha256: uploaded.sha256, fileName: 'march.pdf' }] }),
      );
      expect(bill.attachments).toEqual([
        { sha256: uploaded.sha256, fileName: 'march.pdf', mimeType: 'application/pdf', bytes: bytes.length },
      ]);
      await t.close();
      t = await openTestFolio({ dataDir: folder.dir, clock, keep: true });
      await expectOpensAsPdf(t, uploaded.sha256, 'march.pdf', bytes);
      expect((await storedFiles(t.folio.ctx)).get(uploaded.sha256)?.equals(bytes)).toBe(true);
      // The data folder holds the file for a local book only.
      expect(fs.existsSync(path.join(folder.dir, 'attachments'))).toBe(TEST_ENGINE === 'sqlite');
    } finally {
      await t.close();
      if (TEST_ENGINE === 'postgres')
        await dropTestDatabase(
          (
            JSON.parse(fs.readFileSync(path.join(folder.dir, '.test-shared-books.json'), 'utf8')) as {
              database: string;
            }
          ).database,
        );
      folder.cleanup();
    }
  });
});

describe.skipIf(!testCluster())('stored files seen by everyone on the same shared books', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  let books: { database: string; owner: SharedPerson };
  /** Ann (owner), Ben (bookkeeper) and Vera (viewer), each on a machine of their own. */
  let ann: TestFolio;
  let ben: TestFolio;
  let vera: TestFolio;
  const people: Record<string, SharedPerson> = {};

  async function person(name: string, role: Role): Promise<SharedPerson> {
    people[role] = await addSharedPerson(books.database, name, role);
    return people[role];
  }

  const machine = (who: SharedPerson) => openOnOwnMachine(books, who, { clock, cleanups });

  /** A direct connection of a person to the books, as another program would make. */
  async function direct<T>(who: SharedPerson, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client(sharedSettings(books.database, who));
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    ({ books, owner: ann } = await openNewSharedBooks({ clock, cleanups }));
    await setupBusiness(ann);
    ben = await machine(await person('Ben Bookkeeper', 'bookkeeper'));
    vera = await machine(await person('Vera Viewer', 'viewer'));
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a scan one person uploads, another downloads byte for byte, from another data folder', async () => {
    const bytes = scan();
    const uploaded = await ann.call('bills.uploadAttachment', {
      fileName: 'paper.pdf',
      dataBase64: b64(bytes),
    });
    const vendor = await ann.call('vendors.create', vendorInput({ name: 'Paper Mill Ltd' }));
    const { bill } = await ann.call(
      'bills.create',
      billInput(vendor.id, { attachments: [{ sha256: uploaded.sha256, fileName: 'paper.pdf' }] }),
    );
    for (const other of [ben, vera]) {
      const seen = await other.call('bills.get', { id: bill.id });
      expect(seen.attachments).toEqual([
        { sha256: uploaded.sha256, fileName: 'paper.pdf', mimeType: 'application/pdf', bytes: bytes.length },
      ]);
      await expectOpensAsPdf(other, uploaded.sha256, 'paper.pdf', bytes);
      // Nothing of it on that machine's disk.
      expect(fs.existsSync(other.folio.ctx.paths.attachmentsDir)).toBe(false);
    }
    // And the other way: the bookkeeper's photo of a receipt is on the owner's bill.
    const photo = await ben.call('bills.uploadAttachment', {
      fileName: 'receipt.png',
      dataBase64: ONE_PIXEL_PNG,
    });
    const { bill: second } = await ben.call(
      'bills.create',
      billInput(vendor.id, {
        vendorInvoiceNumber: 'INV-0043',
        attachments: [{ sha256: photo.sha256, fileName: 'receipt.png' }],
      }),
    );
    expect((await ann.call('bills.get', { id: second.id })).attachments[0]).toMatchObject({
      mimeType: 'image/png',
    });
    const opened = await ann.call('bills.getAttachment', { sha256: photo.sha256 });
    expect(opened.dataBase64).toBe(ONE_PIXEL_PNG);
    // The same file uploaded again by someone else is stored once.
    await ann.call('bills.uploadAttachment', { fileName: 'again.png', dataBase64: ONE_PIXEL_PNG });
    const rows = await direct(
      books.owner,
      async (c) =>
        (
          await c.query<{ n: string }>('SELECT count(*)::text AS n FROM attachment_files WHERE sha256 = $1', [
            photo.sha256,
          ])
        ).rows,
    );
    expect(rows).toEqual([{ n: '1' }]);
  });

  it('an imported Factur-X bill shows its data and opens its original PDF for another person', async () => {
    const xml = fs.readFileSync(examplePath('cii', 'CII_example2.xml'));
    const pdf = await facturxPdf([{ name: 'factur-x.xml', xml }]);
    const out = await ann.call('einvoiceImport.commit', {
      files: [{ fileName: 'fx.pdf', dataBase64: b64(pdf) }],
      createVendors: true,
      exchangeRates: { USD: '0.9', GBP: '1.17', NOK: '0.085' },
    });
    const r = out.files[0]!;
    expect(r.status, r.message).not.toBe('refused');
    for (const other of [ben, vera]) {
      const { einvoice } = await other.call('einvoices.forBill', { billId: r.billId! });
      expect(einvoice).toMatchObject({
        fileName: 'fx.pdf',
        container: 'pdf',
        format: expect.stringMatching(/Factur-X/),
      });
      expect(einvoice!.data.seller.name).toBeTruthy();
      await expectOpensAsPdf(other, einvoice!.fileSha256, 'fx.pdf', pdf);
    }
  });

  it('a viewer may not add a file, and nobody may change or delete one: the server refuses', async () => {
    const refused = await vera.raw('bills.uploadAttachment', {
      fileName: 'scan.pdf',
      dataBase64: b64(TINY_PDF),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect((await storedFiles(ann.folio.ctx)).has(hashOf(TINY_PDF))).toBe(false);
    // The bookkeeper may.
    const added = await ben.call('bills.uploadAttachment', { fileName: 'x.pdf', dataBase64: b64(TINY_PDF) });
    expect(added.sha256).toBe(hashOf(TINY_PDF));
    expect((await storedFiles(ann.folio.ctx)).get(added.sha256)?.equals(TINY_PDF)).toBe(true);
    const attempt = async (who: SharedPerson, sql: string, params: unknown[] = []) =>
      await direct(who, async (c) => {
        try {
          await c.query(sql, params);
          return 'done';
        } catch (error) {
          return (error as { code?: string }).code;
        }
      });
    const insert = [
      "INSERT INTO attachment_files (sha256, bytes, size, created_at) VALUES ($1, $2, 4, '2026-03-02')",
      ['a'.repeat(64), Buffer.from('%PDF')],
    ] as const;
    // 42501: insufficient_privilege.
    expect(await attempt(people.viewer!, insert[0], [...insert[1]])).toBe('42501');
    for (const who of [people.viewer!, people.bookkeeper!, books.owner]) {
      expect(await attempt(who, 'DELETE FROM attachment_files')).toBe('42501');
      expect(await attempt(who, "UPDATE attachment_files SET created_at = 'x'")).toBe('42501');
    }
    // Everything is still there, readable by everyone.
    expect((await storedFiles(vera.folio.ctx)).size).toBeGreaterThanOrEqual(3);
    expect(
      await direct(
        people.viewer!,
        async (c) => (await c.query('SELECT sha256 FROM attachment_files')).rowCount,
      ),
    ).toBeGreaterThanOrEqual(3);
  });
});

describe.skipIf(!testCluster())('shared books set up before stored files were in the database', () => {
  it('bringing them up to date gives the table the same rights: bookkeepers add, viewers read, nobody deletes', async () => {
    const db = await createTestDatabase('older');
    const admin = new pg.Client(db.config);
    await admin.connect();
    try {
      // Books at version 13 with their people, as an earlier Folio left them.
      await migratePg(admin as never, { migrations: MIGRATIONS.slice(0, 13) });
      await setUpRoles(admin);
      const make = async (role: Role) => {
        const p = {
          login: `${role}_${randomBytes(4).toString('hex')}`,
          password: randomBytes(12).toString('hex'),
        };
        await addPerson(admin, { name: role, ...p, role });
        return p;
      };
      const bookkeeper = await make('bookkeeper');
      const viewer = await make('viewer');
      // The owner's Folio brings them up to date (only the migration runs, not setUpRoles).
      await migratePg(admin as never);
      const attempt = async (who: SharedPerson, sql: string, params: unknown[] = []) => {
        const c = new pg.Client(sharedSettings(db.config.database, who));
        await c.connect();
        try {
          await c.query(sql, params);
          return 'done';
        } catch (error) {
          return (error as { code?: string }).code;
        } finally {
          await c.end();
        }
      };
      const insert = `INSERT INTO attachment_files (sha256, bytes, size, created_at) VALUES ($1, $2, $3, '2026-03-02')`;
      expect(await attempt(bookkeeper, insert, [hashOf(TINY_PDF), TINY_PDF, TINY_PDF.length])).toBe('done');
      expect(await attempt(viewer, insert, [hashOf(Buffer.from('%PDF-x')), Buffer.from('%PDF-x'), 6])).toBe(
        '42501',
      );
      expect(await attempt(viewer, 'SELECT bytes FROM attachment_files')).toBe('done');
      for (const who of [bookkeeper, viewer]) {
        expect(await attempt(who, 'DELETE FROM attachment_files')).toBe('42501');
        expect(await attempt(who, "UPDATE attachment_files SET created_at = 'x'")).toBe('42501');
      }
      // A row whose size or name does not match its bytes is refused by the table itself.
      expect(await attempt(bookkeeper, insert, ['not-a-hash', TINY_PDF, TINY_PDF.length])).toBe('23514');
      expect(await attempt(bookkeeper, insert, ['b'.repeat(64), TINY_PDF, 1])).toBe('23514');
    } finally {
      await admin.end();
      await db.drop();
    }
  });
});
