import type { ParsedInput } from '../../../shared/api/contract';
import type { AgingItem, AgingReport } from '../../../shared/api/reports';
import { storeOf, type ServiceContext } from '../context';
import { OPEN_SQL } from '../payables/common';
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
 * What each bill still owed on `asOf`, by vendor. Drafts and void bills never count. Today's
 * figures are the maintained balances of open bills (the partial index bills_open_by_due);
 * a past date is rebuilt from the bills dated on or before it and the payments (and the
 * early-payment discounts they settled) dated on or before it, less what the vendor's e-invoice
 * says was prepaid and the vendor credits applied on or before it, looking only at bills open now
 * or settled after that date (the partial index bills_settled), never the whole history.
 */
export async function outstandingBills(ctx: ServiceContext, asOf: string): Promise<Outstanding[]> {
  const store = storeOf(ctx);
  const columns = `b.id, nullif(b.vendor_invoice_number, '') AS number, b.vendor_id AS party_id, v.name AS party_name,
                   b.bill_date AS issue_date, b.due_date, b.currency, b.exchange_rate`;
  if (asOf >= ctx.clock.today()) {
    return (await store
      .prepare(
        `SELECT ${columns}, b.balance AS outstanding
         FROM bills b INDEXED BY bills_open_by_due JOIN vendors v ON v.id = b.vendor_id
         WHERE b.${OPEN_SQL} AND b.balance > 0 AND b.bill_date <= ?`,
      )
      .all(asOf)) as Outstanding[];
  }
  return (await store
    .prepare(
      `WITH candidates AS (
         SELECT id FROM bills INDEXED BY bills_open_by_due WHERE ${OPEN_SQL} AND bill_date <= :asOf
         UNION ALL
         SELECT id FROM bills INDEXED BY bills_settled
         WHERE settled_on IS NOT NULL AND settled_on > :asOf AND status = 'paid' AND bill_date <= :asOf
       )
       SELECT * FROM (
       SELECT ${columns},
              b.total - coalesce((SELECT sum(a.amount + a.discount)
                                  FROM bill_payment_allocations a JOIN bill_payments p ON p.id = a.payment_id
                                  WHERE a.bill_id = b.id AND p.payment_date <= :asOf), 0)
                      - b.prepaid
                      - coalesce((SELECT sum(ca.amount) FROM vendor_credit_applications ca
                                  WHERE ca.bill_id = b.id AND ca.applied_on <= :asOf), 0) AS outstanding
       FROM candidates c JOIN bills b ON b.id = c.id JOIN vendors v ON v.id = b.vendor_id
       ) AS o WHERE outstanding > 0`,
    )
    .all({ asOf })) as Outstanding[];
}

/**
 * Today's (or a later date's) aging, summed in SQL over the covering partial index
 * bills_open_by_due (balance_base is toBase(balance) at the bill's rate, kept by
 * payables/balances.ts): no bill row is read or fetched into JavaScript. The same figures as
 * agingReport over outstandingBills.
 */
async function agingSums(ctx: ServiceContext, asOf: string): Promise<PartySums[]> {
  return (await storeOf(ctx)
    .prepare(
      `WITH sums AS (
         SELECT vendor_id AS party_id, ${agingSumsSql('due_date', 'balance_base')}
         FROM bills INDEXED BY bills_open_by_due
         WHERE ${OPEN_SQL} AND balance > 0 AND bill_date <= :d0
         GROUP BY vendor_id
       )
       SELECT s.*, v.name AS party_name FROM sums s JOIN vendors v ON v.id = s.party_id`,
    )
    .all(agingSumsParams(asOf))) as PartySums[];
}

/** Payables aging by vendor as of a date, in the base currency at each bill's rate. */
export async function payablesAging(
  ctx: ServiceContext,
  input: ParsedInput<'reports.payablesAging'>,
): Promise<AgingReport> {
  const base = (await getPreferences(ctx)).baseCurrency;
  if (input.asOf >= ctx.clock.today())
    return agingReportFromSums(await agingSums(ctx, input.asOf), input.asOf, base);
  return agingReport(await outstandingBills(ctx, input.asOf), input.asOf, base);
}

/** The bills behind an aging cell: a vendor, a bucket, or both. */
export async function payablesAgingItems(
  ctx: ServiceContext,
  input: ParsedInput<'reports.payablesAgingItems'>,
): Promise<AgingItem[]> {
  return agingItems(await outstandingBills(ctx, input.asOf), input, (await getPreferences(ctx)).baseCurrency);
}
