import { test, expect } from './fixtures';
import { openSharedBooksIn, useOwnCluster } from './shared-books-fixtures';
import { tempDir } from '../helpers/tmp';

/**
 * Shared books when the server goes away (issue 14 §5), on a throwaway PostgreSQL cluster of
 * this file's own (stopping it disturbs no other test): a banner says so at once, the form
 * keeps what was typed, and when the server is back the banner goes by itself and saving
 * works — no reload, no restart. Then the Backups tab backs the shared books up with pg_dump.
 */
test.describe('shared books: server away, backups', () => {
  const cluster = useOwnCluster();

  test('the banner says the server is away, the typed form stays, and saving works once it is back', async ({
    app,
    page,
  }) => {
    const server = tempDir('folio-e2e-books-');
    try {
      await openSharedBooksIn(app, server.dir);

      await app.open(page, '/customers');
      await expect(page.getByText('No customers yet.')).toBeVisible();
      await page.keyboard.press('n');
      await page.getByLabel('Customer name').fill('Harbour Lights Ltd');
      await expect(page.getByText('The server with the shared books cannot be reached.')).toHaveCount(0);

      await cluster().crash();
      await page.getByRole('button', { name: 'Save customer' }).click();
      const banner = page
        .getByRole('alert')
        .filter({ hasText: 'The server with the shared books cannot be reached.' });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('Your unsaved work stays on this screen');
      await expect(banner).toContainText(/Retrying in \d+ seconds?…/);
      // What was typed is still there.
      await expect(page.getByLabel('Customer name')).toHaveValue('Harbour Lights Ltd');
      // Retry now while it is still away: the banner stays.
      await banner.getByRole('button', { name: 'Retry now' }).click();
      await expect(banner).toContainText(/Retrying in \d+ seconds?…/);
      await expect(banner).toBeVisible();

      await cluster().restart();
      // Found again by the banner's own retries: it goes by itself.
      await expect(banner).toHaveCount(0, { timeout: 60_000 });
      await expect(page.getByLabel('Customer name')).toHaveValue('Harbour Lights Ltd');
      await page.getByRole('button', { name: 'Save customer' }).click();
      await expect(page.getByRole('heading', { name: 'Harbour Lights Ltd' })).toBeVisible();
    } finally {
      server.cleanup();
    }
  });

  test('the Backups tab backs the shared books up with pg_dump and lists the backup', async ({
    app,
    page,
  }) => {
    const server = tempDir('folio-e2e-books-');
    try {
      const { books } = await openSharedBooksIn(app, server.dir);
      // The owner's Folio takes the daily automatic backup by itself soon after it starts.
      await expect
        .poll(async () => (await app.call('sharedBooks.backups')).backups.length, { timeout: 60_000 })
        .toBe(1);
      await app.open(page, '/settings/backups');
      await expect(page.getByRole('heading', { name: 'Backups of the shared books' })).toBeVisible();
      const table = page.getByRole('table', { name: 'Backups of the shared books' });
      await expect(table.getByRole('row')).toHaveCount(2); // the header and the automatic backup
      await expect(table.getByText('automatic', { exact: true })).toBeVisible();
      // The local file's backup actions are not offered: they would back up nothing of these books.
      await expect(page.getByRole('button', { name: 'Back up now', exact: true })).toHaveCount(0);
      await expect(page.getByText(`--dbname=${books.database}`)).toBeVisible();
      await page.getByRole('button', { name: 'Back up the shared books now' }).click();
      await expect(page.getByText('The shared books were backed up.')).toBeVisible();
      await expect(table.getByRole('row')).toHaveCount(3);
      await expect(table.getByRole('cell', { name: books.database, exact: true })).toHaveCount(2);
      // Restoring over the open books is refused at the field.
      await table.getByRole('button', { name: 'Restore to a new database' }).first().click();
      await page.getByLabel('Name of the new database').fill(books.database);
      await page.getByRole('button', { name: 'Restore', exact: true }).click();
      await expect(page.getByText(/holds the books that are open/)).toBeVisible();
    } finally {
      server.cleanup();
    }
  });
});
