import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, seedSetup, test, PROFILE } from './fixtures';

/**
 * Opening checks only the schema and the tables' roots; the full check of every page runs in
 * the background after the first answer. Damage it finds must still bring up the recovery
 * screen, offering the backup, and restoring it brings the app back.
 */
test('damage deep in the data file brings up the recovery screen, and restoring the backup brings the app back', async ({
  app,
  page,
}) => {
  await seedSetup(app);
  for (let i = 0; i < 80; i++)
    await app.call('settings.updateProfile', { ...PROFILE, name: `Acme ${i} ${'x'.repeat(150)}` });
  await app.call('backups.create', {});
  await app.bridge.stop();

  // Overwrite the audit log's last leaf page: neither a root nor a first page.
  const file = path.join(app.dataDir, 'folio.sqlite3');
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY path")
    .pluck()
    .all() as number[];
  db.close();
  expect(leaves.length).toBeGreaterThan(2);
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (leaves.at(-1)! - 1) * pageSize);
  fs.closeSync(fd);

  await app.restart();
  await app.open(page);
  await expect(page.getByRole('heading', { name: 'Your data file needs attention' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(/failed its integrity check/)).toBeVisible();
  // The damaged file was not backed up on start (the start backup waits for the check), so the
  // newest backup, the one the screen says to restore, is the good one made before.
  await expect(page.getByRole('table', { name: 'Backups' }).getByRole('row').nth(1)).toContainText(
    'Back up now',
  );

  await page
    .getByRole('button', { name: /Restore/ })
    .first()
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Restore/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Your data file needs attention' })).toBeHidden({
    timeout: 30_000,
  });
  expect((await app.call('system.health', {})).status).toBe('ok');
});
