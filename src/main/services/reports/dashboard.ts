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

const MOST_OVERDUE = 5;

export interface OverdueCustomer {
  customer_id: number;
  name: string;
  amount: number;
  oldest: string;
}

/**
 * The customers owing the most overdue money (base currency), largest first, then by id.
 * Read straight, this groups every overdue invoice of the book. Instead customers are taken
 * from the largest open balance down (customers_by_open_balance): nobody owes more overdue
 * than their open balance, so once `limit` customers are found and the next open balance is
 * below the last of them, nobody further down can enter the list. Each customer's overdue
 * sum is one range of documents_open_by_customer. The straight query (mostOverdueByScan)
 * answers the rare cases this cannot (fewer than `limit` customers with overdue money).
 */
export async function mostOverdueCustomers(
  ctx: ServiceContext,
  today: string,
  limit: number,
): Promise<OverdueCustomer[]> {
  const store = storeOf(ctx);
  const candidates = store.prepare(
    `SELECT id, name, open_balance_base FROM customers INDEXED BY customers_by_open_balance
     WHERE open_balance_base > 0 ORDER BY open_balance_base DESC, id LIMIT ? OFFSET ?`,
  );
  const overdueOf = store.prepare(
    `SELECT count(*) AS n, coalesce(sum(balance_base), 0) AS amount, min(due_date) AS oldest
     FROM documents INDEXED BY documents_open_by_customer
     WHERE customer_id = ? AND type = 'invoice' AND status IN ('issued', 'partially_paid') AND due_date < ? AND balance > 0`,
  );
  const top: OverdueCustomer[] = [];
  const better = (a: OverdueCustomer, b: OverdueCustomer) =>
    b.amount - a.amount || a.customer_id - b.customer_id;
  // Candidates are read a page at a time: the walk usually stops within the first page.
  const PAGE = 100;
  walk: for (let offset = 0; ; offset += PAGE) {
    const page = (await candidates.all(PAGE, offset)) as {
      id: number;
      name: string;
      open_balance_base: number;
    }[];
    for (const c of page) {
      if (top.length >= limit && c.open_balance_base < top[limit - 1]!.amount) break walk;
      const o = (await overdueOf.get(c.id, today)) as { n: number; amount: number; oldest: string | null };
      if (o.n === 0 || o.oldest === null) continue;
      top.push({ customer_id: c.id, name: c.name, amount: o.amount, oldest: o.oldest });
      top.sort(better);
      if (top.length > limit) top.pop();
    }
    if (page.length < PAGE) break;
  }
  if (top.length < limit || top[limit - 1]!.amount <= 0) return await mostOverdueByScan(ctx, today, limit);
  return top;
}

/** The most-overdue list read straight: every overdue invoice, grouped by customer. */
export async function mostOverdueByScan(
  ctx: ServiceContext,
  today: string,
  limit: number,
): Promise<OverdueCustomer[]> {
  return (await storeOf(ctx)
    .prepare(
      `SELECT d.customer_id, c.name, sum(d.balance_base) AS amount, min(d.due_date) AS oldest
       FROM documents d INDEXED BY documents_open_by_due JOIN customers c ON c.id = d.customer_id
       WHERE d.type = 'invoice' AND d.status IN ('issued', 'partially_paid') AND d.due_date < ? AND d.balance > 0
       GROUP BY d.customer_id, c.name ORDER BY amount DESC, d.customer_id LIMIT ?`,
    )
    .all(today, limit)) as OverdueCustomer[];
}

/**
 * The figures on the dashboard, each read from maintained balances and indexes so the page
 * stays instant with a million documents: no card recomputes history.
 */
export async function dashboardSummary(ctx: ServiceContext): Promise<Dashboard> {
  const store = storeOf(ctx);
  const today = ctx.clock.today();
  const receivable = (await store
    .prepare(
      `SELECT coalesce(sum(balance_base), 0) AS amount FROM document_summary
       WHERE type = 'invoice' AND status IN ('issued', 'partially_paid')`,
    )
    .get()) as { amount: number };
  // Overdue: the days before today of the per-due-date sums that triggers keep
  // (receivable_due_days), a few hundred rows however many invoices are open.
  const overdue = (await store
    .prepare(
      `SELECT coalesce(sum(count), 0) AS count, coalesce(sum(amount), 0) AS amount FROM receivable_due_days
       WHERE due_date < ?`,
    )
    .get(today)) as { count: number; amount: number };
  const received = (await store
    .prepare(
      `SELECT coalesce(sum(amount_base), 0) AS amount FROM payments WHERE undone_at IS NULL AND date BETWEEN ? AND ?`,
    )
    .get(`${today.slice(0, 7)}-01`, today)) as { amount: number };
  const mostOverdue = (await mostOverdueCustomers(ctx, today, MOST_OVERDUE)).map((r) => ({
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
  const billsDueSoon = (await dueBetween.get(today, addDays(today, NEXT_DAYS))) as {
    count: number;
    amount: number;
  };
  const billsOverdue = (await store
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(balance_base), 0) AS amount FROM bills INDEXED BY bills_open_by_due
       WHERE ${OPEN_SQL} AND due_date < ?`,
    )
    .get(today)) as { count: number; amount: number };
  const forecast = await cashflowForecast(ctx);
  const horizon = addDays(today, 31);
  const nextRecurring = [];
  for (const r of await store.all(
    qb
      .selectFrom('recurring_invoices')
      .select(['id', 'name', 'schedule', 'template', 'next_index'])
      .where('paused_at', 'is', null),
  )) {
    const next = upcomingOccurrences(JSON.parse(r.schedule) as Schedule, r.next_index, 1)[0];
    if (!next || next.date > horizon) continue;
    nextRecurring.push({
      kind: 'invoice' as const,
      id: r.id,
      name: r.name,
      date: next.date,
      amount: await recurringTotalBase(ctx, r.template, next.date),
    });
  }
  // The next bill of each recurring bill (the first one still to come within the month).
  const seen = new Set<number>();
  const nextBills = (await upcomingRecurringBills(ctx, today, horizon)).flatMap((b) => {
    if (seen.has(b.id)) return [];
    seen.add(b.id);
    return [{ kind: 'bill' as const, id: b.id, name: b.name, date: b.billDate, amount: b.amount }];
  });
  return {
    currency: (await getPreferences(ctx)).baseCurrency,
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
