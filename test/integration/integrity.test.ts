import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SAMPLE_PREFERENCES, SAMPLE_PROFILE, openTestFolio, type TestFolio } from '../helpers/folio';
import { waitFor } from '../helpers/smtp';
import { tempDir } from '../helpers/tmp';

/**
 * Opening checks only the schema and each table's root (fast at any size); the full
 * quick_check runs on a worker thread after the first answer, and damage it finds puts the
 * app in recovery (the recovery screen), as damage found at open does.
 */
const open: TestFolio[] = [];
const dirs: (() => void)[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  dirs.splice(0).forEach((c) => c());
});

async function folioIn(dir: string) {
  const t = await openTestFolio({ dataDir: dir, keep: true });
  open.push(t);
  return t;
}

/** A data folder with enough audit entries that the audit log spans many pages, and a backup. */
async function bookWithHistory(): Promise<string> {
  const tmp = tempDir();
  dirs.push(tmp.cleanup);
  const t = await folioIn(tmp.dir);
  await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
  for (let i = 0; i < 80; i++)
    await t.call('settings.updateProfile', { ...SAMPLE_PROFILE, name: `Acme ${i} ${'x'.repeat(150)}` });
  await t.call('backups.create', {});
  await t.close();
  open.pop();
  return tmp.dir;
}

/** Overwrites the last leaf page of the audit log (neither its root nor its first leaf) with garbage. */
function damageDeepPage(file: string): number {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY path")
    .pluck()
    .all() as number[];
  db.close();
  expect(leaves.length).toBeGreaterThan(2);
  const page = leaves.at(-1)!;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
  return page;
}

describe('integrity checks', () => {
  it('damage deep in the file: the app opens at once, then the background check finds it and recovery follows', async () => {
    const dir = await bookWithHistory();
    damageDeepPage(path.join(dir, 'folio.sqlite3'));

    const t = await folioIn(dir);
    // Opening did not read the whole file: the first answers come as usual.
    expect((await t.call('system.health', {})).status).toBe('ok');
    expect((await t.call('settings.get', {})).setupComplete).toBe(true);

    // The background check (started by the shells with the background jobs, after the first
    // answer) reads every page and finds the damage.
    t.folio.startBackgroundJobs();
    await t.call('system.health', {});
    await waitFor(async () => (await t.call('system.health', {})).status === 'corrupt', 'the full check');
    const health = await t.call('system.health', {});
    expect(health.message).toMatch(/failed its integrity check .*Restore the latest good backup/);
    expect(await t.raw('settings.get', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });

    // The recovery path works as for damage found at open.
    const [latest] = await t.call('backups.list', {});
    await t.call('backups.restore', { name: latest!.name });
    expect((await t.call('system.health', {})).status).toBe('ok');
    expect((await t.call('settings.get', {})).profile.name).toBe('Acme 79 ' + 'x'.repeat(150));
  });

  it('a sound file passes the background check and stays open', async () => {
    const dir = await bookWithHistory();
    const t = await folioIn(dir);
    expect(await t.folio.ctx.host.checkInBackground()).toBe('ok');
    expect((await t.call('system.health', {})).status).toBe('ok');
    expect((await t.call('settings.get', {})).setupComplete).toBe(true);
  });

  it('a table whose root page is gone is caught at open', async () => {
    const dir = await bookWithHistory();
    const file = path.join(dir, 'folio.sqlite3');
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'audit_log'")
      .pluck()
      .get() as number;
    db.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);
    const t = await folioIn(dir);
    const health = await t.call('system.health', {});
    expect(health.status).toBe('corrupt');
    expect(health.message).toMatch(/Restore the latest good backup/);
  });
});
