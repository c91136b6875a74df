/**
 * Renders one of every kind of document on A4 and US Letter into a folder, with page images,
 * for looking at: `npx tsx scripts/pdf-samples.ts [out-dir]` (default out/pdf-samples).
 * Uses a temporary data folder with a seeded business; nothing else is touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixedClock, openTestFolio } from '../test/helpers/folio';
import { EMPTY_ADDRESS, invoiceInput, seedBusiness } from '../test/helpers/seed';
import { manyLines, setupDocuments } from '../test/helpers/documents';
import { pdfPageImages } from '../test/helpers/pdf-images';

async function main() {
  const out = path.resolve(process.argv[2] ?? 'out/pdf-samples');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const t = await openTestFolio({ clock: fixedClock('2026-12-20T10:00:00Z') });
  try {
    const seed = await seedBusiness(t);
    const logo = fs.readFileSync(path.join(__dirname, '../assets/icon.png')).toString('base64');
    await t.call('settings.setLogo', { fileName: 'logo.png', dataBase64: logo });
    const { customer } = await t.call('customers.create', {
      name: 'Zoë Müller – Ελληνικά – Кириллица',
      contactPerson: 'Zoë Müller',
      emails: [{ email: 'zoe@example.de', billing: true }],
      billingAddress: {
        ...EMPTY_ADDRESS,
        line1: 'Hauptstraße 5',
        line2: '3. OG',
        city: 'Berlin',
        postalCode: '10115',
        country: 'Germany',
      },
      shippingAddress: EMPTY_ADDRESS,
      taxNumber: 'DE123456789',
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 14 },
    });
    const lines = [
      { kind: 'heading' as const, description: 'Design' },
      {
        itemId: seed.design.id,
        description:
          'Menu design for the new café on the quay, including two rounds of revisions and print-ready artwork',
        quantity: '6.5',
        unit: 'hour',
        unitPrice: 8500,
        taxIds: [seed.vat23.id],
      },
      {
        itemId: seed.prints.id,
        description: 'Printed menus, A4, 300 g matt',
        quantity: '120',
        unit: 'piece',
        unitPrice: 250,
        taxIds: [seed.vat9.id],
        discount: { kind: 'percent' as const, percent: '10' },
      },
      { kind: 'note' as const, description: 'Menus are delivered by courier within five working days.' },
      {
        description: 'Перевод меню на русский и греческий (Μετάφραση)',
        quantity: '1',
        unitPrice: 18000,
        taxIds: [seed.vat23.id],
      },
    ];
    const inv = await t.call(
      'documents.create',
      invoiceInput(seed, {
        customerId: customer.id,
        reference: 'PO-778',
        lines,
        notes: 'Thank you for your business.',
        terms: 'Payment within 14 days. Late payments incur interest at 8% a year.',
        shipping: 1500,
        shippingTaxIds: [seed.vat23.id],
      }),
    );
    const invoice = await t.call('documents.issue', { id: inv.id });
    const long = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed, { lines: manyLines(seed, 60) }))).id,
    });
    const quote = await t.call('documents.create', {
      ...invoiceInput(seed, { lines }),
      type: 'quote',
      due: { kind: 'date', date: '2026-12-31' },
    });
    await t.call('quotes.setStatus', { id: quote.id, status: 'sent' });
    const credit = await t.call('creditNotes.fromInvoice', { invoiceId: invoice.id });
    await t.call('documents.update', {
      ...invoiceInput(seed, { customerId: customer.id, lines: [lines[1]!] }),
      type: 'credit_note',
      id: credit.id,
      due: { kind: 'date', date: '2026-12-20' },
      relatedId: invoice.id,
      reference: invoice.number!,
    });
    await t.call('documents.issue', { id: credit.id });
    const payment = await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-12-01',
      amount: 25000,
      currency: 'EUR',
      method: 'bank_transfer',
      reference: 'TRF 99812',
      allocations: [{ invoiceId: long.id, amount: 20000 }],
    });
    const draft = await t.call('documents.create', invoiceInput(seed));
    const refs = {
      invoice: { kind: 'document', id: invoice.id },
      'invoice-60-lines': { kind: 'document', id: long.id },
      'invoice-draft': { kind: 'document', id: draft.id },
      quote: { kind: 'document', id: quote.id },
      'credit-note': { kind: 'document', id: credit.id },
      receipt: { kind: 'receipt', paymentId: payment.id },
      statement: { kind: 'statement', customerId: seed.customer.id, from: '2026-11-01', to: '2026-12-20' },
      reminder: { kind: 'reminder', documentId: invoice.id, level: 2 },
    } as const;
    for (const paper of ['A4', 'Letter'] as const) {
      await setupDocuments(t, { paperSize: paper, addressPosition: paper === 'A4' ? 'din5008' : 'us10' });
      for (const [name, ref] of Object.entries(refs)) {
        const r = await t.call('printing.render', { ref });
        const pdf = Buffer.from(r.dataBase64, 'base64');
        fs.writeFileSync(path.join(out, `${paper}-${name}.pdf`), pdf);
        await pdfPageImages(pdf, out, `${paper}-${name}`);
        console.log(`${paper}-${name}.pdf  ${r.pages} page(s)  ${r.fileName}`);
      }
    }
  } finally {
    await t.close();
  }
}

void main();
