import { parseScaled, roundDiv } from './decimal';
import { PERCENT_SCALE, splitInclusive, taxesOnNet, type LineTax, type TaxRate } from './tax';

/**
 * THE totals function: the UI, the PDF and the reports all call computeTotals, so a
 * document shows the same figures everywhere.
 *
 * Rounding rules (property-tested in test/unit/totals.test.ts):
 *  1. All money is an integer of the currency's minor unit. Every rounding is half away
 *     from zero to a whole minor unit.
 *  2. Per line: amount = quantity × unit price, rounded; then the line discount (a percentage
 *     of the amount, rounded, or a fixed amount).
 *  3. A document discount (percentage of the sum of the lines, rounded, or a fixed amount) is
 *     shared out over the lines in proportion to their amounts, to the minor unit, with the
 *     remainder on the largest line, so the shares add up to the discount exactly.
 *  4. Taxes are computed per line, each tax rounded on its own: on the line's net, or for a
 *     compound tax on the net plus the line's other taxes.
 *  5. Tax-exclusive prices: net = the line amount after discounts; total = net + taxes.
 *     Tax-inclusive prices: the line amount after discounts is what the customer pays; it is
 *     split into net and taxes (see splitInclusive), so net + taxes equals it exactly.
 *  6. Shipping is one more line: no discount, its own taxes.
 *  7. Document figures are plain sums of the line figures: nothing is rounded twice.
 */

export const QUANTITY_SCALE = 4;
const QTY_UNIT = 10n ** BigInt(QUANTITY_SCALE);
const PPM = 1_000_000n;

export type Discount = { kind: 'percent'; percent: string } | { kind: 'amount'; amount: number };

export interface TotalsLine {
  kind: 'item' | 'heading' | 'note';
  /** Decimal text with up to 4 decimals, e.g. "1.5". */
  quantity: string;
  /** Minor units; tax-inclusive or exclusive as the document says. */
  unitPrice: number;
  discount: Discount | null;
  taxIds: number[];
}

export interface TotalsInput {
  pricesIncludeTax: boolean;
  lines: TotalsLine[];
  discount: Discount | null;
  shipping: number;
  shippingTaxIds: number[];
  /** Every tax a line or the shipping refers to. */
  taxes: TaxRate[];
}

export interface LineTotals {
  /** quantity × unit price, rounded. */
  amount: number;
  lineDiscount: number;
  /** This line's share of the document discount. */
  documentDiscount: number;
  /** Excluding tax, after all discounts. */
  net: number;
  taxes: { taxId: number; base: number; amount: number }[];
  tax: number;
  /** What the customer pays for this line: net + tax. */
  total: number;
}

export interface TaxBreakdown {
  taxId: number;
  name: string;
  percent: string;
  compound: boolean;
  base: number;
  amount: number;
}

export interface DocumentTotals {
  lines: LineTotals[];
  shippingLine: LineTotals;
  /** Sum of line amounts after line discounts, in the document's price basis. */
  subtotal: number;
  discount: number;
  shipping: number;
  /** Excluding tax, after all discounts, shipping included. */
  net: number;
  taxes: TaxBreakdown[];
  tax: number;
  total: number;
}

const ZERO_LINE: LineTotals = {
  amount: 0,
  lineDiscount: 0,
  documentDiscount: 0,
  net: 0,
  taxes: [],
  tax: 0,
  total: 0,
};

export function lineAmount(quantity: string, unitPrice: number): bigint {
  const q = parseScaled(quantity, QUANTITY_SCALE);
  if (q === null) throw new Error(`Not a quantity: ${quantity}`);
  return roundDiv(q * BigInt(unitPrice), QTY_UNIT);
}

export function discountOf(amount: bigint, discount: Discount | null): bigint {
  if (!discount) return 0n;
  if (discount.kind === 'amount') return BigInt(discount.amount);
  const p = parseScaled(discount.percent, PERCENT_SCALE);
  if (p === null) throw new Error(`Not a percentage: ${discount.percent}`);
  return roundDiv(amount * p, PPM);
}

