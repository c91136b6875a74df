import { useCallback } from 'react';
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

export function billLabel(b: { vendorName: string; vendorInvoiceNumber: string; id: number }): string {
  return b.vendorInvoiceNumber ? `${b.vendorName} ${b.vendorInvoiceNumber}` : `${b.vendorName} bill #${b.id}`;
}
