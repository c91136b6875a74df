/**
 * The email password on shared books (issue 14): the account (server, port, user, sender,
 * templates) is the books', the password each computer's own — entered once on that computer,
 * sealed with its key in its data folder, never in the shared database. Ann (owner), Ben
 * (bookkeeper) and Vera (viewer), each on a machine (data folder) of their own, on one
 * PostgreSQL database, with a real SMTP server on loopback that requires the password.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/main/db/pg/roles';
import { kickSender } from '../../src/main/services/mail/outbox';
import { MAIL_PASSWORD_FILE } from '../../src/main/services/mail/password-here';
import { secretsOf } from '../../src/main/services/secrets';
import {
  addSharedPerson,
  CallError,
  fixedClock,
  localSqlite,
  openNewSharedBooks,
  openOnOwnMachine,
  openTestFolio,
  TEST_ENGINE,
  type SharedPerson,
  type TestFolio,
} from '../helpers/folio';
import { issuedInvoice, setupDocuments } from '../helpers/documents';
import { testCluster } from '../helpers/pg';
import { seedBusiness, type Seed } from '../helpers/seed';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const PASSWORD = 'correct horse battery staple';
const cleanups: (() => void | Promise<void>)[] = [];
const clock = fixedClock('2026-11-20T10:00:00Z');
let books: { database: string; owner: SharedPerson };
let ann: TestFolio;
let ben: TestFolio;
let vera: TestFolio;
let seed: Seed;
let smtp: TestSmtp;
/** The server's administrator, to look at the rows as they are stored. */
let sql: pg.Client;

const person = (name: string, role: Role) => addSharedPerson(books.database, name, role);
const machine = (who: SharedPerson) => openOnOwnMachine(books, who, { clock, cleanups });

const account = (overrides: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: smtp?.port,
  security: 'none' as const,
  user: 'folio',
  fromName: 'Acme Studio',
  fromEmail: 'billing@acme.example',
  replyTo: '',
  ...overrides,
});

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof CallError) return error.error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

async function sendInvoice(t: TestFolio, id: number, subject: string) {
  const draft = await t.call('mail.compose', { ref: { kind: 'document', id } });
  return await t.call('mail.send', {
    ref: { kind: 'document', id },
    to: draft.to,
    subject,
    body: draft.body,
  });
}

const storedAccount = async () =>
  (await sql.query<{ value: string }>("SELECT value FROM settings WHERE key = 'mail.account'")).rows[0]!
    .value;

/** Every text of the shared database where a password could hide: settings, audit, outbox. */
async function databaseText(): Promise<string> {
  const settings = await sql.query('SELECT key, value FROM settings');
  const audit = await sql.query('SELECT * FROM audit_log');
  const outbox = await sql.query('SELECT id, status, last_error FROM outbox');
  return JSON.stringify([settings.rows, audit.rows, outbox.rows]);
}

const passwordFile = (t: TestFolio) => path.join(t.dataDir, MAIL_PASSWORD_FILE);

