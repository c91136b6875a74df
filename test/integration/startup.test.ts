import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootId, processStartTime } from '../../src/main/data-lock';
import { WEB_ENTRY, startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { tempDir } from '../helpers/tmp';

/**
 * Start-up failures in browser mode, as a user meets them: the server still starts and serves
 * the recovery screen with the reason, or the command prints one plain line. Needs the built
 * app (npx electron-vite build).
 */
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
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

async function start(dataDir: string, args: string[] = []): Promise<BridgeProcess> {
  const bridge = await startBridgeProcess(dataDir, args);
  cleanups.push(() => bridge.stop());
  return bridge;
}

describe('browser mode start-up', () => {
  it('a data folder that cannot be created still serves the recovery screen with the reason', async () => {
    const parent = newDir();
    fs.writeFileSync(path.join(parent, 'a-file'), 'not a folder');
    const bridge = await start(path.join(parent, 'a-file', 'books'));
    expect(bridge.output()).toMatch(
      /Attention: +Folio cannot create or write its data folder .*part of that path is a file/,
    );
    expect(bridge.output()).not.toMatch(/"stack"/);
    const health = await bridge.call('system.health');
    expect(health.value).toMatchObject({ status: 'readonly' });
    expect((await bridge.call('settings.get')).error.code).toBe('DB_UNAVAILABLE');
    const page = await fetch(bridge.url);
    expect(page.status).toBe(200);
  });

  it('a lock held by a running Folio prints one plain line naming --take-over; --take-over starts', async () => {
    const dir = newDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    cleanups.push(() => void holder.kill('SIGKILL'));
    await new Promise((r) => holder.once('spawn', r));
    fs.writeFileSync(
      path.join(dir, 'folio.lock'),
      JSON.stringify({
        pid: holder.pid,
        startTime: processStartTime(holder.pid!),
        bootId: bootId(),
        host: os.hostname(),
        nonce: 'x',
      }),
    );
    const refused = spawnSync(process.execPath, [WEB_ENTRY, '--data', dir], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(refused.status).toBe(3);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`already running on .*\\(process ${holder.pid}\\).*--take-over`));

    const bridge = await start(dir, ['--take-over']);
    expect((await bridge.call('system.health')).value.status).toBe('ok');
  });

  it('a port already in use ends in one plain line, not a stack trace', async () => {
    const first = await start(newDir());
    const second = spawnSync(
      process.execPath,
      [WEB_ENTRY, '--data', newDir(), '--port', String(first.port)],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(second.status).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/^Folio could not start: .*EADDRINUSE/);
  });
});
