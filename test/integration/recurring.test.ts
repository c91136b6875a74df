import { fork } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, localToday } from '../../src/shared/domain/dates';
import { openDatabase } from '../../src/main/db/open';
import { fixedClock, openTestFolio, TEST_ENGINE, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(dataDir?: string, clock?: ReturnType<typeof fixedClock>): Promise<TestFolio> {
  const t = await openTestFolio({ dataDir, keep: !!dataDir, clock });
  cleanups.push(() => t.close());
  return t;
}

function template(seed: Awaited<ReturnType<typeof seedBusiness>>) {
  const { type: _t, issueDate: _i, relatedId: _r, ...rest } = invoiceInput(seed);
  return rest;
}

const invoicesOf = async (t: TestFolio) =>
  (await t.call('documents.list', { type: 'invoice', sort: 'issueDate', direction: 'asc', limit: 500 })).rows;

describe('recurring invoices', () => {
  it('a monthly schedule that started 75 days ago makes exactly 3 invoices, on their own dates, once', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const today = localToday();
    const start = addDays(today, -75);
    let t = await open(dir.dir);
    const seed = await seedBusiness(t);
    const r = await t.call('recurring.create', {
      name: 'Monthly retainer',
      template: template(seed),
      schedule: { frequency: 'monthly', interval: 1, startDate: start },
      mode: 'issue',
      // Three are due at once: the user was asked and chose to issue them.
      catchUp: 'issue',
    });
    expect(r.generated).toBe(3);
    await t.close();
    cleanups.pop();

    for (let restart = 0; restart < 2; restart++) {
      t = await open(dir.dir);
      const rows = await invoicesOf(t);
      expect(rows.map((i) => i.issueDate)).toEqual([start, addMonths(start, 1), addMonths(start, 2)]);
      expect(rows.map((i) => i.number)).toEqual(
        ['INV-2026-0001', 'INV-2026-0002', 'INV-2026-0003'].map((n, i) =>
          n.replace('2026', rows[i]!.issueDate.slice(0, 4)),
        ),
      );
      expect((await t.call('recurring.get', { id: r.id })).upcoming[0]!.date).toBe(addMonths(start, 3));
      await t.close();
      cleanups.pop();
    }
  });

  it('drafts mode leaves occurrences for review; pause skips, resume continues from today', async () => {
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const t = await open(undefined, clock);
    const seed = await seedBusiness(t);
    const r = await t.call('recurring.create', {
      name: 'Weekly cleaning',
      template: template(seed),
      schedule: { frequency: 'weekly', interval: 1, startDate: '2026-03-01', count: 10 },
      mode: 'draft',
    });
    expect((await invoicesOf(t)).map((i) => [i.issueDate, i.status])).toEqual([['2026-03-01', 'draft']]);
    await t.call('recurring.setPaused', { id: r.id, paused: true });
    clock.set('2026-03-20T09:00:00Z');
    const { catchUpAll } = await import('../../src/main/services/receivables/recurring');
    expect(await catchUpAll(t.folio.ctx)).toBe(0);
    const resumed = await t.call('recurring.setPaused', { id: r.id, paused: false });
    // Mar 8 and 15 fell in the pause and are skipped; the next is Mar 22.
    expect(resumed.upcoming[0]!.date).toBe('2026-03-22');
    clock.set('2026-03-29T09:00:00Z');
    await catchUpAll(t.folio.ctx);
    expect((await invoicesOf(t)).map((i) => i.issueDate)).toEqual(['2026-03-01', '2026-03-22', '2026-03-29']);
  });

  it('a catch-up of more than one occurrence is never made without asking; the user chooses issued, drafts or none', async () => {
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const t = await open(undefined, clock);
    const seed = await seedBusiness(t);
    // An invoice already issued today: issued catch-up invoices will be numbered after it.
    const today = await t.call('documents.create', invoiceInput(seed));
    await t.call('documents.issue', { id: today.id });
    const input = {
      name: 'Monthly retainer',
      template: template(seed),
      schedule: { frequency: 'monthly' as const, interval: 1, startDate: '2026-08-01' },
      mode: 'issue' as const,
    };
    const asked = await t.raw('recurring.create', input);
    expect(asked).toMatchObject({
      ok: false,
      error: {
        field: 'catchUp',
        message:
          '4 invoices are already due, dated 2026-08-01 to 2026-11-01. Issue them now (numbered in date order), ' +
          'make them drafts to review, or skip them? Invoices dated up to 2026-11-02 already have numbers, so ' +
          'issued ones would be numbered after them.',
      },
    });
    // Nothing was saved by asking.
    expect(await t.call('recurring.list', {})).toEqual([]);
    expect(await invoicesOf(t)).toHaveLength(1);

    const drafts = await t.call('recurring.create', { ...input, catchUp: 'draft' });
    expect(drafts.generated).toBe(4);
    expect((await invoicesOf(t)).filter((i) => i.status === 'draft').map((i) => i.issueDate)).toEqual([
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
    ]);
    const skipped = await t.call('recurring.create', { ...input, name: 'Skipped', catchUp: 'skip' });
    expect(skipped.generated).toBe(0);
    expect(skipped.upcoming[0]!.date).toBe('2026-12-01');
    const issued = await t.call('recurring.create', { ...input, name: 'Issued', catchUp: 'issue' });
    const made = (await invoicesOf(t)).filter((i) => issued.documents.some((d) => d.id === i.id));
    // Numbered in date order.
    expect(made.map((i) => [i.issueDate, i.number])).toEqual([
      ['2026-08-01', 'INV-2026-0002'],
      ['2026-09-01', 'INV-2026-0003'],
      ['2026-10-01', 'INV-2026-0004'],
      ['2026-11-01', 'INV-2026-0005'],
    ]);
    // Once started, each new occurrence is issued as the schedule says.
    clock.set('2026-12-01T09:00:00Z');
    const { catchUpAll } = await import('../../src/main/services/receivables/recurring');
    await catchUpAll(t.folio.ctx);
    expect((await t.call('recurring.get', { id: issued.id })).documents[0]).toMatchObject({
      date: '2026-12-01',
      status: 'issued',
    });
  });

  it('the background job, which cannot ask, makes drafts when more than one occurrence is due', async () => {
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const t = await open(undefined, clock);
    const seed = await seedBusiness(t);
    const r = await t.call('recurring.create', {
      name: 'Weekly',
      template: template(seed),
      schedule: { frequency: 'weekly', interval: 1, startDate: '2026-03-02' },
      mode: 'issue',
    });
    expect(r.generated).toBe(0);
    // Folio was closed for three weeks.
    clock.set('2026-03-20T09:00:00Z');
    const { catchUpAll } = await import('../../src/main/services/receivables/recurring');
    expect(await catchUpAll(t.folio.ctx)).toBe(3);
    expect((await invoicesOf(t)).map((i) => [i.issueDate, i.status, i.number])).toEqual([
      ['2026-03-02', 'draft', null],
      ['2026-03-09', 'draft', null],
      ['2026-03-16', 'draft', null],
    ]);
    // A single due occurrence is made as the schedule says.
    clock.set('2026-03-23T09:00:00Z');
    expect(await catchUpAll(t.folio.ctx)).toBe(1);
    expect((await invoicesOf(t)).at(-1)).toMatchObject({ issueDate: '2026-03-23', status: 'issued' });
  });

  it('two catch-ups at the same moment make each occurrence once, and neither fails', async () => {
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const t = await open(undefined, clock);
    const seed = await seedBusiness(t);
    const r = await t.call('recurring.create', {
      name: 'Weekly',
      template: template(seed),
      schedule: { frequency: 'weekly', interval: 1, startDate: '2026-03-01' },
      mode: 'issue',
    });
    clock.set('2026-03-29T09:00:00Z');
    const { catchUpOne } = await import('../../src/main/services/receivables/recurring');
    // catchUpOne throws what catchUpAll would only log.
    const made = await Promise.all([1, 2].map(() => catchUpOne(t.folio.ctx, r.id, 'issue')));
    expect(made[0]! + made[1]!).toBe(4);
    expect((await invoicesOf(t)).map((i) => i.issueDate)).toEqual([
      '2026-03-01',
      '2026-03-08',
      '2026-03-15',
      '2026-03-22',
      '2026-03-29',
    ]);
  });

  // A child process on a local data folder, killed while it writes the file: about the SQLite
  // file (on shared books a killed app's open transaction is rolled back by the server).
  it.skipIf(TEST_ENGINE === 'postgres')(
    'a crash in the middle of a catch-up repeats nothing and loses nothing',
    async () => {
      const dir = tempDir();
      cleanups.push(dir.cleanup);
      const today = localToday();
      const start = addDays(today, -7 * 59); // 60 weekly occurrences up to today
      // Create the schedule "before" its start, so nothing is generated yet.
      const early = fixedClock(`${addDays(start, -1)}T12:00:00Z`);
      let t = await open(dir.dir, early);
      const seed = await seedBusiness(t);
      await t.call('recurring.create', {
        name: 'Weekly',
        template: template(seed),
        schedule: { frequency: 'weekly', interval: 1, startDate: start },
        mode: 'issue',
      });
      expect(await invoicesOf(t)).toEqual([]);
      await t.close();
      cleanups.pop();

      // Kill the catch-up part-way, bound by work: watch the file (a reader sees each committed
      // occurrence) and kill once a random number of invoices exist, while the child is still
      // making more; repeat until the catch-up has finished across the kills.
      const generated = () => {
        const db = openDatabase(path.join(dir.dir, 'folio.sqlite3'), { readonly: true });
        const n = (
          db.prepare("SELECT count(*) AS n FROM documents WHERE type = 'invoice'").get() as { n: number }
        ).n;
        db.close();
        return n;
      };
      const partial: number[] = [];
      for (let attempt = 0; attempt < 20 && generated() < 60; attempt++) {
        const before = generated();
        const target = before + 1 + Math.floor(Math.random() * Math.min(10, 59 - before));
        await new Promise<void>((resolve, reject) => {
          const child = fork(path.join(__dirname, '../helpers/recurring-catchup-child.ts'), [dir.dir], {
            execArgv: ['--import', 'tsx'],
            stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
          });
          let exited = false;
          const watch = () => {
            if (exited) return;
            if (generated() >= target) child.kill('SIGKILL');
            else setTimeout(watch, 1);
          };
          child.on('message', (m: { started?: boolean }) => {
            if (m.started) watch();
          });
          child.on('exit', () => {
            exited = true;
            resolve();
          });
          child.on('error', reject);
        });
        const n = generated();
        if (n > 0 && n < 60) partial.push(n);
      }
      // At least one kill interrupted a catch-up half-way (otherwise this test proves nothing).
      expect(partial.length).toBeGreaterThan(0);
      // The catch-up the user chose runs once more to its end.
      await new Promise<void>((resolve, reject) => {
        const child = fork(path.join(__dirname, '../helpers/recurring-catchup-child.ts'), [dir.dir], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        child.on('exit', () => resolve());
        child.on('error', reject);
      });

      t = await open(dir.dir);
      const rows = await invoicesOf(t);
      expect(rows).toHaveLength(60);
      expect(new Set(rows.map((r) => r.issueDate)).size).toBe(60);
      expect(rows[0]!.issueDate).toBe(start);
      expect(rows.at(-1)!.issueDate).toBe(today);
      // Issued in date order with gapless numbers, even across the kills.
      const counters = rows.map((r) => Number(r.number!.slice(-4)));
      expect(counters).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    },
    30 * 60_000,
  ); // bound by work (at most 20 runs); this only stops a hung run
});
