import { msg } from '../../i18n';
import { lineAmount, QUANTITY_SCALE } from '../bill-amounts';
import { isCurrencyCode, minorUnits } from '../currencies';
import { isIsoDate, type IsoDate } from '../dates';
import { parseScaled, roundDiv } from '../decimal';
import { parseTermsText } from '../early-payment';
import { normalizeIban } from '../iban';
import { dueDateFor, type PaymentTerms } from '../terms';
import { unitName, vatCategoryName } from './codes';
import type { EAllowanceCharge, EInvoice, ELine } from './model';
import { EInvoiceFormatError } from './xml';

/**
 * What a bill (or a vendor credit) is made of, from an e-invoice, exactly: every amount is
 * the file's decimal text turned into minor units of its currency, refused rather than rounded
 * when it has more decimals than the currency. Nothing is "corrected": when the lines do not
 * add up to the file's total without VAT (BT-109), or the VAT on the lines to its VAT total
 * (BT-110), a line named for the difference makes the bill equal to what the file asks.
 */
export interface DraftLine {
  description: string;
  quantityMilli: number;
  unitPrice: number;
  amount: number;
  tax: number;
}

export interface EInvoiceDraft {
  /** A bill, or a vendor credit (a credit note, or an invoice whose total is negative). */
  kind: 'bill' | 'vendor_credit';
  number: string;
  billDate: IsoDate;
  /** From BT-9, else from the payment terms text; null: use the vendor's terms. */
  dueDate: IsoDate | null;
  currency: string;
  lines: DraftLine[];
  /** BT-109, BT-110, BT-109 + BT-110, and BT-115, in minor units, signed for the draft's kind. */
  subtotal: number;
  tax: number;
  total: number;
  payable: number;
  /** The file's figures disagree with its lines (also a rule failure, shown as such). */
  difference: { subtotal: number; tax: number };
  /** The first payee account's IBAN (normalized), '' when none. */
  iban: string;
}

/** `what` names the amount in the user's language, made only when the amount is refused. */
function amountOf(text: string, currency: string, what: () => string): bigint {
  if (text === '') return 0n;
  const v = parseScaled(text, minorUnits(currency));
  if (v === null)
    throw new EInvoiceFormatError(
      /^-?\d+(\.\d+)?$/.test(text.trim())
        ? msg('einvoiceErrors.map.tooManyDecimals', { what: what(), text, currency })
        : msg('einvoiceErrors.map.notAmount', { what: what(), text }),
    );
  return v;
}

const RATE_SCALE = 6;
const rateKey = (category: string, rate: string) =>
  `${category.toUpperCase()}|${rate ? (parseScaled(rate, RATE_SCALE) ?? rate).toString() : '0'}`;

/** "Payment within 30 days", "net 30", "Zahlbar innerhalb 14 Tagen" -> terms. */
export function termsFromText(text: string): PaymentTerms | null {
  for (const line of text.split('\n')) {
    const parsed = parseTermsText(line);
    if (parsed) return parsed.terms;
    const m = /(\d{1,3})\s*(?:days?|tage[n]?|jours|dagen|giorni|días|dias|dni)\b/i.exec(line);
    if (m && !/skonto|discount|escompte/i.test(line)) return { kind: 'net', days: Number(m[1]) };
  }
  return null;
}

function lineDescription(l: ELine): string {
  const name = l.name || l.description || `Line ${l.id}`;
  return name.length > 500 ? `${name.slice(0, 497)}…` : name;
}

function acDescription(a: EAllowanceCharge): string {
  const what = a.reason || (a.charge ? 'Charge' : 'Allowance');
  return `${a.charge ? 'Charge' : 'Allowance'}: ${what}${a.percent ? ` (${a.percent}%)` : ''}`;
}

