import { localSqlite, TEST_ENGINE } from '../helpers/folio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OVERDUE_INVOICES_SQL } from '../../src/main/services/mail/reminders';
import { storeOf } from '../../src/main/services/context';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { seedBusiness } from '../helpers/seed';
import { issuedInvoice, setupDocuments } from '../helpers/documents';

/**
 * The reminder job runs on the main thread a second after every start. Its list of overdue
 * invoices must come from the small partial index of open invoices: through
 * documents_by_due_date it read every invoice ever due (3.8 s at 1M invoices, every call
 * waiting). Bounded by work: the plan, not a stopwatch.
 */
let t: TestFolio;
const due: Record<string, number> = {};
beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T12:00:00Z') });
  const seed = await seedBusiness(t);
  await setupDocuments(t);
  for (const date of ['2026-11-10', '2026-09-01', '2026-12-01', '2026-10-15']) {
    const invoice = await issuedInvoice(t, seed, { issueDate: '2026-08-01', due: { kind: 'date', date } });
    due[date] = invoice.id;
  }
});
afterAll(async () => t.close());

it('lists the open invoices due before today, oldest due first', async () => {
  const rows = (await storeOf(t.folio.ctx).prepare(OVERDUE_INVOICES_SQL).all('2026-11-20')) as {
    id: number;
    due_date: string;
  }[];
  expect(rows.map((r) => [r.due_date, r.id])).toEqual(
    ['2026-09-01', '2026-10-15', '2026-11-10'].map((d) => [d, due[d]]),
  );
});

// SQLite only: it reads SQLite's query plan for the local file.
it.skipIf(TEST_ENGINE === 'postgres')(
  'finds overdue invoices for reminders in the open-invoice index, in due-date order without sorting',
  () => {
    const plan = (
      localSqlite(t.folio.ctx).prepare(`EXPLAIN QUERY PLAN ${OVERDUE_INVOICES_SQL}`).all('2026-11-20') as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan.join('\n')).toContain('USING INDEX documents_open_by_due (type=? AND due_date<?)');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  },
);
