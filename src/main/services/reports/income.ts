import type { ParsedInput } from '../../../shared/api/contract';
import type { IncomeReport } from '../../../shared/api/reports';
import { addMonths } from '../../../shared/domain/dates';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';

/** Every month that touches the period, as YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7); m = addMonths(m, 1))
    out.push(m.slice(0, 7));
  return out;
}

/**
 * Invoiced against received, by month and by customer: invoices by issue date (credit notes
 * subtract), payments by their date, all in the base currency. Void and draft documents and
 * undone payments are left out.
 */
export function incomeExpenses(
  ctx: ServiceContext,
  input: ParsedInput<'reports.incomeExpenses'>,
): IncomeReport {
  const store = storeOf(ctx);
  const invoiced = store
    .prepare(
      `SELECT substr(issue_date, 1, 7) AS month, customer_id,
              sum(CASE WHEN type = 'credit_note' THEN -total_base ELSE total_base END) AS amount
       FROM documents
       WHERE type IN ('invoice', 'credit_note') AND status NOT IN ('draft', 'void') AND issue_date BETWEEN ? AND ?
       GROUP BY month, customer_id`,
    )
    .all(input.from, input.to) as { month: string; customer_id: number; amount: number }[];
  const received = store
    .prepare(
      `SELECT substr(date, 1, 7) AS month, customer_id, sum(amount_base) AS amount
       FROM payments WHERE undone_at IS NULL AND date BETWEEN ? AND ?
       GROUP BY month, customer_id`,
    )
    .all(input.from, input.to) as { month: string; customer_id: number; amount: number }[];

  const months = monthsOf(input.from, input.to).map((month) => ({
    month,
    invoiced: invoiced.filter((r) => r.month === month).reduce((s, r) => s + r.amount, 0),
    received: received.filter((r) => r.month === month).reduce((s, r) => s + r.amount, 0),
    billed: 0,
    paid: 0,
  }));
  const ids = [...new Set([...invoiced, ...received].map((r) => r.customer_id))];
  const names = new Map(
    (ids.length
      ? (store
          .prepare(`SELECT id, name FROM customers WHERE id IN (${ids.map(() => '?').join(',')})`)
          .all(...ids) as { id: number; name: string }[])
      : []
    ).map((c) => [c.id, c.name]),
  );
  const byCustomer = ids
    .map((id) => ({
      id,
      name: names.get(id) ?? '',
      invoiced: invoiced.filter((r) => r.customer_id === id).reduce((s, r) => s + r.amount, 0),
      received: received.filter((r) => r.customer_id === id).reduce((s, r) => s + r.amount, 0),
    }))
    .sort((a, b) => b.invoiced - a.invoiced || a.name.localeCompare(b.name));
  return { currency: getPreferences(ctx).baseCurrency, months, byCustomer, byCategory: [] };
}
