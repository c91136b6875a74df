import type { Input } from '../../src/shared/api/contract';
import { SAMPLE_PREFERENCES, SAMPLE_PROFILE, type TestFolio } from './folio';

/** A small but real PDF (one blank page) that a PDF reader can read. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export async function setupBusiness(t: TestFolio): Promise<void> {
  await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
}

export function vendorInput(overrides: Partial<Input<'vendors.create'>> = {}): Input<'vendors.create'> {
  return {
    name: 'Acme Supplies',
    email: 'accounts@acme.example',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
    bankDetails: 'IBAN IE12 BOFI 9000 0112 3456 78',
    ...overrides,
  };
}

export function billInput(
  vendorId: number,
  overrides: Partial<Input<'bills.create'>> = {},
): Input<'bills.create'> {
  return {
    vendorId,
    vendorInvoiceNumber: 'INV-0042',
    billDate: '2026-03-05',
    lines: [{ description: 'Printer paper', quantity: 2, unitPrice: 50_00, tax: 23_00 }],
    ...overrides,
  };
}

export async function auditOf(t: TestFolio, entity: string, entityId: number | string) {
  return (await t.call('audit.list', { entity, entityId: String(entityId) })).entries;
}
