import { EMPTY_ADDRESS, SAMPLE_PREFERENCES, SAMPLE_PROFILE, type TestFolio } from './folio';
import type { DocumentInput } from '../../src/shared/api/documents';

export { EMPTY_ADDRESS };

/** A configured business (EUR, en-IE) with two VAT rates, a customer and two items. */
export async function seedBusiness(t: TestFolio) {
  await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
  const vat23 = await t.call('taxes.create', { name: 'VAT 23%', percent: '23' });
  const vat9 = await t.call('taxes.create', { name: 'VAT 9%', percent: '9' });
  const { customer } = await t.call('customers.create', {
    name: 'Brightside Cafés Ltd',
    contactPerson: 'Niamh Kelly',
    emails: [{ email: 'accounts@brightside.example', billing: true }],
    billingAddress: { ...EMPTY_ADDRESS, line1: '12 Quay Street', city: 'Galway', country: 'Ireland' },
    shippingAddress: EMPTY_ADDRESS,
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  const design = await t.call('items.create', {
    name: 'Design work',
    unit: 'hour',
    unitPrice: 8500,
    taxIds: [vat23.id],
  });
  const prints = await t.call('items.create', {
    name: 'Printed menus',
    unit: 'piece',
    unitPrice: 250,
    taxIds: [vat9.id],
  });
  return { vat23, vat9, customer, design, prints };
}

export type Seed = Awaited<ReturnType<typeof seedBusiness>>;

/** A simple one-line invoice input for the seeded customer. */
export function invoiceInput(seed: Seed, overrides: Partial<DocumentInput> = {}): DocumentInput {
  return {
    type: 'invoice',
    customerId: seed.customer.id,
    issueDate: '2026-11-02',
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: [
      {
        itemId: seed.design.id,
        description: 'Logo design',
        quantity: '2',
        unitPrice: 8500,
        taxIds: [seed.vat23.id],
      },
    ],
    ...overrides,
  };
}

/** An invoice of one untaxed line (quantity 1) for `customerId`, in EUR, due net 14. */
export function oneLineInvoice(
  customerId: number,
  line: { description: string; unitPrice: number },
  issueDate = '2026-11-30',
): DocumentInput {
  return {
    type: 'invoice',
    customerId,
    issueDate,
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: [{ description: line.description, quantity: '1', unitPrice: line.unitPrice, taxIds: [] }],
  };
}

/** A customer with no email and no address, in EUR, paying net 14. */
export function plainCustomer(name: string) {
  return {
    name,
    emails: [],
    billingAddress: EMPTY_ADDRESS,
    shippingAddress: EMPTY_ADDRESS,
    currency: 'EUR',
    paymentTerms: { kind: 'net' as const, days: 14 },
  };
}
