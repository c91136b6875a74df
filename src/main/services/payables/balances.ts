import { msg } from '../../../shared/i18n';
import { statusFromBalance, type BillStatus } from '../../../shared/domain/bill-status';
import { toBase } from '../../../shared/domain/fx';
import { fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';

export interface BillState {
  paid: number;
  discount_taken: number;
  credited: number;
  balance: number;
  status: BillStatus;
  settled_on: string | null;
}

/**
 * Keeps a bill's paid amount, discount taken, balance, status, base-currency figures and
 * settled_on current from its payment allocations. Called in the same transaction as every
 * change to a bill or to money applied to it (save, approve, void, payment, undo, payment run),
 * so reports read maintained figures and never recompute history. settled_on is the date the
 * balance reached zero (the last payment's date), which lets aging as of a past date skip the
 * bills already settled then. What was paid in advance (`prepaid`, from an e-invoice's BT-113)
 * and vendor credits applied to the bill count as settled too. Drafts and void bills keep their status.
 */
export async function refreshBill(ctx: ServiceContext, billId: number): Promise<BillState> {
  const store = storeOf(ctx);
  const bill = (await store.first(
    qb
      .selectFrom('bills')
      .select(['status', 'total', 'currency', 'exchange_rate', 'prepaid', 'bill_date'])
      .where('id', '=', billId),
  ))!;
  const sums = (await store
    .prepare(
      `SELECT coalesce(sum(a.amount), 0) AS paid, coalesce(sum(a.discount), 0) AS discount, max(p.payment_date) AS last
       FROM bill_payment_allocations a JOIN bill_payments p ON p.id = a.payment_id WHERE a.bill_id = ?`,
    )
    .get(billId)) as { paid: number; discount: number; last: string | null };
  // Vendor credits applied to the bill lower its balance like a payment (without being one).
  const credits = (await store
    .prepare(
      `SELECT coalesce(sum(amount), 0) AS credited, max(applied_on) AS last
       FROM vendor_credit_applications WHERE bill_id = ?`,
    )
    .get(billId)) as { credited: number; last: string | null };
  const settled = sums.paid + sums.discount + bill.prepaid + credits.credited;
  const balance = bill.total - settled;
  const status = statusFromBalance(bill.status, bill.total, settled);
  const base = (await getPreferences(ctx)).baseCurrency;
  const lastDates = [sums.last, credits.last, bill.prepaid > 0 ? bill.bill_date : null].filter(
    (d): d is string => d !== null,
  );
  const state: BillState = {
    paid: sums.paid,
    discount_taken: sums.discount,
    credited: credits.credited,
    balance,
    status,
    settled_on: status === 'paid' ? (lastDates.sort().at(-1) ?? null) : null,
  };
  await store.run(
    qb
      .updateTable('bills')
      .set({
        ...state,
        total_base: toBase(bill.total, bill.currency, bill.exchange_rate, base),
        balance_base: toBase(balance, bill.currency, bill.exchange_rate, base),
      })
      .where('id', '=', billId),
  );
  return state;
}

/**
 * The exchange rate to store for an amount in `currency`: '1' in the base currency; otherwise
 * the rate given, which must then be there (reported at `field`).
 */
export async function rateFor(
  ctx: ServiceContext,
  currency: string,
  rate: string | undefined,
  field = 'exchangeRate',
): Promise<string> {
  const base = (await getPreferences(ctx)).baseCurrency;
  if (currency === base) return '1';
  if (rate === undefined)
    throw fieldError(field, msg('errors.balances.enterExchangeRateWhat', { currency, base }));
  return rate;
}
