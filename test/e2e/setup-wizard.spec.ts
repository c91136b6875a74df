import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

test('first run: the wizard saves the business profile with a logo, and it survives a restart', async ({
  app,
  page,
}) => {
  const logo = path.join(app.dataDir, 'logo.png');
  fs.writeFileSync(logo, PNG);
  await app.open(page);

  await expect(page.getByRole('heading', { name: 'Welcome to Folio' })).toBeVisible();
  // Next without a name: the field says what to do.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Enter the business name')).toBeVisible();

  await page.getByLabel('Business name').fill('Zoë Müller Design');
  await page.getByLabel('Email').fill('zoe@muller.example');
  await page.getByLabel('Tax or VAT number').fill('DE123456789');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByLabel('Address line 1').fill('Hauptstraße 5');
  await page.getByLabel('Postal code').fill('10115');
  await page.getByLabel('City').fill('Berlin');
  await page.getByLabel('Country').fill('Germany');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('combobox', { name: 'Base currency' }).fill('EUR');
  await page.getByRole('option', { name: /^EUR/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByLabel('Invoice number prefix').fill('ZM-');
  await expect(page.getByText(`ZM-${new Date().getFullYear()}-0001`)).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Logo').click();
  await (await chooser).setFiles(logo);
  await expect(page.getByRole('img', { name: 'Logo preview' })).toBeVisible();
  await page.getByRole('button', { name: 'Finish setup' }).click();

  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('banner').getByText('Zoë Müller Design')).toBeVisible();

  await app.restart();
  await app.open(page, '/settings/business');
  await expect(page.getByLabel('Business name')).toHaveValue('Zoë Müller Design');
  await expect(page.getByLabel('City')).toHaveValue('Berlin');
  await expect(page.getByRole('img', { name: 'Logo preview' })).toBeVisible();
  const settings = await app.call('settings.get');
  expect(settings.logo).toEqual({ mimeType: 'image/png', bytes: PNG.length });
  expect(settings.numbering.find((n: { docType: string }) => n.docType === 'invoice').prefix).toBe('ZM-');
});
