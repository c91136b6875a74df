import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { test, expect, seedSetup } from './fixtures';

/** The local date `days` from today, as the app and the browser see it. */
function isoIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('a payment run gives the bank a SEPA file; a vendor without an IBAN is named', async ({ app, page }) => {
  await seedSetup(app);
  await app.call('printing.updateSettings', {
    paperSize: 'A4',
    accentColor: '#3B5BDB',
    addressPosition: 'din5008',
    fileNamePattern: '{number} {customer}',
    showLogo: false,
    epcQr: false,
    defaultFooter: '',
    paymentInstructions: '',
    bankName: 'Allied Irish Banks',
    accountHolder: 'Acme Studio Ltd',
    iban: 'IE29AIBK93115212345678',
    bic: 'AIBKIE2D',
  });
  const vendor = await app.call('vendors.create', {
    name: 'Müller GmbH',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
    bankDetails: 'IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX',
  });
  const saved = await app.call('bills.create', {
    vendorId: vendor.id,
    vendorInvoiceNumber: 'RE-2026-17',
    billDate: isoIn(-40),
    lines: [{ description: 'Paper', quantity: 1, unitPrice: 123_45, tax: 0 }],
  });

  await app.open(page, '/bills/pay');
  await page.getByRole('button', { name: /^Mark 1 paid/ }).click();
  await page.getByRole('button', { name: 'Mark paid' }).click();
  const dialog = page.getByRole('dialog', { name: 'Payment run done' });
  await expect(dialog.getByLabel('SEPA file format')).toHaveValue('pain.001.001.09 (current SEPA format)');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download SEPA file' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^SEPA \d{4}-\d{2}-\d{2} FOLIO-.*\.xml$/);
  const xml = fs.readFileSync((await file.path())!, 'utf8');
  const doc = new XMLParser({ parseTagValue: false }).parse(xml);
  const info = doc.Document.CstmrCdtTrfInitn.PmtInf;
  expect(info.NbOfTxs).toBe('1');
  expect(info.CtrlSum).toBe('123.45');
  expect(info.DbtrAcct.Id.IBAN).toBe('IE29AIBK93115212345678');
  expect(info.CdtTrfTxInf.CdtrAcct.Id.IBAN).toBe('DE89370400440532013000');
  expect(info.CdtTrfTxInf.RmtInf.Ustrd).toBe('RE-2026-17');
  await dialog
    .getByRole('button', { name: 'Close' })
    .or(dialog.locator('button.mantine-Modal-close'))
    .first()
    .click();

  // The file can be downloaded again later, from the bill's payment.
  await app.open(page, `/bills/${saved.bill.id}`);
  await page.getByRole('button', { name: /^SEPA file of the payment run of / }).click();
  const again = page.waitForEvent('download');
  await page
    .getByRole('dialog', { name: 'SEPA file of the payment run' })
    .getByRole('button', { name: 'Download SEPA file' })
    .click();
  const second = fs.readFileSync((await (await again).path())!, 'utf8');
  expect(second).toContain('<Ustrd>RE-2026-17</Ustrd>');
  await page.keyboard.press('Escape');

  // A vendor without an IBAN: the file is refused and the vendor named.
  const cash = await app.call('vendors.create', {
    name: 'Cash Only Ltd',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
  });
  await app.call('bills.create', {
    vendorId: cash.id,
    vendorInvoiceNumber: 'K-1',
    billDate: isoIn(-40),
    lines: [{ description: 'Coffee', quantity: 1, unitPrice: 9_00, tax: 0 }],
  });
  await app.open(page, '/bills/pay');
  await page.getByRole('button', { name: /^Mark 1 paid/ }).click();
  await page.getByRole('button', { name: 'Mark paid' }).click();
  await page.getByRole('button', { name: 'Download SEPA file' }).click();
  await expect(page.getByRole('dialog', { name: 'Payment run done' })).toContainText(
    'This vendor has no valid IBAN in their bank details: Cash Only Ltd.',
  );
});

test('the small-business exemption is a setting in Settings → Taxes, with its default note', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  await app.open(page, '/settings/taxes');
  const exemption = page.getByRole('switch', {
    name: /small-business exemption \(Kleinunternehmerregelung\)/,
  });
  await expect(page.getByLabel('Note printed on invoices')).toHaveAttribute(
    'placeholder',
    'No VAT charged: small business exemption (§ 19 UStG).',
  );
  await exemption.check({ force: true });
  await page.getByRole('button', { name: 'Save exemption' }).click();
  await expect(page.getByText('Small-business exemption saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('switch', { name: /small-business exemption/ })).toBeChecked();
  expect((await app.call('settings.getSmallBusiness', {})).enabled).toBe(true);

  // An invoice without tax shows the note on screen, as its PDF prints it.
  const { customer } = await app.call('customers.create', {
    name: 'Golden Gate Consulting Inc.',
    emails: [{ email: 'ap@goldengate.example', billing: true }],
    billingAddress: {
      line1: '500 Howard St',
      line2: '',
      city: 'San Francisco',
      region: 'CA',
      postalCode: '94105',
      country: 'United States',
    },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: isoIn(0),
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: [{ description: 'Consulting', quantity: '3', unitPrice: 120_00 }],
  });
  await app.open(page, `/invoices/${draft.id}`);
  const paper = page.getByRole('document', { name: 'Invoice preview' });
  await expect(paper).toContainText('No VAT charged: small business exemption (§ 19 UStG).');
  await expect(paper).toContainText('San Francisco, CA 94105');

  // An item with VAT picked on a new invoice brings no tax while the exemption is on.
  const vat = await app.call('taxes.create', { name: 'USt 19 %', percent: '19' });
  await app.call('items.create', { name: 'Workshop day', unit: 'day', unitPrice: 900_00, taxIds: [vat.id] });
  await app.open(page, '/invoices/new');
  await page.getByRole('textbox', { name: 'Line 1 description' }).fill('Worksh');
  await page.getByRole('option', { name: /Workshop day/ }).click();
  await expect(page.getByRole('textbox', { name: 'Line 1 description' })).toHaveValue('Workshop day');
  await expect(page.getByRole('table', { name: 'Lines' }).getByText('USt 19 %')).toHaveCount(0);
});
