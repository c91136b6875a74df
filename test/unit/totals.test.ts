import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeTotals, type TotalsInput, type TotalsLine } from '../../src/shared/domain/totals';
import type { TaxRate } from '../../src/shared/domain/tax';

const VAT19: TaxRate = { id: 1, name: 'VAT', percent: '19', compound: false };
const VAT7: TaxRate = { id: 2, name: 'VAT reduced', percent: '7', compound: false };
const GST: TaxRate = { id: 3, name: 'GST', percent: '5', compound: false };
const QST: TaxRate = { id: 4, name: 'QST', percent: '9.975', compound: true };
const TEN: TaxRate = { id: 5, name: 'VAT 10', percent: '10', compound: false };
const ZERO: TaxRate = { id: 6, name: 'Reverse charge', percent: '0', compound: false };
const ALL = [VAT19, VAT7, GST, QST, TEN, ZERO];

const line = (
  quantity: string,
  unitPrice: number,
  taxIds: number[] = [],
  discount: TotalsLine['discount'] = null,
): TotalsLine => ({
  kind: 'item',
  quantity,
  unitPrice,
  discount,
  taxIds,
});

const doc = (lines: TotalsLine[], extra: Partial<TotalsInput> = {}): TotalsInput => ({
  pricesIncludeTax: false,
  lines,
  discount: null,
  shipping: 0,
  shippingTaxIds: [],
  taxes: ALL,
  ...extra,
});

describe('totals: tricky cases', () => {
  it('JPY has no minor unit: ¥1,234 × 3 at 10%', () => {
    const t = computeTotals(doc([line('3', 1234, [TEN.id])]));
    expect([t.net, t.tax, t.total]).toEqual([3702, 370, 4072]);
  });

  it('BHD has three decimals: 2.5 × 1.235 at 10%', () => {
    const t = computeTotals(doc([line('2.5', 1235, [TEN.id])]));
    // 3.0875 rounds half away from zero to 3.088; 10% of it is 0.3088 -> 0.309.
    expect([t.net, t.tax, t.total]).toEqual([3088, 309, 3397]);
  });

  it('19% tax-inclusive: what the customer pays is what was typed', () => {
    const t = computeTotals(
      doc([line('1', 11900, [VAT19.id]), line('1', 1000, [VAT19.id])], { pricesIncludeTax: true }),
    );
    expect(t.lines.map((l) => [l.net, l.tax, l.total])).toEqual([
      [10000, 1900, 11900],
      [840, 160, 1000],
    ]);
    expect(t.total).toBe(12900);
    expect(t.taxes).toEqual([
      { taxId: 1, name: 'VAT', percent: '19', compound: false, base: 10840, amount: 2060 },
    ]);
  });

  it('compound GST + QST: QST is charged on the net plus GST', () => {
    const t = computeTotals(doc([line('1', 10000, [GST.id, QST.id])]));
    expect(t.lines[0]!.taxes).toEqual([
      { taxId: GST.id, base: 10000, amount: 500 },
      { taxId: QST.id, base: 10500, amount: 1047 },
    ]);
    expect(t.total).toBe(11547);
  });

  it('a 100% discount, on a line or on the document, leaves nothing to pay', () => {
    expect(computeTotals(doc([line('2', 5000, [VAT19.id], { kind: 'percent', percent: '100' })])).total).toBe(
      0,
    );
    const whole = computeTotals(
      doc([line('2', 5000, [VAT19.id]), line('1', 333, [VAT7.id])], {
        discount: { kind: 'percent', percent: '100' },
      }),
    );
    expect([whole.discount, whole.net, whole.tax, whole.total]).toEqual([10333, 0, 0, 0]);
  });

  it('negative lines are allowed and can take the total below zero (services then require a credit note)', () => {
    const t = computeTotals(doc([line('1', 10000, [VAT19.id]), line('-1', 4000, [VAT19.id])]));
    expect([t.net, t.tax, t.total]).toEqual([6000, 1140, 7140]);
    expect(computeTotals(doc([line('1', -2000, [VAT19.id])])).total).toBe(-2380);
  });

  it('a document discount is shared over the lines and the shares add up exactly', () => {
    const t = computeTotals(
      doc([line('1', 1000, [VAT19.id]), line('1', 1000, [VAT7.id]), line('1', 1000, [])], {
        discount: { kind: 'amount', amount: 100 },
      }),
    );
    expect(t.lines.map((l) => l.documentDiscount)).toEqual([34, 33, 33]);
    expect(t.discount).toBe(100);
    expect(t.net).toBe(2900);
  });

  it('zero-rated lines carry a zero tax in the breakdown', () => {
    const t = computeTotals(doc([line('4', 2500, [ZERO.id])]));
    expect(t.taxes).toEqual([
      { taxId: ZERO.id, name: 'Reverse charge', percent: '0', compound: false, base: 10000, amount: 0 },
    ]);
  });

  it('headings and notes carry no money', () => {
    const t = computeTotals(
      doc([{ kind: 'heading', quantity: '0', unitPrice: 0, discount: null, taxIds: [] }, line('1', 500)]),
    );
    expect(t.lines[0]!.total).toBe(0);
    expect(t.total).toBe(500);
  });
});

