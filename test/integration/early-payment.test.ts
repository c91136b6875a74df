import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { billInput, setupBusiness, vendorInput } from '../helpers/payables';
import { RECLAIMABLE_TAX } from '../../src/main/services/reports/tax-summary';

let t: TestFolio;
const clock = fixedClock('2026-03-10T09:00:00Z');
beforeEach(async () => {
  clock.set('2026-03-10T09:00:00Z');
  t = await openTestFolio({ clock });
  await setupBusiness(t);
});
afterEach(async () => t.close());

const reclaimable = async (from: string, to: string) =>
  (await t.call('reports.taxSummary', { from, to, basis: 'accrual' })).paid.find(
    (l) => l.name === RECLAIMABLE_TAX,
  );

describe('early-payment discounts on bills', () => {
  it('accrual: a discount taken reduces the input tax by its tax share, in the period it was taken', async () => {
    const v = await t.call('vendors.create', vendorInput({ earlyPayment: { discountPercent: 2, days: 10 } }));
    // 2 × 50,00 + 23,00 tax = 123,00; 2 % = 2,46 until 04-04.
    const { bill } = await t.call('bills.create', billInput(v.id, { billDate: '2026-03-25' }));
    expect(bill.offer).toEqual({ payBy: '2026-04-04', save: 2_46, pay: 120_54 });
    await t.call('billPayments.create', {
      paymentDate: '2026-04-02',
      method: 'bank_transfer',
      allocations: [{ billId: bill.id, amount: 120_54, discount: 2_46 }],
    });
    // March: the bill as dated. April: the discount's share, 2,46 × 23/123 = 0,46 of tax on 2,00.
    expect(await reclaimable('2026-03-01', '2026-03-31')).toMatchObject({ base: 100_00, amount: 23_00 });
    expect(await reclaimable('2026-04-01', '2026-04-30')).toMatchObject({ base: -2_00, amount: -46 });
    // Over both: the tax inside what was actually paid, 120,54 × 23/123 = 22,54.
    expect(await reclaimable('2026-03-01', '2026-04-30')).toMatchObject({ base: 98_00, amount: 22_54 });
    // Cash basis agrees over the same span.
    const cash = await t.call('reports.taxSummary', { from: '2026-03-01', to: '2026-04-30', basis: 'cash' });
    expect(cash.paid.find((l) => l.name === RECLAIMABLE_TAX)).toMatchObject({ base: 98_00, amount: 22_54 });
  });

  it('the discount window may not end after the due date', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const r = await t.raw('bills.create', {
      ...billInput(v.id, { billDate: '2026-03-05', dueDate: '2026-03-20' }),
      earlyPayment: { discountPercent: 2, days: 30 },
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        field: 'earlyPayment.days',
        message: 'The discount must end by the due date, 2026-03-20: at most 15 days after the bill date.',
      },
    });
    const ok = await t.raw('bills.create', {
      ...billInput(v.id, { billDate: '2026-03-05', dueDate: '2026-03-20' }),
      earlyPayment: { discountPercent: 2, days: 15 },
    });
    expect(ok.ok).toBe(true);
    const vendor = await t.raw('vendors.create', {
      ...vendorInput({ name: 'Late Discounts Ltd' }),
      earlyPayment: { discountPercent: 2, days: 45 },
    });
    expect(vendor).toMatchObject({ ok: false, error: { field: 'earlyPayment.days' } });
  });

  it('a discount over 50 % is refused at its field, never cut down to 50 %', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const r = await t.raw('bills.create', {
      ...billInput(v.id),
      earlyPayment: { discountPercent: 150, days: 10 },
    });
    expect(r).toMatchObject({ ok: false, error: { field: 'earlyPayment.discountPercent' } });
  });
});
