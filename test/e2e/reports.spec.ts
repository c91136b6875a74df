import fs from 'node:fs';
import { test, expect, seedSetup, type App } from './fixtures';
import { addDays, localToday } from '../../src/shared/domain/dates';

/**
 * Seeded through the API relative to today:
 *  Alpha: A1 €1,000.00 due 40 days ago, €400.00 paid → €600.00 overdue (31–60)
 *         A2 €250.00 due in 10 days → current
 *  Bravo: B1 £500.00 at 1.20 → €600.00, due 5 days ago → overdue (1–30)
 * Receivable €1,450.00; overdue 2 invoices, €1,200.00.
 */
async function seed(app: App) {
  await seedSetup(app);
  const today = localToday();
  const customer = async (name: string, currency: string) =>
    (
      await app.call('customers.create', {
        name,
        billingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
        shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
        currency,
        paymentTerms: { kind: 'net', days: 30 },
      })
    ).customer;
  const alpha = await customer('Alpha Bakery', 'EUR');
  const bravo = await customer('Bravo Ltd', 'GBP');
  const invoice = async (customerId: number, currency: string, due: number, amount: number, rate = '1') => {
    const d = await app.call('documents.create', {
      type: 'invoice',
      customerId,
      issueDate: addDays(today, Math.min(due, 0) - 30),
      due: { kind: 'date', date: addDays(today, due) },
      currency,
      exchangeRate: rate,
      lines: [{ description: 'Work', quantity: '1', unitPrice: amount }],
    });
    return app.call('documents.issue', { id: d.id });
  };
  const a1 = await invoice(alpha.id, 'EUR', -40, 100000);
  await app.call('payments.record', {
    customerId: alpha.id,
    date: today,
    amount: 40000,
    currency: 'EUR',
    method: 'card',
    allocations: [{ invoiceId: a1.id, amount: 40000 }],
  });
  const a2 = await invoice(alpha.id, 'EUR', 10, 25000);
  const b1 = await invoice(bravo.id, 'GBP', -5, 50000, '1.20');
  return { a1, a2, b1 };
}

test('the dashboard shows the seeded figures, drills down to the right invoices, and the CSV agrees', async ({
  app,
  page,
}) => {
  const { a1, b1 } = await seed(app);
  await app.open(page, '/dashboard');
  await expect(page.getByRole('button', { name: 'Total receivable' })).toContainText('€1,450.00');
  await expect(page.getByRole('button', { name: 'Overdue receivable' })).toContainText('€1,200.00');
  await expect(page.getByRole('button', { name: 'Overdue receivable' })).toContainText('2 invoices past due');
  await expect(page.getByRole('button', { name: 'Received this month' })).toContainText('€400.00');

  // Drill down: the overdue card opens exactly the overdue invoices.
  await page.getByRole('button', { name: 'Overdue receivable' }).click();
  await expect(page).toHaveURL(/#\/invoices\?status=overdue/);
  const grid = page.getByRole('grid', { name: 'Invoices' });
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(grid).toContainText(a1.number);
  await expect(grid).toContainText(b1.number);

  // The aging report, one cell opened, then exported.
  await app.open(page, '/reports/receivables-aging');
  const table = page.getByRole('table', { name: 'Aging by customer' });
  await expect(table.getByRole('row', { name: /Alpha Bakery/ })).toContainText('€600.00');
  await expect(table.getByRole('row', { name: /Bravo Ltd/ })).toContainText('€600.00');
  await page.getByRole('button', { name: 'Alpha Bakery, 31–60 days: €600.00' }).click();
  const drawer = page.getByRole('dialog', { name: 'Alpha Bakery, 31–60 days' });
  await expect(drawer.getByRole('link', { name: a1.number })).toBeVisible();
  await expect(drawer.getByRole('row')).toHaveCount(2);
  await page.keyboard.press('Escape');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await downloading).path();
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    'Customer,Current (EUR),1–30 days (EUR),31–60 days (EUR),61–90 days (EUR),90+ days (EUR),Total (EUR)',
  );
  expect(lines.slice(1)).toEqual([
    'Alpha Bakery,250.00,0.00,600.00,0.00,0.00,850.00',
    'Bravo Ltd,0.00,600.00,0.00,0.00,0.00,600.00',
    'Total,250.00,600.00,600.00,0.00,0.00,1450.00',
  ]);
  await page.screenshot({ path: test.info().outputPath('aging.png') });
});

