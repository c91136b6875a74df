/// <reference lib="dom" />
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, seedSetup, type App } from './fixtures';

/**
 * The line editor at the two window sizes people have: a 200-line invoice typed with German
 * decimal commas, its totals checked against figures worked out here by hand, and no column
 * narrower than what it shows.
 */
const SHOTS = process.env.FOLIO_SCREENSHOTS;
const LINES = 200;

/** Line i (1-based): what is typed, and its net amount in cents, worked out by hand. */
function lineOf(i: number): { description: string; quantity: string; price: string; netCents: number } {
  // Prices and quantities typed with German decimal commas.
  const euros = 10 + (i % 9); // 10 … 18
  if (i % 2 === 0) {
    // "12,50" × 2 = 25,00
    return {
      description: `Beratung Teil ${i}`,
      quantity: '2',
      price: `${euros},50`,
      netCents: (euros * 100 + 50) * 2,
    };
  }
  // "14,00" × 2,5 = 35,00
  return {
    description: `Material Posten ${i}`,
    quantity: '2,5',
    price: `${euros},00`,
    netCents: (euros * 100 * 5) / 2,
  };
}

/** 1234567 cents -> "12.345,67 €" as de-DE prints it (written out, not through Intl). */
function euro(cents: number): string {
  const units = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${units},${String(cents % 100).padStart(2, '0')}\u00a0€`;
}

async function seed(app: App) {
  await seedSetup(app, { locale: 'de-DE', baseCurrency: 'EUR' });
  const ust = await app.call('taxes.create', { name: 'USt 19 %', percent: '19' });
  await app.call('customers.create', {
    name: 'Bäckerei Sonnenschein GmbH',
    emails: [{ email: 'buchhaltung@sonnenschein.example', billing: true }],
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
    defaultTaxId: ust.id,
  });
}

/** The names the line editor's checks look for, in the screen's language. */
const ENGLISH = { table: 'Lines', amount: ' amount', remove: 'Remove line' };

/** Every header and field of the lines shows its whole content. */
async function expectNoClippedColumns(page: Page, names = ENGLISH) {
  const clipped = await page.getByRole('table', { name: names.table }).evaluate((table, names) => {
    const bad: string[] = [];
    const els = table.querySelectorAll<HTMLElement>('[role="columnheader"], input, textarea');
    for (const el of els) {
      if (el.closest('[aria-hidden="true"]') || el.offsetParent === null) continue;
      if (el.getAttribute('type') === 'hidden') continue;
      const name = el.getAttribute('aria-label') ?? el.textContent ?? el.tagName;
      if (el.scrollWidth > el.clientWidth) bad.push(`${name}: ${el.scrollWidth} > ${el.clientWidth}`);
      // A field narrower than a few characters is collapsed even when its text fits.
      if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.clientWidth < 40)
        bad.push(`${name}: only ${el.clientWidth}px wide`);
    }
    // Line amounts: the figure fits its cell.
    for (const el of table.querySelectorAll<HTMLElement>(`[aria-label$="${names.amount}"]`)) {
      const cell = el.parentElement!;
      if (el.scrollWidth > cell.clientWidth)
        bad.push(`${el.getAttribute('aria-label')}: ${el.scrollWidth} > ${cell.clientWidth}`);
    }
    // The line's move and remove buttons are inside the window.
    for (const b of table.querySelectorAll<HTMLElement>(`button[aria-label^="${names.remove}"]`)) {
      const r = b.getBoundingClientRect();
      if (r.right > window.innerWidth) bad.push(`${b.getAttribute('aria-label')} off-screen at ${r.right}px`);
    }
    return bad;
  }, names);
  expect(clipped).toEqual([]);
}

test('a 200-line invoice typed with decimal commas at 1024×700, then seen at 1280×800: totals by hand, no clipped column', async ({
  app,
  page,
}) => {
  test.setTimeout(600_000);
  await seed(app);
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open(page, '/invoices/new');

  const customer = page.getByRole('combobox', { name: 'Customer' });
  await customer.fill('Bäck');
  await page.getByRole('option', { name: 'Bäckerei Sonnenschein GmbH' }).click();
  // The customer's default tax lands on line 1 (and on every line added after it).
  await expect(page.getByRole('table', { name: 'Lines' }).getByText('USt 19 %')).toHaveCount(1);

  // Typed from the keyboard as a user does: Tab walks a line (description, quantity, unit,
  // price, discount, taxes) and Tab from the last line's taxes adds the next line.
  // (CSS locators: the role engine walks the whole 200-line page on every lookup.)
  const field = (name: string) => page.locator(`[aria-label="${name}"]`);
  await field('Line 1 description').click();
  let net = 0;
  for (let i = 1; i <= LINES; i++) {
    const l = lineOf(i);
    net += l.netCents;
    await expect(field(`Line ${i} description`)).toBeFocused();
    await page.keyboard.insertText(l.description);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(l.quantity);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText(l.price);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    if (i < LINES) await page.keyboard.press('Tab');
    if (i % 50 === 0) await expect(field(`Line ${i} amount`)).toHaveText(euro(l.netCents));
  }
  await expect(field(`Line ${LINES} amount`)).toHaveText(euro(lineOf(LINES).netCents));
  await expect(field(`Line ${LINES + 1} description`)).toHaveCount(0);
  await field('Line 7 unit').fill('Std.');
  // VAT per rate: the rate's base × 19 %, rounded once, half away from zero (EN 16931 BR-CO-17).
  const tax = Math.round((net * 19) / 100);

  const expectTotals = async () => {
    const totals = page.getByRole('region', { name: 'Totals' });
    await expect(totals.getByText(euro(net), { exact: true }).first()).toBeVisible();
    await expect(totals.getByText(euro(tax), { exact: true })).toBeVisible();
    await expect(page.getByLabel('Document total')).toHaveText(
      `Total ${euro(net + tax).replace('\u00a0€', '\u00a0EUR')}`,
    );
    await expect(page.getByLabel('Line 7 amount')).toHaveText(euro(lineOf(7).netCents));
  };
  await expectTotals();
  await page.getByRole('textbox', { name: 'Line 1 description' }).scrollIntoViewIfNeeded();
  await expectNoClippedColumns(page);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'line-editor-1024.png') });

  await page.setViewportSize({ width: 1280, height: 800 });
  await expectTotals();
  await expectNoClippedColumns(page);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'line-editor-1280.png') });

  // Saved, the draft reads back with the same figures.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/#\/invoices\/\d+$/, { timeout: 60_000 });
  const id = Number(/invoices\/(\d+)$/.exec(page.url())![1]);
  const saved = await app.call('documents.get', { id });
  expect(saved.lines).toHaveLength(LINES);
  expect(saved.total).toBe(net + tax);

  // The invoice list at 1024 px: every column shows its content, Balance is not cut off.
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open(page, '/invoices');
  const list = page.getByRole('grid', { name: 'Invoices' });
  await expect(list.getByRole('columnheader', { name: /Balance/ })).toBeVisible();
  const problems = await list.evaluate((table) => {
    const bad: string[] = [];
    const box = table.parentElement!.getBoundingClientRect();
    // The customer's name is the one free-width column: a long name ends in "…" by design.
    const customerCol = [...table.querySelectorAll('th')].findIndex((th) =>
      th.textContent?.includes('Customer'),
    );
    for (const el of table.querySelectorAll<HTMLElement>('th, td')) {
      if ((el as HTMLTableCellElement).cellIndex === customerCol) continue;
      const r = el.getBoundingClientRect();
      if (r.right > box.right + 1) bad.push(`${el.textContent} ends at ${r.right} > ${box.right}`);
      if (el.scrollWidth > el.clientWidth)
        bad.push(`${el.textContent}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return bad;
  });
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'invoice-list-1024.png') });
  expect(problems).toEqual([]);
  await expect(list.getByRole('gridcell', { name: euro(net + tax) }).first()).toBeVisible();
});