describe.skipIf(!testCluster())('the email password on shared books, one per computer', () => {
  beforeAll(async () => {
    smtp = await startSmtp({ user: 'folio', password: PASSWORD });
    cleanups.push(() => smtp.stop());
    ({ books, owner: ann } = await openNewSharedBooks({ clock, cleanups }));
    ben = await machine(await person('Ben Bookkeeper', 'bookkeeper'));
    vera = await machine(await person('Vera Viewer', 'viewer'));
    seed = await seedBusiness(ann);
    await setupDocuments(ann);
    sql = new pg.Client({ ...testCluster()!, database: books.database });
    await sql.connect();
    cleanups.push(() => sql.end());
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('the owner saves the account with its password: it sends, and the database holds no password', async () => {
    const settings = await ann.call('mail.updateAccount', { ...account(), password: PASSWORD });
    expect(settings.account).toMatchObject({
      configured: true,
      hasPassword: true,
      usesPassword: true,
      passwordPerComputer: true,
      mayChangeAccount: true,
      maySetPasswordHere: true,
    });
    expect(settings.account.passwordStorageNote).toMatch(/kept only on this computer/);
    const french = await ann.raw('mail.getSettings', {}, 'fr');
    expect(french.ok && (french.value as any).account.passwordStorageNote).toMatch(
      /conservé uniquement sur cet ordinateur/,
    );
    await ann.call('mail.sendTest', { to: 'me@acme.example' });
    expect(smtp.logins.at(-1)).toEqual({ user: 'folio', ok: true });
    const doc = await issuedInvoice(ann, seed);
    expect((await sendInvoice(ann, doc.id, 'From Ann')).status).toBe('sent');

    // The database: the account without any password, neither clear nor sealed.
    const stored = JSON.parse(await storedAccount());
    expect(stored).toMatchObject({
      host: '127.0.0.1',
      user: 'folio',
      passwordSealed: null,
      passwordPerComputer: true,
    });
    const text = await databaseText();
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(text).not.toMatch(/kf1:|os1:/);
    // This computer's file: private, sealed, and the only place the password is.
    const file = fs.readFileSync(passwordFile(ann), 'utf8');
    expect(file).not.toContain(PASSWORD);
    expect(file).toMatch(/"passwordSealed": "kf1:/);
    expect(fs.statSync(passwordFile(ann)).mode & 0o777).toBe(0o600);
  });

  it('another computer without the password is asked for it, and leaves the outbox to the one that has it', async () => {
    const settings = await ben.call('mail.getSettings', {});
    expect(settings.account).toMatchObject({
      configured: true,
      hasPassword: false,
      usesPassword: true,
      passwordPerComputer: true,
      mayChangeAccount: false,
      maySetPasswordHere: true,
    });
    // The test button and Send say so at the password field.
    const test = await refusal(ben.call('mail.sendTest', { to: 'me@acme.example' }));
    expect(test).toMatchObject({ code: 'VALIDATION', field: 'password' });
    expect(test.message).toMatch(/Enter the email password on this computer/);
    const doc = await issuedInvoice(ann, seed);
    expect(await refusal(sendInvoice(ben, doc.id, 'From Ben'))).toMatchObject({ field: 'password' });

    // A message waiting in the outbox (the server was away when Ann sent it)…
    await smtp.stop();
    const queued = await sendInvoice(ann, doc.id, 'Waiting');
    expect(queued.status).toBe('queued');
    await smtp.start();
    await sql.query(`UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE id = $1`, [
      queued.id,
    ]);
    // …is left alone by Ben's sender (not taken and failed for want of a password)…
    await kickSender(ben.folio.ctx);
    const left = (await ben.call('outbox.list', { status: 'all', limit: 100, offset: 0 })).rows.find(
      (r) => r.id === queued.id,
    )!;
    expect(left).toMatchObject({ status: 'queued', attempts: queued.attempts });
    expect(smtp.received.map((m) => m.subject)).not.toContain('Waiting');
    // …and sent by Ann's.
    await kickSender(ann.folio.ctx);
    expect(smtp.received.map((m) => m.subject)).toContain('Waiting');
  });

  it('the bookkeeper enters the password on their computer: it sends from there, and the database is untouched', async () => {
    const accountBefore = await storedAccount();
    // Not the account itself: that is the owner's.
    expect(await refusal(ben.call('mail.updateAccount', { ...account(), password: PASSWORD }))).toMatchObject(
      {
        code: 'READ_ONLY',
      },
    );
    expect(fs.existsSync(passwordFile(ben))).toBe(false);

    const auditBefore = await databaseText();
    const settings = await ben.call('mail.setPasswordHere', { password: PASSWORD });
    expect(settings.account).toMatchObject({ hasPassword: true, mayChangeAccount: false });
    // Nothing of it went into the database: settings, audit log and outbox as they were.
    expect(await databaseText()).toBe(auditBefore);
    await ben.call('mail.sendTest', { to: 'me@acme.example' });
    const doc = await issuedInvoice(ann, seed);
    expect((await sendInvoice(ben, doc.id, 'From Ben')).status).toBe('sent');
    expect(smtp.received.map((m) => m.subject)).toContain('From Ben');

    expect(await storedAccount()).toBe(accountBefore);
    const text = await databaseText();
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/kf1:|os1:/);
    // Ben's own copy, sealed with Ben's key: Ann's key does not open it, nor the other way.
    const bens = JSON.parse(fs.readFileSync(passwordFile(ben), 'utf8')).entries[0].passwordSealed as string;
    expect(() => secretsOf(ann.folio.ctx).open(bens)).toThrow();
    expect(secretsOf(ben.folio.ctx).open(bens)).toBe(PASSWORD);
  });

  it('a viewer may not keep a password (viewers do not send)', async () => {
    const settings = await vera.call('mail.getSettings', {});
    expect(settings.account).toMatchObject({
      mayChangeAccount: false,
      maySetPasswordHere: false,
      hasPassword: false,
    });
    const refused = await refusal(vera.call('mail.setPasswordHere', { password: PASSWORD }));
    expect(refused.code).toBe('READ_ONLY');
    expect(refused.message).toMatch(/only an owner or a bookkeeper/);
    expect(fs.existsSync(passwordFile(vera))).toBe(false);
  });

  it('a changed sender name keeps every computer’s password; a changed server user asks every computer again', async () => {
    await ann.call('mail.updateAccount', account({ fromName: 'Acme Studio Ltd' }));
    expect((await ann.call('mail.getSettings', {})).account.hasPassword).toBe(true);
    expect((await ben.call('mail.getSettings', {})).account.hasPassword).toBe(true);

    await ann.call('mail.updateAccount', account({ fromName: 'Acme Studio Ltd', user: 'billing' }));
    for (const t of [ann, ben]) {
      const { account: a } = await t.call('mail.getSettings', {});
      expect(a).toMatchObject({ usesPassword: true, hasPassword: false });
      expect(await refusal(t.call('mail.sendTest', { to: 'me@acme.example' }))).toMatchObject({
        field: 'password',
      });
    }
    // Back as it was: the passwords saved for that user work again.
    await ann.call('mail.updateAccount', account({ fromName: 'Acme Studio Ltd' }));
    await ben.call('mail.sendTest', { to: 'me@acme.example' });
  });

  it('old data: a password an earlier Folio sealed into the database is used by the computer that can open it, and moved off the database at the next save', async () => {
    // As an earlier Folio stored it: sealed with Ann's key, in the shared database.
    fs.rmSync(passwordFile(ann));
    fs.rmSync(passwordFile(ben));
    const old = {
      ...JSON.parse(await storedAccount()),
      passwordSealed: secretsOf(ann.folio.ctx).seal(PASSWORD),
    };
    delete old.passwordPerComputer;
    await sql.query("UPDATE settings SET value = $1 WHERE key = 'mail.account'", [JSON.stringify(old)]);

    // Ann's computer opens it and sends; Ben's cannot and is asked.
    await ann.call('mail.sendTest', { to: 'me@acme.example' });
    expect((await ann.call('mail.getSettings', {})).account.hasPassword).toBe(true);
    expect(await refusal(ben.call('mail.sendTest', { to: 'me@acme.example' }))).toMatchObject({
      field: 'password',
    });
    expect((await ben.call('mail.getSettings', {})).account).toMatchObject({
      usesPassword: true,
      hasPassword: false,
    });

    // The next save (by the owner, on any computer) takes it out of the database; Ann's
    // computer keeps its own copy.
    await ann.call('mail.updateAccount', account({ fromName: 'Acme Studio' }));
    expect(JSON.parse(await storedAccount())).toMatchObject({
      passwordSealed: null,
      passwordPerComputer: true,
    });
    expect(await databaseText()).not.toMatch(/kf1:|os1:/);
    await ann.call('mail.sendTest', { to: 'me@acme.example' });
    expect(smtp.logins.at(-1)).toEqual({ user: 'folio', ok: true });
  });

  it('the owner removes the password: the account signs in without one, and this computer forgets it', async () => {
    const settings = await ann.call('mail.updateAccount', { ...account(), password: '' });
    expect(settings.account).toMatchObject({ usesPassword: false, hasPassword: false });
    expect(fs.existsSync(passwordFile(ann))).toBe(false);
    expect(await refusal(ben.call('mail.setPasswordHere', { password: PASSWORD }))).toMatchObject({
      code: 'CONFLICT',
      field: 'password',
    });
  });
});

describe.skipIf(TEST_ENGINE !== 'sqlite')('the email password on local books', () => {
  it('stays in the database, sealed, as before; there is no per-computer password', async () => {
    const local = await startSmtp({ user: 'folio', password: PASSWORD });
    const t = await openTestFolio({ clock });
    try {
      await seedBusiness(t);
      const settings = await t.call('mail.updateAccount', {
        ...account({ port: local.port }),
        password: PASSWORD,
      });
      expect(settings.account).toMatchObject({
        hasPassword: true,
        usesPassword: true,
        passwordPerComputer: false,
        mayChangeAccount: true,
        maySetPasswordHere: true,
      });
      expect(settings.account.passwordStorageNote).toMatch(/secret\.key/);
      // In the caller's language.
      const german = await t.raw('mail.getSettings', {}, 'de');
      expect(german.ok && (german.value as any).account.passwordStorageNote).toMatch(
        /^Browsermodus: .*secret\.key/,
      );
      await t.call('mail.sendTest', { to: 'me@acme.example' });
      expect(fs.existsSync(path.join(t.dataDir, MAIL_PASSWORD_FILE))).toBe(false);
      // Stored as before: sealed in the database, no per-computer flag.
      const row = localSqlite(t.folio.ctx)
        .prepare("SELECT value FROM settings WHERE key = 'mail.account'")
        .get() as { value: string };
      const stored = JSON.parse(row.value);
      expect(stored.passwordSealed).toMatch(/^kf1:/);
      expect(stored).not.toHaveProperty('passwordPerComputer');
      expect(await refusal(t.call('mail.setPasswordHere', { password: PASSWORD }))).toMatchObject({
        code: 'CONFLICT',
      });
    } finally {
      await t.close();
      await local.stop();
    }
  });
});
