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

function roundHalfAway(a: bigint, b: bigint): bigint {
  const q = a / b;
  const twice = (a % b < 0n ? -(a % b) : a % b) * 2n;
  return twice >= b ? (a < 0n ? q - 1n : q + 1n) : q;
}
const ppmOf = (percent: string) => BigInt(Math.round(Number(percent) * 10_000));

// A 60-line invoice at 19 % whose lines add up to 4.106,20 €. Rounded line by line, its tax
// came to 780,20 €; 19 % of 4.106,20 € is 780,178 → 780,18 €.
const SIXTY = [
  7460, 6897, 8987, 6784, 9021, 6552, 3916, 7509, 6589, 6704, 8426, 9907, 7341, 7822, 9159, 5290, 9420, 6494,
  9139, 9710, 9544, 9061, 6836, 3261, 7932, 3581, 7231, 3244, 9684, 3085, 8945, 8895, 3307, 6068, 3735, 6614,
  3356, 5394, 4474, 5962, 8479, 8450, 9477, 5538, 8744, 6794, 6582, 3893, 7017, 6687, 3663, 4890, 3069, 4182,
  5217, 5135, 6718, 9896, 6714, 16139,
];

describe('totals: tax per rate (EN 16931 BR-CO-17)', () => {
  it('VAT 19 % on 4.106,20 € is 780,18 €, not the 780,20 € of per-line rounding', () => {
    const t = computeTotals(doc(SIXTY.map((p) => line('1', p, [VAT19.id]))));
    expect(t.net).toBe(410620);
    expect(t.taxes).toEqual([
      { taxId: VAT19.id, name: 'VAT', percent: '19', compound: false, base: 410620, amount: 78018 },
    ]);
    expect([t.tax, t.total]).toEqual([78018, 488638]);
    expect(t.lines.reduce((s, l) => s + l.tax, 0)).toBe(78018);
  });

  it('the same invoice priced gross gives the same tax', () => {
    const gross = computeTotals(doc([line('1', 488638, [VAT19.id])], { pricesIncludeTax: true }));
    expect([gross.net, gross.tax]).toEqual([410620, 78018]);
  });

  it('documents stored under the old per-line rule keep their figures', () => {
    const t = computeTotals({ ...doc(SIXTY.map((p) => line('1', p, [VAT19.id]))), taxRounding: 'line' });
    expect([t.net, t.tax]).toEqual([410620, 78020]);
    const old = computeTotals({
      ...doc([line('1', 143250, [], { kind: 'percent', percent: '25' })]),
      taxRounding: 'line',
    });
    expect(old.net).toBe(107437);
  });

  it('a line discount rounds the discounted amount, not the discount: 1.432,50 € less 25 % is 1.074,38 €', () => {
    const t = computeTotals(doc([line('1', 143250, [], { kind: 'percent', percent: '25' })]));
    expect(t.lines[0]).toMatchObject({ amount: 143250, lineDiscount: 35812, net: 107438 });
    // 1,5 × 716,25 € = 1.074,375 €: the same half cent, rounded once.
    const half = computeTotals(doc([line('3', 47750, [], { kind: 'percent', percent: '25' })]));
    expect(half.lines[0]).toMatchObject({ amount: 143250, net: 107438 });
  });

  it('compound taxes: QST on the net plus the GST of its lines, each rate rounded once', () => {
    const t = computeTotals(doc([line('1', 1010, [GST.id, QST.id]), line('1', 1010, [GST.id, QST.id])]));
    // GST 5 % of 20,20 = 1,01; QST 9,975 % of 21,21 = 2,1157… → 2,12.
    expect(t.taxes.map((x) => [x.taxId, x.base, x.amount])).toEqual([
      [GST.id, 2020, 101],
      [QST.id, 2121, 212],
    ]);
    expect(t.total).toBe(2020 + 101 + 212);
  });
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
          expect(inclusive.total).toBe(exclusive.total);
          // With one tax (or none) per line, every line of a rate is one group: the same
          // category bases and taxes, hence the same net and tax.
          if (goods.every((g) => g.taxIds.length <= 1)) {
            const byId = (t: typeof exclusive) => [...t.taxes].sort((a, b) => a.taxId - b.taxId);
            expect(byId(inclusive)).toEqual(byId(exclusive));
            expect([inclusive.net, inclusive.tax]).toEqual([exclusive.net, exclusive.tax]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tax per rate is the rate of its base, rounded once (EN 16931 BR-CO-17), and the categories add up to the tax', () => {
    fc.assert(
      fc.property(anyDoc, (input) => {
        const t = computeTotals(input);
        const all = [...t.lines, t.shippingLine];
        const oneTaxPerLine = [...input.lines.map((l) => l.taxIds), input.shippingTaxIds].every(
          (ids) => ids.length <= 1,
        );
        expect(t.tax).toBe(t.taxes.reduce((s, x) => s + x.amount, 0));
        expect(t.net).toBe(all.reduce((s, l) => s + l.net, 0));
        for (const row of t.taxes) {
          // A category is the sum of its lines' shares.
          const shares = all.flatMap((l) => l.taxes.filter((x) => x.taxId === row.taxId));
          expect(row.base).toBe(shares.reduce((s, x) => s + x.base, 0));
          expect(row.amount).toBe(shares.reduce((s, x) => s + x.amount, 0));
          const exact = roundHalfAway(BigInt(row.base) * ppmOf(row.percent), 1_000_000n);
          if (!input.pricesIncludeTax) expect(row.amount).toBe(Number(exact));
          // Gross prices: exact whenever a net gives back the gross; else off by one at most.
          // (With one tax per line each rate is one group; lines carrying several taxes form a
          // group per set of taxes, and a rate shared by groups sums their taxes.)
          else if (oneTaxPerLine) expect(Math.abs(row.amount - Number(exact))).toBeLessThanOrEqual(1);
        }
        if (!input.pricesIncludeTax) {
          // Non-compound categories are based on the nets of the lines carrying them.
          for (const row of t.taxes.filter((x) => !x.compound)) {
            const lines = [
              ...input.lines.map((l, i) => [l.taxIds, t.lines[i]!] as const),
              [input.shippingTaxIds, t.shippingLine] as const,
            ];
            const base = lines.filter(([ids]) => ids.includes(row.taxId)).reduce((s, [, l]) => s + l.net, 0);
            expect(row.base).toBe(base);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gross prices with one rate: the tax is exactly base × rate whenever some net gives back the gross', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 10 }),
        (prices) => {
          const t = computeTotals(
            doc(
              prices.map((p) => line('1', p, [VAT19.id])),
              { pricesIncludeTax: true },
            ),
          );
          const gross = prices.reduce((s, p) => s + p, 0);
          expect(t.total).toBe(gross);
          const row = t.taxes[0]!;
          const reachable = [-2, -1, 0, 1, 2].some((d) => {
            const n = row.base + d;
            return n + Number(roundHalfAway(BigInt(n) * 190_000n, 1_000_000n)) === gross;
          });
          if (reachable)
            expect(row.amount).toBe(Number(roundHalfAway(BigInt(row.base) * 190_000n, 1_000_000n)));
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
