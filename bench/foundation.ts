import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/db/open';
import { migrate } from '../src/main/db/migrate';
import { tempDir } from '../test/helpers/tmp';
import { median, note, record } from './report';

const WEB = path.resolve(__dirname, '../out/main/web.js');

/** Spawns the bridge and returns ms from spawn to its first successful API answer. */
function coldStart(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [WEB, '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', async (d: Buffer) => {
      out += d.toString();
      const m = /FOLIO_URL=(\S+)/.exec(out);
      if (!m || out.includes('#answered')) return;
      out += '#answered';
      const url = new URL(m[1]!);
      const res = await fetch(`${url.origin}/api/call`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${url.searchParams.get('token')}` },
        body: JSON.stringify({ method: 'system.health', input: {} }),
      });
      const body = (await res.json()) as { ok: boolean };
      const ms = performance.now() - t0;
      child.kill('SIGTERM');
      child.on('exit', () => (body.ok ? resolve(ms) : reject(new Error('health failed'))));
    });
  });
}

export async function runFoundation(): Promise<void> {
  console.log('\nFoundation');
  const runs = 15;
  const bare: number[] = [];
  const tmp = tempDir('folio-bench-');
  const cold: number[] = [];
  // The first run creates and migrates the file; the rest open an existing one, as users do.
  await coldStart(tmp.dir);
  // Bare node and the cold start alternate, so a change in the machine's load (it is shared)
  // weighs on both sides of the difference alike.
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - t);
    cold.push(await coldStart(tmp.dir));
  }
  tmp.cleanup();
  const bareMs = median(bare);
  const coldMs = median(cold);
  record('foundation', 'bare `node -e 0` (median)', bareMs);
  record('foundation', 'bridge cold start to first API answer (median)', coldMs);
  note(
    'foundation',
    'cold start minus bare node / ratio',
    `+${(coldMs - bareMs).toFixed(1)} ms / ${(coldMs / bareMs).toFixed(2)}×`,
    '≤ +100 ms',
    coldMs - bareMs <= 100,
  );

  const opens: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = tempDir('folio-bench-');
    const t0 = performance.now();
    const db = openDatabase(path.join(t.dir, 'folio.sqlite3'));
    migrate(db);
    opens.push(performance.now() - t0);
    db.close();
    t.cleanup();
  }
  record('foundation', 'open + migrate an empty database (median)', median(opens));
}
