import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/shared/domain/money';
import { formatDate } from '../../src/shared/domain/dates';
import { documentTotals } from '../../src/shared/domain/document-view';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { EMPTY_ADDRESS, seedBusiness, type Seed } from '../helpers/seed';
import { BANK, issuedInvoice, manyLines, renderPdf, setupDocuments } from '../helpers/documents';
import { pdfFonts, pdfInfo, pdfPages, pdfText, pdfCheck } from '../helpers/pdf';
import { pdfThread, stopPdfThread, warmUpPdfEngine } from '../../src/main/services/printing/warmup';
import { loadSubject, logoOf } from '../../src/main/services/printing/views';

let t: TestFolio;
let seed: Seed;
const clock = fixedClock('2026-11-20T10:00:00Z');
const eur = (minor: number) => formatMoney(minor, 'EUR', 'en-IE').replace(/\u00a0/g, ' ');
const date = (iso: string) => formatDate(iso, 'en-IE');

beforeAll(async () => {
  t = await openTestFolio({ clock });
  seed = await seedBusiness(t);
  await setupDocuments(t);
});
afterAll(async () => t.close());

describe('invoice PDF', () => {
  it('reads back with every field and amount of the document', async () => {
    const doc = await issuedInvoice(t, seed, {
      reference: 'PO-778',
      notes: 'Delivery within five working days.',
      terms: 'Late payments incur interest at 8% a year.',
      footer: 'Registered in Ireland no. 123456 · Directors: A. Smith, B. Jones',
      discount: { kind: 'percent', percent: '5' },
      shipping: 1500,
      shippingTaxIds: [seed.vat23.id],
      lines: [
        { kind: 'heading', description: 'Design' },
        {
          itemId: seed.design.id,
          description: 'Menu design',
          quantity: '6.5',
          unit: 'hour',
          unitPrice: 8500,
          taxIds: [seed.vat23.id],
        },
        {
          itemId: seed.prints.id,
          description: 'Printed menus',
          quantity: '120',
          unit: 'piece',
          unitPrice: 250,
          taxIds: [seed.vat9.id],
          discount: { kind: 'percent', percent: '10' },
        },
        { kind: 'note', description: 'Menus are delivered by courier.' },
      ],
    });
    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-10',
      amount: 10000,
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId: doc.id, amount: 10000 }],
    });
    const paid = await t.call('documents.get', { id: doc.id });
    const { pdf, pages, fileName } = await renderPdf(t, { kind: 'document', id: doc.id });
    const text = pdfText(pdf);

    expect(fileName).toBe(`${doc.number} Brightside Cafés Ltd.pdf`);
    expect(pages).toBe(Number(pdfInfo(pdf).Pages));
    const expected = [
      // business block
      'Acme Studio Ltd',
      '1 Market Street',
      'D02 XY45 Dublin',
      'hello@acme.example',
      '+353 1 234 5678',
      'acme.example',
      'VAT no. IE1234567T',
      // recipient, in the window
      'Brightside Cafés Ltd',
      '12 Quay Street',
      'Galway',
      // title and meta
      'Invoice',
      doc.number!,
      date('2026-11-02'),
      date('2026-11-16'),
      'Net 14',
      'PO-778',
      // lines
      'Design',
      'Menu design',
      '6.5 hour',
      'Printed menus',
      '120 piece',
      'Menus are delivered by courier.',
      eur(8500),
      eur(250),
      eur(55250),
      eur(27000),
      '23%',
      '9%',
      'Discount 10%',
      eur(3000),
      // totals, tax per rate, payments, amount due
      eur(paid.totals.subtotal),
      eur(paid.totals.discount),
      eur(paid.totals.shipping),
      eur(paid.totals.net),
      ...paid.totals.taxes.flatMap((x) => [x.name, eur(x.base), eur(x.amount)]),
      eur(paid.total),
      eur(10000),
      'Amount due',
      eur(paid.balance),
      // payment instructions
      BANK.paymentInstructions,
      BANK.bankName,
      'IE29 AIBK 9311 5212 3456 78',
      BANK.bic,
      // notes, terms, footer, page numbers
      'Delivery within five working days.',
      'Late payments incur interest at 8% a year.',
      'Registered in Ireland no. 123456',
      'Page 1 of 1',
    ];
    for (const s of expected) expect(text, s).toContain(s);
    expect(paid.balance).toBe(paid.total - 10000);
    // The PDF's figures come from the shared totals function; they are the stored ones.
    const again = documentTotals(paid);
    expect({
      subtotal: again.subtotal,
      discount: again.discount,
      net: again.net,
      tax: again.tax,
      total: again.total,
    }).toEqual({
      subtotal: paid.totals.subtotal,
      discount: paid.totals.discount,
      net: paid.totals.net,
      tax: paid.totals.tax,
      total: paid.totals.total,
    });
    expect(again.taxes.map((x) => [x.taxId, x.base, x.amount])).toEqual(
      paid.totals.taxes.map((x) => [x.taxId, x.base, x.amount]),
    );
  });

  it.each([
    [1, 1],
    [40, 2],
    [800, 30],
  ])('%i lines: the page count, and the table header on every page', async (lines, minPages) => {
    const doc = await issuedInvoice(t, seed, { lines: manyLines(seed, lines) });
    const { pdf, pages } = await renderPdf(t, { kind: 'document', id: doc.id });
    expect(Number(pdfInfo(pdf).Pages)).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(minPages);
    if (lines === 1) expect(pages).toBe(1);
    const texts = pdfPages(pdf);
    expect(texts).toHaveLength(pages);
    texts.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toMatch(/Description\s+Qty\s+Unit price\s+Tax\s+Amount/);
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages}`);
    });
    // Every line is there, once, and the totals sit together on the last page.
    const all = texts.join('\n');
    for (let i = 1; i <= lines; i++) expect(all).toMatch(new RegExp(`Line ${i}:`));
    const last = texts.at(-1)!;
    expect(last).toContain('Amount due');
    expect(last).toContain(eur(doc.total));
    expect(last).toContain(`Net (excl. tax)`);
    if (pages > 1) expect(texts[1]).toContain(`Invoice ${doc.number} (continued)`);
  });

  it('reads back "Zoë Müller – Ελληνικά – Кириллица – €" exactly', async () => {
    const name = 'Zoë Müller – Ελληνικά – Кириллица – €';
    const { customer } = await t.call('customers.create', {
      name,
      emails: [{ email: 'zoe@example.gr', billing: true }],
      billingAddress: {
        ...EMPTY_ADDRESS,
        line1: 'Οδός Ερμού 12',
        city: 'Αθήνα',
        postalCode: '105 63',
        country: 'Ελλάδα',
      },
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 14 },
    });
    const doc = await issuedInvoice(t, seed, {
      customerId: customer.id,
      lines: [
        {
          description: 'Перевод документов – Übersetzung',
          quantity: '1',
          unitPrice: 12000,
          taxIds: [seed.vat23.id],
        },
      ],
    });
    const { pdf } = await renderPdf(t, { kind: 'document', id: doc.id });
    const text = pdfText(pdf);
    expect(text).toContain(name);
    expect(text).toContain('Οδός Ερμού 12');
    expect(text).toContain('105 63 Αθήνα');
    expect(text).toContain('Перевод документов – Übersetzung');
    expect(text).not.toContain('\uFFFD');
    // The font is embedded as a subset, with a ToUnicode map (which is why text reads back).
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSans/);
      expect(f).toMatchObject({ emb: true, sub: true, uni: true });
    }
  });

  it('a character the font lacks prints as a visible placeholder and does not crash', async () => {
    const { customer } = await t.call('customers.create', {
      name: '山田商事 🙂 Ltd',
      billingAddress: { ...EMPTY_ADDRESS, line1: '東京都 1-2-3' },
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 14 },
    });
    const doc = await issuedInvoice(t, seed, {
      customerId: customer.id,
      lines: [
        // A bell (U+0007) is refused at the field since the text rules (test/unit/fields.test.ts); a tab is kept.
        { description: 'Consulting with a tab\there', quantity: '1', unitPrice: 5000 },
      ],
    });
    const { pdf } = await renderPdf(t, { kind: 'document', id: doc.id });
    const text = pdfText(pdf);
    expect(text).toContain('\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD Ltd');
    expect(text).toContain('Consulting');
    expect(pdfCheck(pdf).ok).toBe(true);
  });

  it('the structural check is clean for every kind of document, on A4 and Letter', async () => {
    const doc = await issuedInvoice(t, seed, { lines: manyLines(seed, 45) });
    const quote = await t.call('documents.create', { ...(await invoiceLike()), type: 'quote' });
    const credit = await t.call('creditNotes.fromInvoice', { invoiceId: doc.id });
    const payment = await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-12',
      amount: 5000,
      currency: 'EUR',
      method: 'card',
      allocations: [{ invoiceId: doc.id, amount: 5000 }],
    });
    const refs = [
      { kind: 'document' as const, id: doc.id },
      { kind: 'document' as const, id: quote.id },
      { kind: 'document' as const, id: credit.id },
      { kind: 'receipt' as const, paymentId: payment.id },
      { kind: 'statement' as const, customerId: seed.customer.id, from: '2026-10-01', to: '2026-11-30' },
      { kind: 'reminder' as const, documentId: doc.id, level: 2 as const },
    ];
    for (const paper of ['A4', 'Letter'] as const) {
      await setupDocuments(t, { paperSize: paper, addressPosition: paper === 'A4' ? 'din5008' : 'us10' });
      for (const ref of refs) {
        const { pdf } = await renderPdf(t, ref);
        const check = pdfCheck(pdf);
        expect(check.ok, `${paper} ${JSON.stringify(ref)}: ${check.report}`).toBe(true);
        const size = pdfInfo(pdf)['Page size'];
        expect(size).toContain(paper === 'A4' ? '595.28 x 841.89' : '612 x 792');
      }
    }
    await setupDocuments(t);

    async function invoiceLike() {
      const { invoiceInput } = await import('../helpers/seed');
      return invoiceInput(seed);
    }
  });

  it('the structural check catches a damaged file: moved objects, a broken stream, a cut-off end', async () => {
    const { pdf } = await renderPdf(t, { kind: 'document', id: (await issuedInvoice(t, seed)).id });
    expect(pdfCheck(pdf).ok).toBe(true);
    // Two bytes inserted at the start: every cross-reference offset is now wrong.
    expect(pdfCheck(Buffer.concat([Buffer.from('\n\n'), pdf])).ok).toBe(false);
    // A byte flipped inside the first compressed stream: it no longer decodes.
    const broken = Buffer.from(pdf);
    const at = broken.indexOf('stream\n') + 'stream\n'.length + 20;
    broken[at] = broken[at]! ^ 0xff;
    expect(pdfCheck(broken).ok).toBe(false);
    // The last third cut off.
    expect(pdfCheck(pdf.subarray(0, Math.floor(pdf.length * 0.66))).ok).toBe(false);
  });

  it('the same document gives the same bytes, whatever was rendered before', async () => {
    const doc = await issuedInvoice(t, seed, { lines: manyLines(seed, 12) });
    const first = (await renderPdf(t, { kind: 'document', id: doc.id })).pdf;
    // Warm the shared word cache with other text, render something else, then again.
    await renderPdf(t, {
      kind: 'document',
      id: (await issuedInvoice(t, seed, { lines: manyLines(seed, 30) })).id,
    });
    const again = (await renderPdf(t, { kind: 'document', id: doc.id })).pdf;
    expect(again.equals(first)).toBe(true);
    // Metadata dates are the document's own, not the time of rendering.
    const info = pdfInfo(first);
    expect(info.CreationDate).toMatch(/2026/);
    expect(first.toString('latin1')).toContain('(D:20261102000000Z)');
    // A fresh data folder with the same content gives the same bytes too.
    clock.set('2027-03-01T08:00:00Z');
    const later = (await renderPdf(t, { kind: 'document', id: doc.id })).pdf;
    clock.set('2026-11-20T10:00:00Z');
    expect(later.equals(first)).toBe(true);
  });

  it('after the warm-up, a preview renders on the warm render thread, byte-equal to the main thread', async () => {
    const doc = await issuedInvoice(t, seed, { lines: manyLines(seed, 8) });
    const ref = { kind: 'document', id: doc.id } as const;
    expect(pdfThread()).toBeNull();
    const inline = await renderPdf(t, ref);
    await warmUpPdfEngine();
    try {
      const thread = await pdfThread();
      expect(thread?.threads).toBe(1);
      const threaded = await renderPdf(t, ref);
      expect(threaded.pages).toBe(inline.pages);
      expect(threaded.pdf.equals(inline.pdf)).toBe(true);
      // The thread answers the same bytes as a direct call on it.
      const direct = await thread!.renderPages(
        (await loadSubject(t.folio.ctx, ref)).view,
        await logoOf(t.folio.ctx),
      );
      expect(direct.pdf.equals(inline.pdf)).toBe(true);
    } finally {
      await stopPdfThread();
    }
    expect(pdfThread()).toBeNull();
  });

  it('draft, paid and void invoices carry their mark', async () => {
    const draft = await t.call('documents.create', {
      type: 'invoice',
      customerId: seed.customer.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
      currency: 'EUR',
      lines: [{ description: 'Draft work', quantity: '1', unitPrice: 1000 }],
    });
    expect(pdfText((await renderPdf(t, { kind: 'document', id: draft.id })).pdf)).toContain('DRAFT');
    const issued = await t.call('documents.issue', { id: draft.id });
    const text = pdfText((await renderPdf(t, { kind: 'document', id: issued.id })).pdf);
    expect(text).not.toContain('DRAFT');
    expect(text).not.toContain('PAID');
    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-05',
      amount: issued.total,
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: issued.id, amount: issued.total }],
    });
    const paidText = pdfText((await renderPdf(t, { kind: 'document', id: issued.id })).pdf);
    expect(paidText).toContain('PAID');
    // Paid: no payment instructions any more.
    expect(paidText).not.toContain(BANK.iban.slice(0, 4) + ' ');
    const other = await issuedInvoice(t, seed);
    await t.call('documents.void', { id: other.id, reason: 'Issued twice' });
    expect(pdfText((await renderPdf(t, { kind: 'document', id: other.id })).pdf)).toContain('VOID');
  });
});
