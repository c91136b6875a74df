import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { AppError } from '../../src/shared/api/errors';
import { setLanguageSource, translator } from '../../src/shared/i18n';
import { qb } from '../../src/main/db/store';
import { PgStore, folioTypes } from '../../src/main/db/pg/store';
import { toPostgres } from '../../src/main/db/pg/translate';
import { connectShared, isLoopback, type SharedBooksSettings } from '../../src/main/db/pg/connect';
import { addPerson, setUpRoles, type Role } from '../../src/main/db/pg/roles';
import { createTestDatabase, testCluster, type TestDatabase } from '../helpers/pg';

/**
 * The PostgreSQL store, its connection and its roles, on a real throwaway cluster. Until the
 * baseline schema lands (migrations), the few tables used are made here with the column names
 * and types of the SQLite schema (bigint money, text dates, integer booleans).
 */
const SCHEMA = `
  CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE business_profile (id integer PRIMARY KEY, name text NOT NULL);
  CREATE TABLE number_series (doc_type text PRIMARY KEY, prefix text NOT NULL,
    include_year integer NOT NULL, padding integer NOT NULL, next_number bigint NOT NULL);
  CREATE TABLE expense_categories (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE,
    archived integer NOT NULL DEFAULT 0, created_at text NOT NULL);
  CREATE TABLE audit_log (id bigserial PRIMARY KEY, at text NOT NULL, entity text NOT NULL,
    entity_id text NOT NULL, action text NOT NULL, changes text NOT NULL, "user" text NOT NULL);
  INSERT INTO number_series VALUES ('invoice', 'INV-', 1, 4, 1);
  INSERT INTO business_profile VALUES (1, 'Acme');
`;

