import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { setupBusiness, vendorInput } from '../helpers/payables';

let t: TestFolio;
beforeEach(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-03-10T09:00:00Z') });
  await setupBusiness(t);
  await t.call('vendors.create', vendorInput({ earlyPayment: { discountPercent: 2, days: 10 } }));
});
afterEach(async () => {
  await t.close();
});

const GOOD_AND_BAD = [
  'Vendor,Invoice number,Bill date,Due date,Amount,Tax,Currency,Exchange rate,Category,Description,Terms',
  'Acme Supplies,A-100,2026-03-01,,"1,200.50",276.12,EUR,,Supplies,Paper and toner,',
  'Power Co,P-7,2026-03-02,2026-03-20,89.90,,EUR,,Utilities,February electricity,',
  ',X-1,2026-03-02,,10,,,,,,',
  'Acme Supplies,A-101,13/02/2026,,12.3x,,EUR,,Stationery,,',
  'Acme Supplies,A-100,2026-03-03,,5,,EUR,,,,',
  'Power Co,P-8,2026-03-05,2026-03-01,10,,EUR,,,,',
  'Hosting Ltd,H-1,2026-03-05,,20,,XYZ,,,,net soon',
  'Hosting Ltd,H-2,2026-03-05,,19.99,0,USD,0.92,Software,Server,2/10 net 30',
].join('\n');

