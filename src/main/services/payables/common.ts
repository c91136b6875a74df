import { msg } from '../../../shared/i18n';
import { paymentTermsSchema } from '../../../shared/api/common';
import type { EarlyPaymentInput } from '../../../shared/api/payables';
import { bpToPercent, percentToBp } from '../../../shared/domain/bill-amounts';
import type { EarlyPaymentTerms } from '../../../shared/domain/early-payment';
import { formatMoney } from '../../../shared/domain/money';
import type { PaymentTerms } from '../../../shared/domain/terms';
import { fieldError, notFound } from '../../../shared/api/errors';
import { dialectOf } from '../../db/dialect';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';

/** Helpers shared by the payables services. */

export function nowIso(ctx: ServiceContext): string {
  return ctx.clock.now().toISOString();
}

/** Formats minor units in the business locale: money(12345, 'EUR') -> "€123.45". */
export async function moneyFormatter(ctx: ServiceContext, defaultCurrency: string) {
  const { locale } = await getPreferences(ctx);
  return (minor: number, currency = defaultCurrency) => formatMoney(minor, currency, locale);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats a YYYY-MM-DD date in the business locale ("5 Mar 2026" in en-IE). */
export async function dateFormatter(ctx: ServiceContext) {
  const { locale } = await getPreferences(ctx);
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  const fmt = f;
  return (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return fmt.format(new Date(Date.UTC(y, m - 1, d)));
  };
}

export function parseTerms(json: string): PaymentTerms {
  const parsed = paymentTermsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { kind: 'net', days: 30 };
}

export function earlyFromColumns(bp: number | null, days: number | null): EarlyPaymentTerms | null {
  return bp === null || days === null ? null : { discountBp: bp, days };
}

export function earlyToOutput(
  terms: EarlyPaymentTerms | null,
): { discountPercent: number; days: number } | null {
  return terms ? { discountPercent: bpToPercent(terms.discountBp), days: terms.days } : null;
}

export function earlyFromInput(input: EarlyPaymentInput | null): EarlyPaymentTerms | null {
  return input ? { discountBp: percentToBp(input.discountPercent)!, days: input.days } : null;
}

/** The vendor, or a field error saying it is missing or archived. */
export async function requireVendor(
  ctx: ServiceContext,
  vendorId: number,
  field = 'vendorId',
  allowArchived = false,
) {
  const v = await storeOf(ctx).first(qb.selectFrom('vendors').selectAll().where('id', '=', vendorId));
  if (!v) throw fieldError(field, msg('errors.common.vendorDoesNotExist'));
  if (v.archived_at && !allowArchived)
    throw fieldError(field, msg('errors.common.nameArchivedRestoreVendor', { name: v.name }));
  return v;
}

export async function requireCategory(
  ctx: ServiceContext,
  categoryId: number | null,
  field: string,
): Promise<void> {
  if (categoryId === null) return;
  const c = await storeOf(ctx).first(
    qb.selectFrom('expense_categories').select('id').where('id', '=', categoryId),
  );
  if (!c) throw fieldError(field, msg('errors.common.categoryDoesNotExist'));
}

/**
 * A bill's row. With `lock`, read in a transaction about to change it: on shared books a
 * second save from the same version at the same moment waits, then sees the new version.
 */
export async function billExists(ctx: ServiceContext, id: number, options: { lock?: boolean } = {}) {
  const store = storeOf(ctx);
  let q = qb.selectFrom('bills').selectAll().where('id', '=', id);
  if (options.lock) q = q.modifyEnd(dialectOf(store).forUpdate);
  const row = await store.first(q);
  if (!row) throw notFound(msg('errors.notFound.bill'));
  return row;
}

/** Sums of (currency, amount) rows, sorted by currency. */
export function byCurrency(rows: readonly { currency: string; amount: number | null }[]) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.currency, (m.get(r.currency) ?? 0) + (r.amount ?? 0));
  return [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount }));
}

/** SQL text of the open-bill condition, exactly as the partial index bills_open_by_due states it. */
export const OPEN_SQL = "status IN ('awaiting_payment', 'partially_paid')";
