import { aboveTolerance, bpAbove } from './bill-checks';

/**
 * Matching bills to a purchase order. Each bill line may point at an order line; the match
 * adds up what was billed per order line (across every bill against the order that is not
 * void) and flags quantities and unit prices above the order beyond its tolerance. Lines
 * billed without an order line are listed as "not on the order". Amounts are before tax.
 */
export interface OrderLine {
  id: number;
  description: string;
  quantityMilli: number;
  unitPrice: number;
  amount: number;
}

export interface BilledLine {
  billId: number;
  poLineId: number | null;
  description: string;
  quantityMilli: number;
  unitPrice: number;
  amount: number;
}

export interface MatchRow {
  poLineId: number;
  description: string;
  orderedQuantityMilli: number;
  billedQuantityMilli: number;
  orderedUnitPrice: number;
  /** Highest unit price billed for this line, or null when nothing was billed. */
  billedUnitPrice: number | null;
  orderedAmount: number;
  billedAmount: number;
  quantityOver: boolean;
  priceOver: boolean;
  /** How far the billed quantity/price is above the order, in basis points (0 when not above). */
  quantityOverBp: number;
  priceOverBp: number;
}

export interface OrderMatch {
  rows: MatchRow[];
  notOnOrder: BilledLine[];
  orderedTotal: number;
  billedTotal: number;
  totalOver: boolean;
  totalOverBp: number;
  toleranceBp: number;
}

export function matchPurchaseOrder(
  order: { lines: readonly OrderLine[]; total: number; toleranceBp: number },
  billed: readonly BilledLine[],
): OrderMatch {
  const byLine = new Map<number, BilledLine[]>();
  const notOnOrder: BilledLine[] = [];
  const known = new Set(order.lines.map((l) => l.id));
  for (const b of billed) {
    if (b.poLineId !== null && known.has(b.poLineId)) {
      const list = byLine.get(b.poLineId) ?? [];
      list.push(b);
      byLine.set(b.poLineId, list);
    } else notOnOrder.push(b);
  }
  const rows = order.lines.map((l): MatchRow => {
    const list = byLine.get(l.id) ?? [];
    const qty = list.reduce((s, b) => s + b.quantityMilli, 0);
    const amount = list.reduce((s, b) => s + b.amount, 0);
    const price = list.length ? Math.max(...list.map((b) => b.unitPrice)) : null;
    return {
      poLineId: l.id,
      description: l.description,
      orderedQuantityMilli: l.quantityMilli,
      billedQuantityMilli: qty,
      orderedUnitPrice: l.unitPrice,
      billedUnitPrice: price,
      orderedAmount: l.amount,
      billedAmount: amount,
      quantityOver: aboveTolerance(qty, l.quantityMilli, order.toleranceBp),
      priceOver: price !== null && aboveTolerance(price, l.unitPrice, order.toleranceBp),
      quantityOverBp: bpAbove(qty, l.quantityMilli),
      priceOverBp: price === null ? 0 : bpAbove(price, l.unitPrice),
    };
  });
  const billedTotal = billed.reduce((s, b) => s + b.amount, 0);
  return {
    rows,
    notOnOrder,
    orderedTotal: order.total,
    billedTotal,
    totalOver: aboveTolerance(billedTotal, order.total, order.toleranceBp),
    totalOverBp: bpAbove(billedTotal, order.total),
    toleranceBp: order.toleranceBp,
  };
}
