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
