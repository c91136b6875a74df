import type { TestFolio } from './folio';
import type { Seed } from './seed';
import { invoiceInput } from './seed';
import type { DocumentInput } from '../../src/shared/api/documents';
import type { PrintRef } from '../../src/shared/api/printing';

export const BANK = {
  paymentInstructions: 'Please pay by bank transfer within the terms.',
  bankName: 'Allied Irish Banks',
  accountHolder: 'Acme Studio Ltd',
  iban: 'IE29AIBK93115212345678',
  bic: 'AIBKIE2D',
};

/** Document settings with bank details and a footer, on the given paper. */
export async function setupDocuments(
  t: TestFolio,
  overrides: Partial<{
    paperSize: 'A4' | 'Letter';
    addressPosition: 'din5008' | 'us10';
    epcQr: boolean;
  }> = {},
) {
  return t.call('printing.updateSettings', {
    paperSize: 'A4',
    accentColor: '#3B5BDB',
    addressPosition: 'din5008',
    fileNamePattern: '{number} {customer}',
    showLogo: true,
    epcQr: true,
    defaultFooter: 'Acme Studio Ltd · Registered in Ireland no. 123456',
    ...BANK,
    ...overrides,
  });
}

/** `n` item lines, alternating rates, some with long descriptions that wrap. */
export function manyLines(seed: Seed, n: number): DocumentInput['lines'] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: seed.design.id,
    description:
      i % 4 === 0
        ? `Line ${i + 1}: menu design for the new café on the quay, with two rounds of revisions and final artwork`
        : `Line ${i + 1}: design work`,
    quantity: String(1 + (i % 3)),
    unit: 'hour',
    unitPrice: 8500 + i,
    taxIds: [i % 2 ? seed.vat9.id : seed.vat23.id],
  }));
}

/** An issued invoice with `n` lines. */
export async function issuedInvoice(t: TestFolio, seed: Seed, overrides: Partial<DocumentInput> = {}) {
  const draft = await t.call('documents.create', invoiceInput(seed, overrides));
  return t.call('documents.issue', { id: draft.id });
}

/** Renders through the API and returns the bytes too. */
export async function renderPdf(t: TestFolio, ref: PrintRef) {
  const r = await t.call('printing.render', { ref });
  return { ...r, pdf: Buffer.from(r.dataBase64, 'base64') };
}
