import { storeOf } from '../../src/main/services/context';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { auditOf, billInput, setupBusiness, vendorInput } from '../helpers/payables';

let t: TestFolio;
const clock = fixedClock('2026-03-10T09:00:00Z');
beforeEach(async () => {
  clock.set('2026-03-10T09:00:00Z');
  t = await openTestFolio({ clock });
  await setupBusiness(t);
});
afterEach(async () => {
  await t.close();
});

const pay = (
  allocations: { billId: number; amount: number; discount?: number }[],
  paymentDate = '2026-03-10',
) => t.call('billPayments.create', { paymentDate, method: 'bank_transfer', reference: 'TRX-1', allocations });

describe('paying bills', () => {
  it('pays part, then the rest: partially paid, then paid; balances are kept on the bill', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const { bill } = await t.call('bills.create', billInput(v.id)); // 123.00
    await pay([{ billId: bill.id, amount: 50_00 }]);
    let b = await t.call('bills.get', { id: bill.id });
    expect(b).toMatchObject({ status: 'partially_paid', paid: 50_00, balance: 73_00 });
    expect(
      await t.raw('billPayments.create', {
        paymentDate: '2026-03-11',
        method: 'card',
        allocations: [{ billId: bill.id, amount: 73_01 }],
      }),
    ).toMatchObject({
      ok: false,
      error: {
        field: 'allocations.0.amount',
        message: 'That is more than the €73.00 still owed on Acme Supplies INV-0042.',
      },
    });
    await pay([{ billId: bill.id, amount: 73_00 }], '2026-03-11');
    b = await t.call('bills.get', { id: bill.id });
    expect(b).toMatchObject({ status: 'paid', paid: 123_00, balance: 0, displayStatus: 'paid' });
    expect(b.payments.map((p) => [p.paymentDate, p.amount])).toEqual([
      ['2026-03-10', 50_00],
      ['2026-03-11', 73_00],
    ]);
    expect(
      await t.raw('billPayments.create', {
        paymentDate: '2026-03-11',
        method: 'card',
        allocations: [{ billId: bill.id, amount: 1 }],
      }),
    ).toMatchObject({
      ok: false,
      error: { message: /is paid; there is nothing to pay/ },
    });
    expect((await auditOf(t, 'bill', bill.id)).map((e) => e.action)).toEqual([
      'payment',
      'payment',
      'create',
    ]);
  });

  it('one payment covers several bills of a vendor; undo reopens them', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const a = await t.call('bills.create', billInput(v.id, { vendorInvoiceNumber: 'A' }));
    const b = await t.call(
      'bills.create',
      billInput(v.id, { vendorInvoiceNumber: 'B', lines: [{ unitPrice: 10_00 }] }),
    );
    const p = await pay([
      { billId: a.bill.id, amount: 123_00 },
      { billId: b.bill.id, amount: 5_00 },
    ]);
    expect(p).toMatchObject({ amount: 128_00, currency: 'EUR', vendorName: 'Acme Supplies' });
    expect(p.allocations.map((x) => x.vendorInvoiceNumber)).toEqual(['A', 'B']);
    expect((await t.call('bills.get', { id: a.bill.id })).status).toBe('paid');
    expect((await t.call('bills.get', { id: b.bill.id })).status).toBe('partially_paid');
    await t.call('billPayments.delete', { id: p.id });
    expect(await t.call('bills.get', { id: a.bill.id })).toMatchObject({
      status: 'awaiting_payment',
      balance: 123_00,
      paid: 0,
    });
    expect(await t.call('bills.get', { id: b.bill.id })).toMatchObject({
      status: 'awaiting_payment',
      balance: 10_00,
    });
    expect((await auditOf(t, 'bill_payment', p.id)).map((e) => e.action)).toEqual(['delete', 'create']);
  });

  it('refuses a payment mixing vendors, drafts, or the same bill twice', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const w = await t.call('vendors.create', vendorInput({ name: 'Other Ltd' }));
    const a = await t.call('bills.create', billInput(v.id));
    const b = await t.call('bills.create', billInput(w.id));
    const d = await t.call('bills.create', billInput(v.id, { vendorInvoiceNumber: 'D', status: 'draft' }));
    const r1 = await t.raw('billPayments.create', {
      paymentDate: '2026-03-10',
      method: 'card',
      allocations: [
        { billId: a.bill.id, amount: 1 },
        { billId: b.bill.id, amount: 1 },
      ],
    });
    expect(r1).toMatchObject({
      ok: false,
      error: { field: 'allocations.1.billId', message: /A payment goes to one vendor/ },
    });
    const r2 = await t.raw('billPayments.create', {
      paymentDate: '2026-03-10',
      method: 'card',
      allocations: [{ billId: d.bill.id, amount: 1 }],
    });
    expect(r2).toMatchObject({ ok: false, error: { message: /is a draft. Approve it before paying it/ } });
    const r3 = await t.raw('billPayments.create', {
      paymentDate: '2026-03-10',
      method: 'card',
      allocations: [
        { billId: a.bill.id, amount: 1 },
        { billId: a.bill.id, amount: 1 },
      ],
    });
    expect(r3).toMatchObject({ ok: false, error: { message: /listed twice/ } });
    expect(await t.call('billPayments.list', {})).toEqual([]);
    expect((await t.call('bills.get', { id: a.bill.id })).paid).toBe(0);
  });

  it('takes an early-payment discount only by the last discount day, with the rest paid', async () => {
    const v = await t.call('vendors.create', vendorInput({ earlyPayment: { discountPercent: 2, days: 10 } }));
    const { bill } = await t.call('bills.create', billInput(v.id, { billDate: '2026-03-05' })); // 123.00, 2% = 2.46 until 03-15
    expect(bill.offer).toEqual({ payBy: '2026-03-15', save: 2_46, pay: 120_54 });
    const late = await t.raw('billPayments.create', {
      paymentDate: '2026-03-16',
      method: 'card',
      allocations: [{ billId: bill.id, amount: 120_54, discount: 2_46 }],
    });
    expect(late).toMatchObject({
      ok: false,
      error: { field: 'allocations.0.discount', message: /no early-payment discount on 2026-03-16/ },
    });
    const partial = await t.raw('billPayments.create', {
      paymentDate: '2026-03-12',
      method: 'card',
      allocations: [{ billId: bill.id, amount: 100_00, discount: 2_46 }],
    });
    expect(partial).toMatchObject({
      ok: false,
      error: {
        field: 'allocations.0.amount',
        message: 'To take the €2.46 discount, pay the rest of Acme Supplies INV-0042: €120.54.',
      },
    });
    await pay([{ billId: bill.id, amount: 120_54, discount: 2_46 }], '2026-03-15');
    expect(await t.call('bills.get', { id: bill.id })).toMatchObject({
      status: 'paid',
      paid: 120_54,
      discountTaken: 2_46,
      balance: 0,
      offer: null,
    });
  });
});