export function draftFromEInvoice(inv: EInvoice): EInvoiceDraft {
  if (!isCurrencyCode(inv.currency))
    throw new EInvoiceFormatError(msg('einvoiceErrors.map.unknownCurrency', { currency: inv.currency }));
  const cur = inv.currency;
  const scale = minorUnits(cur);
  const t = inv.totals;
  const taxExclusive = amountOf(t.taxExclusive, cur, () => msg('einvoiceErrors.map.totalWithoutVat'));
  const taxTotal = amountOf(t.taxTotal, cur, () => msg('einvoiceErrors.map.vatTotal'));
  const payable = amountOf(t.payable, cur, () => msg('einvoiceErrors.map.amountDue'));
  const taxInclusive = t.taxInclusive
    ? amountOf(t.taxInclusive, cur, () => msg('einvoiceErrors.map.total'))
    : taxExclusive + taxTotal;
  // A credit note credits; an invoice with a negative total does too.
  const creditNote = inv.kind === 'credit_note';
  const sign = (creditNote ? -1n : 1n) * (taxInclusive < 0n ? -1n : 1n);
  const kind = sign > 0n ? 'bill' : 'vendor_credit';
  // Signed so that a bill's amounts are as printed and a credit's are the credit it gives.
  const s = (v: bigint) => Number(creditNote ? (kind === 'bill' ? -v : v) : kind === 'bill' ? v : -v);

  type Item = { description: string; quantityMilli: number; unitPrice: number; amount: number; key: string };
  const items: Item[] = inv.lines.map((l, i) => {
    const net = amountOf(l.netAmount, cur, () =>
      msg('einvoiceErrors.map.lineNet', { line: l.id || String(i + 1) }),
    );
    const amount = s(net);
    const q = parseScaled(l.quantity, 3);
    const price = parseScaled(l.netPrice, scale + 12);
    const base = l.priceBaseQuantity ? parseScaled(l.priceBaseQuantity, 6) : 10n ** 6n;
    let quantityMilli = QUANTITY_SCALE;
    let unitPrice = amount;
    let description = lineDescription(l);
    if (q !== null && price !== null && base !== null && base > 0n && q !== 0n) {
      // Price per one unit, in minor units, when exact; otherwise the line keeps its amount.
      const perUnit = price * 10n ** 6n;
      const divisor = base * 10n ** 12n;
      const exact = perUnit % divisor === 0n;
      const unit = Number(roundDiv(perUnit, divisor));
      const fits = [unit, -unit].find((u) => Number.isSafeInteger(u) && lineAmount(Number(q), u) === amount);
      if (exact && fits !== undefined && Number.isSafeInteger(Number(q))) {
        quantityMilli = Number(q);
        unitPrice = fits;
      } else {
        const unitText = l.unitCode ? ` ${unitName(l.unitCode)}` : '';
        description = `${description} (${l.quantity}${unitText} × ${l.netPrice}${l.priceBaseQuantity && l.priceBaseQuantity !== '1' ? ` per ${l.priceBaseQuantity}` : ''})`;
      }
    }
    return { description, quantityMilli, unitPrice, amount, key: rateKey(l.vatCategory, l.vatRate) };
  });
  for (const a of inv.allowances) {
    const v = amountOf(a.amount, cur, () =>
      a.charge ? msg('einvoiceErrors.map.charge') : msg('einvoiceErrors.map.allowance'),
    );
    const amount = s(a.charge ? v : -v);
    items.push({
      description: acDescription(a),
      quantityMilli: QUANTITY_SCALE,
      unitPrice: amount,
      amount,
      key: rateKey(a.vatCategory, a.vatRate),
    });
  }

  // VAT of each breakdown group spread over its lines: each line's rate applied, the group's
  // rounding difference on its largest line, so the lines carry exactly the group's VAT.
  const taxes = items.map(() => 0);
  for (const g of inv.vatBreakdown) {
    const groupTax = s(
      amountOf(g.taxAmount, cur, () =>
        msg('einvoiceErrors.map.vatOf', { category: vatCategoryName(g.category) }),
      ),
    );
    const key = rateKey(g.category, g.rate);
    const members = items.flatMap((it, i) => (it.key === key ? [i] : []));
    if (!members.length) continue;
    const rate = parseScaled(g.rate || '0', RATE_SCALE) ?? 0n;
    let assigned = 0;
    for (const i of members) {
      taxes[i] = Number(roundDiv(BigInt(items[i]!.amount) * rate, 100n * 10n ** BigInt(RATE_SCALE)));
      assigned += taxes[i]!;
    }
    const largest = members.reduce((a, b) =>
      Math.abs(items[b]!.amount) > Math.abs(items[a]!.amount) ? b : a,
    );
    taxes[largest]! += groupTax - assigned;
  }
  const lines: DraftLine[] = items.map((it, i) => ({
    description: it.description,
    quantityMilli: it.quantityMilli,
    unitPrice: it.unitPrice,
    amount: it.amount,
    tax: taxes[i]!,
  }));
  const subtotal = s(taxExclusive);
  const tax = s(taxTotal);
  const difference = {
    subtotal: subtotal - lines.reduce((sum, l) => sum + l.amount, 0),
    tax: tax - lines.reduce((sum, l) => sum + l.tax, 0),
  };
  if (difference.subtotal !== 0 || difference.tax !== 0)
    lines.push({
      description: 'Difference between the lines and the totals the invoice states',
      quantityMilli: QUANTITY_SCALE,
      unitPrice: difference.subtotal,
      amount: difference.subtotal,
      tax: difference.tax,
    });

  let dueDate: string | null = isIsoDate(inv.dueDate) ? inv.dueDate : null;
  if (!dueDate && inv.paymentTerms) {
    const terms = termsFromText(inv.paymentTerms);
    if (terms) dueDate = dueDateFor(inv.issueDate, terms);
  }
  if (dueDate && dueDate < inv.issueDate) dueDate = inv.issueDate;
  return {
    kind,
    number: inv.number,
    billDate: inv.issueDate,
    dueDate,
    currency: cur,
    lines,
    subtotal,
    tax,
    total: subtotal + tax,
    payable: s(payable),
    difference,
    iban: normalizeIban(inv.payment.accounts[0]?.iban ?? ''),
  };
}

/** Name as compared for matching: no case, accents, punctuation or legal form. */
const LEGAL_FORMS =
  /\b(gmbh|mbh|ag|kg|ohg|ug|haftungsbeschrankt|e\s?k|ltd|limited|llc|llp|plc|inc|incorporated|corp|corporation|co|company|sa|sas|sarl|sàrl|srl|spa|bv|nv|oy|ab|as|aps|a\/s|kft|sp\s?z\s?o\s?o|s\s?l|s\s?a|se|eurl|sasu)\b/g;
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, '')
    .trim();
}

/** VAT id as compared: upper case, letters and digits only. */
export function vatKey(vatId: string): string {
  return vatId.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Do bank details as typed (free text) mention this IBAN? */
export function mentionsIban(text: string, iban: string): boolean {
  return iban !== '' && text.toUpperCase().replace(/[\s-]/g, '').includes(iban);
}
