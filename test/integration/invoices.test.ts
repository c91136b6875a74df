import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, TEST_ENGINE, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';

let t: TestFolio;
let seed: Seed;
const clock = fixedClock('2026-11-20T10:00:00Z');

beforeEach(async () => {
  clock.set('2026-11-20T10:00:00Z');
  t = await openTestFolio({ clock });
  seed = await seedBusiness(t);
});
afterEach(async () => t.close());

describe('invoices', () => {
  it('three lines, two tax rates and a line discount: totals computed by hand', async () => {
    const doc = await t.call('documents.create', {
      ...invoiceInput(seed),
      lines: [
        {
          itemId: seed.design.id,
          description: 'Menu design',
          quantity: '6.5',
          unitPrice: 8500,
          taxIds: [seed.vat23.id],
        },
        {
          itemId: seed.prints.id,
          description: 'Printed menus',
          quantity: '120',
          unitPrice: 250,
          taxIds: [seed.vat9.id],
          discount: { kind: 'percent', percent: '10' },
        },
        { description: 'Delivery', quantity: '1', unitPrice: 1500, taxIds: [seed.vat23.id] },
      ],
    });
    // 6.5 × 85.00 = 552.50; 120 × 2.50 = 300.00 − 10% = 270.00; delivery 15.00.
    expect(doc.lines.map((l) => l.net)).toEqual([55250, 27000, 1500]);
    // VAT 23% on 552.50 = 127.075 → 127.08 and on 15.00 = 3.45; VAT 9% on 270.00 = 24.30.
    expect(doc.lines.map((l) => l.tax)).toEqual([12708, 2430, 345]);
    expect(doc.totals.taxes.map((x) => [x.name, x.base, x.amount])).toEqual([
      ['VAT 23%', 56750, 13053],
      ['VAT 9%', 27000, 2430],
    ]);
    expect(doc.total).toBe(55250 + 27000 + 1500 + 12708 + 2430 + 345);
    expect(doc.status).toBe('draft');
    expect(doc.number).toBeNull();
    expect(doc.dueDate).toBe('2026-11-16');
  });

  it('issue gives the next number; partial then full payment: partially paid, then paid', async () => {
    const draft = await t.call('documents.create', invoiceInput(seed));
    const issued = await t.call('documents.issue', { id: draft.id });
    expect(issued.number).toBe('INV-2026-0001');
    expect(issued.status).toBe('issued');
    expect(issued.balance).toBe(20910);

    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-10',
      amount: 10000,
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId: draft.id, amount: 10000 }],
    });
    let inv = await t.call('documents.get', { id: draft.id });
    expect([inv.status, inv.paid, inv.balance]).toEqual(['partially_paid', 10000, 10910]);

    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-15',
      amount: 10910,
      currency: 'EUR',
      method: 'card',
      allocations: [{ invoiceId: draft.id, amount: 10910 }],
    });
    inv = await t.call('documents.get', { id: draft.id });
    expect([inv.status, inv.balance, inv.displayStatus]).toEqual(['paid', 0, 'paid']);
    expect(inv.allocations.map((a) => a.amount)).toEqual([10000, 10910]);
  });

  it('an unpaid invoice past its due date shows as overdue', async () => {
    const inv = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed, { issueDate: '2026-10-01' }))).id,
    });
    expect(inv.displayStatus).toBe('overdue');
    const list = await t.call('documents.list', { type: 'invoice', statuses: ['overdue'] });
    expect(list.rows.map((r) => r.id)).toEqual([inv.id]);
  });

  it('issued invoices are locked; void keeps the number and needs a reason; payments block a void', async () => {
    const inv = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    expect(await t.raw('documents.update', { ...invoiceInput(seed), id: inv.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/credit note/) },
    });
    expect(await t.raw('documents.void', { id: inv.id, reason: ' ' })).toMatchObject({
      ok: false,
      error: { field: 'reason' },
    });
    const pay = await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-10',
      amount: 500,
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: inv.id, amount: 500 }],
    });
    expect(await t.raw('documents.void', { id: inv.id, reason: 'Wrong customer' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await t.call('payments.undo', { id: pay.id, reason: 'Recorded on the wrong invoice' });
    const voided = await t.call('documents.void', { id: inv.id, reason: 'Wrong customer' });
    expect([voided.status, voided.number, voided.voidReason, voided.balance]).toEqual([
      'void',
      'INV-2026-0001',
      'Wrong customer',
      0,
    ]);
    // The number is not reused.
    const next = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    expect(next.number).toBe('INV-2026-0002');
  });

  it('a quote is sent, accepted and converted to a linked invoice', async () => {
    const quote = await t.call('documents.create', {
      ...invoiceInput(seed),
      type: 'quote',
      due: { kind: 'date', date: '2026-12-20' },
    });
    const sent = await t.call('quotes.setStatus', { id: quote.id, status: 'sent' });
    expect(sent.number).toBe('QUO-2026-0001');
    const invoice = await t.call('quotes.convert', { id: quote.id });
    expect(invoice.type).toBe('invoice');
    expect(invoice.status).toBe('draft');
    expect(invoice.total).toBe(quote.total);
    expect(invoice.related).toEqual([
      { id: quote.id, type: 'quote', number: 'QUO-2026-0001', relation: 'From quote' },
    ]);
    const after = await t.call('documents.get', { id: quote.id });
    expect(after.status).toBe('accepted');
    expect(after.related[0]).toMatchObject({ id: invoice.id, relation: 'Converted to invoice' });
    expect(await t.raw('quotes.convert', { id: quote.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('a credit note reduces the balance of its invoice', async () => {
    const inv = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    const draft = await t.call('creditNotes.fromInvoice', { invoiceId: inv.id });
    expect(draft.type).toBe('credit_note');
    // Credit one of the two hours.
    const edited = await t.call('documents.update', {
      ...invoiceInput(seed),
      id: draft.id,
      type: 'credit_note',
      relatedId: inv.id,
      due: { kind: 'date', date: '2026-11-20' },
      lines: [
        {
          description: 'Logo design: one hour not delivered',
          quantity: '1',
          unitPrice: 8500,
          taxIds: [seed.vat23.id],
        },
      ],
    });
    const cn = await t.call('documents.issue', { id: edited.id });
    expect(cn.number).toBe('CN-2026-0001');
    expect(cn.status).toBe('applied');
    const after = await t.call('documents.get', { id: inv.id });
    expect([after.credited, after.balance, after.status]).toEqual([10455, 10455, 'partially_paid']);
  });

  it('a credit note without an invoice is customer credit, applied later', async () => {
    const cn = await t.call('documents.issue', {
      id: (
        await t.call('documents.create', {
          ...invoiceInput(seed),
          type: 'credit_note',
          due: { kind: 'date', date: '2026-11-20' },
        })
      ).id,
    });
    expect([cn.status, cn.balance]).toEqual(['issued', 20910]);
    expect((await t.call('customers.get', { id: seed.customer.id })).credit).toEqual([
      { currency: 'EUR', amount: 20910 },
    ]);
    const inv = await t.call('documents.issue', {
      id: (
        await t.call(
          'documents.create',
          invoiceInput(seed, { lines: [{ description: 'Small job', quantity: '1', unitPrice: 5000 }] }),
        )
      ).id,
    });
    await t.call('creditNotes.apply', {
      creditNoteId: cn.id,
      invoiceId: inv.id,
      amount: 5000,
      date: '2026-11-20',
    });
    expect((await t.call('documents.get', { id: inv.id })).status).toBe('paid');
    expect((await t.call('documents.get', { id: cn.id })).balance).toBe(15910);
  });

  it('one payment split over two invoices; the overpayment becomes credit; undo gives it all back', async () => {
    const a = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    const b = await t.call('documents.issue', {
      id: (
        await t.call(
          'documents.create',
          invoiceInput(seed, { lines: [{ description: 'Extra', quantity: '1', unitPrice: 10000 }] }),
        )
      ).id,
    });
    const pay = await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-18',
      amount: 40000,
      currency: 'EUR',
      method: 'bank_transfer',
      reference: 'TRF-991',
      allocations: [
        { invoiceId: a.id, amount: 20910 },
        { invoiceId: b.id, amount: 10000 },
      ],
    });
    expect(pay.unapplied).toBe(9090);
    expect((await t.call('customers.get', { id: seed.customer.id })).credit).toEqual([
      { currency: 'EUR', amount: 9090 },
    ]);
    const c = await t.call('documents.issue', {
      id: (
        await t.call(
          'documents.create',
          invoiceInput(seed, { lines: [{ description: 'More', quantity: '1', unitPrice: 9000 }] }),
        )
      ).id,
    });
    await t.call('payments.applyCredit', {
      paymentId: pay.id,
      invoiceId: c.id,
      amount: 9000,
      date: '2026-11-19',
    });
    expect((await t.call('documents.get', { id: c.id })).status).toBe('paid');

    const undone = await t.call('payments.undo', { id: pay.id, reason: 'Bounced' });
    expect(undone.undone).toBe(true);
    for (const inv of [a, b, c]) {
      const now = await t.call('documents.get', { id: inv.id });
      expect([now.status, now.balance]).toEqual(['issued', inv.total]);
    }
    const audit = await t.call('audit.list', { entity: 'payment', entityId: String(pay.id) });
    expect(audit.entries.map((e) => e.action)).toEqual(['undo', 'apply_credit', 'record']);
  });

  it('rejects allocations that do not fit, saving nothing', async () => {
    const a = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    const tooMuch = await t.raw('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-18',
      amount: 50000,
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: a.id, amount: 30000 }],
    });
    expect(tooMuch).toMatchObject({ ok: false, error: { field: 'allocations.0.amount' } });
    const moreThanPaid = await t.raw('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-18',
      amount: 100,
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: a.id, amount: 200 }],
    });
    expect(moreThanPaid).toMatchObject({ ok: false, error: { field: 'amount' } });
    expect((await t.call('payments.list', {})).total).toBe(0);
    expect((await t.call('documents.get', { id: a.id })).balance).toBe(a.total);
  });

  it('issuing 200 invoices in a tight loop gives 200 distinct, consecutive numbers', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push((await t.call('documents.create', invoiceInput(seed))).id);
    const numbers = await Promise.all(
      ids.map(async (id) => (await t.call('documents.issue', { id })).number),
    );
    expect(new Set(numbers).size).toBe(200);
    const consecutive = ids.map((_, i) => `INV-2026-${String(i + 1).padStart(4, '0')}`);
    // One app on a local file serves calls in the order they came; on shared books calls sent
    // at the same moment run side by side on several connections, so which of them takes the
    // number first is open there — the numbers are still 1 to 200, each once.
    if (TEST_ENGINE === 'sqlite') expect(numbers).toEqual(consecutive);
    else expect([...numbers].sort()).toEqual(consecutive);
  });

  it('the next number can only move forward past issued numbers', async () => {
    await t.call('documents.issue', { id: (await t.call('documents.create', invoiceInput(seed))).id });
    await t.call('documents.issue', { id: (await t.call('documents.create', invoiceInput(seed))).id });
    const back = await t.raw('settings.updateNumbering', {
      docType: 'invoice',
      prefix: 'INV-',
      includeYear: true,
      padding: 4,
      nextNumber: 2,
    });
    expect(back).toMatchObject({
      ok: false,
      error: { field: 'nextNumber', message: expect.stringMatching(/Choose 3 or more/) },
    });
    await t.call('settings.updateNumbering', {
      docType: 'invoice',
      prefix: 'INV-',
      includeYear: true,
      padding: 4,
      nextNumber: 500,
    });
    const next = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    expect(next.number).toBe('INV-2026-0500');
  });

  it('duplicates any document as a new draft', async () => {
    const inv = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    const copy = await t.call('documents.duplicate', { id: inv.id });
    expect([copy.status, copy.number, copy.total, copy.issueDate]).toEqual([
      'draft',
      null,
      inv.total,
      '2026-11-20',
    ]);
    expect(copy.lines.map((l) => l.description)).toEqual(inv.lines.map((l) => l.description));
  });
});