describe('payment runs', () => {
  it('previews the cash needed and discounts captured, then pays every chosen bill in one step', async () => {
    const v = await t.call('vendors.create', vendorInput({ earlyPayment: { discountPercent: 2, days: 10 } }));
    const w = await t.call('vendors.create', vendorInput({ name: 'Web Host Inc', earlyPayment: null }));
    const usd = await t.call('vendors.create', vendorInput({ name: 'US Cloud', currency: 'USD' }));
    const a = await t.call(
      'bills.create',
      billInput(v.id, { vendorInvoiceNumber: 'A', billDate: '2026-03-05' }),
    );
    const b = await t.call(
      'bills.create',
      billInput(v.id, { vendorInvoiceNumber: 'B', billDate: '2026-02-01', lines: [{ unitPrice: 100_00 }] }),
    );
    const c = await t.call(
      'bills.create',
      billInput(w.id, { vendorInvoiceNumber: 'C', lines: [{ unitPrice: 40_00 }] }),
    );
    const d = await t.call(
      'bills.create',
      billInput(usd.id, { vendorInvoiceNumber: 'D', exchangeRate: '0.92', lines: [{ unitPrice: 10_00 }] }),
    );
    await pay([{ billId: c.bill.id, amount: 15_00 }]);
    const ids = [a.bill.id, b.bill.id, c.bill.id, d.bill.id];

    const preview = await t.call('billPayments.runPreview', { paymentDate: '2026-03-12', billIds: ids });
    expect(preview.rows.map((r) => [r.vendorInvoiceNumber, r.pay, r.discount])).toEqual([
      // By vendor, then due date. B's discount ended on 2026-02-11.
      ['B', 100_00, 0],
      ['A', 120_54, 2_46],
      ['D', 10_00, 0],
      ['C', 25_00, 0],
    ]);
    expect(preview.totals).toEqual([
      { currency: 'EUR', cash: 245_54, discounts: 2_46, bills: 3, billRate: '1' },
      { currency: 'USD', cash: 10_00, discounts: 0, bills: 1, billRate: '0.92' },
    ]);
    const noDiscounts = await t.call('billPayments.runPreview', {
      paymentDate: '2026-03-12',
      billIds: ids,
      takeDiscounts: false,
    });
    expect(noDiscounts.totals[0]).toMatchObject({ cash: 248_00, discounts: 0 });

    const run = await t.call('billPayments.run', {
      paymentDate: '2026-03-12',
      method: 'bank_transfer',
      reference: 'Run 11',
      billIds: ids,
      exchangeRates: [{ currency: 'USD', rate: '0.92' }],
    });
    expect(run).toMatchObject({ payments: 3, bills: 4, totals: preview.totals });
    for (const id of ids) expect((await t.call('bills.get', { id })).status).toBe('paid');
    const payments = await t.call('billPayments.list', {});
    expect(payments.filter((p) => p.runId === run.runId)).toHaveLength(3);
    expect(payments.find((p) => p.vendorName === 'Acme Supplies')!.allocations).toHaveLength(2);
    expect((await t.call('audit.list', { entity: 'payment_run' })).entries[0]).toMatchObject({
      action: 'run',
    });

    // Nothing is paid when one bill of the run is not payable.
    const e = await t.call(
      'bills.create',
      billInput(w.id, { vendorInvoiceNumber: 'E', lines: [{ unitPrice: 1_00 }] }),
    );
    const refused = await t.raw('billPayments.run', {
      paymentDate: '2026-03-12',
      method: 'card',
      billIds: [e.bill.id, a.bill.id],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { field: 'billIds.1', message: /is paid; take it out of the run/ },
    });
    expect((await t.call('bills.get', { id: e.bill.id })).status).toBe('awaiting_payment');
  });
});