test('collections: record a promise and log a call for an overdue customer', async ({ app, page }) => {
  await seed(app);
  await app.open(page, '/reports/collections');
  const row = page.getByRole('row', { name: /Alpha Bakery/ });
  await row.getByRole('button', { name: 'Record promise' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Note' }).fill('Paying on Friday');
  await page.getByRole('dialog').getByRole('button', { name: 'Record promise' }).click();
  await expect(row).toContainText('€600.00');
  await row.getByRole('button', { name: 'Log call' }).click();
  await page.getByLabel('What was said').fill('Spoke to Niamh, cheque in the post');
  await page.getByRole('dialog').getByRole('button', { name: 'Log call' }).click();
  await expect(row).toContainText('cheque in the post');
  await row.getByRole('button', { name: 'Flag Alpha Bakery for collections' }).click();
  await expect(row.getByRole('button', { name: 'Clear collections flag for Alpha Bakery' })).toBeVisible();
});

/**
 * Payables seeded through the API relative to today:
 *  Paper Co  P-1 €500.00 due 20 days ago, €200.00 paid → €300.00 overdue (1–30)
 *            P-2 €400.00 due in 3 days → due within 7 days, current
 *            P-3 €250.00 due in 20 days → current
 *            P-4 €99.00 due 5 days ago, void → nowhere
 *  US Cloud  U-1 $1,000.00 at 0.90 → €900.00, due 40 days ago → overdue (31–60)
 * Due within 7 days: 1 bill, €400.00. Overdue: 2 bills, €1,200.00.
 */
async function seedBills(app: App) {
  await seedSetup(app);
  const today = localToday();
  const vendor = async (name: string, currency: string) =>
    app.call('vendors.create', { name, currency, paymentTerms: { kind: 'net', days: 30 } });
  const paper = await vendor('Paper Co', 'EUR');
  const cloud = await vendor('US Cloud Inc', 'USD');
  const bill = async (vendorId: number, number: string, due: number, amount: number, rate?: string) =>
    (
      await app.call('bills.create', {
        vendorId,
        vendorInvoiceNumber: number,
        billDate: addDays(today, Math.min(due, 0) - 30),
        dueDate: addDays(today, due),
        lines: [{ description: 'Goods', unitPrice: amount }],
        ...(rate ? { exchangeRate: rate } : {}),
      })
    ).bill;
  const p1 = await bill(paper.id, 'P-1', -20, 50000);
  await app.call('billPayments.create', {
    paymentDate: today,
    method: 'bank_transfer',
    allocations: [{ billId: p1.id, amount: 20000 }],
  });
  await bill(paper.id, 'P-2', 3, 40000);
  await bill(paper.id, 'P-3', 20, 25000);
  const p4 = await bill(paper.id, 'P-4', -5, 9900);
  await app.call('bills.void', { id: p4.id, reason: 'Entered twice' });
  await bill(cloud.id, 'U-1', -40, 100000, '0.90');
}

test('the dashboard bill cards show the seeded figures and open the right bills; the payables aging CSV agrees', async ({
  app,
  page,
}) => {
  await seedBills(app);
  await app.open(page, '/dashboard');
  const dueSoon = page.getByRole('button', { name: 'Bills due in 7 days' });
  const overdue = page.getByRole('button', { name: 'Overdue bills' });
  await expect(dueSoon).toContainText('€400.00');
  await expect(dueSoon).toContainText('1 bill to pay by');
  await expect(overdue).toContainText('€1,200.00');
  await expect(overdue).toContainText('2 bills past due');

  // The overdue card opens exactly the overdue bills; the void one is not among them.
  await overdue.click();
  await expect(page).toHaveURL(/#\/bills\/all\?filter=overdue/);
  const bills = page.getByRole('table', { name: 'Bills' });
  await expect(bills.locator('tbody tr')).toHaveCount(2);
  await expect(bills.getByRole('link', { name: 'P-1' })).toBeVisible();
  await expect(bills.getByRole('link', { name: 'U-1' })).toBeVisible();

  // The due-soon card opens the due views, where the next 7 days hold P-2 alone.
  await app.open(page, '/dashboard');
  await page.getByRole('button', { name: 'Bills due in 7 days' }).click();
  await expect(page).toHaveURL(/#\/bills$/);
  const next7 = page.getByRole('table', { name: 'Due in the next 7 days' });
  await expect(next7.locator('tbody tr')).toHaveCount(1);
  await expect(next7.getByRole('link', { name: 'P-2' })).toBeVisible();

  // The payables aging, from the reports list, one cell opened, then exported.
  await app.open(page, '/reports');
  await page.getByRole('button', { name: 'Payables aging' }).click();
  const table = page.getByRole('table', { name: 'Aging by vendor' });
  await expect(table.getByRole('row', { name: /Paper Co/ })).toContainText('€950.00');
  await expect(table.getByRole('row', { name: /US Cloud Inc/ })).toContainText('€900.00');
  await page.getByRole('button', { name: 'US Cloud Inc, 31–60 days: €900.00' }).click();
  const drawer = page.getByRole('dialog', { name: 'US Cloud Inc, 31–60 days' });
  await expect(drawer.getByRole('link', { name: 'U-1' })).toBeVisible();
  await expect(drawer).toContainText('$1,000.00');
  await expect(drawer.getByRole('row')).toHaveCount(2);
  await page.keyboard.press('Escape');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await downloading).path();
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines).toEqual([
    'Vendor,Current (EUR),1–30 days (EUR),31–60 days (EUR),61–90 days (EUR),90+ days (EUR),Total (EUR)',
    'Paper Co,650.00,300.00,0.00,0.00,0.00,950.00',
    'US Cloud Inc,0.00,0.00,900.00,0.00,0.00,900.00',
    'Total,650.00,300.00,900.00,0.00,0.00,1850.00',
  ]);
  await page.screenshot({ path: test.info().outputPath('payables-aging.png') });
});
