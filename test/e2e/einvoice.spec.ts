import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const SHOTS = process.env.FOLIO_SCREENSHOTS;
let smtp: TestSmtp;
test.beforeEach(async () => {
  smtp = await startSmtp({ user: 'rechnung', password: 'pw-e2e' });
});
test.afterEach(async () => smtp.stop());

test('a German business sends XRechnung to a public buyer: preflight, fix, issue, download, send', async ({
  app,
  page,
}) => {
  test.setTimeout(180_000);
  // A new German business (the wizard has its own test), its bank, its tax and its mail server.
  await app.call('settings.completeSetup', {
    profile: {
      name: 'Müller Webdesign GmbH',
      address: {
        line1: 'Hauptstraße 5',
        line2: '',
        city: 'Berlin',
        region: '',
        postalCode: '10115',
        country: 'Deutschland',
      },
      email: 'rechnung@mueller.example',
      phone: '+49 30 1234567',
      website: '',
      taxNumber: '',
    },
    preferences: {
      baseCurrency: 'EUR',
      locale: 'de-DE',
      defaultPaymentTerms: { kind: 'net', days: 30 },
      fiscalYearStartMonth: 1,
      fiscalYearStartDay: 1,
    },
  });
  await app.call('printing.updateSettings', {
    paperSize: 'A4',
    accentColor: '#3B5BDB',
    addressPosition: 'din5008',
    fileNamePattern: '{number} {customer}',
    showLogo: true,
    epcQr: true,
    defaultFooter: '',
    paymentInstructions: '',
    bankName: 'Berliner Bank',
    accountHolder: 'Müller Webdesign GmbH',
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
  });
  const vat = await app.call('taxes.create', { name: 'USt 19%', percent: '19' });
  await app.call('mail.updateAccount', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'rechnung',
    password: 'pw-e2e',
    fromName: 'Müller Webdesign',
    fromEmail: 'rechnung@mueller.example',
    replyTo: '',
  });

  // The e-invoice part of the business profile, typed in Settings.
  await app.open(page, '/settings/business');
  await page.getByRole('textbox', { name: 'VAT ID' }).fill('DE12345');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('This is not the format of a DE VAT ID, like DE123456789')).toBeVisible();
  await page.getByRole('textbox', { name: 'VAT ID' }).fill('DE123456789');
  await page.getByRole('textbox', { name: 'Contact person' }).fill('Anna Müller');
  await page.getByRole('textbox', { name: 'Contact phone' }).fill('+49 30 1234567');
  await page.getByRole('textbox', { name: 'Contact email' }).fill('anna@mueller.example');
  await page.getByRole('textbox', { name: 'Electronic address' }).fill('rechnung@mueller.example');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Business profile saved.')).toBeVisible();
  expect((await app.call('settings.get')).profile).toMatchObject({
    vatId: 'DE123456789',
    electronicAddress: 'rechnung@mueller.example',
    electronicAddressScheme: 'EM',
  });

  // A public buyer with a Leitweg-ID who wants XRechnung (no electronic address yet).
  await app.open(page, '/customers/new');
  await page.getByRole('textbox', { name: 'Customer name' }).fill('Bezirksamt Mitte');
  await page.getByRole('textbox', { name: 'Email 1' }).fill('einkauf@bezirksamt.example');
  await page.getByRole('textbox', { name: 'Address line 1' }).first().fill('Karl-Marx-Allee 31');
  await page.getByRole('textbox', { name: 'Postal code' }).first().fill('10178');
  await page.getByRole('textbox', { name: 'City' }).first().fill('Berlin');
  await page.getByRole('textbox', { name: 'Buyer reference or Leitweg-ID' }).fill('04011000-12345-04');
  await page
    .getByRole('combobox', { name: 'Preferred e-invoice format' })
    .or(page.getByRole('textbox', { name: 'Preferred e-invoice format' }))
    .click();
  await page.getByRole('option', { name: 'XRechnung (UBL)' }).click();
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByText('The check digits of this Leitweg-ID do not match')).toBeVisible();
  await page.getByRole('textbox', { name: 'Buyer reference or Leitweg-ID' }).fill('04011000-12345-03');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByText('Bezirksamt Mitte saved.')).toBeVisible();
  const customerId = Number(/customers\/(\d+)/.exec(page.url())![1]);

  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId,
    issueDate: '2026-11-02',
    due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
    currency: 'EUR',
    deliveryDate: '2026-10-30',
    lines: [
      {
        description: 'Relaunch der Website',
        quantity: '12',
        unit: 'hour',
        unitPrice: 9500,
        taxIds: [vat.id],
      },
    ],
  });

  // The preflight says what is missing, before issuing.
  await app.open(page, `/invoices/${draft.id}`);
  const preflight = page.getByRole('alert').filter({ hasText: 'Before issuing' });
  await expect(preflight).toContainText("The customer's country is missing.");
  await expect(preflight).toContainText("XRechnung needs the customer's electronic address");
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'einvoice-preflight.png'), fullPage: true });
  // Issuing now is refused, and nothing is issued.
  await page.getByRole('button', { name: 'Issue invoice' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Issue' }).click();
  await expect(page.getByText(/receives XRechnung \(UBL\), which this document cannot be yet/)).toBeVisible();
  expect((await app.call('documents.get', { id: draft.id })).status).toBe('draft');

  // Fix it where it lives: the customer.
  await preflight.getByRole('link', { name: 'Edit customer' }).first().click();
  await page.getByRole('textbox', { name: 'Country' }).first().fill('DE');
  await page.getByRole('textbox', { name: 'Electronic address' }).fill('0204:04011000-12345-03');
  await expect(page.getByRole('textbox', { name: 'Electronic address' })).toHaveValue('04011000-12345-03');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByText('Bezirksamt Mitte saved.')).toBeVisible();

  await app.open(page, `/invoices/${draft.id}`);
  await expect(page.getByRole('button', { name: 'Issue invoice' })).toBeVisible();
  await expect(page.getByText('Before issuing')).toHaveCount(0);
  await page.getByRole('button', { name: 'Issue invoice' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Issue' }).click();
  await expect(page.getByRole('group', { name: 'Document status' })).toContainText(/Issued/i);
  const invoice = await app.call('documents.get', { id: draft.id });

  // Download XRechnung and Factur-X from the E-invoice menu.
  await page.getByRole('button', { name: 'E-invoice' }).click();
  await expect(page.getByRole('menuitem').first()).toContainText('XRechnung (UBL) (customer’s format)');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'einvoice-menu.png') });
  const xrDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /XRechnung \(UBL\)/ }).click();
  const xr = await xrDownload;
  expect(xr.suggestedFilename()).toBe(`${invoice.number}-xrechnung-ubl.xml`);
  const xml = fs.readFileSync((await xr.path())!, 'utf8');
  expect(xml).toContain('<cbc:BuyerReference>04011000-12345-03</cbc:BuyerReference>');
  expect(xml).toContain('<cbc:EndpointID schemeID="0204">04011000-12345-03</cbc:EndpointID>');
  await page.getByRole('button', { name: 'E-invoice' }).click();
  const fxDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /Factur-X/ }).click();
  const fx = fs.readFileSync((await (await fxDownload).path())!);
  expect(fx.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  expect(fx.includes(Buffer.from('factur-x.xml'))).toBe(true);

  // Send: the XRechnung goes along beside the PDF.
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Send Invoice ${invoice.number}` });
  await expect(dialog.getByText(`${invoice.number}-xrechnung-ubl.xml`, { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('Sent to einkauf@bezirksamt.example.')).toBeVisible();
  const mail = smtp.received.at(-1)!;
  expect(mail.attachments.map((a) => a.filename)).toEqual([
    `${invoice.number} Bezirksamt Mitte.pdf`,
    `${invoice.number}-xrechnung-ubl.xml`,
  ]);
  expect(mail.attachments[1]!.content.toString('utf8')).toBe(xml);
});
