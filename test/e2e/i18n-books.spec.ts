import path from 'node:path';
import { test, expect, seedSetup, type App } from './fixtures';
import { camt053 } from '../helpers/bank';
import { addDays, localToday } from '../../src/shared/domain/dates';

/**
 * The books screens follow the screen language: with Spanish chosen in Preferences (over the
 * API, as the Preferences tab saves it), the aging report and a bank account page speak Spanish
 * in their headings, column headers, tabs and buttons, while the figures stay the same.
 */
const SHOTS = path.join('test-results', 'i18n-books');

async function seed(app: App) {
  await seedSetup(app);
  const today = localToday();
  const { customer } = await app.call('customers.create', {
    name: 'Alpha Bakery',
    billingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
  });
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: addDays(today, -70),
    due: { kind: 'date', date: addDays(today, -40) },
    currency: 'EUR',
    lines: [{ description: 'Work', quantity: '1', unitPrice: 60000 }],
  });
  const invoice = await app.call('documents.issue', { id: draft.id });
  const account = await app.call('bank.accounts.create', {
    name: 'Cuenta corriente',
    iban: 'DE89370400440532013000',
    accountNumber: '',
    bic: '',
    currency: 'EUR',
    openingBalance: 100000,
    openingDate: addDays(today, -10),
  });
  const statement = camt053({
    iban: 'DE89370400440532013000',
    opening: 100000,
    openingDate: addDays(today, -10),
    lines: [
      {
        date: addDays(today, -1),
        amount: 25000,
        name: 'ALPHA BAKERY',
        iban: 'IE64IRCE92050112345678',
        reference: 'Payment',
      },
    ],
  });
  await app.call('bank.import.commit', {
    accountId: account.id,
    fileName: 'statement.xml',
    dataBase64: Buffer.from(statement).toString('base64'),
  });
  await app.call('settings.updatePreferences', {
    baseCurrency: 'EUR',
    locale: 'es-ES',
    defaultPaymentTerms: { kind: 'net', days: 30 },
    fiscalYearStartMonth: 1,
    fiscalYearStartDay: 1,
    language: 'es',
  });
  return { account, invoice };
}

test('with Spanish chosen, the aging report and a bank account page are Spanish', async ({ app, page }) => {
  const { account, invoice } = await seed(app);
  await page.setViewportSize({ width: 1024, height: 700 });

  await app.open(page, '/reports/receivables-aging');
  await expect(page.getByRole('heading', { name: 'Antigüedad de saldos de clientes' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Antigüedad por cliente' });
  for (const header of [
    'Cliente',
    'No vencido',
    '1–30 días',
    '31–60 días',
    '61–90 días',
    'Más de 90 días',
    'Total',
  ])
    await expect(
      table.locator('thead').getByRole('columnheader', { name: header, exact: true }),
    ).toBeVisible();
  // The figure is the same one, in the Spanish locale's form.
  await expect(table.getByRole('row', { name: /Alpha Bakery/ })).toContainText('600,00');
  await expect(page.getByRole('button', { name: 'Exportar CSV' })).toBeVisible();
  await expect(page.getByLabel('A fecha de')).toBeVisible();
  await expect(page.getByText('Receivables aging')).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, 'aging-es-1024.png') });

  // A cell opens the invoices behind it, under Spanish headings.
  await page.getByRole('button', { name: /^Alpha Bakery, 31–60 días: / }).click();
  const drawer = page.getByRole('dialog', { name: 'Alpha Bakery, 31–60 días' });
  await expect(drawer.getByRole('table', { name: 'Facturas que componen la cifra' })).toBeVisible();
  await expect(drawer.getByRole('columnheader', { name: 'Días de retraso' })).toBeVisible();
  await expect(drawer.getByRole('link', { name: invoice.number })).toBeVisible();

  await app.open(page, `/bank/${account.id}`);
  await expect(page.getByRole('heading', { name: 'Cuenta corriente' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importar extracto' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Por conciliar (1)' })).toBeVisible();
  for (const tab of ['Todos los movimientos', 'Conciliar', 'Reglas'])
    await expect(page.getByRole('tab', { name: tab, exact: true })).toBeVisible();
  await expect(page.getByText(/^Saldo a /)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sugerencias' })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Movimientos por conciliar' })).toBeVisible();
  await expect(page.getByText('Import statement')).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, 'bank-es-1024.png') });

  await page.getByRole('tab', { name: 'Todos los movimientos' }).click();
  for (const header of ['Fecha', 'Contraparte', 'Referencia', 'Conciliado con', 'Importe'])
    await expect(page.getByRole('columnheader', { name: header })).toBeVisible();
  await expect(page.getByText('Abierto', { exact: true })).toBeVisible();
});
