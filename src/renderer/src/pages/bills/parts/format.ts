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

/** Amounts and dates in the business locale: the renderer's one formatting helper. */
export { useFormat } from '../../../lib/format';

/** "€1,200.00 · $30.00": totals in several currencies, each in its own. */
export function formatTotals(
  totals: readonly { currency: string; amount: number }[],
  money: (minor: number, currency: string) => string,
  fallbackCurrency: string,
): string {
  if (totals.length === 0) return money(0, fallbackCurrency);
  return totals.map((t) => money(t.amount, t.currency)).join(' · ');
}

/** "Acme A-1042", or "Acme bill #7" without an invoice number; `t` is the caller's. */
export function billLabel(
  b: { vendorName: string; vendorInvoiceNumber: string; id: number },
  t: (key: 'bills.vendorBillNumber', params: { vendor: string; id: number }) => string,
): string {
  return b.vendorInvoiceNumber
    ? `${b.vendorName} ${b.vendorInvoiceNumber}`
    : t('bills.vendorBillNumber', { vendor: b.vendorName, id: b.id });
}
