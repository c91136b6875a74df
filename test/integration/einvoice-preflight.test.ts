import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallError, openTestFolio, type TestFolio } from '../helpers/folio';
import { seedGermanBusiness, type GermanSeed } from '../helpers/einvoice-seed';
import { EMPTY_ADDRESS } from '../helpers/seed';

let t: TestFolio;
let s: GermanSeed;
beforeAll(async () => {
  t = await openTestFolio();
  s = await seedGermanBusiness(t);
}, 60_000);
afterAll(() => t?.close());

async function error(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof CallError) return e.error;
    throw e;
  }
  throw new Error('expected an error');
}

describe('preflight before issuing', () => {
  it('says what the preferred format still needs, refuses to issue until it is fixed, and then issues', async () => {
    const noReason = await t.call('taxes.create', { name: 'Befreit', percent: '0', kind: 'exempt' });
    const { customer } = await t.call('customers.create', {
      name: 'Stadt Neuburg',
      emails: [{ email: 'rechnung@neuburg.example', billing: true }],
      billingAddress: { ...EMPTY_ADDRESS, line1: 'Rathausplatz 1', city: 'Neuburg', postalCode: '86633' },
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
      einvoiceFormat: 'xrechnung-cii',
    });
    const input = {
      type: 'invoice' as const,
      customerId: customer.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms' as const, terms: { kind: 'net' as const, days: 30 } },
      currency: 'EUR',
      lines: [
        { description: 'Beratung', quantity: '2', unit: 'hour', unitPrice: 10000, taxIds: [s.vat19.id] },
        { description: 'Schulung', quantity: '1', unit: 'day', unitPrice: 50000, taxIds: [noReason.id] },
      ],
    };
    const draft = await t.call('documents.create', input);
    const before = (await t.call('settings.get', {})).numbering.find(
      (n) => n.docType === 'invoice',
    )!.nextNumber;

    const pre = await t.call('einvoice.preflight', { id: draft.id });
    expect(pre.format).toBe('xrechnung-cii');
    const messages = pre.problems.map((p) => p.message);
    expect(messages).toContain('XRechnung needs a buyer reference or Leitweg-ID.');
    expect(messages).toContain("The customer's country is missing.");
    expect(messages.some((m) => m.startsWith('A 0 % line needs an exemption reason'))).toBe(true);
    expect(messages.some((m) => m.includes("customer's electronic address"))).toBe(true);
    expect(pre.problems.find((p) => p.message.startsWith('XRechnung needs a buyer'))!.field).toBe(
      'document.buyerReference',
    );

    const refused = await error(t.call('documents.issue', { id: draft.id }));
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toContain('XRechnung needs a buyer reference or Leitweg-ID.');
    // Nothing issued half-way: still a draft, no number taken.
    const still = await t.call('documents.get', { id: draft.id });
    expect(still.status).toBe('draft');
    expect(still.number).toBeNull();
    expect(
      (await t.call('settings.get', {})).numbering.find((n) => n.docType === 'invoice')!.nextNumber,
    ).toBe(before);

    // Fix each at its place: the customer, the tax, the invoice.
    await t
      .call('customers.update', {
        id: customer.id,
        name: 'Stadt Neuburg',
        emails: [{ email: 'rechnung@neuburg.example', billing: true }],
        billingAddress: {
          ...EMPTY_ADDRESS,
          line1: 'Rathausplatz 1',
          city: 'Neuburg',
          postalCode: '86633',
          country: 'DE',
        },
        shippingAddress: EMPTY_ADDRESS,
        currency: 'EUR',
        paymentTerms: { kind: 'net', days: 30 },
        einvoiceFormat: 'xrechnung-cii',
        electronicAddress: '09160-1-55',
        electronicAddressScheme: '0204',
      })
      .catch(async (e: CallError) => {
        // The Leitweg-ID check digits are checked at the field.
        expect(e.error.fields?.electronicAddress).toMatch(/check digits|Leitweg-ID/);
        return t.call('customers.update', {
          id: customer.id,
          name: 'Stadt Neuburg',
          emails: [{ email: 'rechnung@neuburg.example', billing: true }],
          billingAddress: {
            ...EMPTY_ADDRESS,
            line1: 'Rathausplatz 1',
            city: 'Neuburg',
            postalCode: '86633',
            country: 'DE',
          },
          shippingAddress: EMPTY_ADDRESS,
          currency: 'EUR',
          paymentTerms: { kind: 'net', days: 30 },
          einvoiceFormat: 'xrechnung-cii',
          electronicAddress: '04011000-12345-03',
          electronicAddressScheme: '0204',
        });
      });
    await t.call('taxes.update', {
      id: noReason.id,
      name: 'Befreit',
      percent: '0',
      kind: 'exempt',
      reason: 'Steuerfrei nach §4 Nr. 21 UStG',
      vatexCode: 'VATEX-EU-132',
    });
    await t.call('documents.update', { ...input, id: draft.id, buyerReference: '04011000-12345-03' });
    expect((await t.call('einvoice.preflight', { id: draft.id })).problems).toEqual([]);
    const issued = await t.call('documents.issue', { id: draft.id });
    expect(issued.status).toBe('issued');
    expect(issued.totals.taxes.find((x) => x.taxId === noReason.id)!.vatexCode).toBe('VATEX-EU-132');
    const xml = await t.call('einvoice.download', { id: issued.id, format: 'xrechnung-cii' });
    expect(Buffer.from(xml.dataBase64, 'base64').toString('utf8')).toContain('VATEX-EU-132');
  });

  it('refuses an e-invoice EN 16931 cannot express, and says why', async () => {
    const compound = await t.call('taxes.create', { name: 'QST', percent: '9.975', compound: true });
    const draft = await t.call('documents.create', {
      type: 'invoice',
      customerId: s.french.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
      currency: 'EUR',
      lines: [{ description: 'Work', quantity: '1', unitPrice: 10000, taxIds: [s.vat19.id, compound.id] }],
    });
    const issued = await t.call('documents.issue', { id: draft.id });
    const refused = await error(t.call('einvoice.download', { id: issued.id, format: 'en16931-ubl' }));
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toContain(
      'QST is a compound tax (tax on tax): EN 16931 has no way to express it',
    );
    expect(refused.message).toContain('Line 1 has 2 taxes');
  });

  it('makes no e-invoice of a draft', async () => {
    const draft = await t.call('documents.create', {
      type: 'invoice',
      customerId: s.french.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
      currency: 'EUR',
      lines: [{ description: 'Work', quantity: '1', unitPrice: 10000, taxIds: [s.reverse.id] }],
    });
    const refused = await error(t.call('einvoice.download', { id: draft.id, format: 'peppol' }));
    expect(refused.message).toMatch(/Issue the document first/);
  });

  it('checks identifiers at the field', async () => {
    const bad = await error(
      t.call('settings.updateProfile', { ...(await t.call('settings.get', {})).profile, vatId: 'DE12345' }),
    );
    expect(bad.fields?.vatId).toMatch(/not the format of a DE VAT ID/);
    const leitweg = await error(
      t.call('documents.create', {
        type: 'invoice',
        customerId: s.behoerde.id,
        issueDate: '2026-11-02',
        due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
        currency: 'EUR',
        buyerReference: '04011000-12345-04',
        lines: [{ description: 'Work', quantity: '1', unitPrice: 100, taxIds: [s.vat19.id] }],
      }),
    );
    expect(leitweg.fields?.buyerReference).toMatch(/check digits/);
    const peppol = await error(
      t.call('settings.updateProfile', {
        ...(await t.call('settings.get', {})).profile,
        electronicAddress: 'DE123',
        electronicAddressScheme: '9930',
      }),
    );
    expect(peppol.fields?.electronicAddress).toMatch(/VAT number with its country prefix/);
  });

  it('asks for the UN/ECE code of a unit it does not know, and uses the one chosen in Settings', async () => {
    const draft = await t.call('documents.create', {
      type: 'invoice',
      customerId: s.french.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
      currency: 'EUR',
      lines: [{ description: 'Wine', quantity: '3', unit: 'Ktn', unitPrice: 5000, taxIds: [s.reverse.id] }],
    });
    const before = await t.call('einvoice.preflight', { id: draft.id, format: 'peppol' });
    expect(before.problems.find((p) => p.field === 'document.lines.0.unit')?.message).toMatch(
      /"Ktn".*no UN\/ECE code/,
    );
    const bad = await error(t.call('einvoice.setUnitCodes', { codes: { ktn: 'carton' } }));
    expect(bad.code).toBe('VALIDATION');
    await t.call('einvoice.setUnitCodes', { codes: { Ktn: 'xbx' } });
    expect(await t.call('einvoice.getUnitCodes', {})).toEqual({ ktn: 'XBX' });
    const after = await t.call('einvoice.preflight', { id: draft.id, format: 'peppol' });
    expect(after.problems.filter((p) => p.field.endsWith('.unit'))).toEqual([]);
    const issued = await t.call('documents.issue', { id: draft.id });
    const xml = await t.call('einvoice.download', { id: issued.id, format: 'peppol' });
    expect(Buffer.from(xml.dataBase64, 'base64').toString('utf8')).toContain('unitCode="XBX"');
  });

  it('a credit note keeps the invoice’s delivery period and refers to it; a copy starts without one', async () => {
    const draft = await t.call('documents.create', {
      type: 'invoice',
      customerId: s.french.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
      currency: 'EUR',
      deliveryDate: '2026-10-01',
      deliveryEnd: '2026-10-31',
      lines: [
        { description: 'Support', quantity: '1', unit: 'month', unitPrice: 90000, taxIds: [s.reverse.id] },
      ],
    });
    const invoice = await t.call('documents.issue', { id: draft.id });
    const credit = await t.call('creditNotes.fromInvoice', { invoiceId: invoice.id });
    expect([credit.deliveryDate, credit.deliveryEnd, credit.relatedId]).toEqual([
      '2026-10-01',
      '2026-10-31',
      invoice.id,
    ]);
    const copy = await t.call('documents.duplicate', { id: invoice.id });
    expect([copy.deliveryDate, copy.deliveryEnd]).toEqual([null, null]);
    const bad = await error(
      t.call('documents.update', {
        ...draftInput(invoice),
        id: copy.id,
        deliveryDate: '2026-10-31',
        deliveryEnd: '2026-10-01',
      }),
    );
    expect(bad.fields?.deliveryEnd).toMatch(/must end on or after its start/);
  });
});

function draftInput(d: Awaited<ReturnType<TestFolio['call']>> & Record<string, unknown>) {
  const doc = d as unknown as import('../../src/shared/api/documents').Document;
  return {
    type: doc.type,
    customerId: doc.customerId,
    issueDate: doc.issueDate,
    due: doc.due,
    currency: doc.currency,
    lines: doc.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      taxIds: l.taxIds,
    })),
  };
}
