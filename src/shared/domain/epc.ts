import { minorToDecimalString } from './money';
import { isValidBic, isValidIban, normalizeIban } from './iban';

/**
 * The EPC ("SEPA", "GiroCode") payment QR code of the European Payments Council
 * (EPC069-12, version 002): banking apps in most euro countries scan it and fill in a
 * credit transfer. Only for euro amounts from 0.01 to 999,999,999.99.
 */
export interface EpcPayment {
  name: string;
  iban: string;
  bic: string;
  /** Euro cents. */
  amount: number;
  currency: string;
  /** Unstructured remittance information: the invoice number. */
  remittance: string;
}

/** One line of at most `max` characters (the EPC limits count characters). */
function clip(text: string, max: number): string {
  const clean = text.replace(/[\r\n]+/g, ' ').trim();
  return [...clean].slice(0, max).join('');
}

/** The payload to encode, or null when the payment cannot be expressed as an EPC code. */
export function epcPayload(p: EpcPayment): string | null {
  if (p.currency !== 'EUR') return null;
  if (!Number.isSafeInteger(p.amount) || p.amount < 1 || p.amount > 99_999_999_999) return null;
  if (!isValidIban(p.iban)) return null;
  const bic = p.bic.trim().toUpperCase();
  if (bic && !isValidBic(bic)) return null;
  const name = clip(p.name, 70);
  if (!name) return null;
  return [
    'BCD',
    '002',
    '1', // UTF-8
    'SCT',
    bic,
    name,
    normalizeIban(p.iban),
    `EUR${minorToDecimalString(p.amount, 'EUR')}`,
    '', // purpose
    '', // structured reference
    clip(p.remittance, 140),
  ].join('\n');
}
