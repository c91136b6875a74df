import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/shared/domain/dates';
import { agingReport } from '../../src/main/services/reports/aging';
import { outstandingInvoices, receivablesAging } from '../../src/main/services/reports/receivables-aging';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { EMPTY_ADDRESS, seedBusiness } from '../helpers/seed';

/**
 * Today's receivables aging is summed in SQL over the open-invoice index; a past date still
 * goes invoice by invoice. Both must give the same figures: here on a seeded mix of
 * currencies and rates, part payments, a void, an invoice issued after today, and due dates
 * on each side of every bucket boundary.
 */
const TODAY = '2026-11-20';
let t: TestFolio;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock(`${TODAY}T12:00:00Z`) });
  await seedBusiness(t);
  const random = rng(7);
  const customers: { id: number; currency: string; rate: string }[] = [];
  for (const [name, currency, rate] of [
    ['Alpha', 'EUR', '1'],
    ['Bravo (UK)', 'GBP', '1.1764'],
    ['Charlie (US)', 'USD', '0.9217'],
    ['Delta (JP)', 'JPY', '0.0061'],
  ] as const) {
    const { customer } = await t.call('customers.create', {
      name,
      billingAddress: EMPTY_ADDRESS,
      shippingAddress: EMPTY_ADDRESS,
      currency,
      paymentTerms: { kind: 'net', days: 30 },
    });
    customers.push({ id: customer.id, currency, rate });
  }
  // Every boundary: 0, 1, 30, 31, 60, 61, 90, 91 days overdue, and not yet due.
  const overdueDays = [-10, 0, 1, 30, 31, 60, 61, 90, 91, 200];
  for (let i = 0; i < 48; i++) {
    const c = customers[i % customers.length]!;
    const days = overdueDays[i % overdueDays.length]!;
    const due = addDays(TODAY, -days);
    const issue = addDays(due, -Math.floor(random() * 40));
    const amount = 1000 + Math.floor(random() * 500_000);
    const doc = await t.call('documents.create', {
      type: 'invoice',
      customerId: c.id,
      issueDate: issue > TODAY ? TODAY : issue,
      due: { kind: 'date', date: due },
      currency: c.currency,
      ...(c.currency === 'EUR' ? {} : { exchangeRate: c.rate }),
      lines: [{ description: `Work ${i}`, quantity: '1', unitPrice: amount }],
    });
    const issued = await t.call('documents.issue', { id: doc.id });
    if (i % 5 === 1) await t.call('documents.void', { id: issued.id, reason: 'Test' });
    else if (i % 3 === 0) {
      const part = Math.floor(issued.total * random());
      if (part > 0)
        await t.call('payments.record', {
          customerId: c.id,
          date: TODAY,
          amount: part,
          currency: c.currency,
          method: 'bank_transfer',
          allocations: [{ invoiceId: issued.id, amount: part }],
        });
    }
  }
  // Issued with a date after today: not in today's aging, in a later date's.
  const later = await t.call('documents.create', {
    type: 'invoice',
    customerId: customers[1]!.id,
    issueDate: addDays(TODAY, 5),
    due: { kind: 'date', date: addDays(TODAY, 35) },
    currency: 'GBP',
    exchangeRate: '1.1764',
    lines: [{ description: 'Next week', quantity: '1', unitPrice: 77_700 }],
  });
  await t.call('documents.issue', { id: later.id });
});
afterAll(async () => t.close());

it.each([TODAY, addDays(TODAY, 5), addDays(TODAY, 40)])(
  'aging as of %s summed in SQL equals the invoice-by-invoice figures',
  async (asOf) => {
    const ctx = t.folio.ctx;
    const bySql = await receivablesAging(ctx, { asOf });
    const byItem = agingReport(await outstandingInvoices(ctx, asOf), asOf, 'EUR');
    expect(bySql).toEqual(byItem);
    expect(bySql.rows.length).toBe(4);
    expect(bySql.totals.total).toBeGreaterThan(0);
    if (asOf === TODAY)
      for (const bucket of ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const)
        expect(bySql.totals[bucket], bucket).toBeGreaterThan(0);
  },
);
