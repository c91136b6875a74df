import fs from 'node:fs';
import { test, expect, seedSetup } from './fixtures';
import { examplePath } from '../helpers/einvoice';

/**
 * A vendor credit applied to bills in the browser: the official credit note (100.11 EUR)
 * imported as a vendor credit, two open bills of the same vendor. From the bill: part of the
 * credit goes to it and its balance falls; from the vendor's credits: the next bill takes some;
 * back on the bill: the credit is removed and the balance is whole again.
 */
test('apply a vendor credit to bills from the bill and from the vendor, then reverse it', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await seedSetup(app);
  const xml = fs.readFileSync(examplePath('ubl', 'ubl-tc434-creditnote1.xml'));
  const imported = await app.call('einvoiceImport.commit', {
    files: [{ fileName: 'creditnote1.xml', dataBase64: xml.toString('base64') }],
    createVendors: true,
  });
  const creditId = imported.files[0].vendorCreditId as number;
  const vendors = await app.call('vendors.list', {});
  const vendor = (vendors.rows ?? vendors).find((v: any) => /My Supplier Company/.test(v.name));
  const bill = async (number: string, unitPrice: number) =>
    (
      await app.call('bills.create', {
        vendorId: vendor.id,
        vendorInvoiceNumber: number,
        billDate: '2026-06-01',
        lines: [{ description: 'Goods', quantity: 1, unitPrice, tax: 0 }],
      })
    ).bill;
  const a = await bill('A-1', 60_00);
  const b = await bill('B-2', 80_00);

  // From bill B-2: apply 30.00 of the credit (the modal offers as much as the bill can take).
  await app.open(page, `/bills/${b.id}`);
  await expect(page.getByText('Credit note 018304 / 28865: €100.11 left')).toBeVisible();
  await page.getByRole('button', { name: 'Apply credit note 018304 / 28865 to this bill' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply credit note 018304 / 28865' });
  await expect(dialog.getByText('€100.11 is left to apply', { exact: false })).toBeVisible();
  const field = dialog.getByRole('textbox', { name: 'Apply to B-2' });
  await expect(field).toHaveValue('80.00');
  await field.fill('30');
  await expect(dialog.getByLabel('Amount applied')).toHaveText('Total €30.00');
  await dialog.getByRole('button', { name: 'Apply credit' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Balance due')).toHaveText('€50.00');
  await expect(page.getByLabel('Totals').getByText('Credits applied')).toBeVisible();
  await expect(page.getByLabel('Totals').getByText('-€30.00')).toBeVisible();

  // From the vendor's credits: what is left goes to A-1 (more than A-1 owes is refused).
  await app.open(page, `/vendors/${vendor.id}`);
  await expect(page.getByText('€70.11 left')).toBeVisible();
  await page.getByRole('button', { name: 'Apply credit note 018304 / 28865 to bills' }).click();
  const fromVendor = page.getByRole('dialog', { name: 'Apply credit note 018304 / 28865' });
  await fromVendor.getByRole('textbox', { name: 'Apply to A-1' }).fill('70.11');
  await fromVendor.getByRole('button', { name: 'Apply credit' }).click();
  await expect(fromVendor.getByText('That is more than the €60.00 still owed on bill A-1.')).toBeVisible();
  await fromVendor.getByRole('textbox', { name: 'Apply to A-1' }).fill('60');
  await fromVendor.getByRole('button', { name: 'Apply credit' }).click();
  await expect(fromVendor).toBeHidden();
  await expect(page.getByText('€10.11 left')).toBeVisible();
  expect(await app.call('bills.get', { id: a.id })).toMatchObject({ balance: 0, status: 'paid' });

  // Back on B-2: remove the credit; the bill owes its whole total again.
  await app.open(page, `/bills/${b.id}`);
  await page
    .getByRole('button', { name: 'Remove credit note 018304 / 28865 (€30.00) from the bill' })
    .click();
  await expect(page.getByLabel('Balance due')).toHaveText('€80.00');
  const credits = await app.call('vendorCredits.list', { vendorId: vendor.id });
  expect(credits.find((c: any) => c.id === creditId).remaining).toBe(40_11);
});
