import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestFolio, SAMPLE_PREFERENCES, SAMPLE_PROFILE, type TestFolio } from '../helpers/folio';
import { scenarios, seedGermanBusiness, GERMAN_PROFILE } from '../helpers/einvoice-seed';
import type { Document } from '../../src/shared/api/documents';

/**
 * The e-invoices Folio sends import back, in another Folio, into an equal bill: the same
 * net, tax and total, the lines, and the seller's VAT ID on the vendor. One book sells (a
 * German business), another buys (its customer); the files go through the same API calls a
 * user's download and import make.
 */

const FORMATS = ['xrechnung-cii', 'xrechnung-ubl', 'peppol', 'en16931-cii', 'facturx'] as const;
const SCENARIOS = ['mixed', 'discounts', 'inclusive', 'zero', 'greek'] as const;

let seller: TestFolio;
let buyer: TestFolio;
const issued: Record<string, Document> = {};

beforeAll(async () => {
  seller = await openTestFolio();
  const seed = await seedGermanBusiness(seller);
  const all = scenarios(seed);
  for (const name of SCENARIOS) {
    const draft = await seller.call('documents.create', all[name]!);
    issued[name] = await seller.call('documents.issue', { id: draft.id });
  }
  buyer = await openTestFolio();
  await buyer.call('settings.completeSetup', {
    profile: SAMPLE_PROFILE,
    preferences: { ...SAMPLE_PREFERENCES, baseCurrency: 'EUR' },
  });
}, 300_000);
afterAll(async () => {
  await seller?.close();
  await buyer?.close();
});

describe('e-invoices out, imported back', () => {
  it.each(FORMATS)(
    '%s: every scenario becomes a bill with the invoice’s figures',
    async (format) => {
      for (const name of SCENARIOS) {
        const doc = issued[name]!;
        const file = await seller.call('einvoice.download', { id: doc.id, format });
        const result = await buyer.call('einvoiceImport.commit', {
          files: [{ fileName: `${name}-${file.fileName}`, dataBase64: file.dataBase64 }],
          createVendors: true,
        });
        const r = result.files[0]!;
        expect(r.status, `${name} ${format}: ${r.message}`).not.toBe('refused');
        // The file's number is a duplicate the second time the same invoice arrives (another format):
        // that is the duplicate guard at work; the bill is still saved with the warning.
        const bill = await buyer.call('bills.get', { id: r.billId! });
        // The bill's net is after the document's allowances and charges (BT-109): total less tax.
        expect([bill.subtotal, bill.tax, bill.total], `${name} ${format}`).toEqual([
          doc.total - doc.totals.tax,
          doc.totals.tax,
          doc.total,
        ]);
        expect(bill.vendorInvoiceNumber).toBe(doc.number);
        expect(bill.lines.length).toBeGreaterThanOrEqual(doc.lines.length);
        const vendor = await buyer.call('vendors.get', { id: bill.vendor.id });
        expect(vendor.taxNumber).toBe(GERMAN_PROFILE.vatId);
      }
    },
    300_000,
  );
});
