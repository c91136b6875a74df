import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { EMPTY_ADDRESS, seedBusiness } from '../helpers/seed';

/**
 * A small book of receivables whose report figures were worked out by hand (see each
 * expectation). Today is Friday 2026-11-20; the base currency is EUR.
 *
 *  I1  A  EUR 1,000.00  issued 08-01 due 08-31; paid 400.00 on 09-15 and 600.00 on 11-10
 *  I2  A  EUR   500.00  issued 10-01 due 10-31; credit note CN1 of 200.00 applied on 10-15
 *  I3  B  GBP 1,000.00  issued 09-01 due 10-01 at 1.20 EUR/GBP = EUR 1,200.00; unpaid
 *  I4  A  EUR   300.00  issued 09-10 due 09-20; voided (left out of every report)
 *  I5  A  EUR   246.00  issued 11-15 due 12-15: 200.00 + VAT 23% 46.00; paid 123.00 on 11-18
 */
let t: TestFolio;
const ids = {} as Record<'A' | 'B' | 'I1' | 'I2' | 'I3' | 'I4' | 'I5', number>;

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T12:00:00Z') });
  const seed = await seedBusiness(t);
  const customer = async (name: string, currency: string) =>
    (
      await t.call('customers.create', {
        name,
        billingAddress: EMPTY_ADDRESS,
        shippingAddress: EMPTY_ADDRESS,
        currency,
        paymentTerms: { kind: 'net', days: 30 },
      })
    ).customer.id;
  const a = await customer('Alpha Bakery', 'EUR');
  const b = await customer('Bravo Ltd (UK)', 'GBP');
  ids.A = a;
  ids.B = b;
  const invoice = async (
    customerId: number,
    issueDate: string,
    due: string,
    amount: number,
    extra: Record<string, unknown> = {},
  ) => {
    const d = await t.call('documents.create', {
      type: 'invoice',
      customerId,
      issueDate,
      due: { kind: 'date', date: due },
      currency: 'EUR',
      lines: [{ description: 'Work', quantity: '1', unitPrice: amount }],
      ...extra,
    });
    return (await t.call('documents.issue', { id: d.id })).id;
  };
  const pay = (customerId: number, invoiceId: number, date: string, amount: number) =>
    t.call('payments.record', {
      customerId,
      date,
      amount,
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId, amount }],
    });

  ids.I1 = await invoice(a, '2026-08-01', '2026-08-31', 100000);
  await pay(a, ids.I1, '2026-09-15', 40000);
  ids.I2 = await invoice(a, '2026-10-01', '2026-10-31', 50000);
  const cn = await t.call('documents.create', {
    type: 'credit_note',
    customerId: a,
    issueDate: '2026-10-15',
    due: { kind: 'date', date: '2026-10-15' },
    currency: 'EUR',
    relatedId: ids.I2,
    lines: [{ description: 'Returned goods', quantity: '1', unitPrice: 20000 }],
  });
  await t.call('documents.issue', { id: cn.id });
  ids.I3 = await invoice(b, '2026-09-01', '2026-10-01', 100000, { currency: 'GBP', exchangeRate: '1.20' });
  ids.I4 = await invoice(a, '2026-09-10', '2026-09-20', 30000);
  await t.call('documents.void', { id: ids.I4, reason: 'Duplicate' });
  await pay(a, ids.I1, '2026-11-10', 60000);
  ids.I5 = await invoice(a, '2026-11-15', '2026-12-15', 20000, {
    lines: [{ description: 'Work', quantity: '1', unitPrice: 20000, taxIds: [seed.vat23.id] }],
  });
  await pay(a, ids.I5, '2026-11-18', 12300);
  await t.call('reports.setOpeningBalance', { amount: 500000, date: '2026-11-20' });
});
afterAll(async () => t.close());

