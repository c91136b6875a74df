import type { ParsedInput } from '../../../shared/api/contract';
import type { DueView, DueViewResult } from '../../../shared/api/payables';
import { addDays, daysInMonth, type IsoDate } from '../../../shared/domain/dates';
import { displayStatus } from '../../../shared/domain/bill-status';
import { storeOf, type ServiceContext } from '../context';
import { OPEN_SQL, byCurrency } from './common';
import { ROW_SQL, toRow, type RawRow } from './bills';

/**
 * Due-date tracking: open bills (awaiting payment or partially paid) that are overdue, due in
 * the next 7 days (today to today + 7), or later, each with its count and total per currency,
 * sorted by due date. Every query is a range of the partial index bills_open_by_due, which
 * holds only open bills, so the cost follows the number of open bills, not the history.
 */
export const NEXT_DAYS = 7;

function range(view: DueView, today: IsoDate): { sql: string; params: string[] } {
  switch (view) {
    case 'overdue':
      return { sql: 'due_date < ?', params: [today] };
    case 'next7':
      return { sql: 'due_date BETWEEN ? AND ?', params: [today, addDays(today, NEXT_DAYS)] };
    case 'later':
      return { sql: 'due_date > ?', params: [addDays(today, NEXT_DAYS)] };
  }
}

async function totals(ctx: ServiceContext, view: DueView, today: IsoDate) {
  const r = range(view, today);
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT currency, count(*) AS n, sum(balance) AS amount FROM bills INDEXED BY bills_open_by_due
       WHERE ${OPEN_SQL} AND ${r.sql} GROUP BY currency`,
    )
    .all(...r.params)) as { currency: string; n: number; amount: number }[];
  return { view, count: rows.reduce((s, x) => s + x.n, 0), totals: byCurrency(rows) };
}

export async function dueView(ctx: ServiceContext, input: ParsedInput<'bills.due'>): Promise<DueViewResult> {
  const today = ctx.clock.today();
  const r = range(input.view, today);
  const rows = (await storeOf(ctx)
    .prepare(
      `${ROW_SQL.replace('FROM bills b', 'FROM bills b INDEXED BY bills_open_by_due')}
       WHERE ${OPEN_SQL} AND ${r.sql} ORDER BY b.due_date, b.id LIMIT ? OFFSET ?`,
    )
    .all(...r.params, input.limit, input.offset)) as RawRow[];
  return { ...(await totals(ctx, input.view, today)), rows: rows.map((row) => toRow(row, today)) };
}

export async function dueSummary(ctx: ServiceContext) {
  const today = ctx.clock.today();
  const any = (await storeOf(ctx).prepare('SELECT EXISTS (SELECT 1 FROM bills) AS any').get()) as {
    any: number;
  };
  return {
    today,
    hasBills: any.any === 1,
    overdue: await totals(ctx, 'overdue', today),
    next7: await totals(ctx, 'next7', today),
    later: await totals(ctx, 'later', today),
  };
}

/** A month calendar of due dates: every bill owed or paid that falls due in the month. */
export async function dueCalendar(ctx: ServiceContext, input: ParsedInput<'bills.calendar'>) {
  const today = ctx.clock.today();
  const [y, m] = input.month.split('-').map(Number) as [number, number];
  const first = `${input.month}-01`;
  const last = `${input.month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  const rows = (await storeOf(ctx)
    .prepare(
      `${ROW_SQL.replace('FROM bills b', 'FROM bills b INDEXED BY bills_by_due')}
       WHERE b.due_date BETWEEN ? AND ? AND b.status NOT IN ('void', 'draft')
       ORDER BY b.due_date, b.id LIMIT 5000`,
    )
    .all(first, last)) as RawRow[];
  const byDay = new Map<string, ReturnType<typeof calendarBill>[]>();
  for (const r of rows) {
    const list = byDay.get(r.due_date) ?? [];
    list.push(calendarBill(r, today));
    byDay.set(r.due_date, list);
  }
  const open = rows.filter((r) => r.status === 'awaiting_payment' || r.status === 'partially_paid');
  return {
    month: input.month,
    today,
    days: [...byDay.entries()].map(([date, bills]) => ({ date, bills })),
    totals: byCurrency(open.map((r) => ({ currency: r.currency, amount: r.balance }))),
  };
}

function calendarBill(r: RawRow, today: IsoDate) {
  return {
    id: r.id,
    vendorName: r.vendor_name,
    vendorInvoiceNumber: r.vendor_invoice_number,
    currency: r.currency,
    total: r.total,
    balance: r.balance,
    displayStatus: displayStatus(r.status, r.due_date, today),
  };
}
