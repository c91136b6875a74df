import { test, expect, seedSetup } from './fixtures';
import { useOwnCluster, withSecondPerson } from './shared-books-fixtures';
import { startOnSharedBooks, type BridgeProcess } from '../helpers/bridge-process';
import { createSharedBooks, sharedSettings } from '../helpers/folio';
import { EMPTY_ADDRESS, oneLineInvoice, plainCustomer } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';
import type { ExpenseCategory } from '../../src/shared/api/payables';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Two browser-mode servers (two people's Folio) on one PostgreSQL: the first is connected
 * through Settings → Shared books, the second through the same API; an invoice made in one
 * appears in the other's list.
 */
test.describe('shared books', () => {
  useOwnCluster();

  test('connect in Settings, then an invoice made by one person appears in the other’s list', async ({
    app,
    page,
  }) => {
    const server = tempDir('folio-e2e-books-');
    const other = tempDir('folio-e2e-');
    let second: BridgeProcess | null = null;
    try {
      const books = await createSharedBooks(server.dir);
      const settings = sharedSettings(books.database, books.owner);

      // The first person connects through the screen (of their set-up local book).
      await seedSetup(app);
      await app.open(page, '/settings/shared');
      await expect(page.getByText('The books in this data folder, on this computer.')).toBeVisible();
      await page.getByLabel('Server').fill(settings.host);
      await page.getByLabel('Port').fill(String(settings.port));
      await page.getByLabel('Database').fill(settings.database);
      await page.getByLabel('User name').fill(settings.user);
      await page.getByLabel('Password', { exact: true }).fill('wrong password');
      await page.getByRole('button', { name: 'Check and save' }).click();
      await expect(page.getByText(/did not accept the password/)).toBeVisible();
      await page.getByLabel('Password', { exact: true }).fill(settings.password);
      await page.getByRole('button', { name: 'Check and save' }).click();
      await expect(page.getByText('Restart Folio', { exact: true })).toBeVisible();
      await app.restart();
      await seedSetup(app);

      // The second person's Folio, on its own data folder, connected to the same books.
      second = await startOnSharedBooks(other.dir, settings);
      expect((await second.call('sharedBooks.status', {})).value).toMatchObject({
        mode: 'shared',
        open: true,
      });

      // An invoice made in the first…
      const { customer } = await app.call('customers.create', {
        ...plainCustomer('Harbour Lights Ltd'),
        billingAddress: { ...EMPTY_ADDRESS, city: 'Cork', country: 'Ireland' },
      });
      const draft = await app.call(
        'documents.create',
        oneLineInvoice(customer.id, { description: 'Harbour lighting survey', unitPrice: 120000 }, today()),
      );
      const issued = await app.call('documents.issue', { id: draft.id });

      // …appears in the second person's list.
      await page.goto(`${second.url}#/invoices`);
      await expect(page.getByRole('link', { name: issued.number })).toBeVisible();
      await expect(page.getByText('Harbour Lights Ltd').first()).toBeVisible();
      // A second invoice made in the first while the list is open in the second shows up when
      // the second window is looked at again (no restart, no reload).
      const another = await app.call(
        'documents.create',
        oneLineInvoice(customer.id, { description: 'Second survey', unitPrice: 50000 }, today()),
      );
      const secondIssued = await app.call('documents.issue', { id: another.id });
      await expect(page.getByRole('link', { name: secondIssued.number })).toHaveCount(0);
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect(page.getByRole('link', { name: secondIssued.number })).toBeVisible();
      await page.goto(`${second.url}#/settings/shared`);
      await expect(page.getByText(new RegExp(`Shared books “${settings.database}”`))).toBeVisible();
    } finally {
      await second?.stop();
      other.cleanup();
      server.cleanup();
    }
  });
  test('a vendor saved by someone else while its form is open: the save is refused, the typing kept', async ({
    app,
    page,
  }) => {
    await withSecondPerson(app, async (second) => {
      const fields = {
        name: 'Office Landlord Ltd',
        currency: 'EUR',
        paymentTerms: { kind: 'net', days: 30 },
      };
      const vendor = await app.call('vendors.create', fields);

      // The second person opens the vendor's form and types…
      await page.goto(`${second.url}#/vendors/${vendor.id}/edit`);
      const notes = page.getByLabel('Notes');
      await notes.fill('Typed in the open form');
      // …while the first person saves the vendor.
      await app.call('vendors.update', {
        ...fields,
        notes: 'Saved by the other person',
        id: vendor.id,
        version: 1,
      });
      // The window, looked at again, fetches the vendor anew underneath the open form.
      const refetched = page.waitForResponse((r) => (r.request().postData() ?? '').includes('"vendors.get"'));
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await refetched;
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByText(/^Changed by .* — reload/)).toBeVisible();
      await expect(notes).toHaveValue('Typed in the open form');
      expect((await app.call('vendors.get', { id: vendor.id })).notes).toBe('Saved by the other person');
    });
  });

  test('a bank account saved by someone else while its form is open: refused, the typing kept, then opened again fresh', async ({
    app,
    page,
  }) => {
    await withSecondPerson(app, async (second) => {
      const fields = {
        name: 'Operating account',
        accountNumber: '4711',
        currency: 'EUR',
        openingBalance: 250_00,
        openingDate: '2026-01-01',
      };
      const account = await app.call('bank.accounts.create', fields);

      // The second person opens the account's form and types…
      await page.goto(`${second.url}#/bank/${account.id}`);
      await page.getByRole('button', { name: 'Edit account' }).click();
      const name = page.getByLabel('Account name');
      await expect(name).toHaveValue('Operating account');
      await name.fill('Typed in the open form');
      // …while the first person saves the account.
      await app.call('bank.accounts.update', {
        ...fields,
        name: 'Saved by the other person',
        id: account.id,
        version: 1,
      });
      // The window, looked at again, fetches the account anew underneath the open form.
      const refetched = page.waitForResponse((r) =>
        (r.request().postData() ?? '').includes('"bank.accounts.get"'),
      );
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await refetched;
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByText(/^Changed by .* — reload/)).toBeVisible();
      await expect(name).toHaveValue('Typed in the open form');
      expect((await app.call('bank.accounts.get', { id: account.id })).name).toBe(
        'Saved by the other person',
      );

      // Opened again, the form starts from the other person's save, and saving it goes through.
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('heading', { name: 'Saved by the other person' })).toBeVisible();
      await page.getByRole('button', { name: 'Edit account' }).click();
      await expect(name).toHaveValue('Saved by the other person');
      await name.fill('Main account');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Main account' })).toBeVisible();
      expect(await app.call('bank.accounts.get', { id: account.id })).toMatchObject({
        name: 'Main account',
        version: 3,
      });
    });
  });

  test('expense categories renamed by someone else: an untouched row follows, a row being typed in is refused and kept', async ({
    app,
    page,
  }) => {
    await withSecondPerson(app, async (second) => {
      const list = async (): Promise<ExpenseCategory[]> => await app.call('expenseCategories.list', {});
      const categories = await list();
      const id = (name: string) => categories.find((c) => c.name === name)!.id;
      const lookAgain = async () => {
        const refetched = page.waitForResponse((r) =>
          (r.request().postData() ?? '').includes('"expenseCategories.list"'),
        );
        await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
        await refetched;
      };

      await page.goto(`${second.url}#/bills/categories`);
      await expect(page.getByLabel('Name of Rent')).toHaveValue('Rent');
      // The second person starts renaming Travel; the first renames Rent and Travel meanwhile.
      await page.getByLabel('Name of Travel').fill('Travel and meals');
      for (const [from, to] of [
        ['Rent', 'Rent and lease'],
        ['Travel', 'Business travel'],
      ] as const)
        await app.call('expenseCategories.update', { id: id(from), name: to, archived: false, version: 1 });
      await lookAgain();
      // The row nobody typed in shows the new name; the other keeps what was typed…
      await expect(page.getByLabel('Name of Rent and lease')).toHaveValue('Rent and lease');
      const travel = page.getByLabel('Name of Business travel');
      await expect(travel).toHaveValue('Travel and meals');
      // …and saving it is refused with who changed it, instead of overwriting their name.
      await travel.press('Enter');
      await expect(page.getByText(/^Changed by .* — reload/)).toBeVisible();
      await expect(travel).toHaveValue('Travel and meals');
      const now = await list();
      expect(now.find((c) => c.id === id('Travel'))).toMatchObject({ name: 'Business travel', version: 2 });
      // The renamed row is saved from the version it now shows.
      const rent = page.getByLabel('Name of Rent and lease');
      await rent.fill('Rent, lease and service charges');
      await rent.press('Enter');
      await expect(page.getByLabel('Name of Rent, lease and service charges')).toBeVisible();
      expect((await list()).find((c) => c.id === id('Rent'))).toMatchObject({
        name: 'Rent, lease and service charges',
        version: 3,
      });
    });
  });
});
