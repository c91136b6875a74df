import { isValidBIC, isValidIBAN } from 'ibantools';

/**
 * IBAN and BIC checks for the payment details printed on invoices and encoded in the EPC QR
 * code, bank accounts and statement matching: a wrong digit there sends money nowhere, so
 * IBANs are checked by `ibantools` (each country's length and account format, and the
 * ISO 13616 mod-97 check digits) when the details are saved.
 */

/** "ie29 aibk 9311 5212 3456 78" -> "IE29AIBK93115212345678". */
export function normalizeIban(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

export function isValidIban(text: string): boolean {
  return isValidIBAN(normalizeIban(text));
}

/** Groups of four, as printed: "IE29 AIBK 9311 5212 3456 78". */
export function formatIban(text: string): string {
  return normalizeIban(text).replace(/(.{4})(?=.)/g, '$1 ');
}

/** A BIC (SWIFT code): 8 or 11 characters, bank code, country, location, optional branch. */
export function isValidBic(text: string): boolean {
  return isValidBIC(text.trim().toUpperCase());
}

/** The first valid IBAN (and a BIC, if one follows a "BIC" label) in free text such as bank details. */
export function ibanIn(text: string): { iban: string; bic: string } | null {
  const upper = text.toUpperCase();
  for (const m of upper.matchAll(/\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{1,4}){3,8}\b/g)) {
    // Try shorter prefixes too: the text may go on right after the IBAN.
    const groups = m[0].split(/\s/);
    for (let n = groups.length; n >= 1; n--) {
      const candidate = normalizeIban(groups.slice(0, n).join(''));
      if (candidate.length >= 15 && isValidIban(candidate)) {
        const bic = /\bBIC\W*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b/.exec(upper)?.[1] ?? '';
        return { iban: candidate, bic: bic && isValidBic(bic) ? bic : '' };
      }
    }
  }
  return null;
}
