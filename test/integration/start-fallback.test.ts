import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WEB_ENTRY } from '../helpers/bridge-process';
import { tempDir } from '../helpers/tmp';

/**
 * `npm start` where Electron's binary is missing and cannot be had (as on a machine that
 * cannot download it): one line saying why, then browser mode on the default data folder,
 * its URL printed, and the API answering. No test may hang on a download, so the binary is
 * made absent (an empty ELECTRON_OVERRIDE_DIST_PATH) and downloading is switched off.
 */
const ROOT = path.resolve(__dirname, '../..');
const tmp = tempDir('folio-start-');
afterAll(() => tmp.cleanup());

it('npm start without Electron says why in one line, runs browser mode and prints a working URL', async () => {
  expect(fs.existsSync(WEB_ENTRY), 'run npm run build first').toBe(true);
  const noElectron = path.join(tmp.dir, 'no-electron');
  const emptyPath = path.join(tmp.dir, 'bin'); // no xdg-open here: opening must not fail
  fs.mkdirSync(noElectron);
  fs.mkdirSync(emptyPath);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: emptyPath,
    HOME: tmp.dir,
    XDG_DATA_HOME: path.join(tmp.dir, 'share'),
    DISPLAY: ':99', // a desktop "exists": the reason must be Electron, and opening is tried
    ELECTRON_OVERRIDE_DIST_PATH: noElectron,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  };
  delete env.FOLIO_DATA;
  delete env.FOLIO_START;
  delete env.FOLIO_NO_OPEN;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /FOLIO_URL=(\S+)/.exec(out);
        if (m) resolve(new URL(m[1]!));
      });
      void exited.then((code) => reject(new Error(`start exited (${code}) before its URL:\n${out}\n${err}`)));
    });

    const lines = out.split('\n');
    expect(lines[0]).toBe(
      "The desktop shell is unavailable: Electron's binary is not installed and " +
        'ELECTRON_SKIP_BINARY_DOWNLOAD is set. Starting browser mode instead.',
    );
    expect(out).not.toMatch(/\n\s+at /); // no stack trace
    expect(err).toBe('');
    // The default data folder of browser mode.
    const dataDir = path.join(tmp.dir, 'share', 'folio-browser-mode');
    expect(out).toContain(`Data folder: ${dataDir}`);
    expect(fs.existsSync(path.join(dataDir, 'folio.sqlite3'))).toBe(true);

    const res = await fetch(`${url.origin}/api/call`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${url.searchParams.get('token')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ method: 'system.health', input: {} }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { status: 'ok' } });
  } finally {
    child.kill('SIGTERM');
    // SIGTERM reaches browser mode through the start script, which exits with it.
    expect(await exited).toBe(0);
  }
});
