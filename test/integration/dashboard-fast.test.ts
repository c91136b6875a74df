import { localSqlite, TEST_ENGINE } from '../helpers/folio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/shared/domain/dates';
import { storeOf } from '../../src/main/services/context';
import { up as receivableDueDays } from '../../src/main/db/migrations/0011-receivable-due-days';
import {
  dashboardSummary,
  mostOverdueByScan,
  mostOverdueCustomers,
} from '../../src/main/services/reports/dashboard';
import {
  expectedReceipts,
  expectedReceiptsByScan,
  FORECAST_WEEKS,
  weekStart,
  type Flow,
} from '../../src/main/services/reports/cashflow';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { EMPTY_ADDRESS, seedBusiness } from '../helpers/seed';

/**
 * The dashboard's fast paths (issue 9 §5) against the same figures read straight from every
 * open invoice, on a seeded random book: the overdue card from the per-due-date sums kept by
 * triggers (receivable_due_days), the most-overdue list that reads customers from the
 * largest open balance down, and the cash-flow forecast that reads only invoices expected
 * after this week. The book mixes currencies and rates, customers who pay late or early
 * (payment stats), part payments, full payments, undone payments, voids and deleted drafts.
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
  const random = rng(20261120);
  const currencies = [
    ['EUR', '1'],
    ['GBP', '1.1764'],
    ['USD', '0.9217'],
    ['JPY', '0.0061'],
  ] as const;
  const customers: { id: number; currency: string; rate: string }[] = [];
  for (let c = 0; c < 14; c++) {
    const [currency, rate] = currencies[c % currencies.length]!;
    const { customer } = await t.call('customers.create', {
      name: `Customer ${String.fromCharCode(65 + c)}`,
      billingAddress: EMPTY_ADDRESS,
      shippingAddress: EMPTY_ADDRESS,
      currency,
      paymentTerms: { kind: 'net', days: 14 + (c % 3) * 16 },
    });
    customers.push({ id: customer.id, currency, rate });
  }
  const payments: number[] = [];
  for (let i = 0; i < 160; i++) {
    const c = customers[Math.floor(random() * customers.length)]!;
    const issue = addDays(TODAY, -Math.floor(random() * 240) + 10);
    const due = addDays(issue, Math.floor(random() * 60));
    // Some customers get the same amounts, so ties in the most-overdue list happen.
    const amount = random() < 0.3 ? 50_000 : 1000 + Math.floor(random() * 400_000);
    const doc = await t.call('documents.create', {
      type: 'invoice',
      customerId: c.id,
      issueDate: issue > TODAY ? TODAY : issue,
      due: { kind: 'date', date: due },
      currency: c.currency,
      ...(c.currency === 'EUR' ? {} : { exchangeRate: c.rate }),
      lines: [{ description: `Work ${i}`, quantity: '1', unitPrice: amount }],
    });
    const roll = random();
    if (roll < 0.05) {
      await t.call('documents.deleteDraft', { id: doc.id });
      continue;
    }
    const issued = await t.call('documents.issue', { id: doc.id });
    if (roll < 0.12) await t.call('documents.void', { id: issued.id, reason: 'Test' });
    else if (roll < 0.6) {
      // Paid in full, late or early (this feeds each customer's average lateness), or in part.
      const full = roll < 0.45;
      const amountPaid = full ? issued.total : Math.max(1, Math.floor(issued.total * random()));
      const paidOn = addDays(due, Math.floor(random() * 50) - 15);
      const payment = await t.call('payments.record', {
        customerId: c.id,
        date: paidOn > TODAY ? TODAY : paidOn,
        amount: amountPaid,
        currency: c.currency,
        method: 'bank_transfer',
        allocations: [{ invoiceId: issued.id, amount: amountPaid }],
      });
      payments.push(payment.id);
    }
  }
  // Undo a few payments: their invoices open again.
  for (const id of payments.filter((_, i) => i % 7 === 3))
    await t.call('payments.undo', { id, reason: 'Bounced' });
});
afterAll(async () => t.close());

interface DueDay {
  due_date: string;
  count: number;
  amount: number;
}

async function dueDaysByScan(): Promise<DueDay[]> {
  return (await storeOf(t.folio.ctx)
    .prepare(
      `SELECT due_date, count(*) AS count, sum(balance_base) AS amount FROM documents
       WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND balance > 0 AND due_date IS NOT NULL
       GROUP BY due_date ORDER BY due_date`,
    )
    .all()) as DueDay[];
}

async function dueDaysKept(): Promise<DueDay[]> {
  return (await storeOf(t.folio.ctx)
    .prepare(`SELECT due_date, count, amount FROM receivable_due_days ORDER BY due_date`)
    .all()) as DueDay[];
}

it('keeps the open receivables by due date as invoices are issued, paid, voided and reopened', async () => {
  const scan = await dueDaysByScan();
  expect(scan.length).toBeGreaterThan(20);
  expect(await dueDaysKept()).toEqual(scan);
});

// SQLite only: it reruns SQLite migration 11 on the local file; a shared book starts from the
// version-12 baseline, which already has these sums.
it.skipIf(TEST_ENGINE === 'postgres')(
  'builds the same per-due-date sums for an existing book (the migration)',
  async () => {
    const sqlite = localSqlite(t.folio.ctx);
    const kept = await dueDaysKept();
    sqlite.exec(`
    DROP TRIGGER receivable_due_days_insert; DROP TRIGGER receivable_due_days_delete;
    DROP TRIGGER receivable_due_days_update; DROP INDEX customers_by_open_balance;
    DROP TABLE receivable_due_days;`);
    receivableDueDays(sqlite);
    expect(await dueDaysKept()).toEqual(kept);
  },
);

it.each([TODAY, addDays(TODAY, -45), addDays(TODAY, -120), addDays(TODAY, 30)])(
  'the overdue card and the most-overdue list as of %s equal the figures read invoice by invoice',
  async (today) => {
    const scan = (await dueDaysByScan()).filter((d) => d.due_date < today);
    const overdue = { count: 0, amount: 0 };
    for (const d of scan) {
      overdue.count += d.count;
      overdue.amount += d.amount;
    }
    if (today === TODAY) expect((await dashboardSummary(t.folio.ctx)).overdue).toEqual(overdue);
    for (const limit of [1, 3, 5, 8, 40]) {
      const byScan = await mostOverdueByScan(t.folio.ctx, today, limit);
      expect(await mostOverdueCustomers(t.folio.ctx, today, limit), `top ${limit}`).toEqual(byScan);
    }
    if (today === TODAY) expect(overdue.count).toBeGreaterThan(10);
  },
);

/** Flows placed into the forecast's weeks, as cashflowForecast does. */
function byWeek(flows: Flow[], start: string) {
  const weeks = Array.from({ length: FORECAST_WEEKS + 1 }, () => 0);
  for (const f of flows)
    weeks[Math.min(Math.max(Math.floor(daysBetween(start, f.date) / 7), 0), FORECAST_WEEKS)]! += f.amount;
  return weeks;
}

it.each([TODAY, addDays(TODAY, -60), addDays(TODAY, -150)])(
  'expected receipts as of %s land in the same weeks as when every open invoice is read',
  async (today) => {
    const start = weekStart(today);
    const stats = (await storeOf(t.folio.ctx)
      .prepare(`SELECT count(*) AS n FROM customer_payment_stats WHERE settled_count > 0`)
      .get()) as { n: number };
    expect(stats.n).toBeGreaterThan(3);
    const fast = byWeek(await expectedReceipts(t.folio.ctx, today, addDays(start, 6)), start);
    const scan = byWeek(await expectedReceiptsByScan(t.folio.ctx, today), start);
    expect(fast).toEqual(scan);
    expect(scan.filter((w) => w !== 0).length).toBeGreaterThan(1);
  },
);
