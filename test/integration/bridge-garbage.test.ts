import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/api/contract';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { tempDir } from '../helpers/tmp';

/**
 * No request, of any shape, may end the browser-mode server: malformed escapes, huge headers,
 * wrong methods, bodies that are not JSON or JSON of the wrong shape, with and without the
 * token, against every route and every API method. Afterwards the same process still answers.
 */
const tmp = tempDir('folio-bridge-garbage-');
let bridge: BridgeProcess;

beforeAll(async () => {
  bridge = await startBridgeProcess(tmp.dir);
});
afterAll(async () => {
  await bridge.stop();
  tmp.cleanup();
});

/** Sends raw bytes and resolves with the status line's code (0 when the server closed without one). */
function raw(request: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(bridge.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {});
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    });
    socket.end(request);
  });
}

const host = () => `127.0.0.1:${bridge.port}`;
const requestText = (method: string, target: string, headers: string[] = [], body = '') =>
  [
    `${method} ${target} HTTP/1.1`,
    `Host: ${host()}`,
    'Connection: close',
    ...headers,
    ...(body || method === 'POST' ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
    '',
    body,
  ].join('\r\n');

async function stillServing(): Promise<void> {
  expect(bridge.child.exitCode).toBeNull();
  const health = await bridge.call('system.health');
  expect(health).toMatchObject({ ok: true, value: { status: 'ok' } });
}

const BAD_PATHS = [
  '/%',
  '/%zz',
  '/%E0%A4%A',
  '/assets/%c0',
  '/%ff',
  '/%00',
  '/index.html%00.js',
  '/%2e%2e/%2e%2e/package.json',
  '/..\\..\\package.json',
  '//evil.example/x',
  'http://[::1',
  '*',
  '/api/call%',
  '/api/call/%zz',
  '/api/call?%',
  `/${'a'.repeat(20_000)}`,
  '/?token=%',
  '/assets/',
];
const VERBS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'FOO'];

describe('the bridge under garbage', () => {
  it('answers malformed paths with 400/404 and every verb without dying', async () => {
    for (const path of BAD_PATHS) {
      for (const verb of VERBS) {
        const { status } = await raw(requestText(verb, path));
        // 0: the HTTP parser itself refused the request line and closed; anything else is an answer.
        expect([0, 200, 400, 401, 404, 405, 413, 414, 431]).toContain(status);
      }
    }
    for (const path of ['/%', '/%zz', '/%E0%A4%A', '/assets/%c0', '/%ff']) {
      expect((await raw(requestText('GET', path))).status).toBe(400);
    }
    await stillServing();
  });

  it('survives huge, broken and missing headers', async () => {
    const huge = await raw(requestText('GET', '/', [`X-Big: ${'x'.repeat(200_000)}`]));
    expect([0, 431]).toContain(huge.status);
    const manyHeaders = Array.from({ length: 5000 }, (_, i) => `X-H${i}: ${i}`);
    expect([0, 400, 431, 200]).toContain((await raw(requestText('GET', '/', manyHeaders))).status);
    expect([400, 421]).toContain((await raw('GET / HTTP/1.1\r\nConnection: close\r\n\r\n')).status); // no Host
    expect([0, 400]).toContain((await raw('NOT HTTP AT ALL\r\n\r\n')).status);
    expect([0, 400]).toContain((await raw(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]))).status);
    const badLength = `POST /api/call HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: -5\r\n\r\n{}`;
    expect([0, 400]).toContain((await raw(badLength)).status);
    const chunked = `POST /api/call HTTP/1.1\r\nHost: ${host()}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n`;
    expect([0, 400, 401]).toContain((await raw(chunked)).status);
    // A body that stops half-way: the server must let the socket go, not crash.
    const cut = net.connect(bridge.port, '127.0.0.1');
    cut.on('error', () => {});
    cut.write(
      `POST /api/call HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${bridge.token}\r\nContent-Length: 1000\r\n\r\n{"method":`,
    );
    await new Promise((r) => setTimeout(r, 50));
    cut.destroy();
    await stillServing();
  });

  const BODIES: string[] = [
    '',
    '{not json',
    '\u0000',
    '\ud800',
    'null',
    '1',
    '"settings.get"',
    'true',
    '[]',
    '[{"method":"settings.get"}]',
    '{}',
    '{"method":null}',
    '{"method":1}',
    '{"method":{}}',
    '{"method":{"toString":1}}',
    '{"method":{"toString":"x","valueOf":1}}',
    '{"method":[]}',
    '{"method":["settings.get"]}',
    '{"method":""}',
    `{"method":"${'m'.repeat(100_000)}"}`,
    '{"method":"__proto__"}',
    '{"method":"constructor"}',
    '{"method":"toString"}',
    '{"method":"hasOwnProperty"}',
    '{"method":"settings.get","extra":1}',
    '{"method":"settings.get","input":{"__proto__":{"polluted":true}}}',
    '{"method":"settings.get","__proto__":{"method":"x"}}',
    `{"method":"settings.get","input":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    `{"method":"settings.get","input":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    '{"method":"settings.get","input":1e400}',
  ];

  it('answers every body shape with the token as an envelope, never 500, and ignores them without it', async () => {
    for (const body of BODIES) {
      for (const auth of [
        `Bearer ${bridge.token}`,
        '',
        'Bearer wrong',
        'Basic abc',
        `Bearer ${bridge.token}x`,
      ]) {
        const res = await fetch(`${bridge.origin}/api/call`, {
          method: 'POST',
          headers: auth ? { Authorization: auth } : {},
          body,
        });
        const envelope = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
        if (auth === `Bearer ${bridge.token}`) {
          expect(res.status, body.slice(0, 80)).toBeLessThan(500);
          if (!envelope.ok) expect(envelope.error!.code, body.slice(0, 80)).not.toBe('INTERNAL');
        } else {
          expect(res.status).toBe(401);
          expect(envelope.error!.code).toBe('UNAUTHORIZED');
        }
      }
    }
    const method = await fetch(`${bridge.origin}/api/call`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body: '{"method":{"toString":1}}',
    });
    expect(method.status).toBe(400);
    expect(await method.json()).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'method',
        message: expect.stringContaining('name of an API method'),
      },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServing();
  });

  it('gives every API method garbage input and gets a VALIDATION answer, never INTERNAL', async () => {
    const garbage: unknown[] = [
      null,
      42,
      'x',
      [],
      { zz: 1 },
      [{}],
      JSON.parse('{"__proto__":{"admin":true}}'),
    ];
    for (const method of Object.keys(contract)) {
      for (const input of garbage) {
        const result = await bridge.call(method, input);
        expect(result.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
        expect(result.error.code, `${method} ${JSON.stringify(input)}`).toBe('VALIDATION');
        expect(typeof result.error.message).toBe('string');
        expect(result.error.message).not.toMatch(/^(Invalid|Unrecognized key|Too (small|big)|Expected )/);
      }
    }
    await stillServing();
  });
});

