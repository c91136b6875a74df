import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeEarlyPaymentTerms,
  discountDeadline,
  discountFor,
  earlyPaymentOffer,
  parseTermsText,
} from '../../src/shared/domain/early-payment';
import { billTotals, lineAmount, percentToBp, quantityToMilli } from '../../src/shared/domain/bill-amounts';

describe('early-payment terms such as 2/10 net 30', () => {
  const terms = { discountBp: 200, days: 10 };
  const bill = {
    billDate: '2026-03-01',
    total: 123_45,
    balance: 123_45,
    discountTaken: 0,
    earlyPayment: terms,
  };

  it('"pay by <date> to save <amount>" until the last discount day, then nothing', () => {
    expect(discountDeadline('2026-03-01', terms)).toBe('2026-03-11');
    expect(earlyPaymentOffer(bill, '2026-03-01')).toEqual({ payBy: '2026-03-11', save: 247, pay: 120_98 });
    expect(earlyPaymentOffer(bill, '2026-03-11')).not.toBeNull();
    expect(earlyPaymentOffer(bill, '2026-03-12')).toBeNull();
    expect(earlyPaymentOffer({ ...bill, earlyPayment: null }, '2026-03-02')).toBeNull();
    expect(earlyPaymentOffer({ ...bill, discountTaken: 247 }, '2026-03-02')).toBeNull();
    // After a part payment the discount is still on the whole bill; the rest pays less.
    expect(earlyPaymentOffer({ ...bill, balance: 23_45 }, '2026-03-02')).toEqual({
      payBy: '2026-03-11',
      save: 247,
      pay: 20_98,
    });
  });

  it('rounds the discount half away from zero, exactly', () => {
    expect(discountFor(25, terms)).toBe(1); // 0.5 -> 1
    expect(discountFor(24, terms)).toBe(0);
    expect(discountFor(1_000_000_00, { discountBp: 125, days: 15 })).toBe(1_250_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 5000 }), (total, bp) => {
        const d = discountFor(total, { discountBp: bp, days: 10 });
        return Math.abs(d * 10_000 - total * bp) <= 5_000;
      }),
    );
  });

  it('reads terms as people write them', () => {
    expect(parseTermsText('2/10 net 30')).toEqual({
      terms: { kind: 'net', days: 30 },
      earlyPayment: { discountBp: 200, days: 10 },
    });
    expect(parseTermsText('2/10 n/30')?.terms).toEqual({ kind: 'net', days: 30 });
    expect(parseTermsText('1.5% 15 days, net 45')?.earlyPayment).toEqual({ discountBp: 150, days: 15 });
    expect(parseTermsText('Net 14')).toEqual({ terms: { kind: 'net', days: 14 }, earlyPayment: null });
    expect(parseTermsText('due on receipt')?.terms).toEqual({ kind: 'on_receipt' });
    expect(parseTermsText('EOM + 10')?.terms).toEqual({ kind: 'eom', days: 10 });
    expect(parseTermsText('end of month')?.terms).toEqual({ kind: 'eom', days: 0 });
    for (const bad of ['', 'soon', '2/40 net 30', '80/10 net 30', 'net 400'])
      expect(parseTermsText(bad)).toBeNull();
    expect(describeEarlyPaymentTerms({ kind: 'net', days: 30 }, terms)).toBe('2/10 net 30');
    expect(describeEarlyPaymentTerms({ kind: 'net', days: 30 }, null)).toBe('Net 30');
  });
});

describe('bill amounts', () => {
  it('quantity × unit price, rounded half away from zero; tax kept apart', () => {
    expect(lineAmount(2500, 333)).toBe(833); // 2.5 × 3.33 = 8.325
    expect(lineAmount(1000, 12345)).toBe(12345);
    expect(
      billTotals([
        { quantityMilli: 2000, unitPrice: 10_00, tax: 4_60 },
        { quantityMilli: 1000, unitPrice: 5_00, tax: 0 },
      ]),
    ).toEqual({
      subtotal: 25_00,
      tax: 4_60,
      total: 29_60,
    });
    expect(quantityToMilli(2.5)).toBe(2500);
    expect(quantityToMilli(0.0001)).toBeNull();
    expect(percentToBp(2.5)).toBe(250);
    expect(percentToBp(2.555)).toBeNull();
  });
});
