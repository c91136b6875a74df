import type { ParsedInput } from '../../../shared/api/contract';
import type { AgingItem, AgingReport } from '../../../shared/api/reports';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import {
  agingItems,
  agingReport,
  agingReportFromSums,
  agingSumsParams,
  agingSumsSql,
  type Outstanding,
  type PartySums,
} from './aging';

/**
 * What each invoice still owed on `asOf`, rebuilt from the documents and the money applied
 * on or before that date (void invoices and undone payments never count). Today's figures
 * come straight from the maintained balances; a past date looks only at invoices that were
 * not yet settled on that date, found through the settled_on index (named: left to itself,
 * SQLite read every paid invoice issued before the date, 0.9 s at 1M), so it never walks the
 * whole history.
 */
export async function outstandingInvoices(ctx: ServiceContext, asOf: string): Promise<Outstanding[]> {
  const store = storeOf(ctx);
  if (asOf >= ctx.clock.today()) {
    return (await store
      .prepare(
        `SELECT d.id, d.number, d.customer_id AS party_id, c.name AS party_name, d.issue_date, d.due_date, d.currency,
                d.exchange_rate, d.balance AS outstanding
         FROM documents d JOIN customers c ON c.id = d.customer_id
         WHERE d.type = 'invoice' AND d.status IN ('issued', 'partially_paid') AND d.balance > 0 AND d.issue_date <= ?`,
      )
      .all(asOf)) as Outstanding[];
  }
  return (await store
    .prepare(
      `WITH candidates AS (
         SELECT id FROM documents
         WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND issue_date <= :asOf
         UNION ALL
         SELECT id FROM documents INDEXED BY documents_settled
         WHERE type = 'invoice' AND settled_on > :asOf AND status = 'paid' AND issue_date <= :asOf
       )
       SELECT * FROM (
       SELECT d.id, d.number, d.customer_id AS party_id, cu.name AS party_name, d.issue_date, d.due_date, d.currency,
              d.exchange_rate,
              d.total - coalesce((SELECT sum(a.amount) FROM allocations a
                                  WHERE a.invoice_id = d.id AND a.date <= :asOf AND a.undone_at IS NULL), 0) AS outstanding
       FROM candidates c JOIN documents d ON d.id = c.id JOIN customers cu ON cu.id = d.customer_id
       ) AS o WHERE outstanding > 0`,
    )
    .all({ asOf })) as Outstanding[];
}

/**
 * Today's (or a later date's) aging without reading the old invoices one by one:
 *  - invoices due within the 90 days before the date, later, or without a due date are summed
 *    by bucket along the covering partial index documents_open_by_due (balance_base is
 *    toBase(balance) at the invoice's rate, kept by balances.ts);
 *  - "90+ days" is the rest of each customer's open balance, which triggers keep in
 *    customers.open_balance_base (the sum of balance_base over their open invoices);
 *  - invoices issued after the date (rare) are taken out again, found by documents_by_issue_date.
 * A customer has a row when they have an open invoice issued on or before the date, as in
 * agingReport over outstandingInvoices, which gives the same figures (tested).
 */
async function agingSums(ctx: ServiceContext, asOf: string): Promise<PartySums[]> {
  return (await storeOf(ctx)
    .prepare(
      `WITH items AS (
         SELECT customer_id, due_date, balance_base AS amount, 1 AS n
         FROM documents INDEXED BY documents_open_by_due
         WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND balance > 0 AND due_date >= :d90
         UNION ALL
         SELECT customer_id, due_date, balance_base, 1
         FROM documents INDEXED BY documents_open_by_due
         WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND balance > 0 AND due_date IS NULL
         UNION ALL
         SELECT customer_id, due_date, -balance_base, -1
         FROM documents INDEXED BY documents_by_issue_date
         WHERE type = 'invoice' AND issue_date > :d0 AND status IN ('issued', 'partially_paid') AND balance > 0
       ), recent AS (
         SELECT customer_id, ${agingSumsSql('due_date', 'amount')},
                sum(CASE WHEN n = 1 THEN amount ELSE 0 END) AS counted,
                sum(n) AS items
         FROM items GROUP BY customer_id
       )
       SELECT c.id AS party_id, c.name AS party_name,
              coalesce(r.current, 0) AS current, coalesce(r.d1_30, 0) AS d1_30,
              coalesce(r.d31_60, 0) AS d31_60, coalesce(r.d61_90, 0) AS d61_90,
              c.open_balance_base - coalesce(r.counted, 0) + coalesce(r.d90plus, 0) AS d90plus
       FROM customers c LEFT JOIN recent r ON r.customer_id = c.id
       WHERE coalesce(r.items, 0) > 0
          OR c.open_balance_base - coalesce(r.counted, 0) + coalesce(r.d90plus, 0) <> 0
          OR EXISTS (SELECT 1 FROM documents d INDEXED BY documents_open_by_customer
                     WHERE d.customer_id = c.id AND d.type = 'invoice'
                       AND d.status IN ('issued', 'partially_paid') AND d.due_date < :d90
                       AND d.balance > 0 AND d.issue_date <= :d0)`,
    )
    .all(agingSumsParams(asOf))) as PartySums[];
}

/** Receivables aging by customer as of a date, in the base currency. */
export async function receivablesAging(
  ctx: ServiceContext,
  input: ParsedInput<'reports.receivablesAging'>,
): Promise<AgingReport> {
  const base = (await getPreferences(ctx)).baseCurrency;
  if (input.asOf >= ctx.clock.today())
    return agingReportFromSums(await agingSums(ctx, input.asOf), input.asOf, base);
  return agingReport(await outstandingInvoices(ctx, input.asOf), input.asOf, base);
}

/** The invoices behind an aging cell: a customer, a bucket, or both. */
export async function receivablesAgingItems(
  ctx: ServiceContext,
  input: ParsedInput<'reports.receivablesAgingItems'>,
): Promise<AgingItem[]> {
  return agingItems(
    await outstandingInvoices(ctx, input.asOf),
    input,
    (await getPreferences(ctx)).baseCurrency,
  );
}
