import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixedClock,
  openTestFolio,
  SAMPLE_PREFERENCES,
  SAMPLE_PROFILE,
  type TestFolio,
} from '../helpers/folio';
import { EMPTY_ADDRESS, invoiceInput, seedBusiness, type Seed } from '../helpers/seed';
import { issuedInvoice, renderPdf, setupDocuments } from '../helpers/documents';

/**
 * German invoice essentials: the small-business exemption (§ 19 UStG) and addresses printed
 * the way the recipient's country writes them. PDFs are read back with mupdf.
 */
async function pdfLines(pdf: Buffer): Promise<string[]> {
  const mupdf = await import('mupdf');
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const lines: string[] = [];
  for (let i = 0; i < doc.countPages(); i++)
    lines.push(...doc.loadPage(i).toStructuredText('preserve-whitespace').asText().split('\n'));
  return lines.map((l) => l.replace(/[\u00a0\u202f]/g, ' ').trim());
}

let t: TestFolio;
let seed: Seed;
beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T10:00:00Z') });
  seed = await seedBusiness(t);
  await setupDocuments(t);
});
afterAll(async () => t.close());

describe('the small-business exemption (§ 19 UStG)', () => {
  it('is off by default, with a note that follows the business country and language', async () => {
    expect(await t.call('settings.getSmallBusiness', {})).toEqual({
      enabled: false,
      note: '',
      defaultNote: 'No VAT charged: small business exemption (§ 19 UStG).',
    });
    await t.call('settings.updateProfile', {
      ...SAMPLE_PROFILE,
      address: { ...SAMPLE_PROFILE.address, city: 'Berlin', postalCode: '10115', country: 'Deutschland' },
    });
    expect((await t.call('settings.getSmallBusiness', {})).defaultNote).toBe(
      'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    );
    await t.call('settings.updateProfile', SAMPLE_PROFILE);
    await t.call('settings.updatePreferences', { ...SAMPLE_PREFERENCES, locale: 'de-DE' });
    expect((await t.call('settings.getSmallBusiness', {})).defaultNote).toBe(
      'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    );
    await t.call('settings.updatePreferences', SAMPLE_PREFERENCES);
  });

  it('refuses an invoice with VAT at the line, and prints the note on one without', async () => {
    await t.call('settings.updateSmallBusiness', { enabled: true, note: '' });
    const before = (await t.call('documents.list', { type: 'invoice' })).total;
    const refused = await t.raw('documents.create', {
      type: 'invoice',
      customerId: seed.customer.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
      currency: 'EUR',
      lines: [
        { description: 'Logo design', quantity: '2', unitPrice: 8500, taxIds: [] },
        { description: 'Printing', quantity: '1', unitPrice: 1000, taxIds: [seed.vat23.id] },
      ],
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.field).toBe('lines.1.taxIds');
    expect(refused.error.message).toContain(
      'VAT 23% is charged, but your business uses the small-business exemption (§ 19 UStG)',
    );
    expect((await t.call('documents.list', { type: 'invoice' })).total).toBe(before);

    const doc = await issuedInvoice(t, seed, {
      lines: [{ description: 'Logo design', quantity: '2', unitPrice: 8500, taxIds: [] }],
    });
    expect(doc.totals.tax).toBe(0);
    const lines = await pdfLines((await renderPdf(t, { kind: 'document', id: doc.id })).pdf);
    expect(lines).toContain('No VAT charged: small business exemption (§ 19 UStG).');

    await t.call('settings.updateSmallBusiness', {
      enabled: true,
      note: '  Kein Ausweis der Umsatzsteuer (§ 19 UStG).  ',
    });
    expect((await t.call('settings.getSmallBusiness', {})).note).toBe(
      'Kein Ausweis der Umsatzsteuer (§ 19 UStG).',
    );
    const again = await pdfLines((await renderPdf(t, { kind: 'document', id: doc.id })).pdf);
    expect(again).toContain('Kein Ausweis der Umsatzsteuer (§ 19 UStG).');
    expect(again).not.toContain('No VAT charged: small business exemption (§ 19 UStG).');
  });

  it('prints no note once it is off, and VAT is allowed again', async () => {
    await t.call('settings.updateSmallBusiness', { enabled: false, note: '' });
    const doc = await issuedInvoice(t, seed);
    expect(doc.totals.tax).toBeGreaterThan(0);
    const lines = await pdfLines((await renderPdf(t, { kind: 'document', id: doc.id })).pdf);
    expect(lines.some((l) => l.includes('§ 19 UStG'))).toBe(false);
  });
});

describe('the exemption and what was set up before it', () => {
  it('a recurring invoice with VAT keeps the lists and the forecast working; saving its template is refused', async () => {
    const { type: _t, issueDate: _i, relatedId: _r, ...template } = invoiceInput(seed);
    const r = await t.call('recurring.create', {
      name: 'Monthly retainer',
      template,
      schedule: { frequency: 'monthly', interval: 1, startDate: '2026-12-01' },
      mode: 'issue',
    });
    await t.call('settings.updateSmallBusiness', { enabled: true, note: '' });
    try {
      expect((await t.call('recurring.list', {})).map((x) => x.id)).toContain(r.id);
      expect((await t.call('reports.cashflow', {})).weeks.length).toBeGreaterThan(0);
      expect((await t.call('dashboard.summary', {})).receivable).toBeDefined();
      // Saving the template again is refused at its line, as for an invoice.
      const refused = await t.raw('recurring.update', {
        id: r.id,
        name: 'Monthly retainer',
        template,
        schedule: { frequency: 'monthly', interval: 1, startDate: '2026-12-01' },
        mode: 'issue',
      });
      expect(refused).toMatchObject({ ok: false, error: { field: 'lines.0.taxIds' } });
    } finally {
      await t.call('settings.updateSmallBusiness', { enabled: false, note: '' });
    }
  });
});

describe('addresses in the envelope window', () => {
  it('prints a US customer as "San Francisco, CA 94105" and a UK one with the postcode apart', async () => {
    const us = await t.call('customers.create', {
      name: 'Golden Gate Consulting Inc.',
      emails: [{ email: 'ap@goldengate.example', billing: true }],
      billingAddress: {
        line1: '500 Howard St',
        line2: 'Suite 300',
        city: 'San Francisco',
        region: 'CA',
        postalCode: '94105',
        country: 'United States',
      },
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
    });
    const doc = await issuedInvoice(t, seed, { customerId: us.customer.id });
    const lines = await pdfLines((await renderPdf(t, { kind: 'document', id: doc.id })).pdf);
    const at = lines.indexOf('500 Howard St');
    expect(at).toBeGreaterThan(-1);
    expect(lines.slice(at, at + 4)).toEqual([
      '500 Howard St',
      'Suite 300',
      'San Francisco, CA 94105',
      'United States',
    ]);

    const uk = await t.call('customers.create', {
      name: 'Thames Print Ltd',
      emails: [{ email: 'ap@thames.example', billing: true }],
      billingAddress: {
        ...EMPTY_ADDRESS,
        line1: '1 Bankside',
        city: 'London',
        postalCode: 'SE1 9TG',
        country: 'UK',
      },
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
    });
    const ukDoc = await issuedInvoice(t, seed, { customerId: uk.customer.id });
    const ukLines = await pdfLines((await renderPdf(t, { kind: 'document', id: ukDoc.id })).pdf);
    const i = ukLines.indexOf('1 Bankside');
    expect(ukLines.slice(i, i + 4)).toEqual(['1 Bankside', 'London', 'SE1 9TG', 'UK']);
  });
});