test('with the screen language German, the invoice editor speaks German and nothing in the line editor is cut off at 1024×700', async ({
  app,
  page,
}) => {
  await seed(app);
  const { preferences } = await app.call('settings.get');
  await app.call('settings.updatePreferences', {
    baseCurrency: preferences.baseCurrency,
    locale: preferences.locale,
    defaultPaymentTerms: preferences.defaultPaymentTerms,
    fiscalYearStartMonth: preferences.fiscalYearStartMonth,
    fiscalYearStartDay: preferences.fiscalYearStartDay,
    language: 'de',
  });
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open(page, '/invoices/new');

  // Headings, buttons and fields in German; none of the English words are left.
  await expect(page.getByRole('heading', { name: 'Neue Rechnung' })).toBeVisible();
  for (const name of ['Entwurf speichern', 'Speichern und ausstellen', 'Abbrechen', 'Position hinzufügen'])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kunde' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Ausstellungsdatum' })).toBeVisible();
  const lines = page.getByRole('table', { name: 'Positionen' });
  for (const name of ['Beschreibung', 'Menge', 'Einheit', 'Preis', 'Rabatt', 'Steuern', 'Betrag'])
    await expect(lines.getByRole('columnheader', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summen' })).toContainText('Zwischensumme');
  for (const english of ['Save draft', 'Save and issue', 'New invoice', 'Add line', 'Description'])
    await expect(page.getByText(english, { exact: true })).toHaveCount(0);

  // A line of each kind, with the longest German words the editor shows.
  await page.getByRole('combobox', { name: 'Kunde' }).fill('Bäck');
  await page.getByRole('option', { name: 'Bäckerei Sonnenschein GmbH' }).click();
  await page.getByRole('textbox', { name: 'Position 1 Beschreibung' }).fill('Beratung Backstube');
  await page.getByRole('textbox', { name: 'Position 1 Menge' }).fill('2,5');
  await page.getByRole('textbox', { name: 'Position 1 Einzelpreis' }).fill('80,00');
  await page.getByRole('combobox', { name: 'Position 1 Rabattart' }).click();
  await page.getByRole('option', { name: '%' }).click();
  await page.getByRole('textbox', { name: 'Position 1 Rabatt in Prozent' }).fill('10');
  await page.getByRole('button', { name: 'Überschrift hinzufügen' }).click();
  await page.getByRole('textbox', { name: 'Position 2 Überschrift' }).fill('Phase 2: Umsetzung');
  await page.getByRole('button', { name: 'Hinweis hinzufügen' }).click();
  await expect(page.getByRole('textbox', { name: 'Position 3 Hinweis' })).toBeVisible();
  // 2,5 × 80,00 € − 10 % = 180,00 €, and the document total with 19 % USt.: 214,20 EUR.
  await expect(page.getByLabel('Position 1 Betrag')).toHaveText('180,00\u00a0€');
  await expect(page.getByLabel('Dokumentsumme')).toHaveText('Gesamt 214,20\u00a0EUR');

  await page.getByRole('textbox', { name: 'Position 1 Beschreibung' }).scrollIntoViewIfNeeded();
  await expectNoClippedColumns(page, { table: 'Positionen', amount: ' Betrag', remove: 'Position' });
  // The buttons of the lines, the totals and the action bar show their whole German label.
  const cut = await page.locator('main').evaluate((main) => {
    const bad: string[] = [];
    for (const el of main.querySelectorAll<HTMLElement>('button, label, .mantine-SegmentedControl-label')) {
      if (el.offsetParent === null) continue;
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1)
        bad.push(`${el.textContent}: ${el.scrollWidth} > ${el.clientWidth}`);
      if (r.right > window.innerWidth)
        bad.push(`${el.textContent} ends at ${r.right} > ${window.innerWidth}`);
    }
    return bad;
  });
  expect(cut).toEqual([]);
  // The action bar keeps its buttons on one row (a second row would cover the lines).
  const top = async (name: string) =>
    (await page.getByRole('button', { name, exact: true }).boundingBox())!.y;
  expect(await top('Speichern und ausstellen')).toBe(await top('Abbrechen'));
  await page.getByRole('textbox', { name: 'Position 1 Beschreibung' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join('test-results', 'line-editor-de-1024.png') });
});