// Generators for the properties.
const taxSet = fc.subarray([VAT19.id, VAT7.id, GST.id, QST.id, TEN.id, ZERO.id], { maxLength: 3 });
const quantity = fc.integer({ min: -50_000, max: 2_000_000 }).map((q) => (q / 10_000).toFixed(4));
const price = fc.integer({ min: -1_000_000, max: 100_000_000 });
const discount = fc.option(
  fc.oneof(
    fc
      .integer({ min: 0, max: 1_000_000 })
      .map((p) => ({ kind: 'percent' as const, percent: (p / 10_000).toFixed(4) })),
    fc.integer({ min: 0, max: 50_000 }).map((amount) => ({ kind: 'amount' as const, amount })),
  ),
  { nil: null },
);
const anyLine = fc.record({
  kind: fc.constant('item' as const),
  quantity,
  unitPrice: price,
  discount,
  taxIds: taxSet,
});
const anyDoc = fc.record({
  pricesIncludeTax: fc.boolean(),
  lines: fc.array(anyLine, { minLength: 1, maxLength: 12 }),
  discount,
  shipping: fc.integer({ min: 0, max: 100_000 }),
  shippingTaxIds: taxSet,
  taxes: fc.constant(ALL),
});

describe('totals: properties', () => {
  it('the total is the sum of its parts', () => {
    fc.assert(
      fc.property(anyDoc, (input) => {
        const t = computeTotals(input);
        const all = [...t.lines, t.shippingLine];
        expect(t.total).toBe(all.reduce((s, l) => s + l.total, 0));
        expect(t.total).toBe(t.net + t.tax);
        expect(t.tax).toBe(t.taxes.reduce((s, x) => s + x.amount, 0));
        for (const l of all) expect(l.total).toBe(l.net + l.taxes.reduce((s, x) => s + x.amount, 0));
        // What was typed, minus discounts, plus shipping, is the net (exclusive) or the total (inclusive).
        expect(input.pricesIncludeTax ? t.total : t.net).toBe(t.subtotal - t.discount + t.shipping);
        expect(t.lines.reduce((s, l) => s + l.documentDiscount, 0)).toBe(t.discount);
      }),
      { numRuns: 500 },
    );
  });

  it('tax-inclusive and tax-exclusive documents for the same goods agree to the cent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity, unitPrice: price, taxIds: taxSet }), { minLength: 1, maxLength: 8 }),
        (goods) => {
          const exclusive = computeTotals(doc(goods.map((g) => line(g.quantity, g.unitPrice, g.taxIds))));
          // The same goods priced with tax included: each line's price is what it costs with tax.
          const inclusive = computeTotals(
            doc(
              goods.map((g, i) => line('1', exclusive.lines[i]!.total, g.taxIds)),
              { pricesIncludeTax: true },
            ),
          );
          expect(inclusive.lines.map((l) => [l.net, l.taxes])).toEqual(
            exclusive.lines.map((l) => [l.net, l.taxes]),
          );
          expect([inclusive.net, inclusive.tax, inclusive.total]).toEqual([
            exclusive.net,
            exclusive.tax,
            exclusive.total,
          ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('nothing is ever off by a cent: each rounded figure is within half a minor unit of the exact value', () => {
    fc.assert(
      fc.property(anyLine, (l) => {
        const t = computeTotals(doc([l]));
        const line0 = t.lines[0]!;
        const [units, fraction = ''] = l.quantity.replace('-', '').split('.');
        const qScaled = BigInt((l.quantity.startsWith('-') ? '-' : '') + units + fraction.padEnd(4, '0'));
        // amount × 10^4 vs exact quantity × price
        const exactAmount = qScaled * BigInt(l.unitPrice);
        const diff = BigInt(line0.amount) * 10_000n - exactAmount;
        expect(diff <= 5_000n && diff >= -5_000n).toBe(true);
        for (const tax of line0.taxes) {
          const rate = ALL.find((r) => r.id === tax.taxId)!;
          const ppm = BigInt(Math.round(Number(rate.percent) * 10_000));
          const err = BigInt(tax.amount) * 1_000_000n - BigInt(tax.base) * ppm;
          expect(err <= 500_000n && err >= -500_000n).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
