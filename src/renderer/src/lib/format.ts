/**
 * The renderer's one formatting path for dates and numbers, in the business locale
 * (Settings → Preferences), built on Intl. The functions are the shared ones the PDF uses
 * (src/shared/domain): a date, quantity or amount reads the same on screen and on paper.
 * Components use `useFormat()`; the plain functions are for code that has the locale at hand.
 */
import { useMemo } from 'react';
import { formatMoney } from '../../../shared/domain/money';
import { formatDate } from '../../../shared/domain/dates';
import { formatPercent, formatQuantity } from '../../../shared/domain/document-view';
import { useSettings } from '../app/useSettings';

export { formatMoney, formatDate, formatQuantity, formatPercent };
export { formatBytes } from '../../../shared/api/fields';

const dateTimes = new Map<string, Intl.DateTimeFormat>();
/** A UTC timestamp in the user's local time. */
export function formatDateTime(isoTimestamp: string, locale: string): string {
  let f = dateTimes.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimes.set(locale, f);
  }
  return f.format(new Date(isoTimestamp));
}

const numbers = new Map<string, Intl.NumberFormat>();
/** A count or plain number (1.234 in de, 1,234 in en). */
export function formatNumber(n: number, locale: string): string {
  let f = numbers.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    numbers.set(locale, f);
  }
  return f.format(n);
}

/** Every formatter, bound to the business locale and base currency. */
export function useFormat() {
  const { locale, baseCurrency } = useSettings().preferences;
  return useMemo(
    () => ({
      locale,
      baseCurrency,
      money: (minor: number, currency: string = baseCurrency, code = false) =>
        formatMoney(minor, currency, locale, { code }),
      date: (iso: string) => formatDate(iso, locale),
      dateTime: (timestamp: string) => formatDateTime(timestamp, locale),
      /** A decimal text ("12.5") as the locale writes it ("12,5"). */
      quantity: (decimal: string) => formatQuantity(decimal, locale),
      percent: (decimal: string) => formatPercent(decimal, locale),
      number: (n: number) => formatNumber(n, locale),
    }),
    [locale, baseCurrency],
  );
}

export function currencyName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function localeName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
