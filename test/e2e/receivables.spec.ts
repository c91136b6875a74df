import { test, expect, seedSetup } from './fixtures';
import { addDays, addMonths, localToday } from '../../src/shared/domain/dates';
import type { Page } from '@playwright/test';

const year = new Date().getFullYear();

async function pick(page: Page, label: string, text: string, option?: RegExp) {
  const box = page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('textbox', { name: label }))
    .first();
  await box.click();
  await box.fill(text);
  await page
    .getByRole('option', { name: option ?? new RegExp(text) })
    .first()
    .click();
}

test('customer, items, an invoice with 3 lines, 2 taxes and a discount; issue; partial then full payment', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  await app.open(page, '/settings/taxes');
  for (const [name, rate] of [
    ['VAT 23%', '23'],
    ['VAT 9%', '9'],
  ]) {
    await page.getByRole('button', { name: 'New tax' }).click();
    await page.getByLabel('Tax name').fill(name!);
    await page.getByLabel('Rate (%)').fill(rate!);
    await page.getByRole('button', { name: 'Save tax' }).click();
    await expect(page.getByRole('table', { name: 'Taxes' }).getByText(name!)).toBeVisible();
  }

  // A customer, from the keyboard: N on the list opens the form.
  await app.open(page, '/customers');
  await expect(page.getByText('No customers yet.')).toBeVisible();
  await page.keyboard.press('n');
  await page.getByLabel('Customer name').fill('Brightside Cafés Ltd');
  await page.getByLabel('Email 1', { exact: true }).fill('accounts@brightside.example');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('heading', { name: 'Brightside Cafés Ltd' })).toBeVisible();

  // Two items.
  await app.open(page, '/items');
  for (const [name, price, unit, tax] of [
    ['Design work', '85.00', 'hour', 'VAT 23%'],
    ['Printed menus', '2.50', 'piece', 'VAT 9%'],
  ]) {
    await page.getByRole('button', { name: 'New item' }).click();
    await page.getByLabel('Item name').fill(name!);
    await page.getByLabel(/^Price/).fill(price!);
    await page.getByLabel('Unit').fill(unit!);
    await page.getByRole('combobox', { name: 'Default taxes' }).click();
    await page.getByRole('option', { name: tax! }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save item' }).click();
    await expect(page.getByRole('table', { name: 'Items' }).getByText(name!)).toBeVisible();
  }

  // The invoice.
  await app.open(page, '/invoices/new');
  await pick(page, 'Customer', 'Bright');
  const desc = (n: number) => page.getByRole('textbox', { name: `Line ${n} description` });
  await desc(1).fill('Desi');
  await page.getByRole('option', { name: /Design work/ }).click();
  await page.getByRole('textbox', { name: 'Line 1 quantity' }).fill('6.5');
  await page.getByRole('button', { name: 'Add line' }).click();
  await desc(2).fill('Print');
  await page.getByRole('option', { name: /Printed menus/ }).click();
  await page.getByRole('textbox', { name: 'Line 2 quantity' }).fill('120');
  await page.getByRole('combobox', { name: 'Line 2 discount type' }).click();
  await page.getByRole('option', { name: '%' }).click();
  await page.getByRole('textbox', { name: 'Line 2 discount percent' }).fill('10');
  await page.getByRole('button', { name: 'Add line' }).click();
  await desc(3).fill('Delivery to Galway');
  await page.getByRole('textbox', { name: 'Line 3 unit price' }).fill('15');
  await page.getByRole('combobox', { name: 'Line 3 taxes' }).click();
  await page.getByRole('option', { name: 'VAT 23%' }).click();
  await page.keyboard.press('Escape');

  // 552.50 + 23% (127.08) + 270.00 + 9% (24.30) + 15.00 + 23% (3.45) = 992.33
  await expect(page.getByLabel('Document total')).toHaveText(/992\.33/);
  await page.getByRole('button', { name: 'Save and issue' }).click();
  // The same question as "Issue" on the invoice's page.
  await page
    .getByRole('dialog', { name: 'Issue this invoice?' })
    .getByRole('button', { name: 'Issue' })
    .click();
  await expect(page.getByRole('heading', { name: `Invoice INV-${year}-0001` })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Document status' })).toHaveText('Issued');

  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.getByLabel(/Amount received/).fill('500');
  await page.getByRole('dialog').getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('group', { name: 'Document status' })).toHaveText('Partially paid');
  await expect(page.getByLabel('Balance due')).toHaveText(/492\.33/);
  // The page shows the new balance while the dialog is still closing (it closes once every
  // answer is fetched again): the next payment starts when it is gone, as a user's would.
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByLabel(/Amount received/)).toHaveValue('492.33');
  await page.getByRole('dialog').getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('group', { name: 'Document status' })).toHaveText('Paid');
  await expect(page.getByLabel('Balance due')).toHaveText(/0\.00/);
});

async function seedInvoiceData(app: Parameters<typeof seedSetup>[0]) {
  await seedSetup(app);
  const tax = await app.call('taxes.create', { name: 'VAT 23%', percent: '23' });
  const { customer } = await app.call('customers.create', {
    name: 'Harbour Books',
    billingAddress: { line1: '', line2: '', city: 'Cork', region: '', postalCode: '', country: 'Ireland' },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
  });
  return { tax, customer };
}

