import type { TestFolio } from './folio';
import type { DocumentInput } from '../../src/shared/api/documents';
import { EMPTY_ADDRESS } from './seed';

/** A German business set up for e-invoices: VAT ID, contact, electronic address, bank details. */
export const GERMAN_PROFILE = {
  name: 'Müller Webdesign GmbH',
  address: {
    line1: 'Hauptstraße 5',
    line2: '',
    city: 'Berlin',
    region: '',
    postalCode: '10115',
    country: 'Deutschland',
  },
  email: 'rechnung@mueller.example',
  phone: '+49 30 1234567',
  website: 'mueller.example',
  taxNumber: '30/123/45678',
  vatId: 'DE123456789',
  legalRegistration: 'HRB 12345 B',
  electronicAddress: 'rechnung@mueller.example',
  electronicAddressScheme: 'EM',
  contactName: 'Anna Müller',
  contactPhone: '+49 30 1234567',
  contactEmail: 'anna@mueller.example',
};

export async function seedGermanBusiness(t: TestFolio) {
  await t.call('settings.completeSetup', {
    profile: GERMAN_PROFILE,
    preferences: {
      baseCurrency: 'EUR',
      locale: 'de-DE',
      defaultPaymentTerms: { kind: 'net', days: 14 },
      fiscalYearStartMonth: 1,
      fiscalYearStartDay: 1,
    },
  });
  await t.call('printing.updateSettings', {
    paperSize: 'A4',
    accentColor: '#3B5BDB',
    addressPosition: 'din5008',
    fileNamePattern: '{number} {customer}',
    showLogo: true,
    epcQr: true,
    defaultFooter: '',
    paymentInstructions: '',
    bankName: 'Berliner Bank',
    accountHolder: 'Müller Webdesign GmbH',
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
  });
  const vat19 = await t.call('taxes.create', { name: 'USt 19%', percent: '19' });
  const vat7 = await t.call('taxes.create', { name: 'USt 7%', percent: '7' });
  const reverse = await t.call('taxes.create', {
    name: 'Reverse charge',
    percent: '0',
    kind: 'exempt',
    vatCategory: 'AE',
    reason: 'Steuerschuldnerschaft des Leistungsempfängers (reverse charge)',
  });
  const exempt = await t.call('taxes.create', {
    name: 'Steuerfrei §4 Nr. 21',
    percent: '0',
    kind: 'exempt',
    vatCategory: 'E',
    vatexCode: 'VATEX-EU-132',
    reason: 'Steuerfreie Bildungsleistung nach §4 Nr. 21 UStG',
  });
  const zero = await t.call('taxes.create', { name: 'Zero rated', percent: '0', kind: 'zero_rated' });
  const exportG = await t.call('taxes.create', {
    name: 'Export',
    percent: '0',
    kind: 'zero_rated',
    vatCategory: 'G',
    reason: 'Steuerfreie Ausfuhrlieferung',
  });
  const customer = async (
    name: string,
    address: Partial<typeof EMPTY_ADDRESS>,
    extra: Record<string, unknown> = {},
  ) =>
    (
      await t.call('customers.create', {
        name,
        contactPerson: '',
        emails: [{ email: 'einkauf@kunde.example', billing: true }],
        billingAddress: { ...EMPTY_ADDRESS, ...address },
        shippingAddress: EMPTY_ADDRESS,
        currency: 'EUR',
        paymentTerms: { kind: 'net', days: 30 },
        electronicAddress: 'einkauf@kunde.example',
        electronicAddressScheme: 'EM',
        ...extra,
      })
    ).customer;
  const behoerde = await customer(
    'Bezirksamt Mitte',
    { line1: 'Karl-Marx-Allee 31', city: 'Berlin', postalCode: '10178', country: 'DE' },
    { buyerReference: '04011000-12345-03', einvoiceFormat: 'xrechnung-ubl', taxNumber: 'DE987654321' },
  );
  const french = await customer(
    'Société Lumière SARL',
    { line1: '3 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'France' },
    { taxNumber: 'FR12345678901', buyerReference: 'PO-FR-1' },
  );
  const american = await customer(
    'Acme Corp',
    { line1: '1 Main St', city: 'Springfield', postalCode: '62701', region: 'IL', country: 'USA' },
    { currency: 'USD', buyerReference: 'ACME-7' },
  );
  const greek = await customer(
    'Ελληνική Εταιρεία Α.Ε.',
    { line1: 'Οδός Σταδίου 10', city: 'Αθήνα', postalCode: '10564', country: 'GR' },
    { buyerReference: 'ΑΡ-1' },
  );
  const cyrillic = await customer(
    'ООО «Ромашка»',
    { line1: 'ул. Тверская, 7', city: 'Sofia', postalCode: '1000', country: 'BG' },
    { buyerReference: 'БГ-1' },
  );
  return { vat19, vat7, reverse, exempt, zero, exportG, behoerde, french, american, greek, cyrillic };
}

export type GermanSeed = Awaited<ReturnType<typeof seedGermanBusiness>>;

const line = (description: string, quantity: string, unitPrice: number, taxId: number, unit = 'hour') => ({
  description,
  quantity,
  unit,
  unitPrice,
  taxIds: [taxId],
});

/** The scenarios every format must pass: name → document input. */
export function scenarios(s: GermanSeed): Record<string, DocumentInput> {
  const base = (
    customerId: number,
    lines: DocumentInput['lines'],
    extra: Partial<DocumentInput> = {},
  ): DocumentInput => ({
    type: 'invoice',
    customerId,
    issueDate: '2026-11-02',
    due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
    currency: 'EUR',
    deliveryDate: '2026-10-30',
    lines,
    ...extra,
  });
  return {
    mixed: base(s.behoerde.id, [
      line('Webdesign', '12.5', 9500, s.vat19.id),
      line('Fachbuch', '3', 2999, s.vat7.id, 'piece'),
      line('Hosting', '1', 1999, s.vat19.id, 'month'),
      line('Zeitschrift', '7', 333, s.vat7.id, 'Stk'),
    ]),
    reverse: base(s.french.id, [
      line('Consulting', '8', 12000, s.reverse.id),
      line('Travel day', '1', 45000, s.reverse.id, 'day'),
    ]),
    exempt: base(s.behoerde.id, [line('Seminar', '2', 49000, s.exempt.id, 'day')]),
    zero: base(s.behoerde.id, [line('Zero rated goods', '5', 1000, s.zero.id, 'kg')]),
    export: base(s.american.id, [line('Software licence', '1', 150000, s.exportG.id, 'piece')], {
      currency: 'USD',
      exchangeRate: '0.92',
    }),
    discounts: base(
      s.behoerde.id,
      [
        { ...line('Webdesign', '10', 9500, s.vat19.id), discount: { kind: 'percent', percent: '10' } },
        { ...line('Bücher', '4', 1995, s.vat7.id, 'piece'), discount: { kind: 'amount', amount: 500 } },
        line('Wartung', '3', 3333, s.vat19.id),
      ],
      { discount: { kind: 'percent', percent: '5' }, shipping: 1490, shippingTaxIds: [s.vat19.id] },
    ),
    inclusive: base(
      s.behoerde.id,
      [
        line('Kurs', '3', 11900, s.vat19.id),
        line('Buch', '2', 2140, s.vat7.id, 'piece'),
        line('Snack', '7', 299, s.vat7.id, 'piece'),
      ],
      { pricesIncludeTax: true, discount: { kind: 'amount', amount: 1000 } },
    ),
    usd: base(s.american.id, [line('Design (USD)', '4', 12500, s.vat19.id)], {
      currency: 'USD',
      exchangeRate: '0.92',
    }),
    thousand: base(
      s.behoerde.id,
      Array.from({ length: 1000 }, (_, i) =>
        line(`Position ${i + 1}`, String(1 + (i % 3)), 1000 + i, i % 2 ? s.vat7.id : s.vat19.id),
      ),
    ),
    greek: base(s.greek.id, [line('Σχεδιασμός ιστοσελίδας', '3', 8000, s.vat19.id)]),
    cyrillic: base(s.cyrillic.id, [line('Разработка сайта', '2', 7000, s.vat19.id)]),
  };
}
