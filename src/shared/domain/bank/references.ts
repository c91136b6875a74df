/**
 * Payment references: what a customer's transfer text carries that points at one invoice.
 *
 * - Invoice numbers are compared by their *key*: upper case, letters and digits only, so
 *   "INV 2026 0001", "inv2026-0001" and "INV-2026-0001" are the same invoice.
 * - The ISO 11649 creditor reference ("RF18 INV2 0260 001") carries the invoice number with
 *   two check digits; Folio derives it from the invoice number, so a reference printed on an
 *   invoice (or in its EPC QR code) finds the invoice again without a table.
 * - The Belgian structured communication (OGM/VCS, "+++123/4567/89012+++") is 10 digits and a
 *   mod-97 check; Folio derives it from the digits of the invoice number.
 */

/** "inv-2026/0001" -> "INV20260001". */
export function referenceKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
}

/** Mod-97 of a string of digits and letters (A=10 … Z=35), as ISO 7064 uses it. */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

/**
 * The ISO 11649 creditor reference of an invoice number: "RF" + 2 check digits + the
 * number's key (at most 21 letters and digits). Null when the key is empty or too long.
 */
export function creditorReference(invoiceNumber: string): string | null {
  const body = referenceKey(invoiceNumber);
  if (body.length === 0 || body.length > 21) return null;
  const check = 98 - mod97(body + 'RF00');
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** True for a well-formed creditor reference with the right check digits ("RF18 539007547034"). */
export function isCreditorReference(text: string): boolean {
  const ref = referenceKey(text);
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  return mod97(ref.slice(4) + ref.slice(0, 4)) === 1;
}

/** Groups of four, as printed: "RF18 5390 0754 7034". */
export function formatCreditorReference(ref: string): string {
  return referenceKey(ref).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The Belgian structured communication for an invoice number: its digits (the last 10,
 * left-padded with zeros) and their mod-97 check (97 when the remainder is 0), formatted
 * "+++ddd/dddd/ddddd+++". Null when the number has no digits.
 */
export function belgianReference(invoiceNumber: string): string | null {
  const digits = invoiceNumber.replace(/\D/g, '');
  if (digits.length === 0) return null;
  const base = digits.slice(-10).padStart(10, '0');
  const check = Number(BigInt(base) % 97n) || 97;
  const all = base + String(check).padStart(2, '0');
  return `+++${all.slice(0, 3)}/${all.slice(3, 7)}/${all.slice(7)}+++`;
}

/** Finds structured Belgian communications in a text and returns their 12 digits if the check holds. */
export function findBelgianReferences(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(
    /(?:\+{3}|\*{3})\s*(\d{3})\s*\/\s*(\d{4})\s*\/\s*(\d{5})\s*(?:\+{3}|\*{3})/g,
  )) {
    const all = m[1]! + m[2]! + m[3]!;
    const check = Number(BigInt(all.slice(0, 10)) % 97n) || 97;
    if (check === Number(all.slice(10))) found.push(all);
  }
  return found;
}

/** Finds ISO 11649 creditor references (check digits verified) in a text, as keys ("RF18539007547034"). */
export function findCreditorReferences(text: string): string[] {
  const found = new Set<string>();
  // A reference may be printed in groups of four: "RF18 5390 0754 7034".
  for (const m of text.toUpperCase().matchAll(/RF\d{2}(?:\s?[A-Z0-9]{1,4}){1,6}/g)) {
    // Try the longest prefix that checks, since the text may continue after the reference.
    const key = referenceKey(m[0]);
    for (let end = key.length; end >= 5; end--) {
      if (isCreditorReference(key.slice(0, end))) {
        found.add(key.slice(0, end));
        break;
      }
    }
  }
  return [...found];
}

/**
 * The keys an invoice number might hide in a transfer text: every run of one to four
 * consecutive words, joined without separators ("Payment INV 2026 0001 thanks" gives
 * "INV20260001" among others). Runs shorter than 3 characters are left out; the caller
 * looks the keys up among open invoices' number keys.
 */
export function candidateKeys(text: string, maxWords = 4): string[] {
  const words = text
    .normalize('NFKD')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const keys = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let key = '';
    for (let j = i; j < Math.min(words.length, i + maxWords); j++) {
      key += words[j];
      if (key.length >= 3 && key.length <= 40 && /\d/.test(key)) keys.add(key);
    }
  }
  return [...keys];
}