test('a quote is sent, accepted and converted into a linked invoice', async ({ app, page }) => {
  const { tax, customer } = await seedInvoiceData(app);
  const quote = await app.call('documents.create', {
    type: 'quote',
    customerId: customer.id,
    issueDate: localToday(),
    due: { kind: 'date', date: addDays(localToday(), 30) },
    currency: 'EUR',
    lines: [{ description: 'Shop fit-out design', quantity: '1', unitPrice: 250000, taxIds: [tax.id] }],
  });
  await app.open(page, `/quotes/${quote.id}`);
  await page.getByRole('button', { name: 'Mark as sent' }).click();
  await expect(page.getByRole('heading', { name: `Quote QUO-${year}-0001` })).toBeVisible();
  await page.getByRole('button', { name: 'Mark accepted' }).click();
  await expect(page.getByRole('group', { name: 'Document status' })).toHaveText('Accepted');
  await page.getByRole('button', { name: 'Convert to invoice' }).click();
  await expect(page.getByRole('heading', { name: 'Invoice (draft)' })).toBeVisible();
  await expect(page.getByText(`From quote: QUO-${year}-0001`)).toBeVisible();
  await page.getByRole('button', { name: 'Issue invoice' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Issue' }).click();
  await expect(page.getByRole('heading', { name: `Invoice INV-${year}-0001` })).toBeVisible();
  await expect(page.getByLabel('Balance due')).toHaveText(/3,075\.00/);
});

test('a credit note reduces the balance of its invoice', async ({ app, page }) => {
  const { tax, customer } = await seedInvoiceData(app);
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: localToday(),
    due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
    currency: 'EUR',
    lines: [
      { description: 'Catalogue design', quantity: '10', unitPrice: 8000, taxIds: [tax.id] },
      { description: 'Proofreading', quantity: '2', unitPrice: 5000, taxIds: [tax.id] },
    ],
  });
  const invoice = await app.call('documents.issue', { id: draft.id });
  await app.open(page, `/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Create credit note' }).click();
  await expect(page.getByRole('heading', { name: 'Credit note (draft)' })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  // Credit only the proofreading: remove the first line.
  await page.getByRole('button', { name: 'Remove line 1' }).click();
  await expect(page.getByLabel('Document total')).toHaveText(/123\.00/);
  await page.getByRole('button', { name: 'Save and issue' }).click();
  await page
    .getByRole('dialog', { name: 'Issue this credit note?' })
    .getByRole('button', { name: 'Issue' })
    .click();
  await expect(page.getByRole('heading', { name: `Credit note CN-${year}-0001` })).toBeVisible();
  await page.getByRole('link', { name: invoice.number }).first().click();
  await expect(page.getByRole('heading', { name: `Invoice ${invoice.number}` })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Document status' })).toHaveText('Partially paid');
  // The invoice was (800.00 + 100.00) × 1.23 = 1,107.00; the credit note 100.00 × 1.23 = 123.00.
  await expect(page.getByLabel('Balance due')).toHaveText(/984\.00/);
});

test('a monthly recurring invoice started 75 days ago yields exactly 3 invoices, once, across restarts', async ({
  app,
  page,
}) => {
  await seedInvoiceData(app);
  const today = localToday();
  const start = addDays(today, -75);
  await app.open(page, '/invoices/recurring/new');
  await page.getByRole('textbox', { name: /^Name/ }).fill('Monthly retainer');
  await page.getByLabel('First date').fill(start);
  await page.keyboard.press('Escape');
  await pick(page, 'Customer', 'Harb');
  await page.getByRole('textbox', { name: 'Line 1 description' }).fill('Retainer: 10 hours');
  await page.getByRole('textbox', { name: 'Line 1 unit price' }).fill('800');
  await page.getByRole('combobox', { name: 'Line 1 taxes' }).click();
  await page.getByRole('option', { name: 'VAT 23%' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save and start' }).click();
  // Three invoices are due at once: Folio says so and asks before making them.
  const ask = page.getByRole('dialog', { name: 'Invoices already due' });
  await expect(ask).toContainText(`3 invoices are already due, dated ${start} to ${addMonths(start, 2)}.`);
  await ask.getByRole('button', { name: 'Issue them' }).click();
  await expect(page.getByRole('heading', { name: 'Monthly retainer' })).toBeVisible();

  const expected = [start, addMonths(start, 1), addMonths(start, 2)];
  for (let restart = 0; restart < 2; restart++) {
    await app.restart();
    await app.open(page, '/invoices');
    const rows = page.getByRole('grid', { name: 'Invoices' }).getByRole('row');
    await expect(rows).toHaveCount(4); // header + 3
    const list = await app.call('documents.list', { type: 'invoice', sort: 'issueDate', direction: 'asc' });
    expect(list.rows.map((r: { issueDate: string }) => r.issueDate)).toEqual(expected);
    expect(list.rows.every((r: { status: string }) => r.status === 'issued')).toBe(true);
  }
});

test('a payment typed before the open invoices have loaded still goes to the invoice, not to credit', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  const { customer } = await app.call('customers.create', {
    name: 'Slow Line Ltd',
    billingAddress: {
      line1: '1 Long Road',
      line2: '',
      city: 'Cork',
      region: '',
      postalCode: '',
      country: 'Ireland',
    },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: localToday(),
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: [{ description: 'Consulting', quantity: '1', unitPrice: 100000, taxIds: [] }],
  });
  const invoice = await app.call('documents.issue', { id: draft.id });
  await app.open(page, `/invoices/${invoice.id}`);
  await expect(page.getByRole('group', { name: 'Document status' })).toHaveText('Issued');
  // A slow machine: the customer's open invoices take a while to arrive.
  await page.route('**/api/call', async (route) => {
    if (route.request().postData()?.includes('"documents.list"'))
      await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.getByLabel(/Amount received/).fill('400');
  await page.getByRole('dialog').getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('group', { name: 'Document status' })).toHaveText('Partially paid');
  await expect(page.getByLabel('Balance due')).toHaveText(/600\.00/);
});
