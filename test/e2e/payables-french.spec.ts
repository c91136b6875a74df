import { test, expect, seedSetup } from './fixtures';

/**
 * The payables screens follow the screen language: with French chosen in Preferences the
 * bills list and the bill form are French, and at 1024×700 nothing on them is cut off
 * (German and French labels run longer than English).
 */
test('with the screen language set to French, the bills list and the bill form are French and fit 1024×700', async ({
  app,
  page,
}) => {
  await seedSetup(app, { locale: 'fr-FR' });
  const { preferences } = await app.call('settings.get');
  await app.call('settings.updatePreferences', { ...preferences, language: 'fr' });
  const vendor = await app.call('vendors.create', {
    name: 'Papeterie Dupont',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
  });
  await app.call('bills.create', {
    vendorId: vendor.id,
    vendorInvoiceNumber: 'F-2041',
    billDate: isoIn(-2),
    dueDate: isoIn(28),
    currency: 'EUR',
    lines: [{ description: 'Papier', categoryId: null, quantity: 2, unitPrice: 1250, tax: 500 }],
    status: 'awaiting_payment',
  });
  await page.setViewportSize({ width: 1024, height: 700 });

  await app.open(page, '/bills/all');
  await expect(page.getByRole('heading', { name: 'Factures fournisseurs', level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Toutes les factures' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Factures fournisseurs' });
  await expect(table).toBeVisible();
  await page.screenshot({ path: 'test-results/payables-french-list.png' });
  await expect(table.getByRole('columnheader', { name: 'Fournisseur' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Échéance' })).toBeVisible();
  await expect(table.getByText('À payer', { exact: true })).toBeVisible();
  await expect(table.getByText('1 facture', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nouvelle facture' })).toBeVisible();
  await expectNothingCutOff(page);

  await page.getByRole('link', { name: 'Nouvelle facture' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle facture fournisseur' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Fournisseur' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'N° de facture du fournisseur' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Date de facture' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Ligne 1 description' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ajouter une ligne' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer comme brouillon' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer la facture' })).toBeVisible();
  await expect(page.getByText('Sous-total')).toBeVisible();
  await expectNothingCutOff(page);
  await page.screenshot({ path: 'test-results/payables-french-form.png', fullPage: true });

  // A missing vendor is said in French too.
  await page.getByRole('button', { name: 'Enregistrer la facture' }).click();
  await expect(page.getByText('Choisissez un fournisseur')).toBeVisible();
});

test('in German, the longest of the four, the bills list, the bill form and a vendor fit 1024×700', async ({
  app,
  page,
}) => {
  await seedSetup(app, { locale: 'de-DE' });
  const { preferences } = await app.call('settings.get');
  await app.call('settings.updatePreferences', { ...preferences, language: 'de' });
  const vendor = await app.call('vendors.create', {
    name: 'Bürobedarf Schmidt GmbH',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
  });
  await app.call('bills.create', {
    vendorId: vendor.id,
    vendorInvoiceNumber: 'RE-2026-0815',
    billDate: isoIn(-40),
    dueDate: isoIn(-10),
    currency: 'EUR',
    lines: [{ description: 'Papier', categoryId: null, quantity: 2, unitPrice: 1250, tax: 475 }],
    status: 'awaiting_payment',
  });
  await page.setViewportSize({ width: 1024, height: 700 });

  await app.open(page, '/bills/all');
  await expect(page.getByRole('heading', { name: 'Eingangsrechnungen', level: 1 })).toBeVisible();
  const germanTable = page.getByRole('table', { name: 'Eingangsrechnungen' });
  await expect(germanTable.getByText('Überfällig', { exact: true })).toBeVisible();
  // The due label is made by the server, in the language of the call.
  await expect(germanTable.getByText(/^\d+ Tage? überfällig$/)).toBeVisible();
  await expectNothingCutOff(page);
  await page.screenshot({ path: 'test-results/payables-german-list.png' });

  await app.open(page, '/bills/new');
  await expect(page.getByRole('heading', { name: 'Neue Eingangsrechnung' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Als Entwurf speichern' })).toBeVisible();
  await expectNothingCutOff(page);
  await page.screenshot({ path: 'test-results/payables-german-form.png', fullPage: true });

  await app.open(page, `/vendors/${vendor.id}`);
  await expect(page.getByRole('button', { name: 'Lieferant archivieren' })).toBeVisible();
  await expectNothingCutOff(page);
  await page.screenshot({ path: 'test-results/payables-german-vendor.png', fullPage: true });
});

/** The local date `days` from today, as the app and the browser see it. */
function isoIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Nothing is cut off: the page does not scroll sideways, and no button, label, tab or
 * column header clips its own text.
 */
async function expectNothingCutOff(page: import('@playwright/test').Page) {
  const clipped = await page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth)
      out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, label, [role="tab"], th, h1, h2, h3, .mantine-Button-label, .mantine-Tabs-tabLabel',
    )) {
      if (el.offsetParent === null) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        out.push(`${el.tagName} “${el.textContent?.trim()}” ${el.scrollWidth}>${el.clientWidth}`);
    }
    return out;
  });
  expect(clipped).toEqual([]);
}