describe('receivables aging', () => {
  it('as of today: I2 is 20 days late, I3 50 days (in EUR at 1.20), I5 current; I1 paid and I4 void are out', async () => {
    const r = await t.call('reports.receivablesAging', { asOf: '2026-11-20' });
    expect(r.rows).toEqual([
      {
        id: ids.B,
        name: 'Bravo Ltd (UK)',
        current: 0,
        d1_30: 0,
        d31_60: 120000,
        d61_90: 0,
        d90plus: 0,
        total: 120000,
      },
      {
        id: ids.A,
        name: 'Alpha Bakery',
        current: 12300,
        d1_30: 30000,
        d31_60: 0,
        d61_90: 0,
        d90plus: 0,
        total: 42300,
      },
    ]);
    expect(r.totals).toEqual({
      current: 12300,
      d1_30: 30000,
      d31_60: 120000,
      d61_90: 0,
      d90plus: 0,
      total: 162300,
    });
  });

  it('as of 2026-10-20: the 600.00 paid on 11-10 is not counted; the credit note of 10-15 is; I5 did not exist', async () => {
    const r = await t.call('reports.receivablesAging', { asOf: '2026-10-20' });
    expect(r.rows).toEqual([
      {
        id: ids.B,
        name: 'Bravo Ltd (UK)',
        current: 0,
        d1_30: 120000,
        d31_60: 0,
        d61_90: 0,
        d90plus: 0,
        total: 120000,
      },
      // I1: 1,000 − 400 = 600 owed, 50 days after 08-31; I2: 500 − 200 = 300, not due until 10-31.
      {
        id: ids.A,
        name: 'Alpha Bakery',
        current: 30000,
        d1_30: 0,
        d31_60: 60000,
        d61_90: 0,
        d90plus: 0,
        total: 90000,
      },
    ]);
    expect(r.totals.total).toBe(210000);
  });

  it('drills down to the invoices behind a cell', async () => {
    const items = await t.call('reports.receivablesAgingItems', {
      asOf: '2026-10-20',
      partyId: ids.A,
      bucket: 'd31_60',
    });
    expect(items.map((i) => [i.id, i.outstanding, i.daysOverdue])).toEqual([[ids.I1, 60000, 50]]);
    const gbp = await t.call('reports.receivablesAgingItems', { asOf: '2026-11-20', partyId: ids.B });
    expect(gbp.map((i) => [i.currency, i.outstanding, i.outstandingBase])).toEqual([['GBP', 100000, 120000]]);
  });
});

describe('cash-flow forecast', () => {
  it('moves expected receipts by the customer’s average lateness and runs the balance from the opening cash', async () => {
    const r = await t.call('reports.cashflow', {});
    expect(r.weeks).toHaveLength(13);
    expect(r.weeks[0]).toMatchObject({ start: '2026-11-16', end: '2026-11-22' });
    // Alpha paid I1 71 days late (08-31 → 11-10), so I2 (due 10-31) is expected 2027-01-10, in week 8;
    // Bravo has no history: I3 is overdue, expected now. I5 (due 12-15 + 71 days) falls after the horizon.
    const receipts = r.weeks.map((w) => w.receipts);
    expect(receipts).toEqual([120000, 0, 0, 0, 0, 0, 0, 30000, 0, 0, 0, 0, 0]);
    expect(r.later.receipts).toBe(12300);
    expect(r.openingBalance).toBe(500000);
    expect(r.weeks.map((w) => w.balance)).toEqual([
      620000, 620000, 620000, 620000, 620000, 620000, 620000, 650000, 650000, 650000, 650000, 650000, 650000,
    ]);
  });
});