describe('editing a bill with payments', () => {
  it('keeps the total at or above what was paid, and the vendor and currency fixed', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const input = billInput(v.id);
    const { bill } = await t.call('bills.create', input);
    await pay([{ billId: bill.id, amount: 100_00 }]);
    const lower = await t.raw('bills.update', { ...input, id: bill.id, lines: [{ unitPrice: 90_00 }] });
    expect(lower).toMatchObject({
      ok: false,
      error: { field: 'lines', message: /cannot be less than the €100.00 already paid/ },
    });
    const raised = await t.call('bills.update', { ...input, id: bill.id, lines: [{ unitPrice: 150_00 }] });
    expect(raised.bill).toMatchObject({
      total: 150_00,
      paid: 100_00,
      balance: 50_00,
      status: 'partially_paid',
    });
    const exact = await t.call('bills.update', { ...input, id: bill.id, lines: [{ unitPrice: 100_00 }] });
    expect(exact.bill).toMatchObject({ balance: 0, status: 'paid' });
    expect(await t.raw('bills.void', { id: bill.id, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /Undo them first/ },
    });
  });
});

describe('maintained totals', () => {
  it('the per-status totals kept by triggers always equal a full recount', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const usd = await t.call('vendors.create', vendorInput({ name: 'US Co', currency: 'USD' }));
    const a = await t.call('bills.create', billInput(v.id, { vendorInvoiceNumber: 'A' }));
    const b = await t.call(
      'bills.create',
      billInput(usd.id, { vendorInvoiceNumber: 'B', exchangeRate: '0.92', status: 'draft' }),
    );
    const c = await t.call(
      'bills.create',
      billInput(v.id, { vendorInvoiceNumber: 'C', lines: [{ unitPrice: 10_00 }] }),
    );
    const p = await pay([{ billId: a.bill.id, amount: 23_00 }]);
    await pay([{ billId: c.bill.id, amount: 10_00 }]);
    await t.call('bills.approve', { id: b.bill.id });
    await t.call('bills.update', {
      ...billInput(usd.id, { vendorInvoiceNumber: 'B', exchangeRate: '0.92' }),
      id: b.bill.id,
      lines: [{ unitPrice: 5_00 }],
    });
    await t.call('billPayments.delete', { id: p.id });
    const d = await t.call('bills.create', billInput(v.id, { vendorInvoiceNumber: 'D', status: 'draft' }));
    await t.call('bills.delete', { id: d.bill.id });
    const e = await t.call('bills.create', billInput(v.id, { vendorInvoiceNumber: 'E' }));
    await t.call('bills.void', { id: e.bill.id, reason: 'test' });

    const store = storeOf(t.folio.ctx);
    const kept = await store
      .prepare(
        'SELECT status, currency, bills, total, balance FROM bill_totals WHERE bills > 0 ORDER BY status, currency',
      )
      .all();
    const counted = await store
      .prepare(
        'SELECT status, currency, count(*) AS bills, sum(total) AS total, sum(balance) AS balance FROM bills GROUP BY status, currency ORDER BY status, currency',
      )
      .all();
    expect(kept).toEqual(counted);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    const list = await t.call('bills.list', { filter: 'all' });
    expect(list.count).toBe(4);
    expect(list.totals).toEqual([
      { currency: 'EUR', total: 123_00 + 10_00 + 123_00, balance: 123_00 },
      { currency: 'USD', total: 5_00, balance: 5_00 },
    ]);
    expect((await t.call('bills.list', { filter: 'paid' })).count).toBe(1);
    expect((await t.call('bills.list', { filter: 'open' })).totals).toEqual([
      { currency: 'EUR', total: 123_00, balance: 123_00 },
      { currency: 'USD', total: 5_00, balance: 5_00 },
    ]);
  });
});
