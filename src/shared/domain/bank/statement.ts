import { msg } from '../../i18n';
import { isCurrencyCode, minorUnits } from '../currencies';

/**
 * What every bank statement format is read into: accounts' balances and lines with amounts
 * in integer minor units (money in positive, money out negative), dates as YYYY-MM-DD.
 * Parsers never go through floating point.
 */

export const STATEMENT_FORMATS = [
  'camt.053',
  'camt.052',
  'camt.054',
  'mt940',
  'mt942',
  'ofx',
  'csv',
] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export const SUPPORTED_FORMATS_TEXT =
  'ISO 20022 CAMT.053, CAMT.052 and CAMT.054 (versions 02 to 08), SWIFT MT940 and MT942, OFX 1.x and 2.x (QFX), and CSV';

export interface StatementBalance {
  amount: number;
  date: string;
}

export interface StatementLine {
  bookingDate: string;
  valueDate: string | null;
  /** Minor units of `currency`; money in is positive, money out negative. */
  amount: number;
  currency: string;
  counterpartyName: string;
  counterpartyIban: string;
  counterpartyBic: string;
  /** Remittance information: what the payer wrote (unstructured) or a structured reference. */
  reference: string;
  /** Everything else the bank says: booking text, additional entry information, memo. */
  text: string;
  /** The bank's own id for the transaction, when the format has one (unique per account). */
  bankRef: string | null;
}

export interface ParsedStatement {
  format: StatementFormat;
  statementId: string;
  accountIban: string | null;
  accountNumber: string | null;
  currency: string | null;
  opening: StatementBalance | null;
  closing: StatementBalance | null;
  lines: StatementLine[];
}

/** A file that cannot be read; the message names the line or element that is wrong. */
export class StatementError extends Error {}

/**
 * Where in the file a value was found: text, or a function that makes it (in the user's
 * language) only when a message needs it, so reading a long statement makes no text per line.
 */
export type Where = string | (() => string);
export const placeOf = (where: Where): string => (typeof where === 'string' ? where : where());

/**
 * "1234.56" / "1234,56" / "-0.5" -> minor units of the currency, exactly. Extra decimals are
 * accepted only when they are zeros ("12.500" EUR is 1250); anything else is refused.
 */
export function decimalToMinor(text: string, currency: string, where: Where): number {
  const s = text.trim();
  const m = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new StatementError(msg('statementErrors.amount.notAmount', { where: placeOf(where), text }));
  const digits = minorUnits(currency);
  let fraction = m[3] ?? '';
  if (fraction.length > digits) {
    if (/[^0]/.test(fraction.slice(digits)))
      throw new StatementError(
        msg('statementErrors.amount.moreDecimals', { where: placeOf(where), text, currency }),
      );
    fraction = fraction.slice(0, digits);
  }
  const minor = Number((m[2] || '0') + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor))
    throw new StatementError(msg('statementErrors.amount.tooLarge', { where: placeOf(where), text }));
  return m[1] === '-' ? -minor : minor;
}

export function checkCurrency(code: string, where: Where): string {
  const c = code.trim().toUpperCase();
  if (!isCurrencyCode(c))
    throw new StatementError(msg('statementErrors.currency.invalid', { where: placeOf(where), code }));
  return c;
}

/** A real calendar date, or a StatementError naming where it was found. */
export function checkDate(y: number, m: number, d: number, where: Where, raw: string): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    !Number.isInteger(y) ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  )
    throw new StatementError(msg('statementErrors.date.invalid', { where: placeOf(where), raw }));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2026-03-05" or "2026-03-05T10:00:00+01:00" -> "2026-03-05". */
export function isoDatePart(text: string, where: Where): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m) throw new StatementError(msg('statementErrors.date.invalid', { where: placeOf(where), raw: text }));
  return checkDate(Number(m[1]), Number(m[2]), Number(m[3]), where, text);
}

/**
 * Decodes the five predefined XML entities and numeric character references in text read
 * with entity processing off (the parser never expands a DTD's entities; a DOCTYPE is refused).
 */
export function decodeXmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : m;
  });
}

/** Collapses runs of white space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The key that makes a line the same line when a statement is imported again: the bank's
 * transaction id where the format has one, otherwise date, amount, counterparty and text,
 * plus the line's position among identical lines in the same file (two equal coffees on
 * one day are two lines, and importing the file again still adds nothing).
 */
export function lineFingerprints(lines: readonly StatementLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    if (l.bankRef) return `ref:${l.bankRef}`;
    const base = [
      l.bookingDate,
      l.amount,
      l.currency,
      l.counterpartyIban,
      squash(l.counterpartyName).toUpperCase(),
      squash(l.reference).toUpperCase(),
      squash(l.text).toUpperCase(),
    ].join('|');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `fp:${base}|${n}`;
  });
}
