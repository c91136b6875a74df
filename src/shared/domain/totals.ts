import { parseScaled, roundDiv } from './decimal';
import {
  PERCENT_SCALE,
  percentOf,
  ratePpm,
  splitInclusive,
  taxesOnNet,
  type LineTax,
  type TaxRate,
} from './tax';

/**
 * THE totals function: the screen, the PDF, the reports (through the stored figures) and the
 * e-invoices all call computeTotals, so a document shows the same figures everywhere.
 *
 * Rounding rules (property-tested in test/unit/totals.test.ts). Every rounding is half away
 * from zero to a whole minor unit of the currency; all money is an integer of that unit.
 *
 *  1. Line amount = quantity × unit price, rounded once.
 *  2. Line discount: a percentage discount rounds the DISCOUNTED amount, quantity × price ×
 *     (1 − percent), once (1.074,375 → 1.074,38); the discount shown is the difference. A
 *     fixed discount is taken off the rounded amount. The result is the line's net (EN 16931
 *     BT-131, "line net amount").
 *  3. A document discount (a percentage of the sum of the line nets, rounded, or a fixed
 *     amount) is shared out over the lines in proportion to their nets, to the minor unit,
 *     with the remainder on the largest line, so the shares add up to the discount exactly.
 *     Each line's share counts in the category of that line's taxes, so a category's base is
 *     the sum of its line nets less its share of the document discount.
 *  4. Shipping is one more line (a charge): no discount, its own taxes.
 *  5. Tax is computed PER TAX RATE (category), rounded ONCE (EN 16931 BR-CO-17):
 *       base(rate)  = the sum of the nets (after all discounts) of the lines carrying it;
 *       tax(rate)   = round(base × rate).
 *     A compound tax (tax on tax, e.g. Québec QST) has as base the nets of its lines plus
 *     those lines' shares of the non-compound taxes, and is likewise rounded once.
 *     Each category's tax is then shared out over its lines (rule 3's method) so that line
 *     figures add up exactly to the document's; a line's tax is informative.
 *  6. Tax-exclusive prices: net = sum of the line nets; tax = sum of the categories; total =
 *     net + tax.
 *  7. Tax-inclusive (gross) prices: what is typed is what the customer pays. The gross lines
 *     are grouped by their set of taxes and each group's gross sum G is split ONCE into net
 *     N and taxes (splitInclusive): N is the net whose tax round(N × rate) gives back G
 *     exactly, so again tax = round(base × rate) and the document agrees to the cent with
 *     the same goods priced exclusive. Some gross sums no net can give (N + round(N × 19 %)
 *     steps by 2 about once in six cents): then N is the nearest net and the tax absorbs the
 *     one-minor-unit gap, so the customer still pays G; that category's tax is then
 *     round(base × rate) ± 1 minor unit, and only then. (Lines carrying several taxes form
 *     one group per set of taxes; a rate shared by two groups sums the groups' taxes.)
 *     The group's net and taxes are shared over its lines in proportion to their gross.
 *  8. Document figures are plain sums: net = Σ line nets, tax = Σ category taxes, total =
 *     net + tax. Nothing is rounded twice.
 *
 * Documents saved before these rules (stored with taxRounding 'line') keep their figures:
 * they were computed per line (each line's tax rounded on its own, a line's percentage
 * discount rounded rather than the discounted amount) and are recomputed that way whenever
 * they are shown again, so an issued document never changes. Every document saved now uses
 * 'category'.
 */

export const QUANTITY_SCALE = 4;
const QTY_UNIT = 10n ** BigInt(QUANTITY_SCALE);
const PPM = 1_000_000n;

export type Discount = { kind: 'percent'; percent: string } | { kind: 'amount'; amount: number };

/** 'category': the rules above. 'line': documents saved before them (see above). */
export type TaxRounding = 'category' | 'line';

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
  /** Defaults to 'category'; 'line' only to show a document stored under the old rule. */
  taxRounding?: TaxRounding;
}

