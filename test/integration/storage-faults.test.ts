import { localSqlite } from '../helpers/folio';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFolio, type Folio } from '../../src/main/app';
import { createLogger } from '../../src/main/log';
import { SAMPLE_PREFERENCES, SAMPLE_PROFILE } from '../helpers/folio';
import { vendorInput } from '../helpers/payables';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  // Every clean-up runs even when one fails (an unmount must not be skipped).
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

/** Opens Folio as the shells do, with its real logger writing to <data>/logs. */
async function openReal(
  dataDir: string,
): Promise<Folio & { call(method: string, input: unknown): Promise<any> }> {
  const folio = await openFolio({ dataDir, mode: 'browser', version: 'test' });
  cleanups.push(() => folio.close());
  return Object.assign(folio, {
    call: async (method: string, input: unknown) => folio.dispatch(method, input),
  });
}

const DISK_FULL = /^The disk is full — nothing was saved/;

describe('logging never throws', () => {
  it('when the log file is a directory or the logs folder is a file', () => {
    const dir = newDir();
    fs.mkdirSync(path.join(dir, 'logs', 'folio.log'), { recursive: true });
    const log = createLogger(path.join(dir, 'logs'));
    expect(() => log.error('unexpected error', { error: new Error('boom') })).not.toThrow();
    expect(() => log.info('again')).not.toThrow();

    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
    const other = createLogger(path.join(dir, 'not-a-folder'));
    expect(() =>
      other.error('x', {
        cycle: (() => {
          const o: any = {};
          o.o = o;
          return o;
        })(),
      }),
    ).not.toThrow();
  });
});

describe('a full disk', () => {
  it('answers DISK_FULL in words, saves nothing, and the app stays up (SQLite at its size limit)', async () => {
    const dir = newDir();
    // The error path must not fail either: the log file cannot be written.
    fs.mkdirSync(path.join(dir, 'logs', 'folio.log'), { recursive: true });
    const folio = await openReal(dir);
    expect(
      await folio.call('settings.completeSetup', {
        profile: SAMPLE_PROFILE,
        preferences: SAMPLE_PREFERENCES,
      }),
    ).toMatchObject({ ok: true });
    const sqlite = localSqlite(folio.ctx);
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    // A real SQLITE_FULL: the file may not grow by a single page.
    sqlite.pragma(`max_page_count = ${pages}`);

    const big = vendorInput({ name: 'Big Notes Ltd', notes: 'n'.repeat(1900) });
    const results = [];
    for (let i = 0; i < 40; i++)
      results.push(await folio.call('vendors.create', { ...big, name: `Vendor ${i}` }));
    const full = results.find((r) => !r.ok);
    expect(full).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(full.error.message).toMatch(DISK_FULL);
    // Nothing half-saved: every vendor listed is one whose save was acknowledged.
    const saved = results.filter((r) => r.ok).length;
    const listed = await folio.call('vendors.list', {});
    expect(listed.ok).toBe(true);
    const names = JSON.stringify(listed.value);
    expect(names).not.toContain(`Vendor ${saved}"`);

    // Space is freed: the next save works in the same process.
    sqlite.pragma('max_page_count = 1073741823');
    expect(await folio.call('vendors.create', { ...big, name: 'After the clean-up' })).toMatchObject({
      ok: true,
    });
    expect((await folio.call('system.health', {})).value.status).toBe('ok');
  });

  it('on a real full file system (a 3 MB tmpfs), the same words, no crash, and a start-up that says why', async (ctx) => {
    const mount = newDir();
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      ctx.skip(
        'needs permission to mount a tmpfs (root with CAP_SYS_ADMIN); the SQLite size-limit test covers the mapping',
      );
      return;
    }
    cleanups.push(() => {
      try {
        execFileSync('umount', ['-l', mount], { stdio: 'ignore' });
      } catch {
        // already unmounted
      }
    });
    const dir = path.join(mount, 'books');
    const folio = await openReal(dir);
    await folio.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
    // Fill the disk to the last byte.
    const filler = path.join(mount, 'filler');
    fillDisk(filler);
    let refused: any = null;
    for (let i = 0; i < 400 && !refused; i++) {
      const r = await folio.call(
        'vendors.create',
        vendorInput({ name: `Vendor ${i}`, notes: 'n'.repeat(1900) }),
      );
      if (!r.ok) refused = r;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(refused.error.message).toMatch(DISK_FULL);

    // Starting Folio on the full disk opens the recovery screen with the reason. (Closing
    // removes the -wal file, which frees space: fill it again.)
    await folio.close();
    fillDisk(filler);
    const again = await openReal(dir);
    const health = (await again.call('system.health', {})).value;
    expect(health.status).toBe('failed');
    expect(health.message).toMatch(/^The disk is full/);
    await again.close();

    fs.rmSync(filler);
    const folioAfter = await openReal(dir);
    expect((await folioAfter.call('system.health', {})).value.status).toBe('ok');
    expect(
      await folioAfter.call('vendors.create', vendorInput({ name: 'After the clean-up' })),
    ).toMatchObject({
      ok: true,
    });
  });
});

/** Appends to a file until the file system is full to the last byte. */
function fillDisk(file: string): void {
  const fd = fs.openSync(file, 'a');
  try {
    for (const size of [64 * 1024, 4096, 512, 1]) {
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(size, 1));
      } catch {
        // full at this size; try smaller pieces
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a file or folder unwritable even for root (the immutable attribute); false when not possible. */
function makeImmutable(p: string): boolean {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o500 : 0o400);
    cleanups.push(() => fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o700 : 0o600));
    return true;
  }
  try {
    execFileSync('chattr', ['+i', p], { stdio: 'ignore' });
  } catch {
    return false;
  }
  cleanups.push(() => void execFileSync('chattr', ['-i', p], { stdio: 'ignore' }));
  return true;
}

describe('a read-only data file or folder', () => {
  it.for(['file', 'folder'])(
    '(%s) opens the recovery screen saying so, not "healthy"',
    async (which, ctx) => {
      const dir = newDir();
      const first = await openReal(dir);
      await first.call('settings.completeSetup', {
        profile: SAMPLE_PROFILE,
        preferences: SAMPLE_PREFERENCES,
      });
      await first.close();
      cleanups.pop();
      const target = which === 'file' ? path.join(dir, 'folio.sqlite3') : dir;
      if (!makeImmutable(target))
        return ctx.skip('chattr is not available to make the file unwritable for root');

      const folio = await openReal(dir);
      const health = (await folio.call('system.health', {})).value;
      expect(health.status).toBe('readonly');
      expect(health.message).toMatch(/cannot (create or )?write (to )?its data (file|folder)/);
      expect(await folio.call('settings.get', {})).toMatchObject({
        ok: false,
        error: { code: 'DB_UNAVAILABLE' },
      });
    },
  );
});
