import { msg } from '../i18n';
import { divRound, formatPercent } from './bill-amounts';
import { daysBetween, type IsoDate } from './dates';

/**
 * Verification when a bill is entered. Every rule gives a warning that says why it fired;
 * none blocks or merges anything. The user reviews each warning and may dismiss it with a
 * reason. A warning's fingerprint names what it is about (the other bill, the price, the
 * new bank details) so re-saving a bill keeps a dismissal unless the facts change.
 *
 *  - possible duplicate: same vendor and vendor invoice number (compared without case,
 *    spaces, punctuation or leading zeros: "INV-0042" = "inv 42"); same vendor, currency
 *    and total within DUPLICATE_WINDOW_DAYS of the bill date; the same attached file;
 *  - possible overbilling: the bills against a purchase order come to more than its total
 *    beyond the order's tolerance; a unit price above the order's beyond the tolerance; a
 *    unit price more than PRICE_JUMP_BP above the last price from that vendor for the
 *    same item (same description, same currency);
 *  - possible fraud: the vendor's bank details differ from those on record at their last bill.
 */
export const DUPLICATE_WINDOW_DAYS = 5;
export const PRICE_JUMP_BP = 2500;

export const WARNING_KINDS = [
  'duplicate_number',
  'duplicate_amount',
  'duplicate_attachment',
  'po_total_over',
  'po_price_over',
  'price_above_last',
  'bank_details_changed',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export type WarningGroup = 'duplicate' | 'overbilling' | 'fraud';

export const WARNING_GROUP: Record<WarningKind, WarningGroup> = {
  duplicate_number: 'duplicate',
  duplicate_amount: 'duplicate',
  duplicate_attachment: 'duplicate',
  po_total_over: 'overbilling',
  po_price_over: 'overbilling',
  price_above_last: 'overbilling',
  bank_details_changed: 'fraud',
};

export const WARNING_GROUP_TITLES: Record<WarningGroup, string> = {
  duplicate: 'Possible duplicate',
  overbilling: 'Possible overbilling',
  fraud: 'Possible fraud',
};

/** "INV-0042", "inv 42" and "INV/42" are the same number to a person; so they are here. */
export function invoiceKey(vendorInvoiceNumber: string): string {
  return vendorInvoiceNumber
    .toUpperCase()
    .replace(/(^|\D)0+(?=\d)/g, '$1')
    .replace(/[^0-9A-Z]/g, '');
}

/** The item a line is about, for comparing prices between bills: its description, tidied. */
export function itemKey(description: string): string {
  return description.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** How far `actual` is above `expected`, in basis points (rounded); 0 when not above. */
export function bpAbove(actual: number, expected: number): number {
  if (expected <= 0 || actual <= expected) return 0;
  return divRound(BigInt(actual - expected) * 10_000n, BigInt(expected));
}

/** True when actual exceeds expected by more than the tolerance (exact, no rounding). */
export function aboveTolerance(actual: number, expected: number, toleranceBp: number): boolean {
  if (actual <= expected) return false;
  if (expected <= 0) return actual > 0;
  return BigInt(actual) * 10_000n > BigInt(expected) * BigInt(10_000 + toleranceBp);
}

/** A small stable hash (FNV-1a, 32 bits) for fingerprints of free text such as bank details. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export interface CheckedLine {
  description: string;
  quantityMilli: number;
  unitPrice: number;
  poLineId: number | null;
}

export interface CheckedBill {
  billDate: IsoDate;
  currency: string;
  subtotal: number;
  total: number;
  lines: readonly CheckedLine[];
  attachments: readonly { sha256: string; fileName: string }[];
}

export interface OtherBill {
  id: number;
  vendorName: string;
  vendorInvoiceNumber: string;
  billDate: IsoDate;
  total: number;
  currency: string;
}

/** What the database knows that the rules need; gathered by the service with indexed lookups. */
export interface CheckFacts {
  sameNumber: readonly OtherBill[];
  sameAmount: readonly OtherBill[];
  sameAttachment: readonly (OtherBill & { sha256: string })[];
  purchaseOrder: {
    id: number;
    number: string;
    /** Expected total before tax. */
    total: number;
    toleranceBp: number;
    /** Subtotals of the other (not void) bills against the order. */
    billedByOthers: number;
    lines: ReadonlyMap<number, { description: string; unitPrice: number }>;
  } | null;
  /** Last price from this vendor per item key, in this bill's currency (other bills only). */
  lastPrices: ReadonlyMap<string, { unitPrice: number; bill: OtherBill }>;
  bankChange: { previousBill: OtherBill; changedAt: IsoDate | null; currentDetails: string } | null;
}

export interface WarningDraft {
  kind: WarningKind;
  fingerprint: string;
  message: string;
  relatedBillId: number | null;
}

const label = (b: OtherBill) =>
  b.vendorInvoiceNumber
    ? msg('billChecks.invoiceLabel', { number: b.vendorInvoiceNumber })
    : msg('billChecks.billLabel', { id: String(b.id) });

export interface Formatters {
  /** Minor units in the bill's currency, or in the one given. */
  money: (minor: number, currency?: string) => string;
  /** A YYYY-MM-DD date as the user reads it. */
  date: (iso: IsoDate) => string;
}

/** The warnings a bill gives, given the facts, each message saying why it fired. */
export function verifyBill(bill: CheckedBill, facts: CheckFacts, format: Formatters): WarningDraft[] {
  const { money, date } = format;
  const out: WarningDraft[] = [];
  for (const o of facts.sameNumber) {
    out.push({
      kind: 'duplicate_number',
      fingerprint: `bill:${o.id}`,
      relatedBillId: o.id,
      message: msg('billChecks.duplicateNumber', {
        vendor: o.vendorName,
        number: o.vendorInvoiceNumber,
        id: String(o.id),
        date: date(o.billDate),
        amount: money(o.total, o.currency),
      }),
    });
  }
  const numbered = new Set(facts.sameNumber.map((o) => o.id));
  for (const o of facts.sameAmount) {
    if (numbered.has(o.id)) continue;
    const apart = Math.abs(daysBetween(o.billDate, bill.billDate));
    out.push({
      kind: 'duplicate_amount',
      fingerprint: `bill:${o.id}`,
      relatedBillId: o.id,
      message: msg('billChecks.duplicateAmount', {
        vendor: o.vendorName,
        amount: money(o.total, o.currency),
        apart,
        other: label(o),
        id: String(o.id),
        date: date(o.billDate),
      }),
    });
  }
  for (const o of facts.sameAttachment) {
    const file = bill.attachments.find((a) => a.sha256 === o.sha256);
    out.push({
      kind: 'duplicate_attachment',
      fingerprint: `${o.sha256.slice(0, 16)}:bill:${o.id}`,
      relatedBillId: o.id,
      message: msg('billChecks.duplicateAttachment', {
        file: file?.fileName ?? msg('billChecks.scan'),
        id: String(o.id),
        vendor: o.vendorName,
        other: label(o),
        date: date(o.billDate),
      }),
    });
  }
  const po = facts.purchaseOrder;
  if (po) {
    const billed = po.billedByOthers + bill.subtotal;
    if (aboveTolerance(billed, po.total, po.toleranceBp)) {
      out.push({
        kind: 'po_total_over',
        fingerprint: `po:${po.id}:${billed}`,
        relatedBillId: null,
        message: msg('billChecks.poTotalOver', {
          order: po.number,
          billed: money(billed),
          above: formatPercent(bpAbove(billed, po.total)),
          ordered: money(po.total),
          tolerance: formatPercent(po.toleranceBp),
        }),
      });
    }
    for (const line of bill.lines) {
      const ordered = line.poLineId !== null ? po.lines.get(line.poLineId) : undefined;
      if (!ordered || !aboveTolerance(line.unitPrice, ordered.unitPrice, po.toleranceBp)) continue;
      out.push({
        kind: 'po_price_over',
        fingerprint: `po-line:${line.poLineId}:${line.unitPrice}`,
        relatedBillId: null,
        message: msg('billChecks.poPriceOver', {
          item: line.description || ordered.description,
          price: money(line.unitPrice),
          above: formatPercent(bpAbove(line.unitPrice, ordered.unitPrice)),
          ordered: money(ordered.unitPrice),
          order: po.number,
          tolerance: formatPercent(po.toleranceBp),
        }),
      });
    }
  }
  const seen = new Set<string>();
  for (const line of bill.lines) {
    const key = itemKey(line.description);
    const last = key ? facts.lastPrices.get(key) : undefined;
    if (!last || seen.has(key) || !aboveTolerance(line.unitPrice, last.unitPrice, PRICE_JUMP_BP)) continue;
    seen.add(key);
    out.push({
      kind: 'price_above_last',
      fingerprint: `${shortHash(key)}:${line.unitPrice}:bill:${last.bill.id}`,
      relatedBillId: last.bill.id,
      message: msg('billChecks.priceAboveLast', {
        item: line.description.trim(),
        price: money(line.unitPrice),
        above: formatPercent(bpAbove(line.unitPrice, last.unitPrice)),
        vendor: last.bill.vendorName,
        last: money(last.unitPrice),
        id: String(last.bill.id),
        date: date(last.bill.billDate),
      }),
    });
  }
  if (facts.bankChange) {
    const { previousBill: p, changedAt } = facts.bankChange;
    out.push({
      kind: 'bank_details_changed',
      fingerprint: `bank:${shortHash(facts.bankChange.currentDetails)}:bill:${p.id}`,
      relatedBillId: p.id,
      message: msg(changedAt ? 'billChecks.bankChangedOn' : 'billChecks.bankChanged', {
        vendor: p.vendorName,
        changed: changedAt ? date(changedAt) : '',
        id: String(p.id),
        date: date(p.billDate),
      }),
    });
  }
  return out;
}
