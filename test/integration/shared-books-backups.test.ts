/**
 * Backups of shared books from the app (issue 14 §5), on the run's real PostgreSQL cluster:
 * an owner backs the books up with pg_dump (a private file in the backups folder, the password
 * nowhere but in a passfile that is gone afterwards), adds an invoice, restores the backup into
 * a new database — never over the open one, never into one that holds anything — and the new
 * database holds the books as they were (counts and totals); the owner can then open it. A
 * viewer is told at once that only an owner may back up.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson } from '../../src/main/db/pg/roles';
import {
  AUTOMATIC_KEEP,
  automaticSharedBackup,
  documentedCommand,
  findTool,
} from '../../src/main/services/shared-books/server-backups';
import {
  CallError,
  createSharedBooks,
  fixedClock,
  openTestFolio,
  sharedSettings,
  TEST_ENGINE,
  type SharedPerson,
  type TestFolio,
} from '../helpers/folio';
import { dropTestDatabase, testCluster } from '../helpers/pg';
import { seedBusiness, type Seed } from '../helpers/seed';
import { issuedInvoice } from '../helpers/documents';
import { tempDir } from '../helpers/tmp';

/** A data folder connected to the shared books as `person`, opened as Folio opens it at start. */
async function folioOn(
  dir: string,
  database: string,
  person: SharedPerson,
  clock?: ReturnType<typeof fixedClock>,
): Promise<TestFolio> {
  const local = await openTestFolio({ dataDir: dir, keep: true });
  await local.call('sharedBooks.connect', sharedSettings(database, person));
  await local.close();
  // No `person` option: Folio reads shared-books.json itself, as the shells do.
  const t = await openTestFolio({ dataDir: dir, keep: true, clock });
  expect(t.folio.ctx.host.engine).toBe('postgres');
  return t;
}

async function admin(database: string): Promise<pg.Client> {
  const client = new pg.Client({ ...testCluster()!, database });
  await client.connect();
  return client;
}

/** What a book holds, read on the server: counts and money totals. */
async function measure(database: string) {
  const c = await admin(database);
  try {
    const row = (
      await c.query<{
        documents: string;
        issued: string;
        total: string;
        paid: string;
        payments: string;
        customers: string;
      }>(
        `SELECT (SELECT count(*) FROM documents) AS documents,
                (SELECT count(*) FROM documents WHERE number IS NOT NULL) AS issued,
                (SELECT coalesce(sum(total), 0) FROM documents) AS total,
                (SELECT coalesce(sum(paid), 0) FROM documents) AS paid,
                (SELECT count(*) FROM payments) AS payments,
                (SELECT count(*) FROM customers) AS customers`,
      )
    ).rows[0]!;
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  } finally {
    await c.end();
  }
}

const PG_BIN_PRESENT = fs.existsSync('/usr/lib/postgresql');