describe('importing bills from CSV', () => {
  it('previews every row with per-row, per-column messages and stores nothing', async () => {
    // This file's Amount is the net, beside its Tax.
    const preview = await t.call('billImport.preview', {
      csv: GOOD_AND_BAD,
      fileName: 'march.csv',
      amountsIncludeTax: false,
    });
    expect(preview).toMatchObject({ okCount: 3, errorCount: 5, newVendors: ['Power Co', 'Hosting Ltd'] });
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ ok: true, total: 1476_62, dueDate: '2026-03-31', newVendor: false });
    expect(byLine[3]).toMatchObject({ ok: true, newVendor: true, dueDate: '2026-03-20' });
    expect(byLine[4]!.errors).toEqual([{ column: 'Vendor', message: 'Enter the vendor’s name.' }]);
    expect(byLine[5]!.errors).toEqual([
      { column: 'Bill date', message: '“13/02/2026” is not a date in the form YYYY-MM-DD or DD.MM.YYYY.' },
      { column: 'Amount', message: '“12.3x” is not an amount in EUR.' },
      {
        column: 'Category',
        message: expect.stringMatching(/^There is no category “Stationery”. Use one of: Equipment, /),
      },
    ]);
    expect(byLine[6]!.errors).toEqual([
      { column: 'Invoice number', message: 'Row 2 has the same vendor and invoice number.' },
    ]);
    expect(byLine[7]!.errors).toEqual([
      { column: 'Due date', message: 'The due date is before the bill date, 2026-03-05.' },
    ]);
    expect(byLine[8]!.errors.map((e) => e.column)).toEqual(['Terms', 'Currency', 'Amount']);
    expect(byLine[9]).toMatchObject({ ok: true, currency: 'USD', dueDate: '2026-04-04' });
    expect((await t.call('bills.list', {})).count).toBe(0);
    expect((await t.call('vendors.list', {})).map((v) => v.name)).toEqual(['Acme Supplies']);
  });

  it('imports only the good rows, and only when the user confirms', async () => {
    const preview = await t.call('billImport.preview', { csv: GOOD_AND_BAD, amountsIncludeTax: false });
    const result = await t.call('billImport.commit', {
      csv: GOOD_AND_BAD,
      fileName: 'march.csv',
      amountsIncludeTax: false,
      expectedRows: preview.okCount,
    });
    expect(result).toMatchObject({ imported: 3, skipped: 5, vendorsCreated: 2 });
    const bills = (await t.call('bills.list', {})).rows;
    expect(bills.map((b) => [b.vendorName, b.vendorInvoiceNumber, b.total]).sort()).toEqual([
      ['Acme Supplies', 'A-100', 1476_62],
      ['Hosting Ltd', 'H-2', 19_99],
      ['Power Co', 'P-7', 89_90],
    ]);
    const acme = await t.call('bills.get', { id: bills.find((b) => b.vendorInvoiceNumber === 'A-100')!.id });
    expect(acme).toMatchObject({
      source: 'import',
      subtotal: 1200_50,
      tax: 276_12,
      earlyPayment: { discountPercent: 2, days: 10 },
    });
    expect(acme.lines[0]).toMatchObject({ categoryName: 'Supplies', description: 'Paper and toner' });
    // 19.99 USD at 0.92 = 18.3908, rounded to EUR 18.39.
    const h2 = await t.call('bills.get', { id: bills.find((b) => b.vendorInvoiceNumber === 'H-2')!.id });
    expect(h2).toMatchObject({ currency: 'USD', exchangeRate: '0.92', totalBase: 18_39 });
    const hosting = (await t.call('vendors.list', {})).find((v) => v.name === 'Hosting Ltd')!;
    expect(hosting).toMatchObject({ currency: 'USD', termsLabel: '2/10 net 30' });
    expect((await t.call('audit.list', { entity: 'bill_import' })).entries[0]).toMatchObject({
      action: 'import',
      changes: { _details: { imported: 3, skipped: 5, vendorsCreated: 2 } },
    });
    // Importing the same file again: the same rows are now possible duplicates (warnings, not blocks).
    const again = await t.call('billImport.preview', { csv: GOOD_AND_BAD, amountsIncludeTax: false });
    expect(again.rows.find((r) => r.line === 2)!.warnings[0]).toMatch(
      /already billed invoice number “A-100”/,
    );
  });

  it('a failed import leaves nothing half-imported', async () => {
    const preview = await t.call('billImport.preview', { csv: GOOD_AND_BAD });
    // Between the preview and the confirmation, the data changes: Acme is archived, so one good
    // row is no longer good. The whole import is refused; no vendor or bill was created.
    const acme = (await t.call('vendors.list', {}))[0]!;
    await t.call('vendors.setArchived', { id: acme.id, archived: true });
    const r = await t.raw('billImport.commit', { csv: GOOD_AND_BAD, expectedRows: preview.okCount });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/Nothing was imported/) },
    });
    expect((await t.call('bills.list', {})).count).toBe(0);
    expect((await t.call('vendors.list', { includeArchived: true })).map((v) => v.name)).toEqual([
      'Acme Supplies',
    ]);
    expect((await t.call('audit.list', { entity: 'bill_import' })).entries).toEqual([]);
  });

  it('explains a file it cannot use', async () => {
    const cases: [string, RegExp][] = [
      ['Supplier;Date;Amount\n', /header row but no bills/],
      ['Vendor,Bill date,Amount\n"Acme,2026-01-01,5\n', /cannot be read/],
    ];
    for (const [csv, message] of cases) {
      expect(await t.raw('billImport.preview', { csv })).toMatchObject({
        ok: false,
        error: { field: 'csv', message: expect.stringMatching(message) },
      });
    }
    // Columns it does not know: it says which are missing and offers them for mapping.
    const unknown = await t.call('billImport.preview', { csv: 'Name,When,How much\nAcme,2026-01-01,5\n' });
    expect(unknown).toMatchObject({ okCount: 0, rows: [] });
    expect(unknown.problem).toMatch(
      /needs a column for Vendor, Bill date, Amount\. Found: Name, When, How much/,
    );
    expect(unknown.columns.map((c) => c.header)).toEqual(['Name', 'When', 'How much']);
    // Semicolons and a decimal comma (as a German spreadsheet writes them) are read too.
    await t.call('settings.updatePreferences', {
      baseCurrency: 'EUR',
      locale: 'de-DE',
      defaultPaymentTerms: { kind: 'net', days: 14 },
      fiscalYearStartMonth: 1,
      fiscalYearStartDay: 1,
    });
    const de = await t.call('billImport.preview', {
      csv: 'Lieferant;Vendor;Bill date;Amount\nx;Acme Supplies;2026-03-01;1.234,56\n',
    });
    expect(de.rows[0]).toMatchObject({ ok: true, total: 1234_56 });
  });
});
