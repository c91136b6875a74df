import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { vendorInput } from '../helpers/payables';
import { seedBusiness } from '../helpers/seed';

/**
 * A small book of payables whose report figures were worked out by hand (see each
 * expectation). Today is Friday 2026-11-20; the base currency is EUR; weeks run Monday to
 * Sunday, so the forecast's week 0 is 11-16..11-22 and week 12 ends 2027-02-14.
 *
 *  B1  Paper Co  EUR 1,184.00  billed 08-01 due 08-31: Supplies 800.00 + tax 184.00, Equipment 200.00;
 *                               paid 500.00 on 09-15 and 684.00 on 11-10 (settled 11-10)
 *  B2  Paper Co  EUR   492.00  billed 10-01 due 10-31: Supplies 400.00 + tax 92.00; paid 192.00 on 10-15
 *                               (a payment of 50.00 on 10-16 was recorded and undone)
 *  B3  US Cloud  USD 1,000.00  billed 09-01 due 10-01 at 0.90 EUR/USD = EUR 900.00: Software;
 *                               paid USD 100.00 on 11-05 at 0.95 (EUR 95.00): USD 900.00 left = EUR 810.00
 *  B4  Paper Co  EUR   369.00  billed 09-10 due 09-20: Supplies 300.00 + tax 69.00; void (left out)
 *  B5  Landlord  EUR 1,500.00  billed 11-15 due 11-25: Rent; unpaid
 *  B6  Paper Co  EUR   123.00  billed 11-18 due 2027-03-01 (after the forecast): Supplies 100.00 + tax 23.00
 *  R1  Landlord "Office rent"   monthly on the 1st from 12-01, EUR 1,500.00, net 10 (the vendor's terms)
 *  R2  US Cloud "Hosting"       monthly on the 5th from 12-05, USD 50.00 at 0.90 = EUR 45.00, net 30
 *  I1  an invoice of 200.00 + VAT 23% 46.00 issued 11-15 due 12-15, paid 123.00 on 11-18 (tax collected)
 *  Opening cash: EUR 5,000.00.
 */
let t: TestFolio;
const ids = {} as Record<
  'paper' | 'cloud' | 'landlord' | 'B1' | 'B2' | 'B3' | 'B4' | 'B5' | 'B6' | 'R1' | 'R2',
  number