/** Shares `total` out over `weights` in proportion, summing exactly to `total`. */
export function allocate(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  if (total === 0n || sum === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => roundDiv(total * w, sum));
  const gap = total - shares.reduce((s, x) => s + x, 0n);
  if (gap !== 0n) {
    let largest = 0;
    weights.forEach((w, i) => {
      const abs = (x: bigint) => (x < 0n ? -x : x);
      if (abs(w) > abs(weights[largest]!)) largest = i;
    });
    shares[largest]! += gap;
  }
  return shares;
}

function finishLine(
  basis: bigint,
  rates: TaxRate[],
  pricesIncludeTax: boolean,
): { net: bigint; taxes: LineTax[] } {
  if (pricesIncludeTax) return splitInclusive(basis, rates);
  return { net: basis, taxes: taxesOnNet(basis, rates) };
}

function toLine(
  amount: bigint,
  lineDiscount: bigint,
  documentDiscount: bigint,
  net: bigint,
  taxes: LineTax[],
): LineTotals {
  const tax = taxes.reduce((s, t) => s + t.amount, 0n);
  return {
    amount: Number(amount),
    lineDiscount: Number(lineDiscount),
    documentDiscount: Number(documentDiscount),
    net: Number(net),
    taxes: taxes.map((t) => ({ taxId: t.taxId, base: Number(t.base), amount: Number(t.amount) })),
    tax: Number(tax),
    total: Number(net + tax),
  };
}

export function computeTotals(input: TotalsInput): DocumentTotals {
  const rateById = new Map(input.taxes.map((t) => [t.id, t]));
  const ratesOf = (ids: number[]) =>
    ids.map((id) => {
      const rate = rateById.get(id);
      if (!rate) throw new Error(`Unknown tax ${id}`);
      return rate;
    });

  const priced = input.lines.map((l) => l.kind === 'item');
  const amounts = input.lines.map((l, i) => (priced[i] ? lineAmount(l.quantity, l.unitPrice) : 0n));
  const lineDiscounts = input.lines.map((l, i) => (priced[i] ? discountOf(amounts[i]!, l.discount) : 0n));
  const afterLine = amounts.map((a, i) => a - lineDiscounts[i]!);
  const subtotal = afterLine.reduce((s, a) => s + a, 0n);
  const shares = allocate(discountOf(subtotal, input.discount), afterLine);
  // Nothing to share a discount over (all lines zero) means no discount was given.
  const documentDiscount = shares.reduce((s, x) => s + x, 0n);

  const lines = input.lines.map((l, i) => {
    if (!priced[i]) return ZERO_LINE;
    const basis = afterLine[i]! - shares[i]!;
    const { net, taxes } = finishLine(basis, ratesOf(l.taxIds), input.pricesIncludeTax);
    return toLine(amounts[i]!, lineDiscounts[i]!, shares[i]!, net, taxes);
  });

  const shippingBasis = BigInt(input.shipping);
  const shippingSplit = finishLine(shippingBasis, ratesOf(input.shippingTaxIds), input.pricesIncludeTax);
  const shippingLine = toLine(shippingBasis, 0n, 0n, shippingSplit.net, shippingSplit.taxes);

  const all = [...lines, shippingLine];
  const breakdown = new Map<number, TaxBreakdown>();
  for (const line of all) {
    for (const t of line.taxes) {
      const rate = rateById.get(t.taxId)!;
      const row = breakdown.get(t.taxId) ?? {
        taxId: t.taxId,
        name: rate.name,
        percent: rate.percent,
        compound: rate.compound,
        base: 0,
        amount: 0,
      };
      row.base += t.base;
      row.amount += t.amount;
      breakdown.set(t.taxId, row);
    }
  }
  const net = all.reduce((s, l) => s + l.net, 0);
  const tax = all.reduce((s, l) => s + l.tax, 0);
  return {
    lines,
    shippingLine,
    subtotal: Number(subtotal),
    discount: Number(documentDiscount),
    shipping: input.shipping,
    net,
    taxes: [...breakdown.values()],
    tax,
    total: net + tax,
  };
}
