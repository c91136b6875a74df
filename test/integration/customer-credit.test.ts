import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';

let t: TestFolio;
let seed: Seed;
const clock = fixedClock('2026-11-20T10:00:00Z');
beforeEach(async () => {
  t = await openTestFolio({ clock });
  seed = await seedBusiness(t);
});
afterEach(async () => t.close());

const issue = async (unitPrice: number) =>
  t.call('documents.issue', {
    id: (
      await t.call(
        'documents.create',
        invoiceInput(seed, { lines: [{ description: 'Work', quantity: '1', unitPrice }] }),
      )
    ).id,
  });
const overpay = (amount: number, date: string) =>
  t.call('payments.record', {
    customerId: seed.customer.id,
    date,
    amount,
    currency: 'EUR',
    method: 'bank_transfer',
    allocations: [],
  });

describe('customer credit from overpayments', () => {
  it('is offered on the next invoice and spent oldest payment first, at most its balance', async () => {
    const first = await overpay(1500, '2026-11-01');
    const second = await overpay(955, '2026-11-05');
    const inv = await issue(2000);
    expect(await t.call('payments.creditFor', { invoiceId: inv.id })).toEqual({
      currency: 'EUR',
      available: 2455,
      toApply: 2000,
    });
    expect(await t.call('payments.useCredit', { invoiceId: inv.id })).toEqual({
      applied: 2000,
      payments: [first.id, second.id],
    });
    expect(await t.call('documents.get', { id: inv.id })).toMatchObject({ status: 'paid', balance: 0 });
    expect((await t.call('payments.get', { id: first.id })).unapplied).toBe(0);
    expect((await t.call('payments.get', { id: second.id })).unapplied).toBe(455);
    expect((await t.call('customers.get', { id: seed.customer.id })).credit).toEqual([
      { currency: 'EUR', amount: 455 },
    ]);
    // A paid invoice has nothing to take; a customer with no credit is told so at the invoice.
    expect((await t.call('payments.creditFor', { invoiceId: inv.id })).toApply).toBe(0);
    const later = await issue(1000);
    await t.call('payments.useCredit', { invoiceId: later.id });
    expect(await t.raw('payments.useCredit', { invoiceId: later.id })).toMatchObject({
      ok: false,
      error: { field: 'invoiceId', message: expect.stringMatching(/has no credit in EUR/) },
    });
  });
});
