import { useCallback } from 'react';
import { decimalSeparatorOf, minorToDecimalString, parseMoney } from '../../../../../shared/domain/money';
import { useSettings } from '../../../app/useSettings';
import { formatDate, formatMoney } from '../../../lib/format';

/** Every query a payables change can affect: refetched after each mutation. */
export const PAYABLES = [
  'bills',
  'billPayments',
  'reminders',
  'vendors',
  'purchaseOrders',
  'expenseCategories',
  'audit',
  // The dashboard and the reports read bills too.
  'dashboard',
  'reports',
];

/** Formats amounts and dates in the business locale. */
export function useFormat() {
  const { locale, baseCurrency } = useSettings().preferences;
  const money = useCallback(
    (minor: number, currency = baseCurrency) => formatMoney(minor, currency, locale),
    [locale, baseCurrency],
  );
  const date = useCallback((iso: string) => formatDate(iso, locale), [locale]);
  return { money, date, locale, baseCurrency };
}

/** "€1,200.00 · $30.00": totals in several currencies, each in its own. */
export function formatTotals(
  totals: readonly { currency: string; amount: number }[],
  money: (minor: number, currency: string) => string,
  fallbackCurrency: string,
): string {
  if (totals.length === 0) return money(0, fallbackCurrency);
  return totals.map((t) => money(t.amount, t.currency)).join(' · ');
}

/** Minor units as the text a person types back: 123456 EUR in de-DE -> "1234,56". */
export function toInputText(minor: number | null, currency: string, locale: string): string {
  if (minor === null) return '';
  const text = minorToDecimalString(minor, currency);
  return decimalSeparatorOf(locale) === ',' ? text.replace('.', ',') : text;
}

export function parseInputMoney(text: string, currency: string, locale: string): number | null {
  try {
    return parseMoney(text, currency, decimalSeparatorOf(locale));
  } catch {
    return null;
  }
}

/** Today's date where the user is. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function billLabel(b: { vendorName: string; vendorInvoiceNumber: string; id: number }): string {
  return b.vendorInvoiceNumber ? `${b.vendorName} ${b.vendorInvoiceNumber}` : `${b.vendorName} bill #${b.id}`;
}
