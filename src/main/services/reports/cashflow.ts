import { bankCashPosition } from '../bank/accounts';
import type { CashflowReport, CashflowWeek } from '../../../shared/api/reports';
import type { ParsedDocumentInput } from '../../../shared/api/documents';
import { addDays, daysBetween, parseIsoDate } from '../../../shared/domain/dates';
import { toBase } from '../../../shared/domain/fx';
import { upcomingOccurrences, type Schedule } from '../../../shared/domain/schedule';
import { dueDateFor } from '../../../shared/domain/terms';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { prepareDocument } from '../receivables/document-save';
import { getReportSettings } from './report-settings';
import { OPEN_SQL } from '../payables/common';
import { upcomingRecurringBills } from '../payables/recurring';
import { dialectOf } from '../../db/dialect';

export const FORECAST_WEEKS = 13;

/** Monday of the week that holds `date` (weeks run Monday to Sunday). */
export function weekStart(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export interface Flow {
  date: string;
  amount: number;
}

const SHIFT_SQL = `coalesce(round(s.days_late_sum * 1.0 / s.settled_count), 0)`;

/**
 * Open invoices grouped by the date their money is expected: the due date moved by how late
 * (or early) that customer has paid on average, never before today.
 *
 * Only the dates after `from` are asked for one by one: an invoice due on or before
 * `from` − (the largest average lateness of any customer) is expected by `from` whoever owes
 * it, so those are summed as one flow on `from` (the open total less what was read). The
 * forecast passes the end of this week, so a large book's old overdue invoices are never
 * read; expectedReceiptsByScan is the same flows read straight.
 */
export async function expectedReceipts(ctx: ServiceContext, today: string, from: string): Promise<Flow[]> {
  const store = storeOf(ctx);
  const { shift } = (await store
    .prepare(
      `SELECT ${dialectOf(store).greatest('0', `coalesce(max(${SHIFT_SQL}), 0)`)} AS shift FROM customer_payment_stats s WHERE s.settled_count > 0`,
    )
    .get()) as { shift: number };
  const { open } = (await store
    .prepare(
      `SELECT coalesce(sum(balance_base), 0) AS open FROM document_summary
       WHERE type = 'invoice' AND status IN ('issued', 'partially_paid')`,
    )
    .get()) as { open: number };
  const later = (
    (await store
      .prepare(
        `SELECT ${dialectOf(storeOf(ctx)).addDays('d.due_date', SHIFT_SQL)} AS expected, sum(d.balance_base) AS amount
         FROM documents d INDEXED BY documents_open_by_due
           LEFT JOIN customer_payment_stats s ON s.customer_id = d.customer_id AND s.settled_count > 0
         WHERE d.type = 'invoice' AND d.status IN ('issued', 'partially_paid') AND d.due_date > ? AND d.balance > 0
         GROUP BY expected`,
      )
      .all(addDays(from, -shift))) as { expected: string; amount: number }[]
  ).filter((r) => r.expected > from);
  const flows = later.map((r) => ({ date: r.expected > today ? r.expected : today, amount: r.amount }));
  const rest = open - later.reduce((sum, r) => sum + r.amount, 0);
  if (rest !== 0) flows.push({ date: from > today ? from : today, amount: rest });
  return flows;
}

/** expectedReceipts read straight from every open invoice (for tests and comparison). */
export async function expectedReceiptsByScan(ctx: ServiceContext, today: string): Promise<Flow[]> {
  return (
    (await storeOf(ctx)
      .prepare(
        `SELECT ${dialectOf(storeOf(ctx)).addDays('d.due_date', SHIFT_SQL)} AS expected, sum(d.balance_base) AS amount
         FROM documents d INDEXED BY documents_open_by_due LEFT JOIN customer_payment_stats s ON s.customer_id = d.customer_id AND s.settled_count > 0
         WHERE d.type = 'invoice' AND d.status IN ('issued', 'partially_paid') AND d.balance > 0
         GROUP BY expected`,
      )
      .all()) as { expected: string | null; amount: number }[]
  ).map((r) => ({ date: r.expected && r.expected > today ? r.expected : today, amount: r.amount }));
}

type Template = Omit<ParsedDocumentInput, 'issueDate' | 'type' | 'relatedId'>;

/** What one occurrence of a recurring invoice comes to, in the base currency. */
export async function recurringTotalBase(
  ctx: ServiceContext,
  templateJson: string,
  date: string,
): Promise<number> {
  const template = JSON.parse(templateJson) as Template;
  const prepared = await prepareDocument(
    ctx,
    { ...template, type: 'invoice', issueDate: date, relatedId: null },
    { allowArchivedCustomer: true, checkExemption: false },
  );
  return toBase(
    prepared.doc.total,
    template.currency,
    template.exchangeRate,
    (await getPreferences(ctx)).baseCurrency,
  );
}

/** Invoices that recurring schedules will make within the horizon, at their expected dates. */
async function recurringReceipts(ctx: ServiceContext, today: string, horizonEnd: string): Promise<Flow[]> {
  const rows = await storeOf(ctx).all(
    qb.selectFrom('recurring_invoices').selectAll().where('paused_at', 'is', null),
  );
  const out: Flow[] = [];
  for (const r of rows) {
    const schedule = JSON.parse(r.schedule) as Schedule;
    const template = JSON.parse(r.template) as Template;
    const stats = await storeOf(ctx).first(
      qb.selectFrom('customer_payment_stats').selectAll().where('customer_id', '=', r.customer_id),
    );
    const late = stats && stats.settled_count > 0 ? Math.round(stats.days_late_sum / stats.settled_count) : 0;
    let total: number | null = null;
    for (const o of upcomingOccurrences(schedule, r.next_index, 60)) {
      if (o.date > horizonEnd) break;
      if (o.date < today) continue;
      total ??= await recurringTotalBase(ctx, r.template, o.date);
      const due = template.due.kind === 'terms' ? dueDateFor(o.date, template.due.terms) : o.date;
      out.push({ date: addDays(due, late) > today ? addDays(due, late) : today, amount: total });
    }
  }
  return out;
}

/**
 * Open bills at their due dates, in the base currency: one range of the partial index of open
 * bills, grouped by due date. Overdue bills are due now.
 */
async function billsDue(ctx: ServiceContext, today: string): Promise<Flow[]> {
  return (
    (await storeOf(ctx)
      .prepare(
        `SELECT due_date, sum(balance_base) AS amount FROM bills INDEXED BY bills_open_by_due
         WHERE ${OPEN_SQL} GROUP BY due_date`,
      )
      .all()) as { due_date: string; amount: number }[]
  ).map((r) => ({ date: r.due_date > today ? r.due_date : today, amount: r.amount }));
}

/** Bills that recurring bills will make within the horizon, at their due dates. */
async function recurringBills(ctx: ServiceContext, today: string, horizonEnd: string): Promise<Flow[]> {
  return (await upcomingRecurringBills(ctx, today, horizonEnd)).map((b) => ({
    date: b.dueDate,
    amount: b.amount,
  }));
}

/**
 * The 13-week cash-flow forecast from this week's Monday: money expected in (open invoices,
 * recurring invoices still to come), money going out (bills due, recurring bills), and the
 * running balance from the opening cash the user entered.
 */
export async function cashflowForecast(ctx: ServiceContext): Promise<CashflowReport> {
  const today = ctx.clock.today();
  const start = weekStart(today);
  const end = addDays(start, FORECAST_WEEKS * 7 - 1);
  const settings = await getReportSettings(ctx);
  // The real bank balance, once a bank account in the base currency exists; else what was entered.
  const bank = await bankCashPosition(ctx, (await getPreferences(ctx)).baseCurrency);
  const opening = bank?.amount ?? settings.openingBalance?.amount ?? 0;
  const weeks: CashflowWeek[] = Array.from({ length: FORECAST_WEEKS }, (_, i) => ({
    start: addDays(start, i * 7),
    end: addDays(start, i * 7 + 6),
    receipts: 0,
    recurringReceipts: 0,
    bills: 0,
    recurringBills: 0,
    net: 0,
    balance: 0,
  }));
  const later = { receipts: 0, bills: 0 };
  const place = (flows: Flow[], key: 'receipts' | 'recurringReceipts' | 'bills' | 'recurringBills') => {
    for (const f of flows) {
      const index = Math.floor(daysBetween(start, f.date) / 7);
      if (index >= FORECAST_WEEKS) {
        if (key === 'receipts') later.receipts += f.amount;
        if (key === 'bills') later.bills += f.amount;
        continue;
      }
      weeks[Math.max(index, 0)]![key] += f.amount;
    }
  };
  place(await expectedReceipts(ctx, today, addDays(start, 6)), 'receipts');
  place(await recurringReceipts(ctx, today, end), 'recurringReceipts');
  place(await billsDue(ctx, today), 'bills');
  place(await recurringBills(ctx, today, end), 'recurringBills');
  let balance = opening;
  for (const w of weeks) {
    w.net = w.receipts + w.recurringReceipts - w.bills - w.recurringBills;
    balance += w.net;
    w.balance = balance;
  }
  return {
    currency: (await getPreferences(ctx)).baseCurrency,
    openingBalance: opening,
    openingDate: bank?.date ?? settings.openingBalance?.date ?? null,
    openingSource: bank ? 'bank' : settings.openingBalance ? 'entered' : 'none',
    weeks,
    later,
  };
}
