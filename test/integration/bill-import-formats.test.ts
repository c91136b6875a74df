import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { setupBusiness, vendorInput } from '../helpers/payables';

let t: TestFolio;
beforeEach(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-03-10T09:00:00Z') });
  await setupBusiness(t);
  await t.call('vendors.create', vendorInput());
});
afterEach(async () => t.close());

describe('bill CSV files from other programs', () => {
  it('an Amount column is what the bill says is to pay: its tax is not added again', async () => {
    const csv = 'Vendor,Bill date,Amount,Tax\nAcme Supplies,2026-03-01,205.50,32.81\n';
    const preview = await t.call('billImport.preview', { csv });
    expect(preview).toMatchObject({ amountsIncludeTax: true, hasAmountColumn: true });
    expect(preview.rows[0]).toMatchObject({ ok: true, net: 172_69, tax: 32_81, total: 205_50 });
    expect(preview.totals).toEqual([{ currency: 'EUR', bills: 1, net: 172_69, tax: 32_81, total: 205_50 }]);
    // The user says the amounts are before tax: then the tax is added.
    const net = await t.call('billImport.preview', { csv, amountsIncludeTax: false });
    expect(net.rows[0]).toMatchObject({ ok: true, net: 205_50, tax: 32_81, total: 238_31 });
    await t.call('billImport.commit', { csv, expectedRows: 1 });
    const [bill] = (await t.call('bills.list', {})).rows;
    expect(bill).toMatchObject({ total: 205_50 });
    expect(await t.call('bills.get', { id: bill!.id })).toMatchObject({ subtotal: 172_69, tax: 32_81 });
  });

  it('a Net column is before tax, as in the sample the import page shows', async () => {
    const csv = 'Vendor,Bill date,Net,Tax\nAcme Supplies,2026-03-01,120.00,27.60\n';
    const preview = await t.call('billImport.preview', { csv });
    expect(preview).toMatchObject({ hasAmountColumn: false });
    expect(preview.rows[0]).toMatchObject({ ok: true, net: 120_00, tax: 27_60, total: 147_60 });
  });

  it('reads a German export: semicolons, German headers, decimal commas and DD.MM.YYYY dates', async () => {
    const csv = [
      'Lieferant;Rechnungsnummer;Rechnungsdatum;Fällig am;Betrag;MwSt;Buchungstext',
      'Acme Supplies;R-2026-17;05.03.2026;19.03.2026;1.205,50;192,47;Büromaterial',
      'Druckerei Müller GmbH;4711;6.3.2026;;238,00;38,00;Visitenkarten',
    ].join('\r\n');
    const preview = await t.call('billImport.preview', { csv, fileName: 'export.csv' });
    expect(preview).toMatchObject({ delimiter: ';', decimalSeparator: ',', okCount: 2, errorCount: 0 });
    expect(preview.columns.map((c) => c.key)).toEqual([
      'vendor',
      'invoiceNumber',
      'billDate',
      'dueDate',
      'amount',
      'tax',
      'description',
    ]);
    expect(preview.rows.map((r) => [r.vendorName, r.billDate, r.dueDate, r.net, r.tax, r.total])).toEqual([
      ['Acme Supplies', '2026-03-05', '2026-03-19', 1013_03, 192_47, 1205_50],
      ['Druckerei Müller GmbH', '2026-03-06', '2026-04-05', 200_00, 38_00, 238_00],
    ]);
    expect(preview.totals).toEqual([
      { currency: 'EUR', bills: 2, net: 1213_03, tax: 230_47, total: 1443_50 },
    ]);
    // An impossible date is named in the file's words.
    const bad = await t.call('billImport.preview', { csv: csv.replace('05.03.2026', '30.02.2026') });
    expect(bad.rows[0]!.errors).toEqual([
      {
        column: 'Rechnungsdatum',
        message: '“30.02.2026” is not a date in the form YYYY-MM-DD or DD.MM.YYYY.',
      },
    ]);
  });

  it('the user maps columns the guesses missed, and the import follows the mapping all or nothing', async () => {
    const csv =
      'Who,When,Gross,Memo\nAcme Supplies,2026-03-02,119.00,Paper\nNew Vendor Ltd,2026-03-03,50.00,Ink\n';
    const unmapped = await t.call('billImport.preview', { csv });
    expect(unmapped.problem).toMatch(/needs a column for Vendor, Bill date/);
    expect(unmapped.columns.map((c) => c.key)).toEqual([null, null, 'total', 'description']);
    expect(await t.raw('billImport.commit', { csv, expectedRows: 2 })).toMatchObject({
      ok: false,
      error: { field: 'csv' },
    });
    const mapping = ['vendor', 'billDate', 'total', null];
    const preview = await t.call('billImport.preview', { csv, mapping });
    expect(preview).toMatchObject({ okCount: 2, newVendors: ['New Vendor Ltd'] });
    expect(preview.columns.map((c) => c.key)).toEqual(['vendor', 'billDate', 'total', null]);
    expect(
      await t.raw('billImport.preview', { csv, mapping: ['vendor', 'vendor', 'total', null] }),
    ).toMatchObject({ ok: false, error: { field: 'mapping.1' } });
    const done = await t.call('billImport.commit', { csv, mapping, expectedRows: 2 });
    expect(done).toMatchObject({ imported: 2, vendorsCreated: 1 });
    const bills = (await t.call('bills.list', {})).rows.map((b) => [b.vendorName, b.total]).sort();
    expect(bills).toEqual([
      ['Acme Supplies', 119_00],
      ['New Vendor Ltd', 50_00],
    ]);
  });

  it('other calls are answered while a 5,000-row file is read', async () => {
    const notes = 'x'.repeat(900);
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `Acme Supplies,B-${i},2026-03-01,${100 + (i % 50)}.00,19.00,"${notes}"`,
    );
    const csv = ['Vendor,Invoice number,Bill date,Amount,Tax,Notes', ...rows].join('\n');
    expect(csv.length).toBeGreaterThan(4_500_000);
    let done = false;
    const preview = t.call('billImport.preview', { csv }).finally(() => {
      done = true;
    });
    // A second client keeps asking; count the answers it gets before the import is read.
    let answered = 0;
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      await t.call('settings.get', {});
      if (!done) answered++;
    }
    expect((await preview).okCount).toBe(5000);
    // Read in one block, the file let through no call at all; read off the main thread and in
    // slices of rows, many (at least one per slice of 100 rows checked).
    expect(answered).toBeGreaterThanOrEqual(50);
  }, 120_000);
});
