import type { Dashboard } from '../../../shared/api/reports';
import { addDays } from '../../../shared/domain/dates';
import { upcomingOccurrences, type Schedule } from '../../../shared/domain/schedule';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { NEXT_DAYS } from '../payables/due';
import { OPEN_SQL } from '../payables/common';
import { upcomingRecurringBills } from '../payables/recurring';
import { cashflowForecast, recurringTotalBase } from './cashflow';

/**
 * The figures on the dashboard, each read from maintained balances and indexes so the page
 * stays instant with a million documents: no card recomputes history.
 */
export function dashboardSummary(ctx: ServiceContext): Dashboard {
  const store = storeOf(ctx);
  const today = ctx.clock.today();
  const receivable = store
    .prepare(
      `SELECT coalesce(sum(balance_base), 0) AS amount FROM document_summary
       WHERE type = 'invoice' AND status IN ('issued', 'partially_paid')`,
    )
    .get() as { amount: number };
  const overdue = store
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(balance_base), 0) AS amount FROM documents
       WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND due_date < ? AND balance > 0`,
    )
    .get(today) as { count: number; amount: number };
  const received = store
    .prepare(
      `SELECT coalesce(sum(amount_base), 0) AS amount FROM payments WHERE undone_at IS NULL AND date BETWEEN ? AND ?`,
    )
    .get(`${today.slice(0, 7)}-01`, today) as { amount: number };
  const mostOverdue = (
    store
      .prepare(
        `SELECT d.customer_id, c.name, sum(d.balance_base) AS amount, min(d.due_date) AS oldest
         FROM documents d JOIN customers c ON c.id = d.customer_id
         WHERE d.type = 'invoice' AND d.status IN ('issued', 'partially_paid') AND d.due_date < ? AND d.balance > 0
         GROUP BY d.customer_id ORDER BY amount DESC LIMIT 5`,
      )
      .all(today) as { customer_id: number; name: string; amount: number; oldest: string }[]
  ).map((r) => ({
    customerId: r.customer_id,
    name: r.name,
    amount: r.amount,
    daysOverdue: Math.round((Date.parse(today) - Date.parse(r.oldest)) / 86_400_000),
  }));
  // Open bills by due date: two ranges of the partial index of open bills, which covers the
  // base-currency balance, so neither reads a bill row.
  const dueBetween = store.prepare(
    `SELECT count(*) AS count, coalesce(sum(balance_base), 0) AS amount FROM bills INDEXED BY bills_open_by_due
     WHERE ${OPEN_SQL} AND due_date BETWEEN ? AND ?`,
  );
  const billsDueSoon = dueBetween.get(today, addDays(today, NEXT_DAYS)) as { count: number; amount: number };
  const billsOverdue = store
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(balance_base), 0) AS amount FROM bills INDEXED BY bills_open_by_due
       WHERE ${OPEN_SQL} AND due_date < ?`,
    )
    .get(today) as { count: number; amount: number };
  const forecast = cashflowForecast(ctx);
  const horizon = addDays(today, 31);
  const nextRecurring = store
    .all(
      qb
        .selectFrom('recurring_invoices')
        .select(['id', 'name', 'schedule', 'template', 'next_index'])
        .where('paused_at', 'is', null),
    )
    .flatMap((r) => {
      const next = upcomingOccurrences(JSON.parse(r.schedule) as Schedule, r.next_index, 1)[0];
      if (!next || next.date > horizon) return [];
      return [
        {
          kind: 'invoice' as const,
          id: r.id,
          name: r.name,
          date: next.date,
          amount: recurringTotalBase(ctx, r.template, next.date),
        },
      ];
    });
  // The next bill of each recurring bill (the first one still to come within the month).
  const seen = new Set<number>();
  const nextBills = upcomingRecurringBills(ctx, today, horizon).flatMap((b) => {
    if (seen.has(b.id)) return [];
    seen.add(b.id);
    return [{ kind: 'bill' as const, id: b.id, name: b.name, date: b.billDate, amount: b.amount }];
  });
  return {
    currency: getPreferences(ctx).baseCurrency,
    today,
    receivable: receivable.amount,
    overdue,
    receivedThisMonth: received.amount,
    billsDueSoon,
    billsOverdue,
    cashflow: forecast.weeks,
    mostOverdue,
    nextRecurring: [...nextRecurring, ...nextBills]
      .sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.id - b.id)
      .slice(0, 5),
  };
}