>;
const category = {} as Record<'Supplies' | 'Equipment' | 'Software' | 'Rent', number>;

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T12:00:00Z') });
  const seed = await seedBusiness(t);
  for (const c of await t.call('expenseCategories.list', {}))
    if (c.name in { Supplies: 1, Equipment: 1, Software: 1, Rent: 1 })
      category[c.name as keyof typeof category] = c.id;
  ids.paper = (await t.call('vendors.create', vendorInput({ name: 'Paper Co' }))).id;
  ids.cloud = (await t.call('vendors.create', vendorInput({ name: 'US Cloud Inc', currency: 'USD' }))).id;
  ids.landlord = (
    await t.call(
      'vendors.create',
      vendorInput({ name: 'Landlord Ltd', paymentTerms: { kind: 'net', days: 10 }, bankDetails: '' }),
    )
  ).id;
  const bill = async (
    vendorId: number,
    number: string,
    billDate: string,
    dueDate: string,
    lines: { categoryId: number; unitPrice: number; tax?: number }[],
    extra: { exchangeRate?: string } = {},
  ) =>
    (
      await t.call('bills.create', {
        vendorId,
        vendorInvoiceNumber: number,
        billDate,
        dueDate,
        lines,
        ...extra,
      })
    ).bill.id;
  const pay = async (billId: number, paymentDate: string, amount: number, exchangeRate?: string) =>
    t.call('billPayments.create', {
      paymentDate,
      method: 'bank_transfer',
      allocations: [{ billId, amount }],
      ...(exchangeRate ? { exchangeRate } : {}),
    });

  ids.B1 = await bill(ids.paper, 'P-1', '2026-08-01', '2026-08-31', [
    { categoryId: category.Supplies, unitPrice: 800_00, tax: 184_00 },
    { categoryId: category.Equipment, unitPrice: 200_00 },
  ]);
  await pay(ids.B1, '2026-09-15', 500_00);
  ids.B2 = await bill(ids.paper, 'P-2', '2026-10-01', '2026-10-31', [
    { categoryId: category.Supplies, unitPrice: 400_00, tax: 92_00 },
  ]);
  await pay(ids.B2, '2026-10-15', 192_00);
  const undone = await pay(ids.B2, '2026-10-16', 50_00);
  await t.call('billPayments.delete', { id: undone.id });
  ids.B3 = await bill(
    ids.cloud,
    'US-9',
    '2026-09-01',
    '2026-10-01',
    [{ categoryId: category.Software, unitPrice: 1000_00 }],
    { exchangeRate: '0.90' },
  );
  await pay(ids.B3, '2026-11-05', 100_00, '0.95');
  ids.B4 = await bill(ids.paper, 'P-3', '2026-09-10', '2026-09-20', [
    { categoryId: category.Supplies, unitPrice: 300_00, tax: 69_00 },
  ]);
  await t.call('bills.void', { id: ids.B4, reason: 'Entered twice' });
  ids.B5 = await bill(ids.landlord, 'RENT-11', '2026-11-15', '2026-11-25', [
    { categoryId: category.Rent, unitPrice: 1500_00 },
  ]);
  ids.B6 = await bill(ids.paper, 'P-4', '2026-11-18', '2027-03-01', [
    { categoryId: category.Supplies, unitPrice: 100_00, tax: 23_00 },
  ]);
  await pay(ids.B1, '2026-11-10', 684_00);
  const recurring = (
    vendorId: number,
    name: string,
    startDate: string,
    unitPrice: number,
    categoryId: number,
    extra: { exchangeRate?: string } = {},
  ) =>
    t.call('bills.recurring.create', {
      vendorId,
      name,
      frequency: 'monthly',
      interval: 1,
      startDate,
      lines: [{ categoryId, unitPrice }],
      ...extra,
    });
  ids.R1 = (await recurring(ids.landlord, 'Office rent', '2026-12-01', 1500_00, category.Rent)).id;
  ids.R2 = (
    await recurring(ids.cloud, 'Hosting', '2026-12-05', 50_00, category.Software, { exchangeRate: '0.90' })
  ).id;

  const invoice = await t.call('documents.create', {
    type: 'invoice',
    customerId: seed.customer.id,
    issueDate: '2026-11-15',
    due: { kind: 'date', date: '2026-12-15' },
    currency: 'EUR',
    lines: [{ description: 'Work', quantity: '1', unitPrice: 200_00, taxIds: [seed.vat23.id] }],
  });
  await t.call('documents.issue', { id: invoice.id });
  await t.call('payments.record', {
    customerId: seed.customer.id,
    date: '2026-11-18',
    amount: 123_00,
    currency: 'EUR',
    method: 'bank_transfer',
    allocations: [{ invoiceId: invoice.id, amount: 123_00 }],
  });
  await t.call('reports.setOpeningBalance', { amount: 5000_00, date: '2026-11-20' });
});
afterAll(async () => t.close());

describe('bills in the base currency', () => {
  it('keeps each bill’s balance in EUR at its own rate, and the date it was settled', async () => {
    const b1 = await t.call('bills.get', { id: ids.B1 });
    expect(b1).toMatchObject({ status: 'paid', balance: 0, totalBase: 1184_00, settledOn: '2026-11-10' });
    // USD 1,000.00 at 0.90; USD 900.00 left at the bill's rate (not the payment's 0.95).
    const b3 = await t.call('bills.get', { id: ids.B3 });
    expect(b3).toMatchObject({
      exchangeRate: '0.90',
      balance: 900_00,
      totalBase: 900_00,
      balanceBase: 810_00,
      settledOn: null,
    });
    // The undone payment left B2 as it was after the 192.00.
    expect(await t.call('bills.get', { id: ids.B2 })).toMatchObject({
      status: 'partially_paid',
      balance: 300_00,
      balanceBase: 300_00,
      settledOn: null,
    });
  });

  it('values a payment at its own rate, and needs the rate for a foreign currency', async () => {
    const [p] = await t.call('billPayments.list', { billId: ids.B3 });
    expect(p).toMatchObject({ currency: 'USD', amount: 100_00, exchangeRate: '0.95', amountBase: 95_00 });
    const missing = await t.raw('billPayments.create', {
      paymentDate: '2026-11-20',
      method: 'card',
      allocations: [{ billId: ids.B3, amount: 1_00 }],
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { field: 'exchangeRate', message: /what 1 USD is worth in EUR/ },
    });
    const bill = await t.raw('bills.create', {
      vendorId: ids.cloud,
      billDate: '2026-11-20',
      lines: [{ unitPrice: 1_00 }],
    });
    expect(bill).toMatchObject({ ok: false, error: { field: 'exchangeRate' } });
    expect(await t.call('bills.recurring.get', { id: ids.R2 })).toMatchObject({
      currency: 'USD',
      exchangeRate: '0.90',
    });
  });
});