describe('bad input gets a clear message and nothing is half-saved', () => {
  const countDocs = async () => (await t.call('documents.list', { type: 'invoice' })).total;

  it.each([
    [
      'a quantity of "abc"',
      () => invoiceInput(seed, { lines: [{ description: 'x', quantity: 'abc', unitPrice: 100 }] }),
      'lines.0.quantity',
      /Quantity must be a number/,
    ],
    [
      'no customer',
      () => ({ ...invoiceInput(seed), customerId: undefined }),
      'customerId',
      /Choose a customer/,
    ],
    [
      'a due date before the issue date',
      () => invoiceInput(seed, { due: { kind: 'date', date: '2026-11-01' } }),
      'due.date',
      /on or after the issue date, 2026-11-02/,
    ],
    ['an unknown currency', () => invoiceInput(seed, { currency: 'ABC' }), 'currency', /ISO 4217/],
    [
      'a 10,000-line invoice',
      () =>
        invoiceInput(seed, {
          lines: Array.from({ length: 10_000 }, () => ({ description: 'x', quantity: '1', unitPrice: 1 })),
        }),
      'lines',
      /at most 1,000 lines/,
    ],
    [
      'a 1 MB description',
      () =>
        invoiceInput(seed, {
          lines: [{ description: 'x'.repeat(1024 * 1024), quantity: '1', unitPrice: 1 }],
        }),
      'lines.0.description',
      /at most 5000 characters/,
    ],
    [
      'a total below zero',
      () => invoiceInput(seed, { lines: [{ description: 'Refund', quantity: '1', unitPrice: -5000 }] }),
      'lines',
      /credit note/,
    ],
  ])('%s', async (_what, input, field, message) => {
    const auditBefore = (await t.call('audit.list', {})).entries.length;
    const result = await t.raw('documents.create', input());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
    expect(await countDocs()).toBe(0);
    expect((await t.call('audit.list', {})).entries.length).toBe(auditBefore);
  });
});
