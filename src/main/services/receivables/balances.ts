import { toBase } from '../../../shared/domain/fx';
import { daysBetween } from '../../../shared/domain/dates';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';

/**
 * Keeps an invoice's paid, credited, balance and status current from its allocations. Called
 * in the same transaction as any change to money applied to it, so reads never recompute.
 * settled_on is the date the balance reached zero (the last allocation's date), which lets
 * aging "as of" a past date skip invoices already settled then.
 */
export async function refreshInvoice(ctx: ServiceContext, invoiceId: number): Promise<void> {
  const store = storeOf(ctx);
  const doc = await store.first(
    qb
      .selectFrom('documents')
      .select(['status', 'total', 'currency', 'exchange_rate', 'customer_id', 'due_date', 'settled_on'])
      .where('id', '=', invoiceId),
  );
  if (!doc || doc.status === 'draft' || doc.status === 'void') return;
  const sums = (await store
    .prepare(
      `SELECT coalesce(sum(CASE WHEN payment_id IS NOT NULL THEN amount END), 0) AS paid,
              coalesce(sum(CASE WHEN credit_note_id IS NOT NULL THEN amount END), 0) AS credited,
              max(date) AS last
       FROM allocations WHERE invoice_id = ? AND undone_at IS NULL`,
    )
    .get(invoiceId)) as { paid: number; credited: number; last: string | null };
  const balance = doc.total - sums.paid - sums.credited;
  const status = balance <= 0 ? 'paid' : sums.paid + sums.credited > 0 ? 'partially_paid' : 'issued';
  const base = (await getPreferences(ctx)).baseCurrency;
  const settledOn = balance <= 0 ? (sums.last ?? null) : null;
  await adjustPaymentStats(ctx, doc.customer_id, doc.due_date, doc.settled_on, settledOn);
  await store.run(
    qb
      .updateTable('documents')
      .set({
        paid: sums.paid,
        credited: sums.credited,
        balance,
        balance_base: toBase(balance, doc.currency, doc.exchange_rate, base),
        status,
        settled_on: settledOn,
      })
      .where('id', '=', invoiceId),
  );
}

/** A credit note's balance is the credit still unused; fully used, it is "applied". */
export async function refreshCreditNote(ctx: ServiceContext, creditNoteId: number): Promise<void> {
  const store = storeOf(ctx);
  const doc = await store.first(
    qb
      .selectFrom('documents')
      .select(['status', 'total', 'currency', 'exchange_rate'])
      .where('id', '=', creditNoteId),
  );
  if (!doc || doc.status === 'draft' || doc.status === 'void') return;
  const used = (await store
    .prepare(
      'SELECT coalesce(sum(amount), 0) AS used, max(date) AS last FROM allocations WHERE credit_note_id = ? AND undone_at IS NULL',
    )
    .get(creditNoteId)) as { used: number; last: string | null };
  const balance = doc.total - used.used;
  await store.run(
    qb
      .updateTable('documents')
      .set({
        balance,
        balance_base: toBase(
          balance,
          doc.currency,
          doc.exchange_rate,
          (await getPreferences(ctx)).baseCurrency,
        ),
        status: balance <= 0 ? 'applied' : 'issued',
        settled_on: balance <= 0 ? used.last : null,
      })
      .where('id', '=', creditNoteId),
  );
}

/**
 * Keeps customer_payment_stats current: an invoice settled (or no longer settled) moves the
 * customer's count of settled invoices and their total days late (negative when early).
 */
export async function adjustPaymentStats(
  ctx: ServiceContext,
  customerId: number,
  dueDate: string | null,
  oldSettled: string | null,
  newSettled: string | null,
): Promise<void> {
  if (!dueDate || oldSettled === newSettled) return;
  const late = (d: string | null) => (d === null ? 0 : daysBetween(dueDate, d));
  const count = (newSettled ? 1 : 0) - (oldSettled ? 1 : 0);
  const days = late(newSettled) - late(oldSettled);
  await storeOf(ctx)
    .prepare(
      `INSERT INTO customer_payment_stats (customer_id, settled_count, days_late_sum) VALUES (?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET settled_count = customer_payment_stats.settled_count + excluded.settled_count,
         days_late_sum = customer_payment_stats.days_late_sum + excluded.days_late_sum`,
    )
    .run(customerId, count, days);
}
