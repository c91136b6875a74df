import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitProportionally } from '../../src/shared/domain/split';

describe('splitting an amount in proportion to weights', () => {
  it('gives exact shares when the amount divides evenly', () => {
    expect(splitProportionally(100_00, [3, 1])).toEqual([75_00, 25_00]);
    expect(splitProportionally(60, [10, 20, 30])).toEqual([10, 20, 30]);
  });

  it('hands the units left over to the largest remainders, the earlier part on a tie', () => {
    // 100 / 3 = 33.33 each: one unit is left, and the first part takes it.
    expect(splitProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5: 1 + 3 + 5 = 9, the 0.67 remainder wins.
    expect(splitProportionally(10, [1, 2, 3])).toEqual([2, 3, 5]);
    // 200.01 over lines of 184.50 (150.00 + 34.50 tax) and 50.00: exact shares 157.3639… and
    // 42.6460…; the floors 157.36 + 42.64 leave one cent, which goes to the larger remainder.
    expect(splitProportionally(200_01, [184_50, 50_00])).toEqual([157_36, 42_65]);
  });

  it('gives nothing to a zero weight and splits negative amounts symmetrically', () => {
    expect(splitProportionally(7, [0, 1, 0])).toEqual([0, 7, 0]);
    expect(splitProportionally(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(splitProportionally(0, [0, 0])).toEqual([0, 0]);
  });

  it('refuses weights that cannot carry an amount', () => {
    expect(() => splitProportionally(5, [0, 0])).toThrow(/all zero/);
    expect(() => splitProportionally(5, [1, -1])).toThrow(/zero or more/);
    expect(() => splitProportionally(1.5, [1])).toThrow(/whole amount/);
  });

  it('always adds up to the whole, each part within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 20 }),
        (whole, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = splitProportionally(whole, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(whole);
          const total = weights.reduce((s, w) => s + BigInt(w), 0n);
          parts.forEach((p, i) => {
            // |p × total − whole × w| < total: the part is the exact share rounded one way or the other.
            const diff = BigInt(p) * total - BigInt(whole) * BigInt(weights[i]!);
            expect(diff < 0n ? -diff : diff).toBeLessThan(total);
          });
        },
      ),
    );
  });
});
