import { localSqlite } from '../helpers/folio';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openFolio } from '../../src/main/app';
import { DataFolderLockedError, bootId, processStartTime } from '../../src/main/data-lock';
import { backupName } from '../../src/main/db/backups';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { migrate } from '../../src/main/db/migrate';
import { openDatabase } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/log';
import {
  SAMPLE_PREFERENCES,
  SAMPLE_PROFILE,
  fixedClock,
  openTestFolio,
  type TestFolio,
} from '../helpers/folio';
import { TINY_PDF, vendorInput } from '../helpers/payables';
import { tempDir } from '../helpers/tmp';

const open: TestFolio[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  cleanups.splice(0).forEach((c) => c());
});

function newDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function folioIn(dir: string, clock = fixedClock('2026-11-20T09:00:00Z')) {
  const t = await openTestFolio({ dataDir: dir, keep: true, clock });
  open.push(t);
  return t;
}

async function closeLast(t: TestFolio) {
  await t.close();
  open.splice(open.indexOf(t), 1);
}

/** A set-up book with a vendor, closed, with one automatic backup from this morning. */
async function bookWithMorningBackup(dir: string, clock: ReturnType<typeof fixedClock>) {
  const t = await folioIn(dir, clock);
  await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
  await t.call('vendors.create', vendorInput());
  const good = await t.folio.ctx.host.backup('start');
  await closeLast(t);
  return good;
}

