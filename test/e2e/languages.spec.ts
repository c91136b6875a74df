import { test, expect, seedSetup, shootAtTwoSizes } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 15: the screens speak the language chosen in Preferences, all at once and without a
 * reload, and back again. The navigation, a form's own validation message, the dashboard and
 * the date pickers' month and day names all follow.
 */

const shoot = (page: Page, name: string) => shootAtTwoSizes(page, `languages-${name}`);

/** Another screen of the same page (the hash router), as a link would: never a reload. */
const goTo = (page: Page, route: string) =>
  page.evaluate((r) => {
    window.location.hash = r;
  }, route);

test('choosing Deutsch in Preferences switches the whole app, and English switches it back, without a reload', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  await app.open(page, '/settings/preferences');
  // A marker on the window: it survives only if the page is never reloaded or navigated away.
  await page.evaluate(() => ((window as unknown as { folioMarker: string }).folioMarker = 'still here'));
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const nav = page.getByRole('navigation');
  const link = (name: string) => nav.getByRole('link', { name, exact: true });

  // English to start with (the test browser's language).
  await expect(link('Invoices')).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Deutsch', exact: true }).click();
  await page.getByRole('button', { name: 'Save preferences' }).click();

  // The navigation, at once.
  await expect(link('Rechnungen')).toBeVisible();
  await expect(link('Kunden')).toBeVisible();
  await expect(link('Einstellungen')).toBeVisible();
  await expect(link('Invoices')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

  // A form's own validation message: a new customer saved without a name.
  await link('Kunden').click();
  await page.getByRole('button', { name: 'Neuer Kunde' }).click();
  await expect(page.getByRole('heading', { name: 'Neuer Kunde' })).toBeVisible();
  await page.getByRole('button', { name: 'Kunden speichern' }).click();
  await expect(page.getByText('Geben Sie den Kundennamen ein')).toBeVisible();
  await expect(page.getByText('Enter the customer name')).toHaveCount(0);
  await shoot(page, 'de-customer-form');
  // Leaving with something typed asks first, in German.
  await page.getByLabel('Kundenname').fill('Müller');
  await link('Übersicht').click();
  await expect(page.getByText('Ungespeicherte Änderungen verwerfen?')).toBeVisible();
  await page.getByRole('button', { name: 'Änderungen verwerfen' }).click();

  // The dashboard's headings and figures' labels.
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Offene Forderungen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Liquidität, nächste 13 Wochen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kunden mit den ältesten Rückständen' })).toBeVisible();
  await shoot(page, 'de-dashboard');

  // Mantine's calendar: German day names in the date picker of the invoice editor.
  await goTo(page, '/invoices/new');
  await page.locator('.mantine-DateInput-input').first().click();
  const weekdays = page.locator('.mantine-DateInput-weekday');
  await expect(weekdays.first()).toBeVisible();
  expect(await weekdays.allTextContents()).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
  await page.keyboard.press('Escape');

  // Back to English, from the German Preferences.
  await link('Einstellungen').click();
  await page.getByRole('tab', { name: 'Voreinstellungen' }).click();
  await page.getByRole('combobox', { name: 'Sprache' }).click();
  await page.getByRole('option', { name: 'English', exact: true }).click();
  await page.getByRole('button', { name: 'Voreinstellungen speichern' }).click();

  await expect(link('Invoices')).toBeVisible();
  await expect(link('Customers')).toBeVisible();
  await expect(link('Rechnungen')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

  await link('Customers').click();
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByText('Enter the customer name')).toBeVisible();
  await expect(page.getByText('Geben Sie den Kundennamen ein')).toHaveCount(0);

  await link('Dashboard').click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cash flow, next 13 weeks' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Übersicht' })).toHaveCount(0);

  await goTo(page, '/invoices/new');
  await page.locator('.mantine-DateInput-input').first().click();
  await expect(weekdays.first()).toBeVisible();
  expect(await weekdays.allTextContents()).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']);

  // Never reloaded: the marker is still there, and every navigation stayed on the same document.
  expect(await page.evaluate(() => (window as unknown as { folioMarker?: string }).folioMarker)).toBe(
    'still here',
  );
  const base = (url: string) => url.split('#')[0];
  expect(navigations.every((url) => base(url) === base(page.url()))).toBe(true);
});

test('French and Spanish fit too: the dashboard and the customer form at 1280 and 1024 wide', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  for (const language of ['fr', 'es']) {
    const { preferences } = await app.call('settings.get');
    await app.call('settings.updatePreferences', { ...preferences, language });
    await app.open(page, '/dashboard');
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      language === 'fr' ? 'Tableau de bord' : 'Panel',
    );
    await shoot(page, `${language}-dashboard`);
    await app.open(page, '/customers/new');
    await page
      .getByRole('button', { name: language === 'fr' ? 'Enregistrer le client' : 'Guardar cliente' })
      .click();
    await expect(
      page.getByText(language === 'fr' ? 'Saisissez le nom du client' : 'Introduzca el nombre del cliente'),
    ).toBeVisible();
    await shoot(page, `${language}-customer-form`);
  }
});

test('a page opened directly in a German book asks its first questions in German (due labels made by the server)', async ({
  app,
  page,
}) => {
  await seedSetup(app, { locale: 'de-DE' });
  const { preferences } = await app.call('settings.get');
  await app.call('settings.updatePreferences', { ...preferences, language: 'de' });
  const vendor = await app.call('vendors.create', {
    name: 'Stadtwerke',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
  });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await app.call('bills.create', {
    vendorId: vendor.id,
    vendorInvoiceNumber: 'SW-1',
    billDate: day(-40),
    dueDate: day(-10),
    currency: 'EUR',
    lines: [{ description: 'Strom', categoryId: null, quantity: 1, unitPrice: 12000, tax: 0 }],
    status: 'awaiting_payment',
  });
  // Straight to the bills page: its lists are the first calls after the settings.
  await app.open(page, '/bills');
  await expect(page.getByText('10 Tage überfällig')).toBeVisible();
  await expect(page.getByText('10 days overdue')).toHaveCount(0);
});
