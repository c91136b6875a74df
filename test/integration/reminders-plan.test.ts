import { localSqlite } from '../helpers/folio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OVERDUE_INVOICES_SQL } from '../../src/main/services/mail/reminders';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';

/**
 * The reminder job runs on the main thread a second after every start. Its list of overdue
 * invoices must come from the small partial index of open invoices: through
 * documents_by_due_date it read every invoice ever due (3.8 s at 1M invoices, every call
 * waiting). Bounded by work: the plan, not a stopwatch.
 */
let t: TestFolio;
beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T12:00:00Z') });
});
afterAll(async () => t.close());

it('finds overdue invoices for reminders in the open-invoice index, in due-date order without sorting', () => {
  const plan = (
    localSqlite(t.folio.ctx).prepare(`EXPLAIN QUERY PLAN ${OVERDUE_INVOICES_SQL}`).all('2026-11-20') as {
      detail: string;
    }[]
  ).map((r) => r.detail);
  expect(plan.join('\n')).toContain('USING INDEX documents_open_by_due (type=? AND due_date<?)');
  expect(plan.join('\n')).not.toContain('TEMP B-TREE');
});
