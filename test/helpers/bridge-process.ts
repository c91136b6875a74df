import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const WEB_ENTRY = path.join(ROOT, 'out/main/web.js');

export interface BridgeProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the process to exit. */
  stop(): Promise<void>;
  /** Calls the API with the token, returning the parsed envelope. */
  call(method: string, input?: unknown): Promise<{ ok: boolean; value?: any; error?: any }>;
}

/** Starts `node out/main/web.js --data DIR` as a user would and waits for its URL line. */
export function startBridgeProcess(dataDir: string, extraArgs: string[] = []): Promise<BridgeProcess> {
  if (!fs.existsSync(WEB_ENTRY)) throw new Error('out/main/web.js is missing: run npm run build first.');
  const child = spawn(process.execPath, [WEB_ENTRY, '--data', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bridge did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /FOLIO_URL=(\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const url = new URL(m[1]!);
      const token = url.searchParams.get('token')!;
      const bridge: BridgeProcess = {
        url: m[1]!,
        origin: url.origin,
        token,
        port: Number(url.port),
        child,
        output: () => out,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        call: async (method, input = {}) => {
          const res = await fetch(`${url.origin}/api/call`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ method, input }),
          });
          return (await res.json()) as never;
        },
      };
      resolve(bridge);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bridge exited with ${code}:\n${out}`));
    });
  });
}

/**
 * Another person's Folio on shared books: a server process on its own data folder, connected
 * to the books through the API (which then asks for a restart) and started again on them.
 */
export async function startOnSharedBooks(dataDir: string, settings: unknown): Promise<BridgeProcess> {
  const local = await startBridgeProcess(dataDir);
  try {
    const r = await local.call('sharedBooks.connect', settings);
    if (!r.ok) throw new Error(`sharedBooks.connect: ${JSON.stringify(r.error)}`);
  } finally {
    await local.stop();
  }
  return await startBridgeProcess(dataDir);
}
