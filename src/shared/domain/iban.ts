/**
 * IBAN and BIC checks for the payment details printed on invoices and encoded in the EPC QR
 * code: a wrong digit there sends a customer's money nowhere, so the check digits are
 * verified (ISO 13616 mod-97) when the details are saved.
 */

/** "ie29 aibk 9311 5212 3456 78" -> "IE29AIBK93115212345678". */
export function normalizeIban(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

export function isValidIban(text: string): boolean {
  const iban = normalizeIban(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Groups of four, as printed: "IE29 AIBK 9311 5212 3456 78". */
export function formatIban(text: string): string {
  return normalizeIban(text).replace(/(.{4})(?=.)/g, '$1 ');
}

/** A BIC (SWIFT code): 8 or 11 characters, bank code, country, location, optional branch. */
export function isValidBic(text: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(text.trim().toUpperCase());
}