describe('large bodies', () => {
  const MB = 1024 * 1024;
  const peakRss = () => {
    const status = fs.readFileSync(`/proc/${bridge.child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
  };
  const bodyOf = (bytes: number) => {
    const head = Buffer.from('{"method":"no.such","input":"');
    const tail = Buffer.from('"}');
    return Buffer.concat([head, Buffer.alloc(bytes - head.length - tail.length, 'A'), tail]);
  };

  it('answers a body over 80 MB with a 413 message, not a reset connection', async () => {
    const res = await fetch(`${bridge.origin}/api/call`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body: bodyOf(81 * MB),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'The request is larger than 80 MB. Choose a smaller file.' },
    });
    // Without a Content-Length (chunked): the limit is counted as the bytes arrive.
    const body = bodyOf(81 * MB);
    const stream = new ReadableStream({
      start(controller) {
        for (let at = 0; at < body.length; at += 4 * MB) controller.enqueue(body.subarray(at, at + 4 * MB));
        controller.close();
      },
    });
    const chunked = await fetch(`${bridge.origin}/api/call`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    await stillServing();
  });

  it.runIf(process.platform === 'linux')(
    'holds at most one large body at a time: four concurrent 79 MB bodies do not take four times the memory',
    async () => {
      const body = bodyOf(79 * MB);
      const before = peakRss();
      const answers = await Promise.all(
        [0, 1, 2, 3].map(async () => {
          const res = await fetch(`${bridge.origin}/api/call`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${bridge.token}` },
            body,
          });
          return {
            status: res.status,
            envelope: (await res.json()) as { error: { code: string; message: string } },
          };
        }),
      );
      for (const answer of answers) {
        expect([200, 503]).toContain(answer.status);
        if (answer.status === 503) {
          expect(answer.envelope.error).toEqual({
            code: 'BUSY',
            message: 'Folio is still receiving another large file. Try again when it has finished.',
          });
        } else expect(answer.envelope.error.code).toBe('UNKNOWN_METHOD');
      }
      expect(answers.some((a) => a.status === 200)).toBe(true);
      // One 79 MB body costs about three copies while it is parsed; four at once cost four times that.
      expect(peakRss() - before).toBeLessThan(400 * MB);
      await stillServing();
    },
  );

  it('answers 503 BUSY to a second large body while a first one is still arriving', async () => {
    const size = 79 * MB;
    const first = net.connect(bridge.port, '127.0.0.1');
    first.on('error', () => {});
    const firstAnswer = new Promise<string>((resolve) => {
      let text = '';
      first.on('data', (d) => (text += d.toString('latin1')));
      first.on('close', () => resolve(text));
    });
    const body = bodyOf(size);
    await new Promise<void>((resolve) => first.once('connect', () => resolve()));
    // Headers and the first megabyte only: the first body is held open, so it owns the budget.
    // Waiting for the writes to be handed to the system, then for two round trips of small
    // calls, lets the server read those headers first however busy the machine is.
    const write = (chunk: string | Buffer) =>
      new Promise<void>((resolve, reject) => first.write(chunk, (e) => (e ? reject(e) : resolve())));
    await write(
      `POST /api/call HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: Bearer ${bridge.token}\r\n` +
        `Content-Length: ${size}\r\nConnection: close\r\n\r\n`,
    );
    await write(body.subarray(0, MB));
    await stillServing(); // small calls still get through
    await stillServing();
    const second = await fetch(`${bridge.origin}/api/call`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body,
    });
    expect(second.status).toBe(503);
    expect((await second.json()) as unknown).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    first.end(body.subarray(MB));
    expect(await firstAnswer).toMatch(/^HTTP\/1\.1 200[\s\S]*UNKNOWN_METHOD/);
    // Its share is given back once answered: the next large body is read.
    const third = await fetch(`${bridge.origin}/api/call`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body,
    });
    expect(third.status).toBe(200);
  });

  it('never reads a large body without the token', async () => {
    const res = await fetch(`${bridge.origin}/api/call`, { method: 'POST', body: bodyOf(50 * MB) });
    expect(res.status).toBe(401);
    await stillServing();
  });
});
