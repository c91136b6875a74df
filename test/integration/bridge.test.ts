import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PREFERENCES, SAMPLE_PROFILE } from '../helpers/folio';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir('folio-bridge-');
let bridge: BridgeProcess;

beforeAll(async () => {
  bridge = await startBridgeProcess(tmp.dir);
});
afterAll(async () => {
  await bridge.stop();
  tmp.cleanup();
});

const post = (headers: Record<string, string>, body: unknown) =>
  fetch(`${bridge.origin}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const setupBody = {
  method: 'settings.completeSetup',
  input: { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES },
};

describe('the browser-mode bridge', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/);
  });

  it('answers 401 to a missing or wrong token and does nothing', async () => {
    const missing = await post({}, setupBody);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // One character changed, to one it cannot already be.
    const last = bridge.token.at(-1) === 'A' ? 'B' : 'A';
    const wrong = await post({ Authorization: `Bearer ${bridge.token.slice(0, -1)}${last}` }, setupBody);
    expect(wrong.status).toBe(401);
    const settings = await bridge.call('settings.get');
    expect(settings.value.setupComplete).toBe(false);
    expect((await bridge.call('audit.list')).value.entries).toEqual([]);
  });

  it('explains an unknown method', async () => {
    const result = await bridge.call('invoices.launchRocket', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'There is no API method called "invoices.launchRocket".' },
    });
  });

  it('gives field-level messages for invalid input', async () => {
    const result = await bridge.call('settings.completeSetup', {
      profile: { ...SAMPLE_PROFILE, name: '', email: 'nope' },
      preferences: { ...SAMPLE_PREFERENCES, baseCurrency: 'ABC' },
    });
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.fields).toEqual({
      'profile.name': 'Enter the business name',
      'profile.email': 'Email must be a valid address, like name@example.com',
      'preferences.baseCurrency': 'Base currency must be an ISO 4217 code such as EUR, USD or GBP',
    });
  });

  it('rejects a body that is not JSON', async () => {
    const res = await fetch(`${bridge.origin}/api/call`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body: '{not json',
    });
    expect(res.status).toBe(400);
  });

  it('refuses requests whose Host is not its loopback address (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: bridge.port, path: '/', headers: { Host: `evil.example:${bridge.port}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('listens on loopback only', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      await expect(fetch(`http://${external.address}:${bridge.port}/`)).rejects.toThrow();
    }
    // The kernel's own table of listening sockets: bound to 127.0.0.1, not 0.0.0.0.
    if (fs.existsSync('/proc/net/tcp')) {
      const port = bridge.port.toString(16).toUpperCase().padStart(4, '0');
      const listening = fs
        .readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((cols) => cols[1]?.endsWith(`:${port}`) && cols[3] === '0A');
      expect(listening.map((cols) => cols[1])).toEqual([`0100007F:${port}`]);
    }
    const ss = await fetch(`${bridge.origin}/`);
    expect(ss.status).toBe(200);
    expect(ss.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await ss.text()).toContain('<div id="root">');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: bridge.port, path: '/..%2f..%2fpackage.json' }, (r) =>
        resolve(r.statusCode ?? 0),
      );
    });
    expect(res).toBe(404);
  });

  it('keeps everything across a restart on the same data folder, with a new token', async () => {
    expect((await bridge.call(setupBody.method, setupBody.input)).ok).toBe(true);
    const oldToken = bridge.token;
    await bridge.stop();
    bridge = await startBridgeProcess(tmp.dir);
    expect(bridge.token).not.toBe(oldToken);
    const settings = await bridge.call('settings.get');
    expect(settings.value.setupComplete).toBe(true);
    expect(settings.value.profile).toMatchObject(SAMPLE_PROFILE);
  });

  it('refuses a second process on the same data folder', async () => {
    await expect(startBridgeProcess(tmp.dir)).rejects.toThrow(/already running/);
  });
});
