import { localSqlite } from '../helpers/folio';
import { mirrorBackup } from '../../src/main/services/backup-files';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ZipFile } from 'yazl';
import { openFolio } from '../../src/main/app';
import { silentLogger } from '../../src/main/log';
import { dumpTables } from '../helpers/dump';
import { ONE_PIXEL_PNG, openTestFolio, type TestFolio } from '../helpers/folio';
import { TINY_PDF, billInput, setupBusiness, vendorInput } from '../helpers/payables';
import { tempDir } from '../helpers/tmp';

const open: TestFolio[] = [];
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  for (const c of cleanups.splice(0).reverse())
    await Promise.resolve()
      .then(c)
      .catch(() => undefined);
});

function newDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function folioIn(dir: string) {
  const t = await openTestFolio({ dataDir: dir, keep: true });
  open.push(t);
  return t;
}

/** A book with a vendor and a bill whose scan is attached. */
async function bookWithScan(t: TestFolio) {
  await setupBusiness(t);
  const pdf = await t.call('bills.uploadAttachment', {
    fileName: 'march.pdf',
    dataBase64: TINY_PDF.toString('base64'),
  });
  const png = await t.call('bills.uploadAttachment', { fileName: 'photo.png', dataBase64: ONE_PIXEL_PNG });
  const v = await t.call('vendors.create', vendorInput());
  await t.call(
    'bills.create',
    billInput(v.id, {
      attachments: [
        { sha256: pdf.sha256, fileName: 'march.pdf' },
        { sha256: png.sha256, fileName: 'photo.png' },
      ],
    }),
  );
  return { pdf, png };
}

