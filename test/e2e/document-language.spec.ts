import { test, expect, seedSetup } from './fixtures';

test('a customer’s document language and the business’s own wording are chosen on screen', async ({
  app,
  page,
}) => {
  await seedSetup(app);

  // The customer form: empty means "like the business", named in the field.
  await app.open(page, '/customers/new');
  await page.getByLabel('Customer name').fill('Müller Webdesign GmbH');
  const language = page.getByRole('combobox', { name: 'Document language' });
  await expect(language).toHaveAttribute('placeholder', 'Like the business (English)');
  await language.click();
  await page.getByRole('option', { name: 'Deutsch' }).click();
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('heading', { name: 'Müller Webdesign GmbH' })).toBeVisible();
  const customers = await app.call('customers.list', {});
  const id = customers.rows.find((c: { name: string }) => c.name === 'Müller Webdesign GmbH').id;
  expect((await app.call('customers.get', { id })).customer.documentLanguage).toBe('de');

  // Settings → Documents: the format, and "Honorarrechnung" for the German "Rechnung".
  await app.open(page, '/settings/documents');
  await expect(page.getByRole('heading', { name: 'Language of documents' })).toBeVisible();
  await page.getByText('Like the customer’s language and country').click();
  // The list of words opens on demand.
  await page.getByRole('button', { name: 'Change the wording…' }).click();
  await page.getByRole('combobox', { name: 'Wording for' }).click();
  await page.getByRole('option', { name: 'Deutsch' }).click();
  await page.getByRole('textbox', { name: 'Find a word' }).fill('Rechnung');
  // "Rechnung" is the title and a column header: the title comes first.
  await page
    .getByRole('textbox', { name: 'Your wording for “Rechnung”', exact: true })
    .first()
    .fill('Honorarrechnung');
  await expect(page.getByText('1 word changed')).toBeVisible();
  await page.getByRole('button', { name: 'Save language settings' }).click();
  await expect(page.getByText('Language settings saved.')).toBeVisible();
  expect(await app.call('printing.getLanguageSettings', {})).toMatchObject({
    language: 'en',
    format: 'customer',
    wording: { de: { 'doc.title.invoice': 'Honorarrechnung' } },
  });
});
