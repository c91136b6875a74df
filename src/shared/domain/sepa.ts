import { extractIBAN, isValidBIC } from 'ibantools';
import { minorToDecimalString } from './money';
import type { SepaVersion } from './sepa-versions';

/**
 * SEPA credit transfers (ISO 20022 pain.001): the rules that do not depend on the XML. The
 * file is made by src/main/services/payables/sepa-file.ts from a `SepaTransfer`.
 */
export interface SepaParty {
  name: string;
  iban: string;
  /** Optional in SEPA since 2016 ("IBAN only"); '' when not known. */
  bic: string;
}

export interface SepaPayment {
  /** Unique within the file; the bank hands it back to the payee (max 35 characters). */
  endToEndId: string;
  creditor: SepaParty;
  /** Euro cents. */
  amount: number;
  /** Unstructured remittance information: the bill numbers (max 140 characters). */
  remittance: string;
}

export interface SepaTransfer {
  version: SepaVersion;
  messageId: string;
  /** Local date-time the file was made, "2026-11-20T10:00:00". */
  createdAt: string;
  executionDate: string;
  batchBooking: boolean;
  debtor: SepaParty;
  payments: SepaPayment[];
}

const TRANSLIT: Record<string, string> = {
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Þ: 'Th',
  þ: 'th',
  '&': '+',
  '’': "'",
  '‘': "'",
  '–': '-',
  '—': '-',
  _: '-',
};

/**
 * Text in the SEPA character set (Latin letters, digits and / - ? : ( ) . , ' + space), which
 * every bank accepts: umlauts spelled out, accents dropped, anything else a space; at most
 * `max` characters.
 */
export function sepaText(text: string, max: number): string {
  const out = [...text]
    .map((c) => TRANSLIT[c] ?? c)
    .join('')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/?:().,'+\- ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return out.slice(0, max).trim();
}

/** An identifier (message, payment, end-to-end): letters, digits and dashes, at most 35. */
export function sepaId(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, '').slice(0, 35) || 'NOTPROVIDED';
}

/**
 * The IBAN (and BIC when labelled) in a vendor's free-text bank details, such as
 * "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX". The IBAN must pass its check digits
 * and have its country's length; null when there is none.
 */
export function bankAccountIn(details: string): { iban: string; bic: string } | null {
  const text = details.toUpperCase();
  let iban = '';
  for (const m of text.matchAll(/\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}/g)) {
    const compact = m[0].replace(/[ -]/g, '');
    // The match may run into the next word ("… 00 BIC"): try the lengths an IBAN can have.
    for (let len = Math.min(34, compact.length); len >= 15; len--) {
      const candidate = extractIBAN(compact.slice(0, len));
      if (candidate.valid) {
        iban = candidate.iban;
        break;
      }
    }
    if (iban) break;
  }
  if (!iban) return null;
  const bicMatch = /\b(?:BIC|SWIFT)(?:[ -]?CODE)?\s*:?\s*([A-Z0-9]{8}(?:[A-Z0-9]{3})?)\b/.exec(text);
  const bic = bicMatch && isValidBIC(bicMatch[1]!) ? bicMatch[1]! : '';
  return { iban, bic };
}

/** "123.45" for 12345 cents. */
export function sepaAmount(minor: number): string {
  return minorToDecimalString(minor, 'EUR');
}

/** The remittance information for a payment of several bills: their numbers, within 140 characters. */
export function remittanceFor(billNumbers: string[], fallback: string): string {
  const numbers = billNumbers.map((n) => sepaText(n, 140)).filter(Boolean);
  let out = '';
  for (const n of numbers) {
    const next = out ? `${out}, ${n}` : n;
    if (next.length > 140) break;
    out = next;
  }
  return out || sepaText(fallback, 140);
}
