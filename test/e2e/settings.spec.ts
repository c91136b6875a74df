import fs from 'node:fs';
import path from 'node:path';
import { test, expect, seedSetup, PROFILE } from './fixtures';

test('bad settings input is shown at the field and nothing is saved', async ({ app, page }) => {
  await seedSetup(app);
  await app.open(page, '/settings/business');

  await page.getByLabel('Business name').fill('');
  await page.getByLabel('Email', { exact: true }).fill('not-an-email');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Enter the business name')).toBeVisible();
  await expect(page.getByText('Email must be a valid address, like name@example.com')).toBeVisible();
  expect((await app.call('settings.get')).profile).toEqual({
    ...PROFILE,
    vatId: '',
    legalRegistration: '',
    electronicAddress: '',
    electronicAddressScheme: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
  });

  // A 20 MB "logo" is stopped before upload, at the field.
  const big = path.join(app.dataDir, 'huge.png');
  fs.writeFileSync(big, Buffer.alloc(20 * 1024 * 1024, 1));
  let chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Logo').click();
  await (await chooser).setFiles(big);
  await expect(
    page.getByText('The logo is 20.0 MB; the limit is 1.0 MB. Choose a smaller file.'),
  ).toBeVisible();

  // A text file renamed .png reaches the server, which reads its bytes and says no.
  const fake = path.join(app.dataDir, 'notes.png');
  fs.writeFileSync(fake, 'these are my notes, not a picture');
  chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Logo').click();
  await (await chooser).setFiles(fake);
  await page.getByRole('button', { name: 'Save logo' }).click();
  await expect(page.getByText(/The logo must be a PNG or JPEG image/)).toBeVisible();
  expect((await app.call('settings.get')).logo).toBeNull();
});

test('the sidebar, the command palette and backups work from the keyboard', async ({ app, page }) => {
  await seedSetup(app);
  await app.open(page, '/dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bills' }).click();
  await expect(page).toHaveURL(/#\/bills/);

  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Command search' }).fill('back up');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Backup saved/)).toBeVisible();

  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Command search' }).fill('settings');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Backups' }).click();
  // Besides the automatic backup made when Folio started: one from the palette, one from the button.
  const manual = page.getByRole('table', { name: 'Backups' }).getByRole('row', { name: /Back up now/ });
  await expect(manual).toHaveCount(1);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(manual).toHaveCount(2);
  await expect(
    page.getByRole('table', { name: 'Backups' }).getByRole('row', { name: /When Folio started/ }),
  ).toHaveCount(1);
});