describe('a missing or empty data file', () => {
  it.each(['missing', 'empty'])(
    'with backups (%s) opens the recovery screen, not a new book, and the good backup survives',
    async (how) => {
      const dir = newDir();
      const clock = fixedClock('2026-11-20T09:00:00Z');
      const good = await bookWithMorningBackup(dir, clock);
      const file = path.join(dir, 'folio.sqlite3');
      if (how === 'missing') fs.rmSync(file);
      else fs.writeFileSync(file, '');

      clock.set('2026-11-20T10:00:00Z');
      const t = await folioIn(dir, clock);
      const health = await t.call('system.health', {});
      expect(health.status).toBe('missing');
      expect(health.message).toMatch(/has backups/);
      expect(await t.raw('settings.get', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });
      const listed = await t.call('backups.list', {});
      expect(listed.map((b) => [b.name, b.hasData])).toEqual([[good.name, true]]);

      // The user may still choose a new, empty book; its start backup keeps the good one.
      expect((await t.call('system.startNewBook', {})).status).toBe('ok');
      expect((await t.call('settings.get', {})).setupComplete).toBe(false);
      clock.set('2026-11-20T10:01:00Z');
      const empty = await t.folio.ctx.host.backup('start');
      const after = (await t.call('backups.list', {})).map((b) => b.name);
      expect(after).toContain(good.name);
      expect(after).toContain(empty.name);

      // And restoring the good backup brings the books back.
      await t.call('backups.restore', { name: good.name });
      expect((await t.call('settings.get', {})).profile.name).toBe(SAMPLE_PROFILE.name);
    },
  );

  it('without any backup is a first start: a new book, created owner-only', async () => {
    const dir = newDir();
    fs.writeFileSync(path.join(dir, 'folio.sqlite3'), '');
    const t = await folioIn(dir);
    expect((await t.call('system.health', {})).status).toBe('ok');
    await expect(t.folio.ctx.host.startNewBook()).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('start-new is refused while the data file is healthy', async () => {
    const t = await folioIn(newDir());
    expect(await t.raw('system.startNewBook', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('a data file from a newer Folio', () => {
  it('is left byte for byte as it was (no switch to WAL, no -wal or -shm file)', async () => {
    const dir = newDir();
    const file = path.join(dir, 'folio.sqlite3');
    const db = openDatabase(file);
    migrate(db);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const mtime = fs.statSync(file).mtimeMs;

    const t = await folioIn(dir);
    const health = await t.call('system.health', {});
    expect(health.status).toBe('newer');
    expect(health.message).toMatch(/has not been changed/);
    await closeLast(t);
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(before);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(`${file}-shm`)).toBe(false);
  });
});

describe('a failed update at start', () => {
  it('opens the recovery screen with the reason and leaves the file at its version', async () => {
    const dir = newDir();
    const file = path.join(dir, 'folio.sqlite3');
    // The newest migration that changes a SQLite file (one may change only the PostgreSQL
    // schema: its SQLite body does nothing and cannot fail), and the version before it.
    const dirOf = path.join(__dirname, '../../src/main/db/migrations');
    const files = fs
      .readdirSync(dirOf)
      .filter((f) => /^\d{4}-/.test(f))
      .sort();
    const sqliteBody = (f: string) => {
      const text = fs.readFileSync(path.join(dirOf, f), 'utf8');
      const start = text.indexOf('export function up');
      const end = text.indexOf('\nexport ', start + 1);
      return text.slice(start, end === -1 ? undefined : end);
    };
    const index = files.findLastIndex((f) => /CREATE TABLE|ALTER TABLE \w+ ADD COLUMN/.test(sqliteBody(f)));
    const before = index; // the migration's version is index + 1
    expect(before).toBeGreaterThan(0);
    const db = openDatabase(file);
    migrate(db, { target: before });
    // Something that migration also creates: it fails, as a real bug in a migration would.
    const sql = sqliteBody(files[index]!);
    const created = /CREATE TABLE (?:IF NOT EXISTS )?(\w+)/.exec(sql)?.[1];
    // A migration that only adds a column fails the same way on a column already there.
    const added = /ALTER TABLE (\w+) ADD COLUMN (\w+ \w+)/.exec(sql);
    if (created) db.exec(`CREATE TABLE ${created} (x INTEGER)`);
    else db.exec(`ALTER TABLE ${added![1]} ADD COLUMN ${added![2]}`);
    db.close();

    const t = await folioIn(dir);
    const health = await t.call('system.health', {});
    expect(health).toMatchObject({ status: 'failed', schemaVersion: before });
    expect(health.message).toMatch(/could not update the data file.*Nothing was changed/);
    expect((await t.call('backups.list', {})).map((b) => b.kind)).toEqual(['pre-migration']);
    await closeLast(t);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(before);
    check.close();
  });
});

describe('leftovers', () => {
  it('interrupted backups (*.partial) and -wal/-shm files beside backups are removed at open', async () => {
    const dir = newDir();
    const t = await folioIn(dir);
    const backup = await t.call('backups.create', {});
    await closeLast(t);
    const backups = path.join(dir, 'backups');
    const partial = `${backupName(new Date('2026-11-19T08:00:00Z'), 'daily')}.partial`;
    for (const name of [partial, `${backup.name}-wal`, `${backup.name}-shm`, `${backup.name}-journal`])
      fs.writeFileSync(path.join(backups, name), 'x'.repeat(1000));
    fs.writeFileSync(path.join(backups, 'my-notes.txt'), 'not ours: kept');
    // A backup file being saved when the process died.
    fs.mkdirSync(path.join(dir, '.export-0123456789ab'));
    fs.writeFileSync(path.join(dir, '.export-0123456789ab', 'folio.sqlite3'), 'x');

    await folioIn(dir);
    expect(fs.readdirSync(backups).sort()).toEqual([backup.name, 'catalogue.json', 'my-notes.txt'].sort());
    expect(fs.existsSync(path.join(dir, '.export-0123456789ab'))).toBe(false);
  });

  it('restoring leaves no -wal or -shm files in backups/, also from a backup in WAL mode', async () => {
    const dir = newDir();
    const t = await folioIn(dir);
    await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
    // A backup as an older Folio made it: a WAL-mode copy, not in the catalogue.
    const legacy = backupName(new Date('2026-11-19T08:00:00Z'), 'manual');
    fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
    await localSqlite(t.folio.ctx).backup(path.join(dir, 'backups', legacy));
    const copy = new Database(path.join(dir, 'backups', legacy));
    expect(copy.pragma('journal_mode', { simple: true })).toBe('wal');
    copy.close();
    for (const f of fs.readdirSync(path.join(dir, 'backups')).filter((n) => /-(wal|shm)$/.test(n)))
      fs.rmSync(path.join(dir, 'backups', f));

    await t.call('backups.restore', { name: legacy });
    const fresh = await t.call('backups.create', {});
    await t.call('backups.restore', { name: fresh.name });
    expect(
      fs.readdirSync(path.join(dir, 'backups')).filter((n) => /-(wal|shm|journal)$|\.partial$/.test(n)),
    ).toEqual([]);
  });
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('file permissions', () => {
  it('creates the data folder, data file, backups, logs and attachments for the owner only', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = path.join(newDir(), 'books');
      const folio = await openFolio({ dataDir: dir, mode: 'browser', version: 'test' });
      try {
        const call = async (method: string, input: unknown) => {
          const r = await folio.dispatch(method, input);
          if (!r.ok) throw new Error(r.error.message);
          return r.value as never;
        };
        await call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
        const att = (await call('bills.uploadAttachment', {
          fileName: 'bill.pdf',
          dataBase64: TINY_PDF.toString('base64'),
        })) as { sha256: string };
        await call('backups.create', {});
        folio.ctx.log.info('a line, so the log file exists');

        expect(mode(dir)).toBe(0o700);
        for (const f of ['folio.sqlite3', 'folio.sqlite3-wal', 'folio.sqlite3-shm', 'folio.lock'])
          expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
        for (const d of ['backups', 'logs', 'attachments', `attachments/${att.sha256.slice(0, 2)}`])
          expect([d, mode(path.join(dir, d))]).toEqual([d, 0o700]);
        for (const f of fs.readdirSync(path.join(dir, 'backups')))
          expect([f, mode(path.join(dir, 'backups', f))]).toEqual([f, 0o600]);
        expect(mode(path.join(dir, 'logs/folio.log'))).toBe(0o600);
        expect(mode(path.join(dir, 'attachments', att.sha256.slice(0, 2), att.sha256))).toBe(0o600);
      } finally {
        await folio.close();
      }

      // Files an older Folio left readable by everyone are tightened at the next open.
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(path.join(dir, 'folio.sqlite3'), 0o644);
      fs.chmodSync(path.join(dir, 'backups'), 0o755);
      const someBackup = fs.readdirSync(path.join(dir, 'backups')).find((n) => n.endsWith('.sqlite3'))!;
      fs.chmodSync(path.join(dir, 'backups', someBackup), 0o644);
      fs.chmodSync(path.join(dir, 'logs/folio.log'), 0o644);
      const again = await openFolio({ dataDir: dir, mode: 'browser', version: 'test', log: silentLogger });
      await again.close();
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, 'folio.sqlite3'))).toBe(0o600);
      expect(mode(path.join(dir, 'backups'))).toBe(0o700);
      expect(mode(path.join(dir, 'backups', someBackup))).toBe(0o600);
      expect(mode(path.join(dir, 'logs/folio.log'))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});

describe('the data folder lock', () => {
  const lockOf = (dir: string) => path.join(dir, 'folio.lock');

  it('a lock naming a live but unrelated process (PID 1 after a reboot) does not block the start', async () => {
    for (const content of [
      // An older Folio's lock: just the pid.
      '1',
      // Our format, but process 1 started at another time than the one recorded.
      JSON.stringify({
        pid: 1,
        startTime: '999999999999',
        bootId: bootId(),
        host: os.hostname(),
        nonce: 'x',
      }),
      // Written before the machine restarted.
      JSON.stringify({
        pid: process.ppid,
        startTime: null,
        bootId: 'another-boot',
        host: os.hostname(),
        nonce: 'x',
      }),
    ]) {
      const dir = newDir();
      fs.writeFileSync(lockOf(dir), content);
      const t = await folioIn(dir);
      expect((await t.call('system.health', {})).status).toBe('ok');
      expect(JSON.parse(fs.readFileSync(lockOf(dir), 'utf8')).pid).toBe(process.pid);
      await closeLast(t);
      expect(fs.existsSync(lockOf(dir))).toBe(false);
    }
  });

  it('a lock from another computer (a shared folder) is held until the user takes it over', async () => {
    const dir = newDir();
    fs.writeFileSync(
      lockOf(dir),
      JSON.stringify({ pid: 4242, startTime: '1', bootId: 'theirs', host: 'the-other-laptop', nonce: 'x' }),
    );
    await expect(openTestFolio({ dataDir: dir, keep: true })).rejects.toThrow(
      /from the computer "the-other-laptop"/,
    );
    const folio = await openFolio({
      dataDir: dir,
      mode: 'browser',
      version: 'test',
      log: silentLogger,
      takeOver: true,
    });
    await folio.close();
  });

  it('a lock held by a running process blocks the start until the user takes it over', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    cleanups.push(() => child.kill('SIGKILL'));
    const dir = newDir();
    await new Promise((r) => child.once('spawn', r));
    fs.writeFileSync(
      lockOf(dir),
      JSON.stringify({
        pid: child.pid,
        startTime: processStartTime(child.pid!),
        bootId: bootId(),
        host: os.hostname(),
        nonce: 'other',
      }),
    );
    await expect(openTestFolio({ dataDir: dir, keep: true })).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(openTestFolio({ dataDir: dir, keep: true })).rejects.toThrow(
      new RegExp(`already running on .* \\(process ${child.pid}\\)`),
    );
    const folio = await openFolio({
      dataDir: dir,
      mode: 'browser',
      version: 'test',
      log: silentLogger,
      takeOver: true,
    });
    expect(folio.ctx.host.isOpen).toBe(true);
    await folio.close();
  });
});
