import fs from 'node:fs';
import path from 'node:path';
import { test, expect, seedSetup } from './fixtures';
import { camt053 } from '../helpers/bank';

const SHOTS = process.env.FOLIO_SCREENSHOTS;

/** The local date `days` from today, as the app and the browser see it. */
function isoIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('create a bank account, import a CAMT.053 statement, accept the suggested matches, reconcile', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  const vat = await app.call('taxes.create', { name: 'VAT 23%', percent: '23' });
  const { customer } = await app.call('customers.create', {
    name: 'Brightside Cafés Ltd',
    emails: [],
    billingAddress: { line1: '', line2: '', city: 'Galway', region: '', postalCode: '', country: 'Ireland' },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: isoIn(-5),
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: [{ description: 'Logo design', quantity: '2', unitPrice: 8500, taxIds: [vat.id] }],
  });
  const invoice = await app.call('documents.issue', { id: draft.id });
  const vendor = await app.call('vendors.create', {
    name: 'Stadtwerke Musterstadt',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
    bankDetails: 'IBAN DE75 5121 0800 1245 1261 99',
  });
  const { bill } = await app.call('bills.create', {
    vendorId: vendor.id,
    vendorInvoiceNumber: 'SW-2026-11',
    billDate: isoIn(-3),
    lines: [{ description: 'Electricity', quantity: 1, unitPrice: 100_00, tax: 19_00 }],
  });

  const file = path.join(app.dataDir, 'statement.xml');
  fs.writeFileSync(
    file,
    camt053({
      iban: 'DE89370400440532013000',
      opening: 1_000_00,
      openingDate: isoIn(-10),
      lines: [
        {
          date: isoIn(-1),
          amount: invoice.total,
          name: 'BRIGHTSIDE CAFES LTD',
          iban: 'IE64IRCE92050112345678',
          reference: `Invoice ${invoice.number}`,
        },
        {
          date: isoIn(0),
          amount: -bill.total,
          name: 'STADTWERKE MUSTERSTADT',
          iban: 'DE75512108001245126199',
          reference: 'SW-2026-11',
        },
      ],
    }),
  );

  await app.open(page, '/bank');
  await page.getByRole('button', { name: 'Add your first bank account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add bank account' });
  await dialog.getByLabel('Account name').fill('Business current account');
  await dialog.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 0');
  await dialog.getByLabel('Opening balance', { exact: true }).fill('1000.00');
  await dialog.getByLabel('Opening balance date').fill(isoIn(-10));
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByText(/IBAN is not valid/)).toBeVisible();
  await dialog.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: 'Business current account' }).click();
  await page.getByRole('button', { name: 'Import statement' }).first().click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Statement file' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByText('2 lines, 2 new')).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 lines' }).click();
  await expect(page.getByText('Imported 2 lines.')).toBeVisible();

  // The customer's transfer: the first suggestion names the invoice; accept it.
  await expect(page.getByText(`The reference names ${invoice.number}`)).toBeVisible();
  if (SHOTS) {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: path.join(SHOTS, 'bank-match-1024.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: path.join(SHOTS, 'bank-match-1280.png') });
  }
  await page
    .getByRole('button', { name: new RegExp(`^Accept: Brightside Cafés Ltd, ${invoice.number}`) })
    .click();
  await expect(page.getByText('Payment recorded.')).toBeVisible();
  // The vendor's debit is next; Enter accepts its first suggestion.
  await expect(page.getByText(/IBAN is on file for Stadtwerke Musterstadt/)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Nothing to match')).toBeVisible();

  await page.getByRole('tab', { name: 'Reconcile' }).click();
  await expect(page.getByText('Every line is matched or categorised.')).toBeVisible();
  await page.getByRole('button', { name: /Mark reconciled to/ }).click();
  await expect(page.getByText('Account reconciled.')).toBeVisible();

  expect((await app.call('documents.get', { id: invoice.id })).status).toBe('paid');
  expect((await app.call('bills.get', { id: bill.id })).status).toBe('paid');
  await page.getByRole('tab', { name: 'All lines' }).click();
  await expect(page.getByRole('button', { name: /^Undo match of/ })).toHaveCount(2);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'bank-all-lines.png') });
});

test('a German CSV export: the columns are guessed, checked, imported and remembered for the next file', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  const account = await app.call('bank.accounts.create', {
    name: 'Girokonto',
    iban: 'DE89370400440532013000',
    currency: 'EUR',
    openingBalance: 0,
    openingDate: '2026-03-01',
  });
  const fixture = path.join(__dirname, '..', 'fixtures', 'bank', 'umsaetze-cp1252.csv');
  await app.open(page, `/bank/${account.id}`);
  const importFile = async () => {
    await page.getByRole('button', { name: 'Import statement' }).first().click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Statement file' }).click();
    await (await chooser).setFiles(fixture);
  };
  await importFile();
  const dialog = page.getByRole('dialog', { name: /Import a statement/ });
  await expect(dialog.getByText('Map the columns of this CSV file')).toBeVisible();
  await expect(dialog.getByLabel('Booking date column', { exact: true })).toHaveValue('Buchungstag');
  await expect(dialog.getByLabel('Date format', { exact: true })).toHaveValue('DD.MM.YYYY');
  await expect(dialog.getByLabel('Amount column', { exact: true })).toHaveValue('Betrag');
  await expect(dialog.getByLabel('Text encoding', { exact: true })).toHaveValue('windows-1252');
  await dialog.getByRole('button', { name: 'Check the file with this mapping' }).click();
  await expect(dialog.getByText('3 lines, 3 new')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import 3 lines' }).click();
  await expect(page.getByText('Imported 3 lines.')).toBeVisible();
  await expect(page.getByRole('option', { name: /Café Zürich; Inh\. Ménard/ })).toBeVisible();

  // The same file again: the mapping is remembered, and nothing new is added.
  await importFile();
  await expect(
    dialog.getByText(/The mapping of your last CSV import for this account is filled in/),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Check the file with this mapping' }).click();
  await expect(dialog.getByText('3 lines, 0 new')).toBeVisible();
});
