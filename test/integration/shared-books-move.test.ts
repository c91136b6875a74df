/**
 * "Move my books to a server" through the API the screen uses (sharedBooks.move, polled with
 * sharedBooks.moveStatus): the database's owner (not a superuser) moves a local book into an
 * empty database; writes to the local book are refused while it runs and after it succeeded;
 * the connection is saved and the next start opens the same books from the server. A
 * database that is not empty is refused at once, in the person's words, and left as it was;
 * a stopped move keeps nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MoveStatus } from '../../src/shared/api/shared-books';
import { runJob } from '../../src/main/jobs';
import { migratePg } from '../../src/main/db/migrations/pg/migrate';
import { silentLogger } from '../../src/main/log';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { createTestDatabase, testCluster, type TestDatabase } from '../helpers/pg';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';

const clock = fixedClock('2026-11-30T10:00:00Z');

/** A login that owns its database (as a server's administrator would set it up). */
async function ownedDatabase(prefix: string) {
  const cluster = testCluster()!;
  const login = `mover_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const admin = new pg.Client({ ...cluster, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE "${login}" LOGIN CREATEROLE PASSWORD '${password}'`);
  } finally {
    await admin.end();
  }
  const db = await createTestDatabase(prefix);
  const su = new pg.Client(db.config);
  await su.connect();
  try {
    await su.query(`ALTER DATABASE "${db.config.database}" OWNER TO "${login}"`);
  } finally {
    await su.end();
  }
  const settings = {
    host: cluster.host,
    port: cluster.port,
    database: db.config.database,
    user: login,
    password,
  };
  return { db, settings };
}

async function count(db: TestDatabase, sql: string): Promise<string> {
  const c = new pg.Client(db.config);
  await c.connect();
  try {
    return String(Object.values((await c.query(sql)).rows[0] as object)[0]);
  } finally {
    await c.end();
  }
}

