import { startBridgeProcess } from '../helpers/bridge-process';
import { test, expect, seedSetup } from './fixtures';

test('an unknown address shows a not-found page with a way back, not a blank page', async ({ app, page }) => {
  await seedSetup(app);
  for (const route of [
    '/no-such-page',
    '/bills/12/oops/deeper',
    '/vendors/1/x/y',
    '/settings/nope',
    '/outbox/nope',
  ]) {
    await app.open(page, route);
    await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Go to the dashboard' }).click();
  await expect(page).toHaveURL(/#\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toHaveCount(0);
});

test('with the server stopped the page says Folio is not running, and notices when it is back', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  await app.open(page, '/customers');
  await expect(page.getByRole('heading', { name: 'Customers' }).first()).toBeVisible();
  const port = app.bridge.port;
  await app.bridge.stop();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Items' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Folio is not running' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('npm run web');
  await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();

  // Started again on the same port: the quiet retries reach it (with a new token, so the page
  // says to open the new URL instead of spinning).
  const again = await startBridgeProcess(app.dataDir, ['--port', String(port)]);
  try {
    await expect(page.getByRole('alertdialog', { name: 'Folio was started again' })).toBeVisible({
      timeout: 20_000,
    });
    await page.goto(again.url + '#/items');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Items' }).first()).toBeVisible();
  } finally {
    await again.stop();
  }
});
