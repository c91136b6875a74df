/// <reference lib="dom" />
import { test, expect, seedSetup, type App } from './fixtures';

/** Issue 10, "The editor and forms": dates, confirmations and where a deleted draft lands. */

async function seedCustomer(app: App) {
  await seedSetup(app, { locale: 'de-DE', baseCurrency: 'EUR' });
  const { customer } = await app.call('customers.create', {
    name: 'Bäckerei Sonnenschein GmbH',
    emails: [],
    billingAddress: {
      line1: 'Hauptstraße 5',
      line2: '',
      city: 'Köln',
      region: '',
      postalCode: '50667',
      country: 'Deutschland',
    },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  return customer;
}

test('dates in the business locale, impossible dates refused, Save and issue asks first, a deleted draft lands on the list', async ({
  app,
  page,
}) => {
  const customer = await seedCustomer(app);
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: '2026-02-10',
    due: { kind: 'date', date: '2026-02-24' },
    currency: 'EUR',
    lines: [{ description: 'Brötchen', quantity: '12.5', unit: 'Std.', unitPrice: 1250, taxIds: [] }],
  });
  await app.open(page, `/invoices/${draft.id}/edit`);

  // de-DE shows and takes German dates (not ISO, not the browser's US form).
  const issue = page.getByRole('textbox', { name: 'Issue date' });
  await expect(issue).toHaveValue('10.02.2026');
  await expect(page.getByRole('textbox', { name: 'Due date' })).toHaveValue('24.02.2026');

  // 30 February does not exist: refused at the field, not rolled over to 2 March.
  await issue.fill('30.02.2026');
  await issue.blur();
  await expect(page.getByText('There is no 30 February 2026: February has 28 days')).toBeVisible();
  await page.getByRole('button', { name: 'Save draft' }).click();
  expect((await app.call('documents.get', { id: draft.id })).issueDate).toBe('2026-02-10');
  await expect(page).toHaveURL(new RegExp(`/invoices/${draft.id}/edit$`));

  // ISO is accepted too; Enter takes the typed date.
  await issue.fill('2026-02-12');
  await issue.press('Enter');
  await expect(page.getByText(/There is no 30 February/)).toHaveCount(0);

  // "Save and issue" asks the question "Issue" asks; Cancel leaves the draft a draft.
  await page.getByRole('button', { name: 'Save and issue' }).click();
  const question = page.getByRole('dialog', { name: 'Issue this invoice?' });
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  expect((await app.call('documents.get', { id: draft.id })).status).toBe('draft');

  // Saved as a draft with the new date; the invoice page shows it the German way.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(new RegExp(`/invoices/${draft.id}$`));
  expect((await app.call('documents.get', { id: draft.id })).issueDate).toBe('2026-02-12');
  // One formatting path: the quantity reads "12,5 Std." on screen and in the PDF alike.
  const paper = page.getByRole('document', { name: 'Invoice preview' });
  await expect(paper.getByText('12,5 Std.', { exact: true })).toBeVisible();
  await expect(paper.getByText('12.02.2026')).toBeVisible();
  const pdf = await app.call('printing.render', { ref: { kind: 'document', id: draft.id } });
  const mupdf = await import('mupdf');
  const doc = mupdf.Document.openDocument(Buffer.from(pdf.dataBase64, 'base64'), 'application/pdf');
  const text = doc.loadPage(0).toStructuredText('preserve-whitespace').asText();
  expect(text).toContain('12,5 Std.');
  expect(text).toContain('12.02.2026');
  expect(text).not.toContain('12.5 Std.');

  // Deleting the draft goes to the list and says so (not "That document was not found").
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Delete draft' }).click();
  await page
    .getByRole('dialog', { name: 'Delete this draft?' })
    .getByRole('button', { name: 'Delete draft' })
    .click();
  await expect(page.getByText('Draft invoice deleted.')).toBeVisible();
  await expect(page).toHaveURL(/#\/invoices$/);
  await expect(page.getByText(/was not found/)).toHaveCount(0);
});

test('document settings are saved, not "unsaved", when the IBAN was typed with spaces', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  await app.open(page, '/settings/documents');
  await page.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 00');
  const save = page.getByRole('button', { name: 'Save document settings' });
  await save.click();
  await expect(page.getByText('Document settings saved.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'IBAN' })).toHaveValue('DE89370400440532013000');
  await expect(save).toBeDisabled();
});

test('the customer field takes the one customer typed on Enter or when left, and says when none is named; a huge paste is cut with a message', async ({
  app,
  page,
}) => {
  await seedCustomer(app);
  await app.open(page, '/invoices/new');
  const customer = page.getByRole('combobox', { name: 'Customer' });

  // A name nobody has: leaving the field says so instead of clearing it silently.
  await customer.fill('Nobody GmbH');
  await customer.blur();
  await expect(page.getByText('No customer named “Nobody GmbH”', { exact: false })).toBeVisible();

  // Leaving the field with a customer's whole name typed (no option clicked) takes them.
  await customer.fill('Bäckerei Sonnenschein GmbH');
  await customer.blur();
  await expect(customer).toHaveValue('Bäckerei Sonnenschein GmbH');
  await expect(page.getByText(/No customer named/)).toHaveCount(0);
  await expect(page.getByText('Choose a customer')).toHaveCount(0);

  // A fresh form: typing the only match and Enter picks it (no click on the option needed).
  await app.open(page, '/quotes/new');
  const quoteCustomer = page.getByRole('combobox', { name: 'Customer' });
  await quoteCustomer.fill('Bäckerei Sonn');
  await quoteCustomer.press('Enter');
  await expect(quoteCustomer).toHaveValue('Bäckerei Sonnenschein GmbH');
  await quoteCustomer.blur();
  await expect(quoteCustomer).toHaveValue('Bäckerei Sonnenschein GmbH');

  // 100,000 characters pasted: cut at the contract's 5,000 at once, and the field says so.
  const description = page.getByRole('textbox', { name: 'Line 1 description' });
  await description.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'x'.repeat(100_000));
    el.focus();
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  // The figure in the business locale's format (de-DE here), like every number on screen.
  await expect(page.getByText(/A description holds at most 5\.000 characters/)).toBeVisible();
  expect((await description.inputValue()).length).toBe(5000);
});
