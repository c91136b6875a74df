import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { EMPTY_ADDRESS } from '../helpers/seed';
import { SAMPLE_PREFERENCES, SAMPLE_PROFILE } from '../helpers/folio';
import { b64, camt053, type CamtLine } from '../helpers/bank';
import { creditorReference } from '../../src/shared/domain/bank/references';

/**
 * Matching on a generated book with known truth: 1,000 invoices, 300 bills and a 2,000-line
 * statement. Prints precision and recall of the first suggestion per kind of line; where the
 * transfer's reference carries the invoice number or its RF reference, the first suggestion
 * must be right for at least 95 % of the lines.
 */

let t: TestFolio;
let rand: () => number;
beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T10:00:00Z') });
}, 120_000);
afterAll(() => t.close());

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const FIRST = [
  'Alpine',
  'Brightside',
  'Copper',
  'Delta',
  'Evergreen',
  'Fjord',
  'Granite',
  'Harbour',
  'Ivory',
  'Juniper',
];
const SECOND = [
  'Bakery',
  'Studio',
  'Logistics',
  'Dental',
  'Garage',
  'Books',
  'Florist',
  'Printing',
  'Consulting',
  'Cafés',
];
const FORMS = ['Ltd', 'GmbH', 'SARL', 'BV', ''];

function ibanFor(n: number): string {
  // German IBANs with valid check digits: bank code 37040044, account n.
  const bban = `37040044${String(n).padStart(10, '0')}`;
  const numeric = `${bban}131400`; // D=13 E=14 00
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return `DE${String(98 - r).padStart(2, '0')}${bban}`;
}

function spell(number: string, style: number): string {
  const [p, y, n] = number.split('-');
  return [
    `${number}`,
    `${p} ${y} ${n}`,
    `${p!.toLowerCase()}${y}-${n}`,
    `Rechnung ${p}${y}${n} danke`,
    `Invoice no. ${number.toLowerCase()}`,
  ][style % 5]!;
}

