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
 * not yet settled on that date, found through the settled_on index, so it never walks the
 * whole history.
 */
export function outstandingInvoices(ctx: ServiceContext, asOf: string): Outstanding[] {
  const store = storeOf(ctx);
  if (asOf >= ctx.clock.today()) {
    return store
      .prepare(
        `SELECT d.id, d.number, d.customer_id AS party_id, c.name AS party_name, d.issue_date, d.due_date, d.currency,
                d.exchange_rate, d.balance AS outstanding
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
       SELECT d.id, d.number, d.customer_id AS party_id, cu.name AS party_name, d.issue_date, d.due_date, d.currency,
              d.exchange_rate,
              d.total - coalesce((SELECT sum(a.amount) FROM allocations a
                                  WHERE a.invoice_id = d.id AND a.date <= :asOf AND a.undone_at IS NULL), 0) AS outstanding
       FROM candidates c JOIN documents d ON d.id = c.id JOIN customers cu ON cu.id = d.customer_id
       WHERE outstanding > 0`,
    )
    .all({ asOf }) as Outstanding[];
}

/**
 * Today's (or a later date's) aging, summed in SQL: the open invoices' maintained base-currency
 * balances (balance_base = toBase(balance) at the invoice's rate, kept by balances.ts) bucketed
 * along the covering partial index documents_open_by_due, so no invoice row is read and none is
 * fetched into JavaScript. Invoices issued after the date (rare) are taken out again through
 * documents_by_issue_date. The same figures as agingReport over outstandingInvoices.
 */
function agingSums(ctx: ServiceContext, asOf: string): PartySums[] {
  return storeOf(ctx)
    .prepare(
      `WITH open AS (
         SELECT customer_id, due_date, balance_base AS amount, 1 AS n
         FROM documents INDEXED BY documents_open_by_due
         WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND balance > 0
         UNION ALL
         SELECT customer_id, due_date, -balance_base, -1
         FROM documents INDEXED BY documents_by_issue_date
         WHERE type = 'invoice' AND issue_date > :d0 AND status IN ('issued', 'partially_paid') AND balance > 0
       ), sums AS (
         SELECT customer_id AS party_id, ${agingSumsSql('due_date', 'amount')}
         FROM open GROUP BY customer_id HAVING sum(n) > 0
       )
       SELECT s.*, c.name AS party_name FROM sums s JOIN customers c ON c.id = s.party_id`,
    )
    .all(agingSumsParams(asOf)) as PartySums[];
}

/** Receivables aging by customer as of a date, in the base currency. */
export function receivablesAging(
  ctx: ServiceContext,
  input: ParsedInput<'reports.receivablesAging'>,
): AgingReport {
  const base = getPreferences(ctx).baseCurrency;
  if (input.asOf >= ctx.clock.today())
    return agingReportFromSums(agingSums(ctx, input.asOf), input.asOf, base);
  return agingReport(outstandingInvoices(ctx, input.asOf), input.asOf, base);
}

/** The invoices behind an aging cell: a customer, a bucket, or both. */
export function receivablesAgingItems(
  ctx: ServiceContext,
  input: ParsedInput<'reports.receivablesAgingItems'>,
): AgingItem[] {
  return agingItems(outstandingInvoices(ctx, input.asOf), input, getPreferences(ctx).baseCurrency);
}
