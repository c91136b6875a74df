/**
 * Bill lines and totals. A line is a quantity times a unit price, plus the reclaimable tax
 * printed on the vendor's bill (kept apart from the cost for the tax summary). Quantities
 * are stored as integer thousandths (2.5 -> 2500) so no float ever touches money; a line's
 * amount is rounded half away from zero to the currency's minor unit.
 */
export const QUANTITY_SCALE = 1000;

/** 2.5 -> 2500; null when the number has more than 3 decimals or is not finite. */
export function quantityToMilli(quantity: number): number | null {
  if (!Number.isFinite(quantity)) return null;
  const milli = Math.round(quantity * QUANTITY_SCALE);
  if (Math.abs(milli - quantity * QUANTITY_SCALE) > 1e-6 || !Number.isSafeInteger(milli)) return null;
  return milli;
}

export function milliToQuantity(milli: number): number {
  return milli / QUANTITY_SCALE;
}

/** Rounds a / b half away from zero, exactly (BigInt), for integer a and positive integer b. */
export function divRound(a: bigint, b: bigint): number {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return Number(negative ? -q : q);
}

/** Quantity (thousandths) times unit price (minor units), in minor units. */
export function lineAmount(quantityMilli: number, unitPrice: number): number {
  return divRound(BigInt(quantityMilli) * BigInt(unitPrice), BigInt(QUANTITY_SCALE));
}

export interface LineAmounts {
  quantityMilli: number;
  unitPrice: number;
  tax: number;
}

export interface BillTotals {
  /** Sum of the lines before tax: the cost. */
  subtotal: number;
  /** Reclaimable tax, kept apart for the tax summary. */
  tax: number;
  total: number;
}

export function billTotals(lines: readonly LineAmounts[]): BillTotals {
  let subtotal = 0;
  let tax = 0;
  for (const l of lines) {
    subtotal += lineAmount(l.quantityMilli, l.unitPrice);
    tax += l.tax;
  }
  return { subtotal, tax, total: subtotal + tax };
}

/** Basis points of a percentage typed by a person: 2 -> 200, 1.25 -> 125; null for more than 2 decimals. */
export function percentToBp(percent: number): number | null {
  if (!Number.isFinite(percent)) return null;
  const bp = Math.round(percent * 100);
  return Math.abs(bp - percent * 100) > 1e-6 ? null : bp;
}

export function bpToPercent(bp: number): number {
  return bp / 100;
}

/** "2%", "1.5%", "12.25%". */
export function formatPercent(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}