function zipOf(entries: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('Save a backup to… and Restore from a file…', () => {
  it('round-trips the books and the scanned bills into another data folder', async () => {
    const a = await folioIn(newDir());
    const { pdf, png } = await bookWithScan(a);
    const original = dumpTables(localSqlite(a.folio.ctx));
    const saved = await a.call('backups.saveToFile', {});
    expect(saved).toMatchObject({ attachments: 2, savedTo: null });
    expect(saved.fileName).toMatch(/^Folio backup \d{4}-\d{2}-\d{2}\.foliobackup$/);
    expect(Buffer.from(saved.dataBase64, 'base64').length).toBe(saved.bytes);

    // Another computer: a fresh data folder with a book of its own.
    const b = await folioIn(newDir());
    await setupBusiness(b);
    await b.call('vendors.create', vendorInput({ name: 'Only on the new laptop' }));
    const result = await b.call('backups.restoreFromFile', {
      dataBase64: saved.dataBase64,
      fileName: saved.fileName,
    });
    expect(result).toMatchObject({ restored: true, attachments: 2 });
    expect(result.safetyCopy?.kind).toBe('pre-restore');

    const { audit_log: auditB, ...restB } = dumpTables(localSqlite(b.folio.ctx));
    const { audit_log: auditA, ...restA } = original;
    expect(restB).toEqual(restA);
    expect((auditB as unknown[]).slice(0, (auditA as unknown[]).length)).toEqual(auditA);
    for (const att of [pdf, png]) {
      const back = await b.call('bills.getAttachment', { sha256: att.sha256 });
      expect(Buffer.from(back.dataBase64, 'base64').length).toBe(att.bytes);
    }
    // The new laptop's own book was kept as the safety copy.
    await b.call('backups.restore', { name: result.safetyCopy!.name });
    expect(JSON.stringify(await b.call('vendors.list', {}))).toContain('Only on the new laptop');
  });

  it('refuses a damaged or foreign file with a message, and changes nothing', async () => {
    const t = await folioIn(newDir());
    await bookWithScan(t);
    const good = Buffer.from((await t.call('backups.saveToFile', {})).dataBase64, 'base64');
    const before = dumpTables(localSqlite(t.folio.ctx));
    const attachmentsBefore = listFiles(path.join(t.dataDir, 'attachments'));
    const backupsBefore = listFiles(path.join(t.dataDir, 'backups'));

    const foreignDb = path.join(newDir(), 'other.sqlite3');
    const other = new Database(foreignDb);
    other.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
    other.pragma('user_version = 3');
    other.close();
    const manifest = JSON.stringify({
      format: 'folio-backup',
      formatVersion: 1,
      createdAt: '2026-11-20T10:00:00.000Z',
      appVersion: 'x',
      schemaVersion: 3,
      attachments: 0,
    });
    const cases: [string, Buffer, RegExp][] = [
      ['random bytes', Buffer.from('this is not a zip file at all'), /not a Folio backup/],
      ['a truncated backup', good.subarray(0, Math.floor(good.length / 2)), /not a Folio backup/],
      [
        'a zip of something else',
        await zipOf({ 'holiday.jpg': 'x', 'notes.txt': 'y' }),
        /not a Folio backup/,
      ],
      [
        'a zip with an unexpected file among the scans',
        await zipOf({ 'folio-backup.json': manifest, 'folio.sqlite3': 'x', 'attachments/ab/run-me.sh': 'x' }),
        /not a Folio backup/,
      ],
      [
        'another program’s database',
        await zipOf({ 'folio-backup.json': manifest, 'folio.sqlite3': fs.readFileSync(foreignDb) }),
        /not one made by Folio/,
      ],
      [
        'a scan that does not match its checksum',
        await zipOf({
          'folio-backup.json': manifest,
          'folio.sqlite3': fs.readFileSync(foreignDb),
          [`attachments/ab/ab${'0'.repeat(62)}`]: 'tampered',
        }),
        /damaged/,
      ],
    ];
    for (const [what, bytes, message] of cases) {
      const r = await t.raw('backups.restoreFromFile', {
        dataBase64: bytes.toString('base64'),
        fileName: 'x',
      });
      expect([what, r]).toMatchObject([
        what,
        { ok: false, error: { code: 'VALIDATION', field: 'dataBase64' } },
      ]);
      expect([what, (r as { error: { message: string } }).error.message]).toEqual([
        what,
        expect.stringMatching(message),
      ]);
    }
    expect(dumpTables(localSqlite(t.folio.ctx))).toEqual(before);
    expect(listFiles(path.join(t.dataDir, 'attachments'))).toEqual(attachmentsBefore);
    expect(listFiles(path.join(t.dataDir, 'backups'))).toEqual(backupsBefore);
    expect(fs.readdirSync(t.dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('the second backup folder', () => {
  it('receives the automatic backups; a missing folder is a warning, not a failure', async () => {
    // The PDF warm-up two seconds after start is not what this test is about.
    const warmup = process.env.FOLIO_NO_PDF_WARMUP;
    process.env.FOLIO_NO_PDF_WARMUP = '1';
    cleanups.push(() => {
      if (warmup === undefined) delete process.env.FOLIO_NO_PDF_WARMUP;
      else process.env.FOLIO_NO_PDF_WARMUP = warmup;
    });
    const dataDir = newDir();
    const second = path.join(newDir(), 'usb');
    fs.mkdirSync(second);
    const t = await folioIn(dataDir);
    await setupBusiness(t);
    expect(await t.raw('backups.updateSettings', { secondFolder: 'relative/path' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'secondFolder' },
    });
    expect(
      await t.raw('backups.updateSettings', { secondFolder: path.join(dataDir, 'backups') }),
    ).toMatchObject({
      ok: false,
      error: { field: 'secondFolder', message: expect.stringMatching(/outside the data folder/) },
    });
    const settings = await t.call('backups.updateSettings', { secondFolder: second });
    expect(settings).toMatchObject({ secondFolder: second, lastCopy: { ok: true } });
    const copied = fs.readdirSync(second).filter((n) => n.endsWith('.sqlite3'));
    expect(copied).toHaveLength(1);
    expect(fs.readFileSync(path.join(second, copied[0]!))).toEqual(
      fs.readFileSync(path.join(dataDir, 'backups', copied[0]!)),
    );
    await t.close();
    open.pop();

    // The automatic backup on start goes to both folders.
    const waitForCopy = async (folio: Awaited<ReturnType<typeof openFolio>>) => {
      for (let i = 0; i < 600; i++) {
        const s = await folio.dispatch('backups.settings', {});
        if (s.ok && (s.value as { lastCopy: unknown }).lastCopy)
          return s.value as { lastCopy: { ok: boolean; message: string } };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no automatic backup was copied');
    };
    let folio = await openFolio({ dataDir, mode: 'browser', version: 'test', log: silentLogger });
    cleanups.push(() => folio.close());
    folio.startBackgroundJobs();
    expect((await waitForCopy(folio)).lastCopy.ok).toBe(true);
    const start = fs.readdirSync(path.join(dataDir, 'backups')).find((n) => n.endsWith('-start.sqlite3'))!;
    expect(fs.existsSync(path.join(second, start))).toBe(true);
    await folio.close();

    // The USB disk is unplugged: the backup is made in the data folder, with a warning.
    fs.rmSync(second, { recursive: true });
    const before = fs.readdirSync(path.join(dataDir, 'backups')).length;
    await new Promise((r) => setTimeout(r, 5)); // a new backup name
    folio = await openFolio({ dataDir, mode: 'browser', version: 'test', log: silentLogger });
    folio.startBackgroundJobs();
    const warning = (await waitForCopy(folio)).lastCopy;
    expect(warning.ok).toBe(false);
    expect(warning.message).toMatch(/cannot be found\. Is the disk plugged in\?/);
    expect(
      fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.endsWith('-start.sqlite3')).length,
    ).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).length).toBeGreaterThanOrEqual(before);
    expect((await folio.dispatch('system.health', {})).ok).toBe(true);
  });

  it('a backup replaced by a newer one before its copy is not reported as a failed copy', async () => {
    const dataDir = newDir();
    const second = path.join(newDir(), 'usb');
    fs.mkdirSync(second);
    const t = await folioIn(dataDir);
    await setupBusiness(t);
    expect(await t.call('backups.updateSettings', { secondFolder: second })).toMatchObject({
      lastCopy: { ok: true },
    });
    // The start backup finishes after the backup taken when the folder was set, which replaced
    // it under the retention rules: its file is gone when its copy is due.
    const [newest] = await t.call('backups.list', {});
    await mirrorBackup(t.folio.ctx, { ...newest!, name: 'gone-by-now-start.sqlite3' });
    expect(await t.call('backups.settings', {})).toMatchObject({ lastCopy: { ok: true } });
  });
});
