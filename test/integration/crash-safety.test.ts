import { fork } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open';
import { tempDir } from '../helpers/tmp';

const KILLS = 24;
/** Each run is killed after the parent has heard of this many commits (random, at least 2):
 * bound by work, not by time, so a slow machine changes how long the test takes, not what it
 * checks. The writer keeps writing while the kill is on its way, so it lands anywhere in a
 * transaction. */
const commitsBeforeKill = () => 2 + Math.floor(Math.random() * 40);
/** Work-bound (KILLS runs): no clock decides the outcome; this only stops a hung run. */
const NO_TIME_LIMIT = 30 * 60_000;
const tmp = tempDir('folio-crash-');
afterAll(() => tmp.cleanup());

/** Starts the writer, lets it commit a random number of records, then kills it without warning. */
function runAndKill(startAt: number, acked: Set<number>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, '../helpers/crash-writer.ts'), [tmp.dir, String(startAt)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let last = startAt - 1;
    let heard = 0;
    const killAfter = commitsBeforeKill();
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('message', (m: { ready?: boolean; committed?: number }) => {
      if (m.committed !== undefined) {
        acked.add(m.committed);
        last = m.committed;
        if (++heard === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(last + 1);
      else reject(new Error(`writer exited on its own: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged commit through ${KILLS} SIGKILLs, and the file stays sound`,
    async () => {
      const acked = new Set<number>();
      let next = 1;
      for (let i = 0; i < KILLS; i++) next = await runAndKill(next, acked);
      expect(acked.size).toBeGreaterThanOrEqual(2 * KILLS);

      const db = openDatabase(path.join(tmp.dir, 'folio.sqlite3'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const saved = new Set(
        (
          db
            .prepare("SELECT changes FROM audit_log WHERE entity = 'business_profile' AND action = 'update'")
            .all() as { changes: string }[]
        )
          .map((r) => (JSON.parse(r.changes) as { name?: { to: string } }).name?.to)
          .filter((name): name is string => !!name)
          .map((name) => Number(name.replace('Record ', ''))),
      );
      const lost = [...acked].filter((n) => !saved.has(n));
      expect(lost).toEqual([]);
      db.close();
    },
    NO_TIME_LIMIT,
  );
});