describe.skipIf(!testCluster() || TEST_ENGINE !== 'sqlite' || !PG_BIN_PRESENT)(
  'backups of shared books',
  () => {
    const home = tempDir();
    const ownerDir = tempDir();
    const viewerDir = tempDir();
    const created: string[] = [];
    let books: { database: string; owner: SharedPerson };
    let viewer: SharedPerson;
    let t: TestFolio;
    let seed: Seed;

    beforeAll(async () => {
      books = await createSharedBooks(home.dir);
      created.push(books.database);
      viewer = { login: `viewer_${books.database.slice(-8)}`, password: 'viewer-secret-1' };
      const c = await admin(books.database);
      try {
        await addPerson(c, {
          name: 'Vic Viewer',
          login: viewer.login,
          password: viewer.password,
          role: 'viewer',
        });
      } finally {
        await c.end();
      }
      t = await folioOn(ownerDir.dir, books.database, books.owner);
      seed = await seedBusiness(t);
      const invoice = await issuedInvoice(t, seed);
      await t.call('payments.record', {
        customerId: seed.customer.id,
        date: '2026-11-20',
        amount: 5000,
        currency: 'EUR',
        method: 'bank_transfer',
        allocations: [{ invoiceId: invoice.id, amount: 5000 }],
      });
    });
    afterAll(async () => {
      await t?.close();
      for (const db of created) await dropTestDatabase(db);
      home.cleanup();
      ownerDir.cleanup();
      viewerDir.cleanup();
    });

    it('finds pg_dump and the documented command carries no password', async () => {
      const tool = await findTool('pg_dump', 15);
      expect(tool?.major).toBeGreaterThanOrEqual(15);
      // No tool is new enough for a server from the future: the newest found is given, and the
      // service says it is too old rather than starting it.
      expect((await findTool('pg_dump', 99))?.major).toBeLessThan(99);
      const command = documentedCommand(sharedSettings(books.database, books.owner));
      expect(command).toContain(`--dbname=${books.database}`);
      expect(command).not.toContain(books.owner.password);
    });

    it('backs up, adds an invoice, restores into a new database that holds the books as they were', async () => {
      const listed = await t.call('sharedBooks.backups', {});
      expect(listed.canBackUp).toBe(true);
      expect(listed.reason).toBeNull();
      expect(listed.backups).toEqual([]);
      const before = await measure(books.database);
      expect(before).toMatchObject({ documents: 1, issued: 1, payments: 1, customers: 1 });

      const backup = await t.call('sharedBooks.backUpNow', {});
      const file = path.join(t.folio.ctx.paths.backupsDir, 'shared', backup.name);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP'); // custom format
      expect((await t.call('sharedBooks.backups', {})).backups.map((b) => b.name)).toEqual([backup.name]);
      // The passfile's staging folder is gone, and the password is in no log line.
      expect(fs.readdirSync(ownerDir.dir).filter((n) => n.startsWith('.export-'))).toEqual([]);
      const logs = path.join(ownerDir.dir, 'logs');
      for (const name of fs.existsSync(logs) ? fs.readdirSync(logs) : [])
        expect(fs.readFileSync(path.join(logs, name), 'utf8')).not.toContain(books.owner.password);

      await issuedInvoice(t, seed, { issueDate: '2026-11-25' });
      const after = await measure(books.database);
      expect(after.documents).toBe(2);

      // Never over the open books.
      const over = await t.raw('sharedBooks.restoreToNew', { name: backup.name, database: books.database });
      expect(over.ok).toBe(false);
      if (!over.ok) expect(over.error.code).toBe('CONFLICT');

      // The owner may not create databases: said in words, nothing created.
      const target = `${books.database}_r1`;
      const refused = await t.raw('sharedBooks.restoreToNew', { name: backup.name, database: target });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toContain('may not create databases');

      // The administrator creates it empty for the owner; Folio restores into it.
      const c = await admin('postgres');
      try {
        await c.query(`CREATE DATABASE "${target}" OWNER "${books.owner.login}"`);
      } finally {
        await c.end();
      }
      created.push(target);
      const restored = await t.call('sharedBooks.restoreToNew', { name: backup.name, database: target });
      expect(restored).toEqual({ database: target, documents: 1, customers: 1, payments: 1 });
      expect(await measure(target)).toEqual(before);
      // The open books keep the invoice added after the backup.
      expect(await measure(books.database)).toEqual(after);

      // Restoring again into it is refused: it is no longer empty.
      const again = await t.raw('sharedBooks.restoreToNew', { name: backup.name, database: target });
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.message).toContain('is not empty');

      // An owner who may create databases gets a new one made.
      const c2 = await admin('postgres');
      try {
        await c2.query(`ALTER ROLE "${books.owner.login}" CREATEDB`);
      } finally {
        await c2.end();
      }
      const made = `${books.database}_r2`;
      created.push(made);
      expect(
        (await t.call('sharedBooks.restoreToNew', { name: backup.name, database: made })).documents,
      ).toBe(1);
      expect(await measure(made)).toEqual(before);

      // The viewer who could open the books may open the restored ones (and reads only).
      const asViewer = new pg.Client({ ...sharedSettings(made, viewer) });
      await asViewer.connect();
      try {
        expect(Number((await asViewer.query('SELECT count(*) AS n FROM documents')).rows[0].n)).toBe(1);
        await expect(asViewer.query("UPDATE customers SET name = 'x'")).rejects.toThrow(/permission denied/);
      } finally {
        await asViewer.end();
      }

      // The owner opens the restored books from the next start.
      expect(await t.call('sharedBooks.useDatabase', { database: target })).toEqual({ database: target });
      await t.close();
      t = await openTestFolio({ dataDir: ownerDir.dir, keep: true });
      expect((await t.call('sharedBooks.status', {})).connection?.database).toBe(target);
      expect((await t.call('documents.list', { type: 'invoice' })).total).toBe(1);
    });

    it('a viewer is told only an owner may back up, and nothing runs', async () => {
      const v = await folioOn(viewerDir.dir, books.database, viewer);
      try {
        const listed = await v.call('sharedBooks.backups', {});
        expect(listed.canBackUp).toBe(false);
        expect(listed.reason).toContain('Only an owner');
        expect(listed.command).toContain('pg_dump --format=custom');
        const refused = await v.call('sharedBooks.backUpNow', {}).catch((e: CallError) => e);
        expect(refused).toBeInstanceOf(CallError);
        expect((refused as CallError).message).toContain('Only an owner');
        expect(fs.existsSync(path.join(viewerDir.dir, 'backups', 'shared'))).toBe(false);
      } finally {
        await v.close();
      }
    });

    it('the daily automatic backup: owners only, once a day, never while another computer holds the lock, 14 kept', async () => {
      const clock = fixedClock('2026-12-01T08:00:00Z');
      const autoDir = tempDir();
      const a = await folioOn(autoDir.dir, books.database, books.owner, clock);
      const v = await folioOn(viewerDir.dir, books.database, viewer);
      try {
        // A viewer's computer never dumps.
        expect(await automaticSharedBackup(v.folio.ctx)).toBeNull();
        expect(fs.existsSync(path.join(viewerDir.dir, 'backups', 'shared'))).toBe(false);

        const first = await automaticSharedBackup(a.folio.ctx);
        expect(first).toMatchObject({ database: books.database, automatic: true });
        expect(first!.name).toMatch(/-auto\.dump$/);
        // Not due again the same day.
        clock.set('2026-12-01T20:00:00Z');
        expect(await automaticSharedBackup(a.folio.ctx)).toBeNull();

        // Another owner's computer dumping right now holds the server-wide lock: this one skips.
        clock.set('2026-12-02T09:00:00Z');
        const other = await admin(books.database);
        try {
          await other.query("SELECT pg_advisory_lock(hashtext('folio-shared-backup'))");
          expect(await automaticSharedBackup(a.folio.ctx)).toBeNull();
        } finally {
          await other.end();
        }
        // Its lock gone, the next hourly check dumps.
        expect((await automaticSharedBackup(a.folio.ctx))?.automatic).toBe(true);

        // Only the newest automatic backups are kept; a manual one is never pruned.
        const folder = path.join(autoDir.dir, 'backups', 'shared');
        for (let day = 1; day <= 20; day++)
          fs.writeFileSync(
            path.join(
              folder,
              `${books.database}-2026-10-${String(day).padStart(2, '0')}T08-00-00Z-auto.dump`,
            ),
            'old',
          );
        const manual = `${books.database}-2026-09-01T08-00-00Z.dump`;
        fs.writeFileSync(path.join(folder, manual), 'kept');
        clock.set('2026-12-03T09:00:00Z');
        expect(await automaticSharedBackup(a.folio.ctx)).not.toBeNull();
        const left = (await a.call('sharedBooks.backups', {})).backups;
        expect(left.filter((b) => b.automatic)).toHaveLength(AUTOMATIC_KEEP);
        expect(left.filter((b) => b.automatic)[0]!.createdAt).toBe('2026-12-03T09:00:00Z');
        expect(left.map((b) => b.name)).toContain(manual);
      } finally {
        await a.close();
        await v.close();
        autoDir.cleanup();
      }
    });

    it('local books have no shared books to back up', async () => {
      const local = await openTestFolio();
      try {
        const r = await local.raw('sharedBooks.backups', {});
        expect(r.ok).toBe(false);
        expect((await local.call('sharedBooks.ping', {})).mode).toBe('local');
      } finally {
        await local.close();
      }
    });
  },
);
