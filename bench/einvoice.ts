/**
 * E-invoices out (issue 11):
 *  - the XML of a one-page invoice ≤ 10 ms (reading the document + building the model + writing);
 *  - Factur-X ≤ 1.5 × the plain PDF of the same invoice;
 *  - both again with an 800-line invoice.
 * In-process, warm (the PDF engine and XML builder loaded), medians.
 */
import { openTestFolio } from '../test/helpers/folio';
import { scenarios, seedGermanBusiness } from '../test/helpers/einvoice-seed';
import { einvoiceSource, einvoiceXmlOf } from '../src/main/services/einvoice/export';
import { facturxPdf } from '../src/main/services/einvoice/facturx';
import { renderRef } from '../src/main/services/printing/pdf';
import { median, note, record, timeAsync, timeSync } from './report';

export async function runEinvoice(): Promise<void> {
  console.log('\ne-invoices');
  const t = await openTestFolio();
  try {
    const s = await seedGermanBusiness(t);
    const all = scenarios(s);
    const one = await t.call('documents.issue', { id: (await t.call('documents.create', all.mixed!)).id });
    const lines = Array.from({ length: 800 }, (_, i) => ({
      description: `Position ${i + 1}`,
      quantity: String(1 + (i % 3)),
      unit: 'hour',
      unitPrice: 1000 + i,
      taxIds: [i % 2 ? s.vat7.id : s.vat19.id],
    }));
    const big = await t.call('documents.issue', {
      id: (await t.call('documents.create', { ...all.mixed!, lines })).id,
    });
    const ctx = t.folio.ctx;
    for (const [label, doc] of [
      ['one-page invoice', one],
      ['800-line invoice', big],
    ] as const) {
      for (const format of ['xrechnung-cii', 'xrechnung-ubl'] as const) {
        const total = timeSync(async () => einvoiceXmlOf(await einvoiceSource(ctx, doc.id), format), 21, 3);
        record(
          'einvoice',
          `${label}: ${format} XML, read + build + write (median)`,
          median(total),
          label.startsWith('one') ? 10 : undefined,
        );
      }
      const xml = einvoiceXmlOf(await einvoiceSource(ctx, doc.id), 'en16931-cii');
      const runs = label.startsWith('one') ? 15 : 5;
      const plain = median(await timeAsync(() => renderRef(ctx, { kind: 'document', id: doc.id }), runs, 2));
      const fx = median(await timeAsync(() => facturxPdf(ctx, doc.id, xml), runs, 2));
      record('einvoice', `${label}: plain PDF (median)`, plain);
      record('einvoice', `${label}: Factur-X PDF/A-3 with XML (median)`, fx);
      const ratio = fx / plain;
      note('einvoice', `${label}: Factur-X / plain PDF`, `${ratio.toFixed(2)}×`, '≤ 1.5×', ratio <= 1.5);
    }
  } finally {
    await t.close();
  }
}
