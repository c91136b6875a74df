import { localSqlite } from '../helpers/folio';
import { fork } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/domain/dates';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { setupBusiness, vendorInput } from '../helpers/payables';
import { tempDir } from '../helpers/tmp';

const TODAY = '2026-11-23';
const NOW = `${TODAY}T10:00:00Z`;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(dataDir: string, now = NOW): Promise<TestFolio> {
  const t = await openTestFolio({ dataDir, clock: fixedClock(now), keep: true });
  cleanups.push(() => t.close());
  return t;
}

/** A folder with a monthly rent template whose first bill was due 75 days before TODAY, made
 * while the clock still said the day before the start, so no bill exists yet. */
async function folderWithTemplate(frequency: 'monthly' | 'weekly' = 'monthly', startDaysAgo = 75) {
  const tmp = tempDir('folio-recurring-');
  cleanups.push(tmp.cleanup);
  const start = addDays(TODAY, -startDaysAgo);
  const t = await openTestFolio({
    dataDir: tmp.dir,
    clock: fixedClock(`${addDays(start, -1)}T10:00:00Z`),
    keep: true,
  });
  await setupBusiness(t);
  const v = await t.call(
    'vendors.create',
    vendorInput({ name: 'Landlord Ltd', paymentTerms: { kind: 'net', days: 5 } }),
  );
  const r = await t.call('bills.recurring.create', {
    vendorId: v.id,
    name: 'Office rent',
    frequency,
    interval: 1,
    startDate: start,
    lines: [{ description: 'Rent', unitPrice: 1500_00 }],
  });
  expect(r.billsCreated).toBe(0);
  await t.close();
  return { dir: tmp.dir, start, recurringId: r.id };
}

async function rentBills(t: TestFolio) {
  return (await t.call('bills.list', { limit: 500 })).rows.map((r) => r.billDate).sort();
}

/** Runs the catch-up in a child process; with killAfterCommits, SIGKILLs it once the parent has
 * heard of that many committed bills (bound by work, not time: the child keeps going while the
 * kill is on its way, so it lands at any point of a transaction). */
function runChild(
  dir: string,
  mode: 'kill-after-first' | 'run',
  killAfterCommits?: number,
): Promise<{ committed: number[]; signal: string | null; done: boolean }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, '../helpers/recurring-catch-up-child.ts'), [dir, NOW, mode], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const committed: number[] = [];
    let done = false;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('message', (m: { ready?: boolean; committed?: number; done?: boolean }) => {
      if (m.committed !== undefined) {
        committed.push(m.committed);
        if (committed.length === killAfterCommits) child.kill('SIGKILL');
      }
      if (m.done) done = true;
    });
    child.on('exit', (code, signal) => {
      if (code && code !== 0) reject(new Error(stderr));
      else resolve({ committed, signal, done });
    });
  });
}

describe('recurring bills catch up exactly once', () => {
  it('a monthly template that started 75 days ago makes exactly 3 bills, dated correctly; reopening makes none', async () => {
    const { dir, start } = await folderWithTemplate();
    const t = await open(dir); // the start-up job catches up
    const dates = await rentBills(t);
    expect(dates).toEqual([start, '2026-10-09', '2026-11-09']);
    expect(start).toBe('2026-09-09');
    const first = (await t.call('bills.list', {})).rows.find((r) => r.billDate === start)!;
    expect(first).toMatchObject({ dueDate: '2026-09-14', total: 1500_00, status: 'awaiting_payment' });

    expect(await t.call('bills.recurring.catchUp', {})).toEqual({ created: 0 });
    await t.close();
    cleanups.pop();
    const again = await open(dir);
    expect(await rentBills(again)).toEqual(dates);
    const [template] = await again.call('bills.recurring.list', {});
    expect(template).toMatchObject({
      billsCreated: 3,
      nextDates: ['2026-12-09', '2027-01-09', '2027-02-09'],
    });
    // Each bill is in the audit log once, made by the template.
    const created = (await again.call('audit.list', { entity: 'bill' })).entries.filter(
      (e) => e.action === 'create',
    );
    expect(created).toHaveLength(3);
  });

  it('a crash right after the first bill committed still ends with exactly 3', async () => {
    const { dir, start } = await folderWithTemplate();
    const crashed = await runChild(dir, 'kill-after-first');
    expect(crashed).toMatchObject({ committed: [0], signal: 'SIGKILL', done: false });
    const t = await open(dir);
    expect(await rentBills(t)).toEqual([start, '2026-10-09', '2026-11-09']);
    // Running the catch-up twice more (as the job and the button would) changes nothing.
    expect(await t.call('bills.recurring.catchUp', {})).toEqual({ created: 0 });
    expect(await t.call('bills.recurring.catchUp', {})).toEqual({ created: 0 });
    expect(await rentBills(t)).toHaveLength(3);
  });

  it(
    'kills at random moments during a long catch-up never duplicate or skip a bill',
    async () => {
      // Weekly for 3 years: 157 bills to make, each its own transaction.
      const { dir } = await folderWithTemplate('weekly', 3 * 364);
      let killed = 0;
      const made: number[] = [];
      for (let i = 0; i < 5; i++) {
        const run = await runChild(dir, 'run', 1 + Math.floor(Math.random() * 30));
        if (run.signal === 'SIGKILL') killed++;
        made.push(...run.committed);
      }
      expect(killed).toBeGreaterThan(0);
      // No occurrence was made by two runs (a run resumes after the last committed one).
      expect(new Set(made).size).toBe(made.length);
      const t = await open(dir);
      const dates = await rentBills(t);
      expect(dates).toHaveLength(157);
      expect(new Set(dates).size).toBe(157);
      const db = localSqlite(t.folio.ctx);
      const indexes = (
        db.prepare('SELECT recurring_index AS i FROM bills ORDER BY i').all() as { i: number }[]
      ).map((r) => r.i);
      expect(indexes).toEqual(Array.from({ length: 157 }, (_, i) => i));
    },
    30 * 60_000,
  ); // bound by work (5 runs); this only stops a hung run
});