export interface LineTotals {
  /** quantity × unit price, rounded. */
  amount: number;
  lineDiscount: number;
  /** This line's share of the document discount. */
  documentDiscount: number;
  /** Excluding tax, after all discounts. */
  net: number;
  /** This line's share of each of its taxes (see rule 5). */
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

function quantityOf(quantity: string): bigint {
  const q = parseScaled(quantity, QUANTITY_SCALE);
  if (q === null) throw new Error(`Not a quantity: ${quantity}`);
  return q;
}

function percentPpm(percent: string): bigint {
  const p = parseScaled(percent, PERCENT_SCALE);
  if (p === null) throw new Error(`Not a percentage: ${percent}`);
  return p;
}

export function lineAmount(quantity: string, unitPrice: number): bigint {
  return roundDiv(quantityOf(quantity) * BigInt(unitPrice), QTY_UNIT);
}

/** A percentage or fixed discount of `amount`, the discount itself rounded (rule 3, and old lines). */
export function discountOf(amount: bigint, discount: Discount | null): bigint {
  if (!discount) return 0n;
  if (discount.kind === 'amount') return BigInt(discount.amount);
  return roundDiv(amount * percentPpm(discount.percent), PPM);
}

/** A line's net after its own discount: the discounted amount rounded once (rule 2). */
export function discountedLine(quantity: string, unitPrice: number, discount: Discount | null): bigint {
  if (discount?.kind === 'percent') {
    const exact = quantityOf(quantity) * BigInt(unitPrice) * (PPM - percentPpm(discount.percent));
    return roundDiv(exact, QTY_UNIT * PPM);
  }
  return lineAmount(quantity, unitPrice) - discountOf(0n, discount);
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

/** One priced line (or the shipping) on its way through the rules. */
interface Work {
  /** After line and document discounts, in the document's price basis. */
  basis: bigint;
  rates: TaxRate[];
  net: bigint;
  taxes: LineTax[];
}

/** Old documents: each line's taxes rounded on their own. */
function byLine(work: Work[], pricesIncludeTax: boolean): void {
  for (const w of work) {
    if (pricesIncludeTax) Object.assign(w, splitInclusive(w.basis, w.rates));
    else Object.assign(w, { net: w.basis, taxes: taxesOnNet(w.basis, w.rates) });
  }
}

/** Rule 5: exclusive prices, each rate's tax computed once on its whole base. */
function byCategoryExclusive(work: Work[]): void {
  for (const w of work) {
    w.net = w.basis;
    w.taxes = [];
  }
  const ids = (compound: boolean) => [
    ...new Set(work.flatMap((w) => w.rates.filter((r) => r.compound === compound).map((r) => r.id))),
  ];
  const charge = (taxId: number, baseOf: (w: Work) => bigint) => {
    const carrying = work.filter((w) => w.rates.some((r) => r.id === taxId));
    const rate = carrying[0]!.rates.find((r) => r.id === taxId)!;
    const bases = carrying.map(baseOf);
    const base = bases.reduce((s, b) => s + b, 0n);
    const shares = allocate(percentOf(base, ratePpm(rate.percent)), bases);
    carrying.forEach((w, i) => w.taxes.push({ taxId, base: bases[i]!, amount: shares[i]! }));
  };
  for (const id of ids(false)) charge(id, (w) => w.net);
  for (const id of ids(true))
    charge(
      id,
      (w) =>
        w.net +
        w.taxes
          .filter((t) => w.rates.some((r) => r.id === t.taxId && !r.compound))
          .reduce((s, t) => s + t.amount, 0n),
    );
  for (const w of work) w.taxes = w.rates.map((r) => w.taxes.find((t) => t.taxId === r.id)!);
}

/** Rule 7: gross prices, each group of lines with the same taxes split once. */
function byCategoryInclusive(work: Work[]): void {
  const groups = new Map<string, Work[]>();
  for (const w of work) {
    const key = w.rates
      .map((r) => r.id)
      .sort((a, b) => a - b)
      .join(',');
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  for (const group of groups.values()) {
    const rates = group[0]!.rates;
    const weights = group.map((w) => w.basis);
    const gross = weights.reduce((s, b) => s + b, 0n);
    const split = splitInclusive(gross, rates);
    const nets = allocate(split.net, weights);
    // Each tax's amount and base shared over the group's lines; the last tax of a line takes
    // what is left of its gross, so every line still adds up to what was typed.
    const amounts = split.taxes.map((t) => allocate(t.amount, weights));
    const bases = split.taxes.map((t) => allocate(t.base, weights));
    group.forEach((w, i) => {
      w.net = nets[i]!;
      w.taxes = split.taxes.map((t, k) => ({ taxId: t.taxId, base: bases[k]![i]!, amount: amounts[k]![i]! }));
      if (w.taxes.length > 0) {
        const others = w.taxes.slice(0, -1).reduce((s, t) => s + t.amount, 0n);
        w.taxes[w.taxes.length - 1]!.amount = w.basis - w.net - others;
      }
    });
  }
}

export function computeTotals(input: TotalsInput): DocumentTotals {
  const rounding = input.taxRounding ?? 'category';
  const rateById = new Map(input.taxes.map((t) => [t.id, t]));
  const ratesOf = (ids: number[]) =>
    ids.map((id) => {
      const rate = rateById.get(id);
      if (!rate) throw new Error(`Unknown tax ${id}`);
      return rate;
    });

  const priced = input.lines.map((l) => l.kind === 'item');
  const amounts = input.lines.map((l, i) => (priced[i] ? lineAmount(l.quantity, l.unitPrice) : 0n));
  const afterLine = input.lines.map((l, i) => {
    if (!priced[i]) return 0n;
    if (rounding === 'line') return amounts[i]! - discountOf(amounts[i]!, l.discount);
    return discountedLine(l.quantity, l.unitPrice, l.discount);
  });
  const subtotal = afterLine.reduce((s, a) => s + a, 0n);
  const shares = allocate(discountOf(subtotal, input.discount), afterLine);
  // Nothing to share a discount over (all lines zero) means no discount was given.
  const documentDiscount = shares.reduce((s, x) => s + x, 0n);

  const work: Work[] = input.lines.map((l, i) => ({
    basis: afterLine[i]! - shares[i]!,
    rates: priced[i] ? ratesOf(l.taxIds) : [],
    net: 0n,
    taxes: [],
  }));
  const shippingWork: Work = {
    basis: BigInt(input.shipping),
    rates: ratesOf(input.shippingTaxIds),
    net: 0n,
    taxes: [],
  };
  const all = [...work.filter((_, i) => priced[i]), shippingWork];
  if (rounding === 'line') byLine(all, input.pricesIncludeTax);
  else if (input.pricesIncludeTax) byCategoryInclusive(all);
  else byCategoryExclusive(all);

  const lines = input.lines.map((_, i) => {
    if (!priced[i]) return ZERO_LINE;
    const w = work[i]!;
    return toLine(amounts[i]!, amounts[i]! - afterLine[i]!, shares[i]!, w.net, w.taxes);
  });
  const shippingLine = toLine(shippingWork.basis, 0n, 0n, shippingWork.net, shippingWork.taxes);

  const breakdown = new Map<number, TaxBreakdown>();
  for (const line of [...lines, shippingLine]) {
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
  const everyLine = [...lines, shippingLine];
  const net = everyLine.reduce((s, l) => s + l.net, 0);
  const tax = everyLine.reduce((s, l) => s + l.tax, 0);
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
