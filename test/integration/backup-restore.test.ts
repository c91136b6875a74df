import { localSqlite } from '../helpers/folio';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ONE_PIXEL_PNG,
  SAMPLE_PREFERENCES,
  SAMPLE_PROFILE,
  openTestFolio,
  type TestFolio,
} from '../helpers/folio';
import { dumpTables } from '../helpers/dump';
import { tempDir } from '../helpers/tmp';

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

function newDir() {
  const t = tempDir();
  dirs.push(t.cleanup);
  return t.dir;
}

describe('backups', () => {
  it('restore gives back exactly the records of the backup, keeping a copy of the current file', async () => {
    const t = await folioIn(newDir());
    await t.call('settings.completeSetup', {
      profile: SAMPLE_PROFILE,
      preferences: SAMPLE_PREFERENCES,
      logo: { fileName: 'l.png', dataBase64: ONE_PIXEL_PNG },
    });
    const sqlite = () => localSqlite(t.folio.ctx);
    const atBackup = dumpTables(sqlite());
    const backup = await t.call('backups.create', {});
    expect(backup.kind).toBe('manual');
    expect(backup.bytes).toBeGreaterThan(0);

    await t.call('settings.updateProfile', { ...SAMPLE_PROFILE, name: 'Changed after the backup' });
    await t.call('settings.removeLogo', {});

    const result = await t.call('backups.restore', { name: backup.name });
    expect(result.safetyCopy?.kind).toBe('pre-restore');
    const afterRestore = dumpTables(sqlite());
    const lastAuditId = Math.max(...(atBackup.audit_log as { id: number }[]).map((r) => r.id));
    const { audit_log: auditAfter, ...restAfter } = afterRestore;
    const { audit_log: auditAtBackup, ...restAtBackup } = atBackup;
    expect(restAfter).toEqual(restAtBackup);
    // The audit log is what it was, plus one entry recording the restore itself.
    expect((auditAfter as { id: number }[]).filter((r) => r.id <= lastAuditId)).toEqual(auditAtBackup);
    expect((auditAfter as { action: string }[]).at(-1)?.action).toBe('restore');

    // The safety copy holds the changed data, so the restore can itself be undone.
    const undo = await t.call('backups.restore', { name: result.safetyCopy!.name });
    expect(undo.restored.name).toBe(result.safetyCopy!.name);
    expect((await t.call('settings.get', {})).profile.name).toBe('Changed after the backup');
  });

  it('lists backups newest first with their size, and refuses names outside the backups folder', async () => {
    const t = await folioIn(newDir());
    const first = await t.call('backups.create', {});
    await new Promise((r) => setTimeout(r, 5));
    const second = await t.call('backups.create', {});
    const list = await t.call('backups.list', {});
    expect(list.map((b) => b.name)).toEqual([second.name, first.name]);
    expect(list[0]!.bytes).toBe(fs.statSync(path.join(t.dataDir, 'backups', second.name)).size);
    expect(await t.raw('backups.restore', { name: '../folio.sqlite3' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'name' },
    });
  });

  it('a damaged data file opens in recovery mode, and restoring the latest backup brings the data back', async () => {
    const dir = newDir();
    let t = await folioIn(dir);
    await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
    await t.call('backups.create', {});
    await t.close();
    open.pop();

    // Overwrite the middle of the file: the header survives, the pages do not.
    const file = path.join(dir, 'folio.sqlite3');
    const fd = fs.openSync(file, 'r+');
    const size = fs.statSync(file).size;
    fs.writeSync(fd, Buffer.alloc(Math.max(size - 4096, 4096), 0xab), 0, undefined, 4096);
    fs.closeSync(fd);

    t = await folioIn(dir);
    const health = await t.call('system.health', {});
    expect(health.status).toBe('corrupt');
    expect(health.message).toMatch(/Restore the latest good backup/);
    expect(await t.raw('settings.get', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });

    const [latest] = await t.call('backups.list', {});
    const result = await t.call('backups.restore', { name: latest!.name });
    expect(result.safetyCopy?.kind).toBe('pre-restore');
    expect((await t.call('system.health', {})).status).toBe('ok');
    expect((await t.call('settings.get', {})).profile.name).toBe(SAMPLE_PROFILE.name);
  });

  it('refuses to restore a damaged backup and leaves the current data alone', async () => {
    const t = await folioIn(newDir());
    await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
    const backup = await t.call('backups.create', {});
    fs.writeFileSync(path.join(t.dataDir, 'backups', backup.name), 'not a database at all');
    const result = await t.raw('backups.restore', { name: backup.name });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } });
    expect((await t.call('settings.get', {})).profile.name).toBe(SAMPLE_PROFILE.name);
  });
});
