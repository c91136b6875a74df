/**
 * Calls that arrive together (the browser bridge serves several at once) interleave at every
 * database await now that the store is asynchronous. Each write is one transaction: these
 * prove that no two calls see or change a half-made state of the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';

let t: TestFolio;
let seed: Seed;

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T10:00:00Z') });
  seed = await seedBusiness(t);
});
afterAll(async () => t.close());

describe('calls at the same time', () => {
  it('60 invoices issued at once get 60 consecutive numbers, none twice', async () => {
    const drafts = [];
    for (let i = 0; i < 60; i++) drafts.push(await t.call('documents.create', invoiceInput(seed)));
    const issued = await Promise.all(drafts.map((d) => t.call('documents.issue', { id: d.id })));
    const numbers = issued.map((d) => Number(d.number!.slice(-4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(60);
    expect(numbers[59]! - numbers[0]!).toBe(59);
  });

  it('the same full payment posted twice at once is recorded once; the invoice is not overpaid', async () => {
    const draft = await t.call('documents.create', invoiceInput(seed));
    const invoice = await t.call('documents.issue', { id: draft.id });
    const pay = () =>
      t.raw('payments.record', {
        customerId: invoice.customerId,
        date: '2026-11-20',
        amount: invoice.balance,
        currency: invoice.currency,
        method: 'bank_transfer',
        reference: 'same transfer',
        notes: '',
        allocations: [{ invoiceId: invoice.id, amount: invoice.balance }],
      });
    const results = await Promise.all([pay(), pay(), pay()]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r.ok ? '' : r.error.code).toBe('VALIDATION');
    const after = await t.call('documents.get', { id: invoice.id });
    expect(after).toMatchObject({ balance: 0, status: 'paid' });
  });
  it('a credit note applied to two invoices at once is never spent twice', async () => {
    // A credit note of 20910 (customer credit, no invoice) and two invoices of 20910 each.
    const cn = await t.call('documents.issue', {
      id: (
        await t.call('documents.create', {
          ...invoiceInput(seed),
          type: 'credit_note',
          due: { kind: 'date', date: '2026-11-20' },
        })
      ).id,
    });
    const invoices = [];
    for (let i = 0; i < 2; i++)
      invoices.push(
        await t.call('documents.issue', { id: (await t.call('documents.create', invoiceInput(seed))).id }),
      );
    const results = await Promise.all(
      invoices.map((inv) =>
        t.raw('creditNotes.apply', {
          creditNoteId: cn.id,
          invoiceId: inv.id,
          amount: cn.balance,
          date: '2026-11-20',
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r.ok ? '' : r.error.code).toBe('VALIDATION');
    expect(await t.call('documents.get', { id: cn.id })).toMatchObject({ balance: 0, status: 'applied' });
    const credited = await Promise.all(
      invoices.map(async (inv) => (await t.call('documents.get', { id: inv.id })).credited),
    );
    expect(credited.reduce((a, b) => a + b, 0)).toBe(cn.total);
  });

  it('the same draft issued three times at once is issued once, with one number', async () => {
    const draft = await t.call('documents.create', invoiceInput(seed));
    const results = await Promise.all([1, 2, 3].map(() => t.raw('documents.issue', { id: draft.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r.ok ? '' : r.error.code).toBe('CONFLICT');
    const issued = await t.call('documents.get', { id: draft.id });
    // The next invoice takes the number right after it: no number was used up by the others.
    const next = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    expect(Number(next.number!.slice(-4))).toBe(Number(issued.number!.slice(-4)) + 1);
  });
  it('a payment undone twice at once is undone once; the second is refused', async () => {
    const invoice = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed))).id,
    });
    const payment = await t.call('payments.record', {
      customerId: invoice.customerId,
      date: '2026-11-20',
      amount: invoice.balance,
      currency: invoice.currency,
      method: 'bank_transfer',
      allocations: [{ invoiceId: invoice.id, amount: invoice.balance }],
    });
    const results = await Promise.all(
      [1, 2].map(() => t.raw('payments.undo', { id: payment.id, reason: 'Bounced' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONFLICT']);
    expect(await t.call('documents.get', { id: invoice.id })).toMatchObject({
      balance: invoice.total,
      status: 'issued',
    });
  });
  it('a quote converted twice at once makes one invoice', async () => {
    const quote = await t.call('documents.create', {
      ...invoiceInput(seed),
      type: 'quote',
      due: { kind: 'date', date: '2026-12-20' },
    });
    await t.call('quotes.setStatus', { id: quote.id, status: 'sent' });
    const results = await Promise.all([1, 2].map(() => t.raw('quotes.convert', { id: quote.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONFLICT']);
    const after = await t.call('documents.get', { id: quote.id });
    expect(after.related.filter((r) => r.type === 'invoice')).toHaveLength(1);
  });
});
