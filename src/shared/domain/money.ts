import { minorUnits } from './currencies';
import { parseDecimalInput } from './number-input';

/**
 * Money is an integer count of the currency's minor units (cents, fils, yen). These
 * helpers convert between that integer and the decimal text people read and type, without
 * ever going through a binary float.
 */

/** 123456 EUR -> "1234.56"; -5 JPY -> "-5". */
export function minorToDecimalString(minor: number, currency: string): string {
  const digits = minorUnits(currency);
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const units = digits === 0 ? abs : abs.slice(0, -digits);
  const fraction = digits === 0 ? '' : '.' + abs.slice(-digits);
  return `${negative ? '-' : ''}${units}${fraction}`;
}

/**
 * Reads an amount typed in a locale whose decimal separator is given ("1,234.50" in en,
 * "1.234,50" in de) into minor units. Returns null for text that is not an amount or
 * has more decimals than the currency has. Reads the text with THE parse for typed numbers
 * (number-input.ts).
 */
export function parseMoney(text: string, currency: string, decimalSeparator: '.' | ',' = '.'): number | null {
  const digits = minorUnits(currency);
  const decimal = parseDecimalInput(text, decimalSeparator, digits);
  if (decimal === null) return null;
  const negative = decimal.startsWith('-');
  const [units = '', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const minor = Number(units) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return negative && minor !== 0 ? -minor : minor;
}

/** The decimal separator of a locale ("." for en-US, "," for de-DE). */
export function decimalSeparatorOf(locale: string): '.' | ',' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats minor units for display in the business locale, with the currency's own decimals. */
export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  options: { code?: boolean } = {},
): string {
  const key = `${locale}|${currency}|${options.code ? 'code' : 'symbol'}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = minorUnits(currency);
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: options.code ? 'code' : 'symbol',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, f);
  }
  // Intl accepts a decimal string and formats it exactly, with no float rounding.
  return f.format(minorToDecimalString(minor, currency) as unknown as number);
}
