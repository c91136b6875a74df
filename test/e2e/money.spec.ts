import { test, expect, seedSetup, type App } from './fixtures';

const EMPTY = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

async function germanBusiness(app: App) {
  await seedSetup(app, { locale: 'de-DE' });
  const vat = await app.call('taxes.create', { name: 'USt 19%', percent: '19' });
  const { customer } = await app.call('customers.create', {
    name: 'Müller & Söhne GmbH',
    emails: [{ email: 'buchhaltung@mueller.example', billing: true }],
    billingAddress: { ...EMPTY, line1: 'Hauptstraße 1', city: 'Köln', country: 'Germany' },
    shippingAddress: EMPTY,
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
    defaultTaxId: vat.id,
  });
  return { vat, customer };
}

test('New invoice from a customer: line 1 has their tax; German decimal commas are read, and a wrong number is named at once', async ({
  app,
  page,
}) => {
  const { customer } = await germanBusiness(app);
  await app.open(page, `/customers/${customer.id}`);
  await page.getByRole('button', { name: 'New invoice' }).click();
  const taxes = page.getByRole('combobox', { name: 'Line 1 taxes' }).locator('..');
  await expect(taxes.getByText('USt 19%')).toBeVisible();

  await page.getByRole('textbox', { name: 'Line 1 description' }).fill('Beratung');
  const qty = page.getByRole('textbox', { name: 'Line 1 quantity' });
  await qty.fill('12,5x');
  await expect(page.getByText('Type a number, like 12,5')).toBeVisible();
  await qty.fill('12,5');
  await expect(page.getByText('Type a number, like 12,5')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Line 1 unit price' }).fill('85,50');
  // 12,5 × 85,50 = 1.068,75; 19 % of it = 203,0625 → 203,06; total 1.271,81.
  await expect(page.getByRole('region', { name: 'Totals' }).getByText('USt 19% on 1.068,75 €')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Totals' }).getByText('1.271,81 EUR')).toBeVisible();
  await page.getByRole('button', { name: /Save draft/ }).click();
  await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0);
  const [doc] = (await app.call('documents.list', { type: 'invoice' })).rows;
  const saved = await app.call('documents.get', { id: doc.id });
  expect(saved.lines[0]).toMatchObject({ quantity: '12.5', unitPrice: 8550, taxIds: [expect.any(Number)] });
  expect(saved.total).toBe(127181);
});

test('credit from an overpayment is offered on the next invoice and applied', async ({ app, page }) => {
  const { customer } = await germanBusiness(app);
  await app.call('payments.record', {
    customerId: customer.id,
    date: '2026-11-01',
    amount: 2455,
    currency: 'EUR',
    method: 'bank_transfer',
    allocations: [],
  });
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: '2026-11-02',
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: [{ description: 'Beratung', quantity: '1', unitPrice: 10000, taxIds: [] }],
  });
  const invoice = await app.call('documents.issue', { id: draft.id });
  await app.open(page, `/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByText('This customer has credit')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Apply credit 24,55 €' }).click();
  await expect(page.getByText(/Credit applied/)).toBeVisible();
  await expect(page.getByRole('button', { name: /Apply credit/ })).toHaveCount(0);
  expect((await app.call('documents.get', { id: invoice.id })).balance).toBe(10000 - 2455);
});

test('a German bill export: columns guessed, Amount includes tax, totals before import', async ({
  app,
  page,
}) => {
  await germanBusiness(app);
  const csv = [
    'Lieferant;Rechnungsnummer;Rechnungsdatum;Betrag;MwSt',
    'Bürobedarf AG;R-17;05.03.2026;205,50;32,81',
    'Druckerei GmbH;4711;06.03.2026;238,00;38,00',
  ].join('\r\n');
  await app.open(page, '/bills/import');
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('CSV file').click();
  await (await chooser).setFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const totals = page.getByRole('table', { name: 'Totals to import' });
  // 205,50 + 238,00 = 443,50 to pay, of which 70,81 tax.
  await expect(totals.getByText('443,50 €')).toBeVisible();
  await expect(totals.getByText('70,81 €')).toBeVisible();
  await expect(page.getByRole('radio', { name: /tax included/ })).toBeChecked();
  await expect(page.getByText(/semicolon-separated, with a decimal comma/)).toBeVisible();
  // Saying the amounts are before tax adds the tax (and the preview shows it at once).
  await page.getByRole('radio', { name: /before tax/ }).check();
  await expect(totals.getByText('514,31 €')).toBeVisible();
  await page.getByRole('radio', { name: /tax included/ }).check();
  await expect(totals.getByText('443,50 €')).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 bills' }).click();
  await expect(page.getByText('Import done')).toBeVisible();
  const bills = (await app.call('bills.list', {})).rows.map((b: { total: number }) => b.total).sort();
  expect(bills).toEqual([20550, 23800]);
});

test('an early-payment discount over 50 % is refused at the field, not cut to 50 %', async ({
  app,
  page,
}) => {
  await germanBusiness(app);
  await app.call('vendors.create', {
    name: 'Bürobedarf AG',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
  });
  await app.open(page, '/bills/new');
  const pct = page.getByRole('textbox', { name: 'Discount percent' });
  await pct.fill('150');
  await pct.blur();
  await expect(pct).toHaveValue('150');
  await expect(page.getByText('At most 50 %')).toBeVisible();
  await pct.fill('2,5');
  await expect(page.getByText('At most 50 %')).toHaveCount(0);
});
