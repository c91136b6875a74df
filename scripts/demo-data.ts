/**
 * Fills a data folder with a small, realistic business for demos and screenshots:
 *   npx tsx scripts/demo-data.ts --data /tmp/folio-demo
 * It goes through the real dispatcher, so everything is validated and audited as if typed.
 */
import { parseArgs } from 'node:util';
import { openFolio } from '../src/main/app';
import { silentLogger } from '../src/main/log';
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
    preferences: {
      baseCurrency: 'EUR',
      locale: 'en-IE',
      defaultPaymentTerms: { kind: 'net', days: 30 },
      fiscalYearStartMonth: 1,
      fiscalYearStartDay: 1,
    },
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
  });
  await folio.close();
  console.log(`Demo data written to ${values.data}`);
}

void main();