it('suggests the right invoice or bill first for a 2,000-line statement', async () => {
  rand = mulberry32(20261120);
  await t.call('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES });
  const vat = await t.call('taxes.create', { name: 'VAT 23%', percent: '23' });
  const customers: { id: number; name: string; iban: string }[] = [];
  for (let i = 0; i < 100; i++) {
    const name = `${FIRST[i % 10]} ${SECOND[Math.floor(i / 10)]} ${FORMS[i % 5]}`.trim();
    const { customer } = await t.call('customers.create', {
      name,
      emails: [],
      billingAddress: EMPTY_ADDRESS,
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
    });
    customers.push({ id: customer.id, name, iban: ibanFor(1000 + i) });
  }
  const invoices: { id: number; number: string; total: number; customer: (typeof customers)[number] }[] = [];
  for (let i = 0; i < 1000; i++) {
    const customer = pick(customers);
    const draft = await t.call('documents.create', {
      type: 'invoice',
      customerId: customer.id,
      issueDate: '2026-10-01',
      due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
      currency: 'EUR',
      lines: [
        {
          description: 'Work',
          quantity: String(1 + Math.floor(rand() * 9)),
          unitPrice: 1000 + Math.floor(rand() * 90000),
          taxIds: [vat.id],
        },
      ],
    });
    const inv = await t.call('documents.issue', { id: draft.id });
    invoices.push({ id: inv.id, number: inv.number!, total: inv.total, customer });
  }
  const vendors: { id: number; name: string; iban: string }[] = [];
  for (let i = 0; i < 30; i++) {
    const iban = ibanFor(5000 + i);
    const name = `${pick(FIRST)} Supplies ${i}`;
    const v = await t.call('vendors.create', {
      name,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
      bankDetails: `IBAN ${iban}`,
    });
    vendors.push({ id: v.id, name, iban });
  }
  const bills: { id: number; number: string; total: number; vendor: (typeof vendors)[number] }[] = [];
  for (let i = 0; i < 300; i++) {
    const vendor = pick(vendors);
    const number = `B${7000 + i}/26`;
    const { bill } = await t.call('bills.create', {
      vendorId: vendor.id,
      vendorInvoiceNumber: number,
      billDate: '2026-10-15',
      lines: [{ description: 'Goods', quantity: 1, unitPrice: 500 + Math.floor(rand() * 200000), tax: 0 }],
    });
    bills.push({ id: bill.id, number, total: bill.total, vendor });
  }

  // The statement, with the truth of each line.
  type Kind = 'number' | 'rf' | 'name-amount' | 'bill-number' | 'bill-iban' | 'noise';
  const truth: { kind: Kind; doc: number | null }[] = [];
  const lines: CamtLine[] = [];
  const add = (kind: Kind, doc: number | null, line: Omit<CamtLine, 'date'>) => {
    truth.push({ kind, doc });
    lines.push({ date: '2026-11-10', ...line });
  };
  const shuffledInvoices = [...invoices].sort(() => rand() - 0.5);
  // 900 transfers naming the invoice (in any spacing), 300 with its RF reference, 200 with name and amount only.
  shuffledInvoices.slice(0, 900).forEach((inv, i) => {
    const partial = i % 10 === 0;
    add('number', inv.id, {
      amount: partial ? Math.floor(inv.total / 2) : inv.total,
      name: inv.customer.name.toUpperCase(),
      reference: spell(inv.number, i),
    });
  });
  invoices
    .slice(0, 300)
    .forEach((inv) =>
      add('rf', inv.id, { amount: inv.total, name: 'Payer', reference: creditorReference(inv.number)! }),
    );
  invoices
    .slice(300, 500)
    .forEach((inv) =>
      add('name-amount', inv.id, { amount: inv.total, name: inv.customer.name, reference: 'Thank you' }),
    );
  bills.slice(0, 250).forEach((b, i) =>
    add('bill-number', b.id, {
      amount: -b.total,
      name: b.vendor.name,
      iban: b.vendor.iban,
      reference: i % 2 ? `Invoice ${b.number}` : `RE ${b.number.replace('/', ' ')}`,
    }),
  );
  bills.slice(250, 300).forEach((b) =>
    add('bill-iban', b.id, {
      amount: -b.total,
      name: b.vendor.name,
      iban: b.vendor.iban,
      reference: 'Payment',
    }),
  );
  for (let i = 0; truth.length < 2000; i++)
    add('noise', null, {
      amount: -(100 + Math.floor(rand() * 5000)),
      name: pick(['CARD PAYMENT', 'ATM', 'BANK FEE', 'TAX OFFICE']),
      reference: `Ref ${i}`,
    });

  const account = await t.call('bank.accounts.create', {
    name: 'Main',
    iban: 'DE89370400440532013000',
    currency: 'EUR',
    openingBalance: 0,
    openingDate: '2026-11-01',
  });
  const imported = await t.call('bank.import.commit', {
    accountId: account.id,
    dataBase64: b64(
      camt053({ iban: 'DE89370400440532013000', opening: 0, openingDate: '2026-11-01', lines }),
    ),
  });
  expect(imported.added).toBe(2000);
  const rows: { id: number }[] = [];
  for (let offset = 0; offset < 2000; offset += 500)
    rows.push(
      ...(await t.call('bank.lines.list', { accountId: account.id, status: 'open', offset, limit: 500 }))
        .rows,
    );
  // Lines come back in booking-date order, then id: the statement's order.
  expect(rows).toHaveLength(2000);

  const stats = new Map<Kind, { lines: number; suggested: number; right: number }>();
  for (let i = 0; i < rows.length; i++) {
    const s = await t.call('bank.lines.suggest', { lineId: rows[i]!.id });
    const { kind, doc } = truth[i]!;
    const st = stats.get(kind) ?? { lines: 0, suggested: 0, right: 0 };
    st.lines++;
    if (s.length > 0) st.suggested++;
    if (doc !== null && s[0]?.allocations.length === 1 && s[0].allocations[0]!.documentId === doc) st.right++;
    stats.set(kind, st);
  }
  const report = [...stats].map(([kind, s]) => {
    if (kind === 'noise')
      return `${kind.padEnd(12)} lines ${String(s.lines).padStart(4)}  with a suggestion (false positives) ${s.suggested}`;
    const precision = s.suggested ? s.right / s.suggested : 1;
    const recall = s.right / s.lines;
    return `${kind.padEnd(12)} lines ${String(s.lines).padStart(4)}  first suggestion right ${String(s.right).padStart(4)}  precision ${(precision * 100).toFixed(1)} %  recall ${(recall * 100).toFixed(1)} %`;
  });
  const all = [...stats.values()];
  const suggested = all.reduce((t, s) => t + s.suggested, 0);
  const rightAll = all.reduce((t, s) => t + s.right, 0);
  const matchable = all.reduce((t, s) => t + s.lines, 0) - stats.get('noise')!.lines;
  report.push(
    `overall      precision ${((rightAll / suggested) * 100).toFixed(1)} %  recall ${((rightAll / matchable) * 100).toFixed(1)} %`,
  );
  console.log(['Bank matching, first suggestion:', ...report].join('\n'));
  const withRef = ['number', 'rf'].map((k) => stats.get(k as Kind)!);
  const right = withRef.reduce((t, s) => t + s.right, 0);
  const total = withRef.reduce((t, s) => t + s.lines, 0);
  expect(right / total).toBeGreaterThanOrEqual(0.95);
  expect(stats.get('bill-number')!.right / stats.get('bill-number')!.lines).toBeGreaterThanOrEqual(0.95);
  // Noise lines (card payments, fees) get no suggestion that claims to be strong.
  expect(stats.get('noise')!.right).toBe(0);
}, 600_000);
