import fs from 'node:fs';
import path from 'node:path';
import { test, expect, seedSetup, type App } from './fixtures';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** The local date `days` from today, as the app and the browser see it. */
function isoIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function seedVendor(app: App, name = 'Acme Paper Co') {
  return app.call('vendors.create', { name, currency: 'EUR', paymentTerms: { kind: 'net', days: 30 } });
}

test('add a vendor, enter a bill with its scan due in 3 days, see it in the reminder centre, pay it in two parts', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  const scan = path.join(app.dataDir, 'scan-1001.pdf');
  fs.writeFileSync(scan, PDF);
  await app.open(page, '/vendors');

  // 1. Add a vendor.
  await page.getByRole('link', { name: 'Add your first vendor' }).click();
  await page.getByLabel('Vendor name').fill('Acme Paper Co');
  await page.getByLabel('Email').fill('accounts@acmepaper.example');
  await page.getByLabel('Bank details').fill('IBAN IE29 AIBK 9311 5212 3456 78');
  await page.getByRole('button', { name: 'Save vendor' }).click();
  await expect(page.getByRole('heading', { name: 'Acme Paper Co' })).toBeVisible();

  // 2. Enter a bill with an attachment, due in 3 days.
  await page.getByRole('link', { name: 'New bill' }).click();
  await expect(page.getByRole('heading', { name: 'New bill' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Vendor' })).toHaveValue('Acme Paper Co');
  await page.getByLabel('Vendor invoice number').fill('INV-1001');
  await page.getByLabel('Bill date').fill(isoIn(0));
  await page.getByLabel('Due date').fill(isoIn(3));
  await page.getByLabel('Line 1 description').fill('Printer paper');
  await page.getByLabel('Line 1 price').fill('120.00');
  await page.getByLabel('Line 1 tax').fill('27.60');
  await expect(page.getByLabel('Bill totals')).toContainText('€147.60');
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Scanned bill').click();
  await (await chooser).setFiles(scan);
  await expect(page.getByRole('button', { name: 'scan-1001.pdf', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Save bill' }).click();

  await expect(page.getByRole('heading', { name: 'Bill INV-1001' })).toBeVisible();
  await expect(page.getByText('Awaiting payment').first()).toBeVisible();
  await expect(page.getByText('Due in 3 days')).toBeVisible();
  // The scan opens in the app.
  await page.getByRole('button', { name: 'Open scan-1001.pdf' }).click();
  const viewer = page.getByRole('dialog', { name: 'scan-1001.pdf' });
  await expect(viewer.getByRole('link', { name: 'Download' })).toBeVisible();
  await page.keyboard.press('Escape');

  // 3. It appears in the reminder centre.
  const bell = page.getByRole('button', { name: 'Reminders: 1 bill needs attention' });
  await expect(bell).toBeVisible();
  await bell.click();
  const reminder = page.getByRole('article', { name: 'Acme Paper Co INV-1001' });
  await expect(reminder).toContainText('Due in 3 days');
  await expect(reminder).toContainText('€147.60');
  await page.keyboard.press('Escape');

  // 4. Pay part of it, then the rest: it is paid.
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.getByLabel('Amount paid').fill('50.00');
  await page.getByLabel('Reference').fill('TRF-1');
  await page.getByRole('button', { name: 'Save payment' }).click();
  await expect(page.getByText('Partially paid').first()).toBeVisible();
  await expect(page.getByLabel('Balance due')).toHaveText('€97.60');

  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByLabel('Amount paid')).toHaveValue('97.60');
  await page.getByRole('button', { name: 'Save payment' }).click();
  await expect(page.getByText('Paid', { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel('Balance due')).toHaveText('€0.00');
  await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reminders: 0 bills need attention' })).toBeVisible();

  const { rows } = await app.call('bills.list', {});
  expect(rows).toMatchObject([{ vendorInvoiceNumber: 'INV-1001', status: 'paid', balance: 0, total: 14760 }]);
  const bill = await app.call('bills.get', { id: rows[0].id });
  expect(bill.payments.map((p: { amount: number }) => p.amount)).toEqual([5000, 9760]);
  expect(bill.attachments[0]).toMatchObject({ fileName: 'scan-1001.pdf', mimeType: 'application/pdf' });
});

test('a second bill with the same invoice number warns of a duplicate and can be saved with a reason', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  const vendor = await seedVendor(app);
  const first = await app.call('bills.create', {
    vendorId: vendor.id,
    vendorInvoiceNumber: 'INV-2001',
    billDate: isoIn(-3),
    lines: [{ description: 'Toner', unitPrice: 8000 }],
  });
  await app.open(page, `/bills/new?vendor=${vendor.id}`);
  await page.getByLabel('Vendor invoice number').fill('inv 2001');
  await page.getByLabel('Line 1 description').fill('Toner, re-sent');
  await page.getByLabel('Line 1 price').fill('95.00');
  await page.getByRole('button', { name: 'Save bill' }).click();

  const review = page.getByRole('dialog', { name: 'Review before saving' });
  await expect(review.getByText('Possible duplicate')).toBeVisible();
  await expect(review).toContainText(`already billed invoice number “INV-2001”: bill #${first.bill.id}`);
  await expect(review.getByRole('button', { name: 'Save anyway' })).toBeDisabled();
  await review
    .getByLabel('Reason')
    .fill('The vendor re-sent it with the corrected price; the first one is voided');
  await review.getByRole('button', { name: 'Save anyway' }).click();

  await expect(page.getByRole('heading', { name: 'Bill inv 2001' })).toBeVisible();
  await expect(page.getByText('Possible duplicate (dismissed)')).toBeVisible();
  await expect(
    page.getByText(/“The vendor re-sent it with the corrected price; the first one is voided”/),
  ).toBeVisible();

  const { rows } = await app.call('bills.list', {});
  expect(rows).toHaveLength(2);
  const second = rows.find((r: { vendorInvoiceNumber: string }) => r.vendorInvoiceNumber === 'inv 2001');
  const audit = await app.call('audit.list', { entity: 'bill', entityId: String(second.id) });
  expect(audit.entries.map((e: { action: string }) => e.action)).toContain('dismiss_warning');
});

test('a bill above its purchase order shows an overbilling warning', async ({ app, page }) => {
  await seedSetup(app);
  const vendor = await seedVendor(app, 'Office Furniture Ltd');
  await app.call('purchaseOrders.create', {
    vendorId: vendor.id,
    orderDate: isoIn(-7),
    tolerancePercent: 5,
    lines: [
      { description: 'Office chairs', quantity: 4, unitPrice: 15000 },
      { description: 'Assembly', quantity: 1, unitPrice: 8000 },
    ],
  });
  await app.open(page, '/bills/new');
  await page.getByRole('combobox', { name: 'Vendor' }).click();
  await page.getByRole('option', { name: 'Office Furniture Ltd' }).click();
  await page.getByLabel('Vendor invoice number').fill('OF-77');
  await page.getByRole('combobox', { name: 'Purchase order' }).click();
  await page.getByRole('option', { name: /^PO-0001/ }).click();
  // The order's lines are copied; the vendor billed a higher price for the chairs.
  await expect(page.getByLabel('Line 1 description')).toHaveValue('Office chairs');
  await expect(page.getByLabel('Line 2 description')).toHaveValue('Assembly');
  await page.getByLabel('Line 1 price').fill('175.00');
  await page.getByRole('button', { name: 'Save bill' }).click();

  const review = page.getByRole('dialog', { name: 'Review before saving' });
  await expect(review.getByText('Possible overbilling').first()).toBeVisible();
  await expect(review).toContainText(
    "Bills against PO-0001 come to €780.00 before tax, 14.71% above the order's €680.00",
  );
  await review.getByRole('button', { name: 'Save and review later' }).click();

  await expect(page.getByRole('heading', { name: 'Bill OF-77' })).toBeVisible();
  const warnings = page.getByLabel('Warnings');
  await expect(warnings.getByText('Possible overbilling')).toHaveCount(2);
  await expect(warnings.getByRole('button', { name: 'Dismiss…' })).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Purchase order match' })).toContainText('€175.00 (+16.67%)');
});

test('bad input gets a clear error: a 50 MB scan, a file of the wrong type, a CSV with bad rows', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  await seedVendor(app);
  const big = path.join(app.dataDir, 'big-scan.pdf');
  fs.writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x25));
  const notPdf = path.join(app.dataDir, 'invoice.pdf');
  fs.writeFileSync(notPdf, 'PK\u0003\u0004 this is really a Word document');

  await app.open(page, '/bills/new');
  let chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Scanned bill').click();
  await (await chooser).setFiles(big);
  await expect(
    page.getByText('“big-scan.pdf” is 50.0 MB; the limit is 20.0 MB.', { exact: false }),
  ).toBeVisible();
  chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Scanned bill').click();
  await (await chooser).setFiles(notPdf);
  await expect(
    page.getByText(/“invoice.pdf” is not a PDF, PNG or JPEG file, whatever its name says/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'invoice.pdf', exact: true })).toHaveCount(0);

  const csv = path.join(app.dataDir, 'bills.csv');
  fs.writeFileSync(
    csv,
    [
      'Vendor,Invoice number,Bill date,Amount,Tax',
      'Acme Paper Co,A-1,' + isoIn(-2) + ',100.00,23.00',
      'Acme Paper Co,A-2,13/02/2026,12.3x,',
      ',A-3,' + isoIn(-1) + ',10,',
    ].join('\n'),
  );
  await app.open(page, '/bills/import');
  chooser = page.waitForEvent('filechooser');
  await page.getByLabel('CSV file').click();
  await (await chooser).setFiles(csv);
  const preview = page.getByLabel('Import preview');
  await expect(preview).toContainText('1 row is ready to import; 2 rows have errors and will be skipped');
  const rows = preview.getByRole('table', { name: 'Rows' });
  await expect(rows.getByRole('row', { name: /^3 / })).toContainText(
    'Bill date: “13/02/2026” is not a date in the form YYYY-MM-DD or DD.MM.YYYY.',
  );
  await expect(rows.getByRole('row', { name: /^3 / })).toContainText(
    'Amount: “12.3x” is not an amount in EUR.',
  );
  await expect(rows.getByRole('row', { name: /^4 / })).toContainText('Vendor: Enter the vendor’s name.');
  // Nothing is stored before the user confirms.
  expect((await app.call('bills.list', {})).count).toBe(0);
  await preview.getByRole('button', { name: 'Import 1 bill' }).click();
  await expect(page.getByText('1 bill imported; 2 rows with errors skipped.')).toBeVisible();
  expect(
    (await app.call('bills.list', {})).rows.map(
      (r: { vendorInvoiceNumber: string }) => r.vendorInvoiceNumber,
    ),
  ).toEqual(['A-1']);
});

test('one payment covers several bills of a vendor', async ({ app, page }) => {
  await seedSetup(app);
  const vendor = await seedVendor(app);
  for (const [n, cents] of [
    ['A-1', 10000],
    ['A-2', 25000],
  ] as const)
    await app.call('bills.create', {
      vendorId: vendor.id,
      vendorInvoiceNumber: n,
      billDate: isoIn(-10),
      lines: [{ unitPrice: cents }],
    });
  await app.open(page, `/vendors/${vendor.id}`);
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a payment to Acme Paper Co' });
  await dialog.getByLabel('Pay A-1').fill('100.00');
  await dialog.getByLabel('Pay A-2').fill('400.00');
  await dialog.getByRole('button', { name: 'Save payment' }).click();
  await expect(
    dialog.getByText('That is more than the €250.00 still owed on Acme Paper Co A-2.'),
  ).toBeVisible();
  await dialog.getByLabel('Pay A-2').fill('50.00');
  await expect(dialog.getByLabel('Payment total')).toHaveText('Total €150.00');
  await dialog.getByRole('button', { name: 'Save payment' }).click();
  await expect(dialog).toHaveCount(0);
  const payments = page.getByRole('table', { name: 'Payments to Acme Paper Co' });
  await expect(payments.getByRole('row')).toHaveCount(2);
  await expect(payments).toContainText('A-1, A-2');
  await expect(payments).toContainText('€150.00');
  const { rows } = await app.call('bills.list', {});
  const status = Object.fromEntries(rows.map((r: any) => [r.vendorInvoiceNumber, r.status]));
  expect(status).toEqual({ 'A-1': 'paid', 'A-2': 'partially_paid' });
});
