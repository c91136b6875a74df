import fs from 'node:fs';
import path from 'node:path';
import { test, expect, seedSetup, PROFILE } from './fixtures';

test('a missing data file opens the recovery screen; restoring the backup brings the books back', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  await app.call('backups.create');
  await app.bridge.stop();
  fs.rmSync(path.join(app.dataDir, 'folio.sqlite3'));
  await app.restart();
  await app.open(page);

  await expect(page.getByRole('heading', { name: 'Your data file is missing' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start a new, empty book' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Backups' }).getByRole('row', { name: /Your books/ });
  await expect(rows.first()).toBeVisible();
  await rows
    .first()
    .getByRole('button', { name: /Restore backup from/ })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText(PROFILE.name).first()).toBeVisible();
  expect((await app.call('system.health')).status).toBe('ok');
});

test('Save a backup to… downloads one file that Restore from a file… brings back', async ({ app, page }) => {
  await seedSetup(app);
  await app.open(page, '/settings/backups');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a backup to…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Folio backup \d{4}-\d{2}-\d{2}\.foliobackup$/);
  const file = path.join(app.dataDir, '..', `${path.basename(app.dataDir)}-${download.suggestedFilename()}`);
  await download.saveAs(file);

  await app.call('settings.updateProfile', { ...PROFILE, name: 'Renamed after the backup' });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from a file…' }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText(/Restored the backup from/)).toBeVisible();
  expect((await app.call('settings.get')).profile.name).toBe(PROFILE.name);
  fs.rmSync(file);

  // A file that is not a backup is refused with a message, and nothing changes.
  const junk = path.join(app.dataDir, 'holiday.foliobackup');
  fs.writeFileSync(junk, 'not a backup');
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from a file…' }).click();
  await (await again).setFiles(junk);
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText(/That file is not a Folio backup/)).toBeVisible();
  expect((await app.call('settings.get')).profile.name).toBe(PROFILE.name);
});

test('a second backup folder is checked at the field and then receives a copy', async ({ app, page }) => {
  await seedSetup(app);
  await app.open(page, '/settings/backups');
  const folder = page.getByLabel('Second backup folder');
  await folder.fill('usb/backups');
  await page.getByRole('button', { name: 'Save folder' }).click();
  await expect(page.getByText(/Enter the full path of the folder/)).toBeVisible();

  const usb = `${app.dataDir}-usb`;
  fs.mkdirSync(usb);
  try {
    await folder.fill(usb);
    await page.getByRole('button', { name: 'Save folder' }).click();
    await expect(page.getByText(/was copied to/)).toBeVisible();
    expect(fs.readdirSync(usb).filter((n) => n.endsWith('.sqlite3'))).toHaveLength(1);
  } finally {
    fs.rmSync(usb, { recursive: true, force: true });
  }
});