describe('income and tax', () => {
  it('invoiced against received by month, credit notes subtracting and the void invoice left out', async () => {
    const r = await t.call('reports.incomeExpenses', { from: '2026-08-01', to: '2026-11-30' });
    expect(r.months.map((m) => [m.month, m.invoiced, m.received])).toEqual([
      ['2026-08', 100000, 0],
      ['2026-09', 120000, 40000],
      ['2026-10', 30000, 0],
      ['2026-11', 24600, 72300],
    ]);
    expect(r.byCustomer).toEqual([
      { id: ids.A, name: 'Alpha Bakery', invoiced: 154600, received: 112300 },
      { id: ids.B, name: 'Bravo Ltd (UK)', invoiced: 120000, received: 0 },
    ]);
  });

  it('tax collected in November: accrual counts the issued invoice, cash only what was paid of it', async () => {
    const accrual = await t.call('reports.taxSummary', {
      from: '2026-11-01',
      to: '2026-11-30',
      basis: 'accrual',
    });
    expect(accrual.collected).toEqual([{ name: 'VAT 23%', percent: '23', base: 20000, amount: 4600 }]);
    const cash = await t.call('reports.taxSummary', { from: '2026-11-01', to: '2026-11-30', basis: 'cash' });
    // 123.00 of 246.00 was paid: half the VAT.
    expect(cash.collected).toEqual([{ name: 'VAT 23%', percent: '23', base: 10000, amount: 2300 }]);
    expect(cash.net).toBe(2300);
  });
});

describe('dashboard and collections', () => {
  it('shows what is receivable, overdue and received this month', async () => {
    const d = await t.call('dashboard.summary', {});
    expect(d.receivable).toBe(162300);
    expect(d.overdue).toEqual({ count: 2, amount: 150000 });
    expect(d.receivedThisMonth).toBe(72300);
    expect(d.mostOverdue.map((m) => [m.name, m.amount, m.daysOverdue])).toEqual([
      ['Bravo Ltd (UK)', 120000, 50],
      ['Alpha Bakery', 30000, 20],
    ]);
  });

  it('lists overdue customers with promises, calls and flags', async () => {
    await t.call('collections.recordPromise', {
      customerId: ids.B,
      date: '2026-11-30',
      amount: 100000,
      note: 'Paying Friday',
    });
    await t.call('collections.logCall', { customerId: ids.B, text: 'Spoke to accounts payable' });
    await t.call('collections.setFlag', { customerId: ids.A, flagged: true });
    const rows = await t.call('collections.list', {});
    expect(rows.map((r) => [r.name, r.overdue, r.daysOverdue, r.flagged])).toEqual([
      ['Bravo Ltd (UK)', 120000, 50, false],
      ['Alpha Bakery', 30000, 20, true],
    ]);
    expect(rows[0]!.promise).toEqual({ date: '2026-11-30', amount: 100000, note: 'Paying Friday' });
    expect(rows[0]!.lastNote).toMatchObject({ kind: 'call', text: 'Spoke to accounts payable' });
  });

  it('shows the reminders proposed for each overdue customer, waiting for approval', async () => {
    const proposals = await t.call('invoiceReminders.refresh', {});
    const rows = await t.call('collections.list', {});
    for (const row of rows) {
      expect(row.proposedReminders).toBe(proposals.filter((p) => p.customerId === row.customerId).length);
      expect(row.lastReminder).toBeNull();
    }
    // Bravo's invoice is 50 days late but Bravo promised to pay by 2026-11-30 (above): no
    // reminder while the promise holds. Alpha's is 20 days late: proposed.
    expect(rows.map((r) => [r.name, r.proposedReminders > 0])).toEqual([
      ['Bravo Ltd (UK)', false],
      ['Alpha Bakery', true],
    ]);
  });

  it('exports the aging as CSV with the same figures', async () => {
    const { csv, fileName } = await t.call('reports.exportCsv', {
      report: 'receivablesAging',
      asOf: '2026-10-20',
    });
    expect(fileName).toBe('Receivables aging 2026-10-20.csv');
    expect(csv.split('\r\n')).toEqual([
      'Customer,Current (EUR),1–30 days (EUR),31–60 days (EUR),61–90 days (EUR),90+ days (EUR),Total (EUR)',
      'Bravo Ltd (UK),0.00,1200.00,0.00,0.00,0.00,1200.00',
      'Alpha Bakery,300.00,0.00,600.00,0.00,0.00,900.00',
      'Total,300.00,1200.00,600.00,0.00,0.00,2100.00',
      '',
    ]);
  });
});