async function waitForMove(t: TestFolio): Promise<MoveStatus> {
  for (;;) {
    const status = (await t.call('sharedBooks.moveStatus', {})) as MoveStatus | null;
    if (status && status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!testCluster())('moving the local books to a server from the screen', () => {
  let local: TestFolio;
  let seed: Seed;
  const numbers: string[] = [];
  const dbs: TestDatabase[] = [];
  let closed = false;

  beforeAll(async () => {
    local = await openTestFolio({ clock, keep: true });
    seed = await seedBusiness(local);
    for (const issueDate of ['2026-09-15', '2026-10-20', '2026-11-25']) {
      const d = await local.call('documents.create', invoiceInput(seed, { issueDate }));
      numbers.push((await local.call('documents.issue', { id: d.id })).number!);
    }
  });
  afterAll(async () => {
    if (!closed) await local?.close();
    for (const db of dbs) await db.drop();
    if (local) fs.rmSync(local.dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong password in the person’s words, before anything is paused', async () => {
    const { db, settings } = await ownedDatabase('move_pw');
    dbs.push(db);
    const r = await local.raw('sharedBooks.move', { ...settings, password: 'not the password' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/did not accept the password/);
    expect(await local.call('sharedBooks.moveStatus', {})).toBeNull();
  });

  it('refuses a database that already holds other tables, and leaves it as it was', async () => {
    const { db, settings } = await ownedDatabase('move_other');
    dbs.push(db);
    const c = new pg.Client({ ...settings });
    await c.connect();
    await c.query('CREATE TABLE stock (sku text PRIMARY KEY)');
    await c.query("INSERT INTO stock VALUES ('A-1')");
    await c.end();
    const r = await local.raw('sharedBooks.move', settings);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        `The database “${settings.database}” is not empty: it holds tables of another program (such as “stock”). Please ask for a new, empty database.`,
      );
    expect(
      await count(db, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`),
    ).toBe('1');
    expect(await count(db, 'SELECT count(*) FROM stock')).toBe('1');
  });

  it('a stopped move keeps nothing on the server, and the local book takes changes again', async () => {
    const { db, settings } = await ownedDatabase('move_stop');
    dbs.push(db);
    const started = (await local.call('sharedBooks.move', settings)) as MoveStatus;
    expect(started.state).toBe('running');
    await local.call('sharedBooks.moveCancel', {});
    const end = await waitForMove(local);
    expect(end.state).toBe('failed');
    expect(end.error).toBe('You stopped the move.');
    // Not even Folio's tables: the schema was created in the move's transaction.
    expect(
      await count(db, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`),
    ).toBe('0');
    expect((await local.call('sharedBooks.status', {})).mode).toBe('local');
    const ran: string[] = [];
    await runJob(
      { name: 'probe', everyMs: 60_000, run: () => void ran.push('probe') },
      local.folio.ctx,
      silentLogger,
    );
    expect(ran).toEqual(['probe']);
    const tax = await local.call('taxes.create', { name: 'Written after the stop', percent: '5' });
    expect(tax.id).toBeGreaterThan(0);
  });

  it('a copy that does not match is not kept, and the table says which table differs', async () => {
    const { db, settings } = await ownedDatabase('move_differs');
    dbs.push(db);
    // Folio's empty books, where a rule (not a trigger, so the copy does not switch it off)
    // silently drops what is written to the audit log.
    const c = new pg.Client({ ...settings });
    await c.connect();
    await migratePg(c as never);
    await c.query('CREATE RULE lose_audit AS ON INSERT TO audit_log DO INSTEAD NOTHING');
    await c.end();
    await local.call('sharedBooks.move', settings);
    const end = await waitForMove(local);
    expect(end.state).toBe('failed');
    expect(end.error).toBe(
      'The copy on the server did not match your books (see the tables marked “Different”), so it was not kept.',
    );
    const audit = end.tables.find((t) => t.table === 'audit_log')!;
    expect(audit.ok).toBe(false);
    expect(audit.rowsServer).toBe(0);
    expect(audit.rowsLocal).toBeGreaterThan(0);
    expect(end.tables.find((t) => t.table === 'documents')).toMatchObject({ ok: true, rowsServer: 3 });
    expect(await count(db, 'SELECT count(*) FROM documents')).toBe('0');
    expect((await local.call('sharedBooks.status', {})).mode).toBe('local');
    expect((await local.call('taxes.create', { name: 'After a mismatch', percent: '6' })).id).toBeGreaterThan(
      0,
    );
  });

  it('moves the books as the database’s owner, refuses changes meanwhile and after, and saves the connection', async () => {
    const { db, settings } = await ownedDatabase('move_ok');
    dbs.push(db);
    const before = await local.call('documents.list', { type: 'invoice' });
    expect((await local.raw('sharedBooks.restart', {})).ok).toBe(false);
    const started = (await local.call('sharedBooks.move', settings)) as MoveStatus;
    expect(started).toMatchObject({ state: 'running', server: { database: settings.database } });
    // The move is running (it is still creating Folio's tables on the server): reading works,
    // changing is refused with the reason.
    expect((await local.call('documents.list', { type: 'invoice' })).rows).toHaveLength(3);
    const paused = await local.raw('taxes.create', { name: 'Meanwhile', percent: '7' });
    expect(paused.ok).toBe(false);
    if (!paused.ok)
      expect(paused.error.message).toBe(
        'Your books are being moved to a server, so no change can be saved until the move has finished.',
      );

    const end = await waitForMove(local);
    expect(end.error).toBeNull();
    expect(end.state).toBe('done');
    expect(end.tablesDone).toBe(end.tablesTotal);
    expect(end.rows).toBe(end.rowsTotal);
    const byTable = new Map(end.tables.map((t) => [t.table, t]));
    expect(byTable.get('documents')).toMatchObject({ rowsLocal: 3, rowsServer: 3, ok: true });
    expect(Number(byTable.get('documents')!.moneyLocal)).toBeGreaterThan(0);
    for (const t of end.tables) expect(t, t.table).toMatchObject({ ok: true, rowsServer: t.rowsLocal });
    expect(await count(db, 'SELECT count(*) FROM documents')).toBe('3');
    expect(await count(db, "SELECT count(*) FROM taxes WHERE name = 'Meanwhile'")).toBe('0');
    expect(await count(db, "SELECT count(*) FROM taxes WHERE name = 'Written after the stop'")).toBe('1');

    // Saved: the next start opens the shared books; until then nothing changes here.
    expect(await local.call('sharedBooks.status', {})).toMatchObject({
      mode: 'shared',
      open: false,
      connection: { database: settings.database, user: settings.user },
    });
    const after = await local.raw('taxes.create', { name: 'Too late', percent: '8' });
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error.message).toMatch(/have been moved to the server\. Restart Folio/);
    // Browser mode cannot restart its own server process (the desktop app relaunches itself).
    expect(await local.call('sharedBooks.restart', {})).toEqual({ restarting: false });
    // Background jobs (recurring documents, reminders, the outbox) wait for the restart too.
    const ran: string[] = [];
    await runJob(
      { name: 'probe', everyMs: 60_000, run: () => void ran.push('probe') },
      local.folio.ctx,
      silentLogger,
    );
    expect(ran).toEqual([]);
    const again = await local.raw('sharedBooks.move', settings);
    expect(again.ok).toBe(false);

    const dataDir = local.dataDir;
    await local.close();
    const server = await openTestFolio({ dataDir, clock, keep: true });
    try {
      expect(await server.call('sharedBooks.status', {})).toMatchObject({ mode: 'shared', open: true });
      const list = await server.call('documents.list', { type: 'invoice' });
      expect(list).toEqual(before);
      expect(list.rows.map((r) => r.number).sort()).toEqual([...numbers].sort());
      // The owner works on them there.
      const d = await server.call('documents.create', invoiceInput(seed, { issueDate: '2026-11-30' }));
      expect((await server.call('documents.issue', { id: d.id })).number).toBe('INV-2026-0004');
    } finally {
      await server.close();
      closed = true;
    }
  });

  it('refuses books that are not empty, with a clear message, and leaves them unchanged', async () => {
    // The database the previous test moved into now holds books; a second local book may not
    // go there.
    const other = await openTestFolio({ clock });
    try {
      await seedBusiness(other);
      const full = dbs.at(-1)!;
      const docs = await count(full, 'SELECT count(*) FROM documents');
      const customers = await count(full, 'SELECT count(*) FROM customers');
      const r = await other.raw('sharedBooks.move', { ...full.config, password: '' });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error.message).toMatch(
          new RegExp(
            `^The database “${full.config.database}” already holds books \\(\\w+ has rows\\)\\. Folio moves books only into an empty database, so nothing was changed there\\.`,
          ),
        );
      expect(await count(full, 'SELECT count(*) FROM documents')).toBe(docs);
      expect(await count(full, 'SELECT count(*) FROM customers')).toBe(customers);
      // Nothing was paused on this computer.
      expect((await other.call('taxes.create', { name: 'Still local', percent: '5' })).id).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
