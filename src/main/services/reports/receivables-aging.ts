import type { ParsedInput } from '../../../shared/api/contract';
import type { AgingItem, AgingReport, AgingRow } from '../../../shared/api/reports';
import { agingBucket } from '../../../shared/domain/aging';
import { daysBetween } from '../../../shared/domain/dates';
import { toBase } from '../../../shared/domain/fx';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';

interface Outstanding {
  id: number;
  number: string | null;
  customer_id: number;
  customer_name: string;
  issue_date: string;
  due_date: string | null;
  currency: string;
  exchange_rate: string;
  outstanding: number;
}

/**
 * What each invoice still owed on `asOf`, rebuilt from the documents and the money applied
 * on or before that date (void invoices and undone payments never count). Today's figures
 * come straight from the maintained balances; a past date looks only at invoices that were
 * not yet settled on that date, found through the settled_on index, so it never walks the
 * whole history.
 */
export function outstandingInvoices(ctx: ServiceContext, asOf: string): Outstanding[] {
  const store = storeOf(ctx);
  if (asOf >= ctx.clock.today()) {
    return store
      .prepare(
        `SELECT d.id, d.number, d.customer_id, c.name AS customer_name, d.issue_date, d.due_date, d.currency, d.exchange_rate,
                d.balance AS outstanding
         FROM documents d JOIN customers c ON c.id = d.customer_id
         WHERE d.type = 'invoice' AND d.status IN ('issued', 'partially_paid') AND d.balance > 0 AND d.issue_date <= ?`,
      )
      .all(asOf) as Outstanding[];
  }
  return store
    .prepare(
      `WITH candidates AS (
         SELECT id FROM documents
         WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND issue_date <= :asOf
         UNION ALL
         SELECT id FROM documents
         WHERE type = 'invoice' AND settled_on > :asOf AND status = 'paid' AND issue_date <= :asOf
       )
       SELECT d.id, d.number, d.customer_id, cu.name AS customer_name, d.issue_date, d.due_date, d.currency, d.exchange_rate,
              d.total - coalesce((SELECT sum(a.amount) FROM allocations a
                                  WHERE a.invoice_id = d.id AND a.date <= :asOf AND a.undone_at IS NULL), 0) AS outstanding
       FROM candidates c JOIN documents d ON d.id = c.id JOIN customers cu ON cu.id = d.customer_id
       WHERE outstanding > 0`,
    )
    .all({ asOf }) as Outstanding[];
}

function emptyFigures() {
  return { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0, total: 0 };
}

function toItem(o: Outstanding, asOf: string, base: string): AgingItem {
  const daysOverdue = o.due_date ? daysBetween(o.due_date, asOf) : 0;
  return {
    id: o.id,
    number: o.number,
    partyId: o.customer_id,
    partyName: o.customer_name,
    issueDate: o.issue_date,
    dueDate: o.due_date,
    daysOverdue,
    bucket: agingBucket(daysOverdue),
    currency: o.currency,
    outstanding: o.outstanding,
    outstandingBase: toBase(o.outstanding, o.currency, o.exchange_rate, base),
  };
}

/** Receivables aging by customer as of a date, in the base currency. */
export function receivablesAging(
  ctx: ServiceContext,
  input: ParsedInput<'reports.receivablesAging'>,
): AgingReport {
  const base = getPreferences(ctx).baseCurrency;
  const byCustomer = new Map<number, AgingRow>();
  const totals = emptyFigures();
  for (const o of outstandingInvoices(ctx, input.asOf)) {
    const item = toItem(o, input.asOf, base);
    const row = byCustomer.get(o.customer_id) ?? {
      id: o.customer_id,
      name: o.customer_name,
      ...emptyFigures(),
    };
    row[item.bucket] += item.outstandingBase;
    row.total += item.outstandingBase;
    totals[item.bucket] += item.outstandingBase;
    totals.total += item.outstandingBase;
    byCustomer.set(o.customer_id, row);
  }
  const rows = [...byCustomer.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return { asOf: input.asOf, currency: base, rows, totals };
}

/** The invoices behind an aging cell: a customer, a bucket, or both. */
export function receivablesAgingItems(
  ctx: ServiceContext,
  input: ParsedInput<'reports.receivablesAgingItems'>,
): AgingItem[] {
  const base = getPreferences(ctx).baseCurrency;
  return outstandingInvoices(ctx, input.asOf)
    .filter((o) => input.partyId === null || o.customer_id === input.partyId)
    .map((o) => toItem(o, input.asOf, base))
    .filter((i) => input.bucket === null || i.bucket === input.bucket)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id);
}
