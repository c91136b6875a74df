import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, seedSetup } from './fixtures';
import { examplePath, facturxPdf } from '../helpers/einvoice';

/**
 * Dropping e-invoices on the Bills page: a Factur-X PDF (built here from the official CII
 * example 1, as pdfkit embeds it) and an XRechnung XML (the official UBL example 8 declared as
 * XRechnung 3.0). The XML's vendor is known with another IBAN: the fraud warning must show.
 */
test('drop a Factur-X PDF and an XRechnung XML on the Bills page: both become bills, the changed IBAN is flagged, the e-invoice reads like a page', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await seedSetup(app);
  const known = await app.call('vendors.create', {
    name: 'Enexis',
    currency: 'EUR',
    taxNumber: 'NL809561074B01',
    bankDetails: 'IBAN NL91 ABNA 0417 1643 00',
    paymentTerms: { kind: 'net', days: 14 },
  });
  const xrechnung = fs
    .readFileSync(examplePath('ubl', 'ubl-tc434-example8.xml'), 'utf8')
    .replace(
      '<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>',
      '<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>',
    );
  const pdf = await facturxPdf(
    [{ name: 'factur-x.xml', xml: fs.readFileSync(examplePath('cii', 'CII_example1.xml')) }],
    'De Koksmaat — invoice 12115118',
  );

  await app.open(page, '/bills/all');
  await expect(page.getByRole('button', { name: 'Import e-invoices…' })).toBeVisible();

  // Drop both files on the page, as from a file manager.
  const files = [
    { name: 'koksmaat-facturx.pdf', mimeType: 'application/pdf', base64: pdf.toString('base64') },
    {
      name: 'enexis-xrechnung.xml',
      mimeType: 'application/xml',
      base64: Buffer.from(xrechnung).toString('base64'),
    },
  ];
  // Runs in the page (DOM types are not in this project's lib).
  const dataTransfer = await page.evaluateHandle((list) => {
    const g = globalThis as any;
    const dt = new g.DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new g.File([bytes], f.name, { type: f.mimeType }));
    }
    return dt;
  }, files);
  const zone = page.locator('[data-dropzone="einvoices"]');
  // Files dragged over the page: the rule threads start warming up before the drop.
  const prepared = page.waitForResponse(
    (r) =>
      r.url().endsWith('/api/call') && (r.request().postData() ?? '').includes('"einvoiceImport.prepare"'),
  );
  await zone.dispatchEvent('dragover', { dataTransfer });
  const warm = (await (await prepared).json()) as { ok: boolean; value?: { threads: number } };
  expect(warm.ok).toBe(true);
  // One thread per core, at most four; none on one core (the rules then run in the import's own).
  const cores = os.availableParallelism();
  expect(warm.value?.threads).toBe(cores > 1 ? Math.min(4, cores) : 0);
  await zone.dispatchEvent('drop', { dataTransfer });

  const dialog = page.getByRole('dialog', { name: 'Import e-invoices' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText('2 files: 1 ready, 1 with warnings, 0 refused.')).toBeVisible();
  await expect(dialog.getByText('Vendor: Enexis, matched by VAT number')).toBeVisible();
  await expect(dialog.getByText(/New vendor: De Koksmaat/)).toBeVisible();
  await expect(
    dialog.getByText(
      /asks for payment to IBAN NL28 RBOS 0420 2422 28, which is not the bank account on record for Enexis/,
    ),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Create vendor and import 2 files' }).click();

  const done = page.getByRole('dialog', { name: 'E-invoices imported' });
  await expect(done.getByText('1 imported, 1 imported with warnings, 0 refused.')).toBeVisible({
    timeout: 30_000,
  });
  await done.getByRole('button', { name: 'Done' }).click();

  // Both bills are in the list.
  await expect(page.getByRole('link', { name: /1100512149/ }).or(page.getByText('1100512149'))).toBeVisible();
  await expect(page.getByText('12115118')).toBeVisible();

  // The XRechnung bill: the fraud warning, its lines, the readable view with the seller and the IBAN.
  const bills = await app.call('bills.list', { filter: 'all', search: '', limit: 10, offset: 0 });
  const enexis = bills.rows.find((r: any) => r.vendorInvoiceNumber === '1100512149');
  expect(enexis.vendorId).toBe(known.id);
  await app.open(page, `/bills/${enexis.id}`);
  await expect(
    page.getByRole('alert').filter({ hasText: 'not the bank account on record for Enexis' }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Bill lines' }).getByRole('row')).toHaveCount(11);
  const view = page.getByLabel('E-invoice', { exact: true });
  await expect(view.getByText('XRechnung (UBL)', { exact: false })).toBeVisible();
  await expect(view.getByLabel('Seller').getByText('Enexis B.V.')).toBeVisible();
  await expect(view.getByLabel('Seller').getByText('VAT number NL809561074B01')).toBeVisible();
  await expect(
    view.getByRole('table', { name: 'E-invoice lines' }).getByText('Getransporteerde kWh’s'),
  ).toBeVisible();
  await expect(view.getByLabel('Payment instructions').getByText('NL28 RBOS 0420 2422 28')).toBeVisible();
  if (process.env.FOLIO_SHOTS)
    await page.screenshot({ path: path.join(process.env.FOLIO_SHOTS, 'einvoice-bill.png'), fullPage: true });

  // The Factur-X bill: its lines, the seller, the IBAN, and the PDF kept as the attachment.
  const koks = bills.rows.find((r: any) => r.vendorInvoiceNumber === '12115118');
  await app.open(page, `/bills/${koks.id}`);
  await expect(
    page.getByRole('table', { name: 'Bill lines' }).getByText('PATAT FRITES 10MM 10KG'),
  ).toBeVisible();
  const fx = page.getByLabel('E-invoice', { exact: true });
  await expect(fx.getByText(/Factur-X \/ ZUGFeRD PDF/)).toBeVisible();
  await expect(fx.getByLabel('Seller').getByText('De Koksmaat')).toBeVisible();
  await expect(fx.getByLabel('Payment instructions').getByText('NL57 RABO 0107 3075 10')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open koksmaat-facturx.pdf' })).toBeVisible();
  await fx.getByRole('button', { name: 'Show the PDF' }).click();
  await expect(page.getByTitle('koksmaat-facturx.pdf')).toBeVisible();
});