const en = translator('en');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe.skipIf(!testCluster())('PgStore on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PgStore;
  let other: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('pgstore');
    const admin = new pg.Client(db.config);
    await admin.connect();
    await admin.query(SCHEMA);
    await admin.end();
    store = new PgStore(new pg.Pool({ ...db.config, types: folioTypes, max: 4 }));
    other = new pg.Client(db.config);
    await other.connect();
  });

  afterAll(async () => {
    await other?.end();
    await store?.close();
    await db?.drop();
  });

  it('runs Kysely selects, inserts and updates with parameters, compiled for PostgreSQL', async () => {
    const created = await store.run(
      qb.insertInto('expense_categories').values({ name: 'Travel', created_at: '2026-01-02' }),
    );
    expect(created.changes).toBe(1);
    expect(created.lastInsertRowid).toBeGreaterThan(0);
    const second = await store.run(
      qb.insertInto('expense_categories').values({ name: 'Rent', created_at: '2026-01-03' }),
    );
    expect(second.lastInsertRowid).toBe(created.lastInsertRowid + 1);

    // With RETURNING already asked for, the id is still given.
    const third = await store.run(
      qb
        .insertInto('expense_categories')
        .values({ name: 'Phone', created_at: '2026-01-04' })
        .returning('name'),
    );
    expect(third.lastInsertRowid).toBe(0); // RETURNING name has no id: nothing to give
    const fourth = await store
      .prepare("INSERT INTO expense_categories (name, created_at) VALUES ('Post', '2026-01-05') RETURNING id")
      .run();
    expect(fourth.lastInsertRowid).toBe(second.lastInsertRowid + 2);
    await store.prepare("DELETE FROM expense_categories WHERE name IN ('Phone', 'Post')").run();

    const row = await store.first(
      qb
        .selectFrom('expense_categories')
        .select(['id', 'name', 'archived', 'created_at'])
        .where('id', '=', second.lastInsertRowid),
    );
    // bigserial ids come back as numbers, dates as the text they were written as.
    expect(row).toEqual({ id: second.lastInsertRowid, name: 'Rent', archived: 0, created_at: '2026-01-03' });

    const updated = await store.run(
      qb.updateTable('expense_categories').set({ archived: 1 }).where('name', 'in', ['Travel', 'Rent']),
    );
    expect(updated).toEqual({ changes: 2, lastInsertRowid: 0 });
    const names = await store.all(
      qb.selectFrom('expense_categories').select('name').where('archived', '=', 1).orderBy('name'),
    );
    expect(names).toEqual([{ name: 'Rent' }, { name: 'Travel' }]);

    // An upsert (settings are written this way) and a table without an id.
    for (const value of ['"a"', '"b"'])
      await store.run(
        qb
          .insertInto('settings')
          .values({ key: 'k', value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
      );
    expect(await store.first(qb.selectFrom('settings').select('value').where('key', '=', 'k'))).toEqual({
      value: '"b"',
    });
  });

  it('gives aggregates over bigint money and boolean expressions as numbers, as SQLite does', async () => {
    await other.query("INSERT INTO number_series VALUES ('quote', 'Q-', 0, 3, 9007199254740)");
    const row = await store
      .prepare(
        'SELECT sum(next_number) AS total, count(*) AS n, bool_or(include_year = 1) AS any_year FROM number_series',
      )
      .get();
    expect(row).toEqual({ total: 9007199254741, n: 2, any_year: 1 });
    await other.query("DELETE FROM number_series WHERE doc_type = 'quote'");
  });

  it('runs raw statements with ? placeholders, leaving a ? inside quotes alone', async () => {
    expect(toPostgres(`SELECT '?', "a?", ? -- ?\n, $$?$$, ?`, [1, 2]).text).toBe(
      `SELECT '?', "a?", $1 -- ?\n, $$?$$, $2`,
    );
    const insert = store.prepare("INSERT INTO expense_categories (name, created_at) VALUES (? || '?', ?)");
    const r = await insert.run('What', '2026-02-01');
    expect(r.changes).toBe(1);
    const got = await store
      .prepare('SELECT id, name FROM expense_categories WHERE id = ?')
      .get(r.lastInsertRowid);
    expect(got).toEqual({ id: r.lastInsertRowid, name: 'What?' });
    const many = await store
      .prepare('SELECT name FROM expense_categories WHERE created_at >= ? ORDER BY name')
      .all('2026-01-03');
    expect(many).toEqual([{ name: 'Rent' }, { name: 'What?' }]);
  });

  it('commits a transaction; another connection sees nothing of it before the commit', async () => {
    const seenByOther: number[] = [];
    const seenInside = await store.tx(async () => {
      await store.run(qb.insertInto('settings').values({ key: 'tx1', value: '1' }));
      seenByOther.push(
        Number((await other.query("SELECT count(*) FROM settings WHERE key = 'tx1'")).rows[0].count),
      );
      // A query deep in the call chain (no client handed down) runs in the transaction.
      const deep = async () =>
        store.first(qb.selectFrom('settings').select('value').where('key', '=', 'tx1'));
      return deep();
    });
    expect(seenInside).toEqual({ value: '1' });
    expect(seenByOther).toEqual([0]);
    expect((await other.query("SELECT value FROM settings WHERE key = 'tx1'")).rows).toEqual([
      { value: '1' },
    ]);
  });

  it('rolls a transaction back on a throw, and a nested one back to its savepoint only', async () => {
    const boom = new Error('boom');
    expect(
      await thrown(
        store.tx(async () => {
          await store.run(qb.insertInto('settings').values({ key: 'gone', value: '1' }));
          throw boom;
        }),
      ),
    ).toBe(boom);
    expect(
      await store.first(qb.selectFrom('settings').select('key').where('key', '=', 'gone')),
    ).toBeUndefined();

    await store.tx(async () => {
      await store.run(qb.insertInto('settings').values({ key: 'outer', value: '1' }));
      await thrown(
        store.tx(async () => {
          await store.run(qb.insertInto('settings').values({ key: 'inner', value: '1' }));
          // A failed statement: the savepoint rollback must also bring the transaction back.
          await store.prepare('SELECT 1/0').get();
        }),
      );
      await store.tx(async () => {
        await store.run(qb.insertInto('settings').values({ key: 'inner2', value: '1' }));
      });
    });
    const keys = await store.all(
      qb.selectFrom('settings').select('key').where('key', 'in', ['outer', 'inner', 'inner2']).orderBy('key'),
    );
    expect(keys).toEqual([{ key: 'inner2' }, { key: 'outer' }]);
  });

  it('does not commit a transaction a failed statement aborted, even when the failure was caught', async () => {
    const error = await thrown(
      store.tx(async () => {
        await store.run(qb.insertInto('settings').values({ key: 'aborted', value: '1' }));
        await thrown(store.prepare('SELECT 1/0').get());
      }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(
      await store.first(qb.selectFrom('settings').select('key').where('key', '=', 'aborted')),
    ).toBeUndefined();
  });

  it('serialises concurrent transactions on a row locked with SELECT … FOR UPDATE: no update is lost', async () => {
    const take = (lock: boolean) =>
      store.tx(async () => {
        const row = (await store
          .prepare(`SELECT next_number FROM number_series WHERE doc_type = ?${lock ? ' FOR UPDATE' : ''}`)
          .get('invoice')) as { next_number: number };
        await sleep(20); // the other transactions read meanwhile
        await store.run(
          qb
            .updateTable('number_series')
            .set({ next_number: row.next_number + 1 })
            .where('doc_type', '=', 'invoice'),
        );
        return row.next_number;
      });
    const start = (await store.first(qb.selectFrom('number_series').select('next_number')))!.next_number;
    const taken = await Promise.all(Array.from({ length: 8 }, () => take(true)));
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => start + i));
    expect((await store.first(qb.selectFrom('number_series').select('next_number')))!.next_number).toBe(
      start + 8,
    );

    // Without the lock the same work loses updates: the test above can tell the difference.
    const unlocked = await Promise.all(Array.from({ length: 4 }, () => take(false)));
    expect(new Set(unlocked).size).toBeLessThan(4);
  });

  it('says the connection was lost when the server ends it mid-transaction, and goes on with a new one', async () => {
    const e = await thrown(
      store.tx(async () => {
        await store.run(qb.insertInto('settings').values({ key: 'lost', value: '1' }));
        const { pid } = (await store.prepare('SELECT pg_backend_pid() AS pid').get()) as { pid: number };
        await other.query('SELECT pg_terminate_backend($1)', [pid]);
        await store.prepare('SELECT 1').get();
      }),
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('DB_UNAVAILABLE');
    expect((e as AppError).message).toBe(en('sharedBooks.errors.connectionLost'));
    // Nothing was committed, and the broken connection was not handed out again.
    for (let i = 0; i < 6; i++)
      expect(
        await store.tx(async () =>
          store.first(qb.selectFrom('settings').select('key').where('key', '=', 'lost')),
        ),
      ).toBeUndefined();
  });

  it('turns a unique index refusing a row into CONFLICT', async () => {
    const e = await thrown(
      store.run(qb.insertInto('expense_categories').values({ name: 'Travel', created_at: '2026-03-01' })),
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('CONFLICT');
    expect((e as AppError).message).toBe(en('sharedBooks.errors.duplicate'));
    expect(((e as AppError).cause as { code: string }).code).toBe('23505');
  });
});

describe.skipIf(!testCluster())('shared books: connection and roles', () => {
  let db: TestDatabase;
  let otherDb: TestDatabase;
  const suffix = randomBytes(4).toString('hex');
  const login = (role: Role) => `${role}_${suffix}`;
  const password = (role: Role) => `pw-${role}-${suffix}`;
  const settingsFor = (role: Role, over: Partial<SharedBooksSettings> = {}): SharedBooksSettings => ({
    host: db.config.host,
    port: db.config.port,
    database: db.config.database,
    user: login(role),
    password: password(role),
    ...over,
  });
  const opened: PgStore[] = [];
  const open = async (role: Role) => {
    const s = await connectShared(settingsFor(role));
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    db = await createTestDatabase('pgroles');
    otherDb = await createTestDatabase('pgother');
    const admin = new pg.Client(db.config);
    await admin.connect();
    try {
      await admin.query(SCHEMA);
      await setUpRoles(admin);
      for (const role of ['owner', 'bookkeeper', 'viewer'] as const)
        await addPerson(admin, { name: `The ${role}`, login: login(role), password: password(role), role });
    } finally {
      await admin.end();
    }
    const other = new pg.Client(otherDb.config);
    await other.connect();
    await other.query(`REVOKE CONNECT ON DATABASE "${otherDb.config.database}" FROM PUBLIC`);
    await other.end();
  });

  afterAll(async () => {
    for (const s of opened) await s.close();
    setLanguageSource(() => 'en');
    await db?.drop();
    await otherDb?.drop();
    const c = new pg.Client({ ...db.config, database: 'postgres' });
    await c.connect();
    for (const role of ['owner', 'bookkeeper', 'viewer'] as const)
      await c.query(`DROP ROLE IF EXISTS "${login(role)}"`);
    await c.end();
  });

  it('lets a viewer read, and the server refuses their writes', async () => {
    const raw = new pg.Client({ ...db.config, user: login('viewer'), password: password('viewer') });
    await raw.connect();
    try {
      expect((await raw.query('SELECT name FROM business_profile')).rows).toEqual([{ name: 'Acme' }]);
      const e = await thrown(
        raw.query("INSERT INTO expense_categories (name, created_at) VALUES ('x', '2026-01-01')"),
      );
      expect((e as { code: string }).code).toBe('42501');
    } finally {
      await raw.end();
    }
    const viewer = await open('viewer');
    expect(await viewer.all(qb.selectFrom('number_series').select('doc_type'))).toEqual([
      { doc_type: 'invoice' },
    ]);
    const e = await thrown(
      viewer.run(qb.insertInto('expense_categories').values({ name: 'x', created_at: '2026-01-01' })),
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('READ_ONLY');
    expect((e as AppError).message).toBe(en('sharedBooks.errors.notAllowed'));
  });

  it('lets a bookkeeper write the books and take a number, but not change the business settings', async () => {
    const bookkeeper = await open('bookkeeper');
    const made = await bookkeeper.run(
      qb.insertInto('expense_categories').values({ name: 'Fuel', created_at: '2026-01-01' }),
    );
    expect(made.lastInsertRowid).toBeGreaterThan(0);
    await bookkeeper.run(
      qb.updateTable('number_series').set({ next_number: 2 }).where('doc_type', '=', 'invoice'),
    );
    const refused = [
      () => bookkeeper.run(qb.insertInto('settings').values({ key: 'preferences', value: '{}' })),
      () => bookkeeper.run(qb.updateTable('business_profile').set({ name: 'Evil' })),
      () => bookkeeper.run(qb.updateTable('number_series').set({ prefix: 'X-' })),
      () => bookkeeper.run(qb.deleteFrom('number_series')),
    ];
    for (const write of refused) expect(((await thrown(write())) as AppError).code).toBe('READ_ONLY');
    expect(await bookkeeper.first(qb.selectFrom('business_profile').select('name'))).toEqual({
      name: 'Acme',
    });
  });

  it('lets an owner change the business settings, and the audit log can name the login', async () => {
    const owner = await open('owner');
    await owner.run(qb.insertInto('settings').values({ key: 'preferences', value: '{"a":1}' }));
    await owner.run(qb.updateTable('number_series').set({ prefix: 'R-' }));
    const who = (await owner.prepare('SELECT session_user AS u').get()) as { u: string };
    expect(who.u).toBe(login('owner'));
    expect(owner.login).toBe(login('owner'));
    await owner.run(
      qb.insertInto('audit_log').values({
        at: '2026-01-01T00:00:00.000Z',
        entity: 'settings',
        entity_id: 'preferences',
        action: 'update',
        changes: '{}',
        user: who.u,
      }),
    );
    expect(
      await owner.first(qb.selectFrom('settings').select('value').where('key', '=', 'preferences')),
    ).toEqual({
      value: '{"a":1}',
    });
  });

  it('says in the person’s words why a connection failed', async () => {
    const message = async (s: SharedBooksSettings) => ((await thrown(connectShared(s))) as AppError).message;
    expect(await message(settingsFor('owner', { password: 'wrong' }))).toBe(
      en('sharedBooks.errors.wrongPassword', { user: login('owner') }),
    );
    expect(await message(settingsFor('owner', { database: 'no_such_books' }))).toBe(
      en('sharedBooks.errors.noDatabase', { database: 'no_such_books' }),
    );
    // Added to one company's books only: another database on the same server is closed to them.
    expect(await message(settingsFor('owner', { database: otherDb.config.database }))).toBe(
      en('sharedBooks.errors.signInRefused', { user: login('owner'), database: otherDb.config.database }),
    );
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    expect(await message(settingsFor('owner', { port: closed }))).toBe(
      en('sharedBooks.errors.unreachable', { host: '127.0.0.1', port: String(closed) }),
    );
    // In the person’s language.
    setLanguageSource(() => 'de');
    expect(await message(settingsFor('owner', { password: 'wrong' }))).toBe(
      translator('de')('sharedBooks.errors.wrongPassword', { user: login('owner') }),
    );
    setLanguageSource(() => 'en');
  });

  it('requires TLS from a server that is not on this computer', async (ctx) => {
    expect(isLoopback('127.0.0.1') && isLoopback('localhost') && isLoopback('::1')).toBe(true);
    expect(isLoopback('db.example.com') || isLoopback('192.0.2.2')).toBe(false);
    // The test server speaks no TLS; reached through an address of this machine that is not
    // loopback (a plain TCP relay), Folio must refuse to talk to it.
    const address = externalAddress();
    if (!address) return ctx.skip();
    const relay = await startRelay(address, db.config, null);
    try {
      const e = (await thrown(
        connectShared(settingsFor('owner', { host: address, port: relay.port })),
      )) as AppError;
      expect(e.message).toBe(en('sharedBooks.errors.tlsRefused', { host: address }));
    } finally {
      relay.close();
    }
  });

  it('refuses a certificate it cannot verify, and trusts one signed by the CA it is given', async (ctx) => {
    const address = externalAddress();
    if (!address) return ctx.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=Folio test server',
        '-addext',
        `subjectAltName=IP:${address}`,
      ],
      { stdio: 'pipe' },
    );
    const pem = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
    // A TLS front for the test server (as a real server with TLS would answer).
    const relay = await startRelay(address, db.config, pem);
    try {
      const settings = settingsFor('owner', { host: address, port: relay.port });
      const e = (await thrown(connectShared(settings))) as AppError;
      expect(e.message).toBe(en('sharedBooks.errors.tlsUntrusted', { host: address }));
      const store = await connectShared({ ...settings, ca: pem.cert });
      opened.push(store);
      expect(await store.prepare('SELECT session_user AS u').get()).toEqual({ u: login('owner') });
      expect(relay.tlsSessions()).toBeGreaterThan(0);
    } finally {
      relay.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

/**
 * A relay on `address` to the test server. With `pem` it answers PostgreSQL's SSLRequest with
 * "S" and speaks TLS to the client (plain TCP to the server behind it), as a server with TLS
 * does; without, it passes the bytes through and the server itself answers "N".
 */
async function startRelay(
  address: string,
  upstream: { host: string; port: number },
  pem: { key: string; cert: string } | null,
): Promise<{ port: number; close(): void; tlsSessions(): number }> {
  let sessions = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const to = net.connect(upstream.port, upstream.host);
    sockets.add(to);
    socket.on('error', () => to.destroy());
    to.on('error', () => socket.destroy());
    if (!pem) {
      socket.pipe(to).pipe(socket);
      return;
    }
    socket.once('data', (first) => {
      // SSLRequest: length 8, code 80877103.
      if (first.length !== 8 || first.readInt32BE(4) !== 80877103) return socket.destroy();
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, key: pem.key, cert: pem.cert });
      secure.on('secure', () => sessions++);
      secure.on('error', () => to.destroy());
      secure.pipe(to).pipe(secure);
    });
  });
  await new Promise<void>((r) => server.listen(0, address, r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
    tlsSessions: () => sessions,
  };
}
