import type { ParsedInput } from '../../../shared/api/contract';
import type { IncomeReport } from '../../../shared/api/reports';
import { addMonths } from '../../../shared/domain/dates';
import { splitProportionally } from '../../../shared/domain/split';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { dialectOf } from '../../db/dialect';

/** Every month that touches the period, as YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7); m = addMonths(m, 1))
    out.push(m.slice(0, 7));
  return out;
}

/** Sums of `amount` per month. */
function byMonth(rows: readonly { month: string; amount: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.month, (out.get(r.month) ?? 0) + r.amount);
  return out;
}

type CategoryLine = { bill_id: number; category_id: number | null; weight: number };

/**
 * The lines of each bill with their category and weight (amount plus tax, the bill's total
 * being the sum of them), by bill.
 */
async function linesOf(
  ctx: ServiceContext,
  billIds: readonly number[],
): Promise<Map<number, CategoryLine[]>> {
  const out = new Map<number, CategoryLine[]>();
  if (billIds.length === 0) return out;
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT bill_id, category_id, amount + tax AS weight FROM bill_lines
       WHERE bill_id IN ${dialectOf(storeOf(ctx)).jsonValues('integer')} ORDER BY bill_id, position`,
    )
    .all(JSON.stringify(billIds))) as CategoryLine[];
  for (const r of rows) out.set(r.bill_id, [...(out.get(r.bill_id) ?? []), r]);
  return out;
}

/**
 * Billed against paid by expense category: each bill's base-currency total spread over its
 * lines in proportion to their amounts (tax included), and each payment's base-currency amount
 * spread first over the bills it paid (in proportion to what it paid of each) and then over
 * each bill's lines the same way. The splits are exact (largest remainder), so the categories
 * add up to the month figures to the cent.
 */
async function byCategory(
  ctx: ServiceContext,
  billed: readonly { id: number; total_base: number }[],
  paid: readonly { payment_id: number; amount_base: number; bill_id: number; amount: number }[],
): Promise<IncomeReport['byCategory']> {
  const lines = await linesOf(ctx, [...new Set([...billed.map((b) => b.id), ...paid.map((p) => p.bill_id)])]);
  const sums = new Map<number | null, { billed: number; paid: number }>();
  const spread = (billId: number, amount: number, key: 'billed' | 'paid') => {
    const ls = lines.get(billId) ?? [];
    splitProportionally(
      amount,
      ls.map((l) => l.weight),
    ).forEach((part, i) => {
      const c = ls[i]!.category_id;
      const s = sums.get(c) ?? { billed: 0, paid: 0 };
      s[key] += part;
      sums.set(c, s);
    });
  };
  for (const b of billed) spread(b.id, b.total_base, 'billed');
  const payments = new Map<number, typeof paid>();
  for (const p of paid) payments.set(p.payment_id, [...(payments.get(p.payment_id) ?? []), p]);
  for (const allocations of payments.values()) {
    splitProportionally(
      allocations[0]!.amount_base,
      allocations.map((a) => a.amount),
    ).forEach((part, i) => spread(allocations[i]!.bill_id, part, 'paid'));
  }
  const names = new Map(
    (await storeOf(ctx).all(qb.selectFrom('expense_categories').select(['id', 'name']))).map((c) => [
      c.id,
      c.name,
    ]),
  );
  return [...sums.entries()]
    .map(([id, s]) => ({ id, name: id === null ? 'Uncategorised' : (names.get(id) ?? ''), ...s }))
    .sort((a, b) => b.billed - a.billed || b.paid - a.paid || a.name.localeCompare(b.name));
}

/**
 * Invoiced against received, by month and by customer: invoices by issue date (credit notes
 * subtract), payments by their date, all in the base currency. Void and draft documents and
 * undone payments are left out. Billed against paid the same way: bills by bill date (drafts
 * and void bills left out), bill payments by their date, and both by expense category.
 */
export async function incomeExpenses(
  ctx: ServiceContext,
  input: ParsedInput<'reports.incomeExpenses'>,
): Promise<IncomeReport> {
  const store = storeOf(ctx);
  const invoiced = (await store
    .prepare(
      `SELECT substr(issue_date, 1, 7) AS month, customer_id,
              sum(CASE WHEN type = 'credit_note' THEN -total_base ELSE total_base END) AS amount
       FROM documents
       WHERE type IN ('invoice', 'credit_note') AND status NOT IN ('draft', 'void') AND issue_date BETWEEN ? AND ?
       GROUP BY month, customer_id`,
    )
    .all(input.from, input.to)) as { month: string; customer_id: number; amount: number }[];
  const received = (await store
    .prepare(
      `SELECT substr(date, 1, 7) AS month, customer_id, sum(amount_base) AS amount
       FROM payments WHERE undone_at IS NULL AND date BETWEEN ? AND ?
       GROUP BY month, customer_id`,
    )
    .all(input.from, input.to)) as { month: string; customer_id: number; amount: number }[];

  const billed = (await store
    .prepare(
      `SELECT id, substr(bill_date, 1, 7) AS month, total_base FROM bills INDEXED BY bills_by_date
       WHERE bill_date BETWEEN ? AND ? AND status NOT IN ('draft', 'void')`,
    )
    .all(input.from, input.to)) as { id: number; month: string; total_base: number }[];
  const paid = (await store
    .prepare(
      `SELECT p.id AS payment_id, substr(p.payment_date, 1, 7) AS month, p.amount_base, a.bill_id, a.amount
       FROM bill_payments p JOIN bill_payment_allocations a ON a.payment_id = p.id
       WHERE p.payment_date BETWEEN ? AND ? ORDER BY p.id, a.bill_id`,
    )
    .all(input.from, input.to)) as {
    payment_id: number;
    month: string;
    amount_base: number;
    bill_id: number;
    amount: number;
  }[];
  const sums = {
    invoiced: byMonth(invoiced),
    received: byMonth(received),
    billed: byMonth(billed.map((b) => ({ month: b.month, amount: b.total_base }))),
    // One row per allocation: count each payment once.
    paid: byMonth(
      paid
        .filter((p, i) => paid[i - 1]?.payment_id !== p.payment_id)
        .map((p) => ({ ...p, amount: p.amount_base })),
    ),
  };
  const months = monthsOf(input.from, input.to).map((month) => ({
    month,
    invoiced: sums.invoiced.get(month) ?? 0,
    received: sums.received.get(month) ?? 0,
    billed: sums.billed.get(month) ?? 0,
    paid: sums.paid.get(month) ?? 0,
  }));
  const ids = [...new Set([...invoiced, ...received].map((r) => r.customer_id))];
  const names = new Map(
    (ids.length
      ? ((await store
          .prepare(`SELECT id, name FROM customers WHERE id IN (${ids.map(() => '?').join(',')})`)
          .all(...ids)) as { id: number; name: string }[])
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
  return {
    currency: (await getPreferences(ctx)).baseCurrency,
    months,
    byCustomer,
    byCategory: await byCategory(ctx, billed, paid),
  };
}
