/**
 * Fills a data folder with a small, realistic business for demos and screenshots:
 *   npx tsx scripts/demo-data.ts --data /tmp/folio-demo
 * It goes through the real dispatcher, so everything is validated and audited as if typed.
 */
import { parseArgs } from 'node:util';
import { openFolio } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { DEFAULT_PREFERENCES } from '../src/main/services/settings';
import { addDays, localToday } from '../src/shared/domain/dates';
import type { Input, Method, Output } from '../src/shared/api/contract';
import type { Customer } from '../src/shared/api/customers';
import type { LineInput } from '../src/shared/api/documents';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
if (!values.data) {
  console.error('Usage: npx tsx scripts/demo-data.ts --data DIR');
  process.exit(2);
}

const EMPTY = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

async function main() {
  const folio = await openFolio({
    dataDir: values.data!,
    mode: 'browser',
    version: 'demo',
    log: silentLogger,
  });
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const r = await folio.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message} (${r.error.field ?? ''})`);
    return r.value as Output<M>;
  };
  const today = localToday();
  await call('settings.completeSetup', {
    profile: {
      name: 'Northwind Design Studio',
      address: {
        line1: '14 Harbour Road',
        line2: '',
        city: 'Dublin',
        region: '',
        postalCode: 'D04 K7X2',
        country: 'Ireland',
      },
      email: 'hello@northwind.example',
      phone: '+353 1 555 0142',
      website: 'northwind.example',
      taxNumber: 'IE 6388047V',
    },
    preferences: { ...DEFAULT_PREFERENCES, baseCurrency: 'EUR', locale: 'en-IE' },
  });
  const vat = await call('taxes.create', { name: 'VAT 23%', percent: '23' });
  const reduced = await call('taxes.create', { name: 'VAT 13.5%', percent: '13.5' });
  await call('taxes.create', {
    name: 'Reverse charge',
    percent: '0',
    kind: 'exempt',
    reason: 'Reverse charge: VAT to be accounted for by the recipient (Art. 196 VAT Directive)',
  });
  const design = await call('items.create', {
    name: 'Design work',
    description: 'Senior designer',
    unit: 'hour',
    unitPrice: 9500,
    taxIds: [vat.id],
  });
  const workshop = await call('items.create', {
    name: 'Brand workshop',
    unit: 'day',
    unitPrice: 120000,
    taxIds: [vat.id],
  });
  const print = await call('items.create', {
    name: 'Print run',
    unit: 'piece',
    unitPrice: 180,
    taxIds: [reduced.id],
  });
  const people = [
    ['Brightside Cafés Ltd', 'Niamh Kelly', 'accounts@brightside.example', 'Galway', 'EUR'],
    ['Zoë Müller Architektur', 'Zoë Müller', 'office@mueller-arch.example', 'Berlin', 'EUR'],
    ['Harbour Books', 'Tom Reilly', 'tom@harbourbooks.example', 'Cork', 'EUR'],
    ['Atlantic Surf School', 'Ciara Walsh', 'info@atlanticsurf.example', 'Lahinch', 'EUR'],
    ['Pemberton & Co (UK)', 'James Pemberton', 'ap@pemberton.example', 'London', 'GBP'],
  ] as const;
  const customers: Customer[] = [];
  for (const [name, contact, email, city, currency] of people) {
    const { customer } = await call('customers.create', {
      name,
      contactPerson: contact,
      emails: [{ email, billing: true }],
      billingAddress: {
        ...EMPTY,
        line1: '1 Main Street',
        city,
        country: city === 'Berlin' ? 'Germany' : city === 'London' ? 'United Kingdom' : 'Ireland',
      },
      shippingAddress: EMPTY,
      currency,
      paymentTerms: { kind: 'net', days: currency === 'GBP' ? 45 : 30 },
      defaultTaxId: vat.id,
    });
    customers.push(customer);
  }
  const invoice = async (c: number, daysAgo: number, lines: LineInput[], issue = true) => {
    const cust = customers[c]!;
    const d = await call('documents.create', {
      type: 'invoice',
      customerId: cust.id,
      issueDate: addDays(today, -daysAgo),
      due: { kind: 'terms', terms: cust.paymentTerms },
      currency: cust.currency,
      exchangeRate: cust.currency === 'GBP' ? '1.17' : '1',
      lines,
      reference: daysAgo % 3 === 0 ? `PO-${4400 + daysAgo}` : '',
      notes: 'Thank you for your business.',
    });
    return issue ? call('documents.issue', { id: d.id }) : d;
  };
  const l = (
    item: { id: number; name: string; unitPrice: number; unit: string; taxIds: number[] },
    qty: string,
    extra = {},
  ) => ({
    itemId: item.id,
    description: item.name,
    quantity: qty,
    unit: item.unit,
    unitPrice: item.unitPrice,
    taxIds: item.taxIds,
    ...extra,
  });
  const a = await invoice(0, 70, [
    l(design, '12.5'),
    l(print, '400', { discount: { kind: 'percent', percent: '10' } }),
  ]);
  await call('payments.record', {
    customerId: customers[0]!.id,
    date: addDays(today, -40),
    amount: a.total,
    currency: 'EUR',
    method: 'bank_transfer',
    reference: 'TRF 88121',
    allocations: [{ invoiceId: a.id, amount: a.total }],
  });
  const b = await invoice(1, 45, [l(workshop, '2'), l(design, '6')]);
  await call('payments.record', {
    customerId: customers[1]!.id,
    date: addDays(today, -10),
    amount: 100000,
    currency: 'EUR',
    method: 'card',
    allocations: [{ invoiceId: b.id, amount: 100000 }],
  });
  await invoice(2, 50, [l(design, '8')]);
  await invoice(3, 12, [l(design, '4.5'), l(print, '250')]);
  await invoice(4, 20, [l(workshop, '1')]);
  await invoice(0, 5, [l(design, '3')]);
  await invoice(2, 1, [l(print, '1200')], false);
  const q = await call('documents.create', {
    type: 'quote',
    customerId: customers[3]!.id,
    issueDate: addDays(today, -3),
    due: { kind: 'date', date: addDays(today, 27) },
    currency: 'EUR',
    lines: [{ kind: 'heading', description: 'Summer campaign' }, l(workshop, '1'), l(design, '20')],
  });
  await call('quotes.setStatus', { id: q.id, status: 'sent' });
  await call('recurring.create', {
    name: 'Monthly retainer — Harbour Books',
    template: {
      customerId: customers[2]!.id,
      due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
      currency: 'EUR',
      lines: [l(design, '10')],
    },
    schedule: { frequency: 'monthly', interval: 1, startDate: addDays(today, -40) },
    mode: 'issue',
    // The two months already past are issued now, as a retainer that ran all along would be.
    catchUp: 'issue',
  });

  // Payables: vendors, bills in various states (one in USD), payments and recurring bills.
  const categories = new Map((await call('expenseCategories.list', {})).map((c) => [c.name, c.id]));
  const vendor = (name: string, currency: string, days: number, category: string, extra = {}) =>
    call('vendors.create', {
      name,
      currency,
      paymentTerms: { kind: 'net', days },
      defaultCategoryId: categories.get(category)!,
      ...extra,
    });
  const landlord = await vendor('Harbour Properties', 'EUR', 5, 'Rent', {
    bankDetails: 'IBAN IE29 AIBK 9311 5212 3456 78',
  });
  const paper = await vendor('Liffey Paper & Print', 'EUR', 30, 'Supplies', {
    earlyPayment: { discountPercent: 2, days: 10 },
  });
  const power = await vendor('Eirpower', 'EUR', 14, 'Utilities');
  const cloud = await vendor('Cloudfront Hosting Inc', 'USD', 30, 'Software');
  const accountant = await vendor('Keane & Co Accountants', 'EUR', 30, 'Professional services');
  const bill = async (
    v: { id: number; defaultCategoryId: number | null },
    number: string,
    daysAgo: number,
    lines: { description: string; unitPrice: number; tax?: number; category?: string }[],
    extra = {},
  ) =>
    (
      await call('bills.create', {
        vendorId: v.id,
        vendorInvoiceNumber: number,
        billDate: addDays(today, -daysAgo),
        lines: lines.map((x) => ({
          description: x.description,
          unitPrice: x.unitPrice,
          tax: x.tax ?? 0,
          categoryId: x.category ? categories.get(x.category)! : v.defaultCategoryId,
        })),
        ...extra,
      })
    ).bill;
  const payBill = (billId: number, daysAgo: number, amount: number, exchangeRate?: string) =>
    call('billPayments.create', {
      paymentDate: addDays(today, -daysAgo),
      method: 'bank_transfer',
      ...(exchangeRate ? { exchangeRate } : {}),
      allocations: [{ billId, amount }],
    });
  const rent = await bill(landlord, 'HP-2201', 33, [{ description: 'Studio rent', unitPrice: 180000 }]);
  await payBill(rent.id, 29, rent.total);
  await bill(landlord, 'HP-2234', 3, [{ description: 'Studio rent', unitPrice: 180000 }]);
  const paperBill = await bill(paper, 'LPP-5120', 48, [
    { description: 'Recycled card stock', unitPrice: 64000, tax: 14720 },
    { description: 'Large-format printer', unitPrice: 120000, tax: 27600, category: 'Equipment' },
  ]);
  await payBill(paperBill.id, 20, 100000);
  await bill(paper, 'LPP-5188', 6, [{ description: 'Toner and paper', unitPrice: 21000, tax: 4830 }]);
  await bill(power, 'EP-88812', 25, [
    { description: 'Electricity, last month', unitPrice: 24500, tax: 3308 },
  ]);
  const hosting = await bill(
    cloud,
    'CF-1093',
    40,
    [{ description: 'Managed hosting, yearly', unitPrice: 150000 }],
    { exchangeRate: '0.92' },
  );
  await payBill(hosting.id, 12, 50000, '0.93');
  await bill(accountant, 'K-417', 15, [{ description: 'Annual accounts', unitPrice: 95000, tax: 21850 }]);
  await call('bills.recurring.create', {
    vendorId: landlord.id,
    name: 'Studio rent',
    frequency: 'monthly',
    interval: 1,
    startDate: addDays(today, 27),
    lines: [{ description: 'Studio rent', unitPrice: 180000, categoryId: categories.get('Rent')! }],
  });
  await call('bills.recurring.create', {
    vendorId: cloud.id,
    name: 'Design software seats',
    frequency: 'monthly',
    interval: 1,
    startDate: addDays(today, 9),
    exchangeRate: '0.92',
    lines: [{ description: '5 seats', unitPrice: 27500, categoryId: categories.get('Software')! }],
  });
  await call('reports.setOpeningBalance', { amount: 1250000, date: today });
  await folio.close();
  console.log(`Demo data written to ${values.data}`);
}

void main();