describe('payables aging', () => {
  it('as of today: B2 20 days late, B3 50 days (EUR 810.00 at 0.90), B5 and B6 current; B1 paid and B4 void are out', async () => {
    const r = await t.call('reports.payablesAging', { asOf: '2026-11-20' });
    expect(r.rows).toEqual([
      {
        id: ids.landlord,
        name: 'Landlord Ltd',
        current: 1500_00,
        d1_30: 0,
        d31_60: 0,
        d61_90: 0,
        d90plus: 0,
        total: 1500_00,
      },
      {
        id: ids.cloud,
        name: 'US Cloud Inc',
        current: 0,
        d1_30: 0,
        d31_60: 810_00,
        d61_90: 0,
        d90plus: 0,
        total: 810_00,
      },
      // B2 300.00 due 10-31 (20 days) and B6 123.00 not due until 2027.
      {
        id: ids.paper,
        name: 'Paper Co',
        current: 123_00,
        d1_30: 300_00,
        d31_60: 0,
        d61_90: 0,
        d90plus: 0,
        total: 423_00,
      },
    ]);
    expect(r.totals).toEqual({
      current: 1623_00,
      d1_30: 300_00,
      d31_60: 810_00,
      d61_90: 0,
      d90plus: 0,
      total: 2733_00,
    });
  });

  it('as of 2026-10-20: the payments of 11-05 and 11-10 are not counted, the undone one never is; later bills did not exist', async () => {
    const r = await t.call('reports.payablesAging', { asOf: '2026-10-20' });
    expect(r.rows).toEqual([
      // B1: 1,184.00 − 500.00 = 684.00 owed, 50 days after 08-31; B2: 492.00 − 192.00 = 300.00, not yet due.
      {
        id: ids.paper,
        name: 'Paper Co',
        current: 300_00,
        d1_30: 0,
        d31_60: 684_00,
        d61_90: 0,
        d90plus: 0,
        total: 984_00,
      },
      // B3: all USD 1,000.00 = EUR 900.00, 19 days after 10-01.
      {
        id: ids.cloud,
        name: 'US Cloud Inc',
        current: 0,
        d1_30: 900_00,
        d31_60: 0,
        d61_90: 0,
        d90plus: 0,
        total: 900_00,
      },
    ]);
    expect(r.totals.total).toBe(1884_00);
  });

  it('drills down to the bills behind a cell', async () => {
    const items = await t.call('reports.payablesAgingItems', {
      asOf: '2026-10-20',
      partyId: ids.paper,
      bucket: 'd31_60',
    });
    expect(items.map((i) => [i.id, i.number, i.outstanding, i.daysOverdue])).toEqual([
      [ids.B1, 'P-1', 684_00, 50],
    ]);
    const usd = await t.call('reports.payablesAgingItems', { asOf: '2026-11-20', partyId: ids.cloud });
    expect(usd.map((i) => [i.currency, i.outstanding, i.outstandingBase])).toEqual([['USD', 900_00, 810_00]]);
    const current = await t.call('reports.payablesAgingItems', { asOf: '2026-11-20', bucket: 'current' });
    expect(current.map((i) => i.id)).toEqual([ids.B5, ids.B6]);
  });

  it('exports the aging as CSV with the same figures', async () => {
    const { csv, fileName } = await t.call('reports.exportCsv', {
      report: 'payablesAging',
      asOf: '2026-10-20',
    });
    expect(fileName).toBe('Payables aging 2026-10-20.csv');
    expect(csv.split('\r\n')).toEqual([
      'Vendor,Current (EUR),1–30 days (EUR),31–60 days (EUR),61–90 days (EUR),90+ days (EUR),Total (EUR)',
      'Paper Co,300.00,0.00,684.00,0.00,0.00,984.00',
      'US Cloud Inc,0.00,900.00,0.00,0.00,0.00,900.00',
      'Total,300.00,900.00,684.00,0.00,0.00,1884.00',
      '',
    ]);
  });
});

