import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, seedSetup, shootAtTwoSizes } from './fixtures';
import { useOwnCluster } from './shared-books-fixtures';
import { connectTo } from '../helpers/pg-cluster';
import { createSharedBooks, sharedSettings } from '../helpers/folio';
import { oneLineInvoice } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Issue 14 §2 from the screens: Settings → Shared books → "Move my books to a server" moves a
 * small local book into an empty database (as the database's owner), shows every table equal
 * on both sides, and after a restart the same invoices come from the shared books. The
 * first-run wizard offers shared books next to setting up new books here.
 */

const shoot = (page: Page, name: string) => shootAtTwoSizes(page, `move-${name}`);

test.describe('moving books to a server', () => {
  const cluster = useOwnCluster();

  /** An empty database owned by its own login (as a server's administrator sets one up). */
  async function emptyDatabase() {
    const login = `mover_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const database = `moved_${randomBytes(4).toString('hex')}`;
    const admin = await connectTo(cluster(), 'postgres');
    try {
      await admin.query(`CREATE ROLE "${login}" LOGIN CREATEROLE PASSWORD '${password}'`);
      await admin.query(`CREATE DATABASE "${database}" OWNER "${login}"`);
    } finally {
      await admin.end();
    }
    return { host: cluster().host, port: cluster().port, database, user: login, password };
  }

  test('Move my books: progress, every table equal, and the same invoices from the server after a restart', async ({
    app,
    page,
    browser,
  }) => {
    const target = await emptyDatabase();
    await seedSetup(app);
    const { customer } = await app.call('customers.create', {
      name: 'Harbour Lights Ltd',
      emails: [],
      billingAddress: { line1: '', line2: '', city: 'Cork', region: '', postalCode: '', country: 'Ireland' },
      shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 14 },
    });
    const numbers: string[] = [];
    for (const [i, amount] of [120000, 45050, 9999].entries()) {
      const draft = await app.call(
        'documents.create',
        oneLineInvoice(customer.id, { description: `Survey ${i + 1}`, unitPrice: amount }, today()),
      );
      numbers.push((await app.call('documents.issue', { id: draft.id })).number);
    }

    await app.open(page, '/settings/shared');
    const move = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Move my books to a server' }) });
    await expect(move.getByText('The database must be empty.', { exact: false })).toBeVisible();
    await move.getByRole('button', { name: 'Move my books to a server…' }).click();
    await move.getByLabel('Server').fill(target.host);
    await move.getByLabel('Port').fill(String(target.port));
    await move.getByLabel('Database').fill(target.database);
    await move.getByLabel('User name').fill(target.user);
    await move.getByLabel('Password', { exact: true }).fill('wrong password');
    await move.getByRole('button', { name: 'Move my books', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Move your books to the server?' });
    await expect(confirm.getByText(`“${target.database}”`, { exact: false })).toBeVisible();
    await confirm.getByRole('button', { name: 'Move my books' }).click();
    await expect(page.getByText(/did not accept the password/)).toBeVisible();

    await move.getByLabel('Password', { exact: true }).fill(target.password);
    await shoot(page, 'form');
    const germanForm = await browser.newContext({ locale: 'de-DE' });
    try {
      const dePage = await germanForm.newPage();
      await app.open(dePage, '/settings/shared');
      await dePage.getByRole('button', { name: 'Meine Bücher auf einen Server verschieben…' }).click();
      await shoot(dePage, 'form-de');
    } finally {
      await germanForm.close();
    }
    await move.getByRole('button', { name: 'Move my books', exact: true }).click();
    await confirm.getByRole('button', { name: 'Move my books' }).click();

    await expect(move.getByText('Your books are on the server')).toBeVisible();
    await expect(move.getByText('Restart Folio to open the shared books.')).toBeVisible();
    const checks = move.getByRole('table', { name: 'Each table on this computer and on the server' });
    const documents = checks
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'documents', exact: true }) });
    await expect(documents.getByRole('cell')).toHaveText(['documents', '3', '3', /\d/, /\d/, 'Equal']);
    const [here, there] = [
      await documents.getByRole('cell').nth(3).textContent(),
      await documents.getByRole('cell').nth(4).textContent(),
    ];
    expect(here).toBe(there);
    expect(Number(here!.replace(/\D/g, ''))).toBeGreaterThan(0);
    const rows = await checks.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(20);
    await expect(checks.getByText('Equal', { exact: true })).toHaveCount(rows);
    await expect(checks.getByText('Different', { exact: true })).toHaveCount(0);
    await expect(
      move.getByText(`All ${rows} tables are equal: the server holds exactly your books.`),
    ).toBeVisible();
    await expect(
      page.getByText('The connection is saved. Close and start Folio again to open the shared books.'),
    ).toBeVisible();
    await shoot(page, 'result');

    // German (a browser that speaks German; the books may not change any more): the same
    // result screen, nothing cut off.
    const german = await browser.newContext({ locale: 'de-DE' });
    try {
      const dePage = await german.newPage();
      await app.open(dePage, '/settings/shared');
      await expect(dePage.getByText('Ihre Bücher sind auf dem Server')).toBeVisible();
      await expect(dePage.getByText('Gleich', { exact: true })).toHaveCount(rows);
      await shoot(dePage, 'result-de');
    } finally {
      await german.close();
    }

    // The next start opens the shared books: the same invoices, from the server.
    await app.restart();
    expect(await app.call('sharedBooks.status')).toMatchObject({ mode: 'shared', open: true });
    await app.open(page, '/invoices');
    for (const number of numbers) await expect(page.getByRole('link', { name: number })).toBeVisible();
    await expect(page.getByText('Harbour Lights Ltd').first()).toBeVisible();
  });

  test('the first-run wizard offers shared books on a server next to setting up new books here', async ({
    app,
    page,
  }) => {
    const server = tempDir('folio-e2e-books-');
    try {
      const books = await createSharedBooks(server.dir);
      const settings = sharedSettings(books.database, books.owner);
      await app.open(page);
      await expect(page.getByRole('heading', { name: 'Welcome to Folio' })).toBeVisible();
      await shoot(page, 'wizard');
      await page.getByRole('button', { name: 'Use shared books on a server' }).click();
      await expect(page.getByRole('heading', { name: 'Use shared books on a server' })).toBeVisible();
      const connect = async () => {
        await page.getByLabel('Server').fill(settings.host);
        await page.getByLabel('Port').fill(String(settings.port));
        await page.getByLabel('Database').fill(settings.database);
        await page.getByLabel('User name').fill(settings.user);
        await page.getByLabel('Password', { exact: true }).fill(settings.password);
        await page.getByRole('button', { name: 'Check and save' }).click();
        await expect(
          page.getByText('The connection is saved. Close and start Folio again to open the shared books.'),
        ).toBeVisible();
      };
      await connect();
      await shoot(page, 'wizard-connected');
      // Setting up new books here after all forgets the connection (or the next start would
      // open the shared books instead).
      await page.getByRole('button', { name: 'Set up new books here instead' }).click();
      await expect(page.getByLabel('Business name')).toBeVisible();
      expect(await app.call('sharedBooks.status')).toMatchObject({ mode: 'local', connection: null });

      await page.getByRole('button', { name: 'Use shared books on a server' }).click();
      await connect();
      await app.restart();
      expect(await app.call('sharedBooks.status')).toMatchObject({
        mode: 'shared',
        open: true,
        connection: { database: settings.database },
      });
    } finally {
      server.cleanup();
    }
  });
});