describe('dashboard', () => {
  it('shows the bills due within 7 days, the overdue ones and the next recurring bills', async () => {
    const d = await t.call('dashboard.summary', {});
    // Due 11-20..11-27: B5. Overdue: B2 300.00 and B3 810.00.
    expect(d.billsDueSoon).toEqual({ count: 1, amount: 1500_00 });
    expect(d.billsOverdue).toEqual({ count: 2, amount: 1110_00 });
    expect(d.nextRecurring).toEqual([
      { kind: 'bill', id: ids.R1, name: 'Office rent', date: '2026-12-01', amount: 1500_00 },
      { kind: 'bill', id: ids.R2, name: 'Hosting', date: '2026-12-05', amount: 45_00 },
    ]);
  });
});

describe('cash-flow forecast', () => {
  it('takes bills at their due dates, overdue ones now, and the recurring bills still to come', async () => {
    const r = await t.call('reports.cashflow', {});
    expect(r.weeks[0]).toMatchObject({ start: '2026-11-16', end: '2026-11-22' });
    // Week 0: B2 300.00 + B3 810.00 (overdue); week 1 (11-23..11-29): B5 due 11-25.
    expect(r.weeks.map((w) => w.bills)).toEqual([1110_00, 1500_00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Rent billed 12-01, 01-01, 02-01, due 10 days later: 12-11 (week 3), 01-11 (week 8), 02-11 (week 12).
    // Hosting billed 12-05 and 01-05, due 30 days later: 01-04 (week 7), 02-04 (week 11); the one
    // billed 02-05 is due 03-07, after the horizon.
    expect(r.weeks.map((w) => w.recurringBills)).toEqual([
      0, 0, 0, 1500_00, 0, 0, 0, 45_00, 1500_00, 0, 0, 45_00, 1500_00,
    ]);
    expect(r.later.bills).toBe(123_00);
    // The invoice's 123.00 still owed is expected on its due date, 12-15 (week 4).
    expect(r.weeks.map((w) => w.receipts)).toEqual([0, 0, 0, 0, 123_00, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.weeks.map((w) => w.balance)).toEqual([
      3890_00, 2390_00, 2390_00, 890_00, 1013_00, 1013_00, 1013_00, 968_00, -532_00, -532_00, -532_00,
      -577_00, -2077_00,
    ]);
  });
});

describe('income and expenses', () => {
  it('billed by bill date and paid by payment date, in EUR, the void bill left out', async () => {
    const r = await t.call('reports.incomeExpenses', { from: '2026-08-01', to: '2026-11-30' });
    expect(r.months.map((m) => [m.month, m.billed, m.paid])).toEqual([
      ['2026-08', 1184_00, 0],
      ['2026-09', 900_00, 500_00],
      ['2026-10', 492_00, 192_00],
      // B5 + B6; paid 684.00 on B1 + USD 100.00 at 0.95.
      ['2026-11', 1623_00, 779_00],
    ]);
  });

  it('by expense category: bills over their lines, payments in proportion to the lines they paid', async () => {
    const r = await t.call('reports.incomeExpenses', { from: '2026-08-01', to: '2026-11-30' });
    // B1's lines weigh 984.00 (Supplies with its tax) and 200.00 (Equipment) of 1,184.00:
    //  500.00 → 415.5405… and 84.4594…: 415.54 + 84.45 leave one cent for the larger remainder, Equipment;
    //  684.00 → 568.4594… and 115.5405…: 568.45 + 115.54 leave one cent for Supplies.
    // So B1, fully paid, ends with Supplies 415.54 + 568.46 = 984.00 and Equipment 84.46 + 115.54 = 200.00.
    expect(r.byCategory).toEqual([
      // B1 984.00 + B2 492.00 + B6 123.00 billed; 984.00 + B2's 192.00 paid.
      { id: category.Supplies, name: 'Supplies', billed: 1599_00, paid: 1176_00 },
      { id: category.Rent, name: 'Rent', billed: 1500_00, paid: 0 },
      { id: category.Software, name: 'Software', billed: 900_00, paid: 95_00 },
      { id: category.Equipment, name: 'Equipment', billed: 200_00, paid: 200_00 },
    ]);
    const sum = (k: 'billed' | 'paid') => r.byCategory.reduce((s, c) => s + c[k], 0);
    expect(sum('billed')).toBe(r.months.reduce((s, m) => s + m.billed, 0));
    expect(sum('paid')).toBe(r.months.reduce((s, m) => s + m.paid, 0));
  });

  it('splits a September payment in proportion to the lines', async () => {
    const r = await t.call('reports.incomeExpenses', { from: '2026-09-01', to: '2026-09-30' });
    expect(r.byCategory).toEqual([
      { id: category.Software, name: 'Software', billed: 900_00, paid: 0 },
      { id: category.Supplies, name: 'Supplies', billed: 0, paid: 415_54 },
      { id: category.Equipment, name: 'Equipment', billed: 0, paid: 84_46 },
    ]);
  });
});

describe('tax summary', () => {
  it('accrual: reclaimable tax of the bills dated in the period, against the tax collected', async () => {
    const nov = await t.call('reports.taxSummary', {
      from: '2026-11-01',
      to: '2026-11-30',
      basis: 'accrual',
    });
    expect(nov.collected).toEqual([{ name: 'VAT 23%', percent: '23', base: 200_00, amount: 46_00 }]);
    expect(nov.paid).toEqual([
      { name: 'Reclaimable tax on bills', percent: '', base: 100_00, amount: 23_00 },
    ]);
    expect([nov.totalPaid, nov.net]).toEqual([23_00, 23_00]);
    // B1 184.00 on 800.00, B2 92.00 on 400.00, B6 23.00 on 100.00; B4's 69.00 is void.
    const all = await t.call('reports.taxSummary', {
      from: '2026-08-01',
      to: '2026-11-30',
      basis: 'accrual',
    });
    expect(all.paid).toEqual([
      { name: 'Reclaimable tax on bills', percent: '', base: 1300_00, amount: 299_00 },
    ]);
  });

  it('cash: the tax share of the bill payments in the period', async () => {
    const nov = await t.call('reports.taxSummary', { from: '2026-11-01', to: '2026-11-30', basis: 'cash' });
    // 684.00 of B1's 1,184.00 paid in November: 800.00 × 684/1184 = 462.162… and 184.00 × 684/1184 = 106.297…
    // (B3, paid too, has no tax); collected: half of the invoice's 46.00 VAT.
    expect(nov.paid).toEqual([
      { name: 'Reclaimable tax on bills', percent: '', base: 462_16, amount: 106_30 },
    ]);
    expect(nov.totalCollected).toBe(23_00);
    expect(nov.net).toBe(23_00 - 106_30);
  });
});

describe('figures kept current as bills change (last: these change the book)', () => {
  it('a new rate revalues the bill, and an undone payment reopens it and clears its settled date', async () => {
    const b3 = await t.call('bills.get', { id: ids.B3 });
    await t.call('bills.update', {
      id: ids.B3,
      vendorId: ids.cloud,
      vendorInvoiceNumber: b3.vendorInvoiceNumber,
      billDate: b3.billDate,
      dueDate: b3.dueDate,
      exchangeRate: '1.10',
      lines: [{ categoryId: category.Software, unitPrice: 1000_00 }],
    });
    // USD 1,000.00 at 1.10; USD 900.00 still owed = EUR 990.00.
    expect(await t.call('bills.get', { id: ids.B3 })).toMatchObject({
      status: 'partially_paid',
      totalBase: 1100_00,
      balanceBase: 990_00,
    });

    const [last] = await t.call('billPayments.list', { billId: ids.B1 });
    expect(last).toMatchObject({ paymentDate: '2026-11-10', amount: 684_00 });
    await t.call('billPayments.delete', { id: last!.id });
    expect(await t.call('bills.get', { id: ids.B1 })).toMatchObject({
      status: 'partially_paid',
      balance: 684_00,
      balanceBase: 684_00,
      settledOn: null,
    });
    // Overdue now: B1 684.00 (due 08-31, 81 days ago), B2 300.00 and B3 990.00.
    expect((await t.call('dashboard.summary', {})).billsOverdue).toEqual({ count: 3, amount: 1974_00 });
    const aging = await t.call('reports.payablesAging', { asOf: '2026-11-20' });
    expect(aging.rows.find((r) => r.id === ids.paper)).toMatchObject({ d61_90: 684_00, d90plus: 0 });
  });
});
