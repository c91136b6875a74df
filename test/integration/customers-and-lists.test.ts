import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { EMPTY_ADDRESS, invoiceInput, seedBusiness, type Seed } from '../helpers/seed';

let t: TestFolio;
let seed: Seed;
beforeEach(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T10:00:00Z') });
  seed = await seedBusiness(t);
});
afterEach(async () => t.close());

const customer = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  billingAddress: EMPTY_ADDRESS,
  shippingAddress: EMPTY_ADDRESS,
  currency: 'EUR',
  paymentTerms: { kind: 'net' as const, days: 30 },
  ...extra,
});

describe('customers', () => {
  it('warns about a new customer with the same name, email or tax number, and still saves it', async () => {
    await t.call('customers.update', {
      ...customer('Brightside Cafés Ltd', {
        taxNumber: 'IE 9876543 W',
        emails: [{ email: 'accounts@brightside.example', billing: true }],
      }),
      id: seed.customer.id,
    });
    const live = await t.call('customers.checkDuplicates', {
      name: 'brightside cafés ltd',
      emails: [],
      taxNumber: '',
    });
    expect(live.map((w) => w.field)).toEqual(['name']);
    const { customer: created, warnings } = await t.call(
      'customers.create',
      customer('Brightside Cafes Limited', {
        taxNumber: 'ie9876543w',
        emails: [{ email: 'ACCOUNTS@brightside.example', billing: true }],
      }),
    );
    expect(warnings.map((w) => [w.field, w.customerId])).toEqual([
      ['email', seed.customer.id],
      ['taxNumber', seed.customer.id],
    ]);
    expect(created.id).toBeGreaterThan(seed.customer.id);
  });

  it('marks one email for billing and refuses two', async () => {
    const { customer: c } = await t.call(
      'customers.create',
      customer('Two Mails', {
        emails: [
          { email: 'a@x.example', billing: false },
          { email: 'b@x.example', billing: false },
        ],
      }),
    );
    expect(c.emails).toEqual([
      { email: 'a@x.example', billing: true },
      { email: 'b@x.example', billing: false },
    ]);
    const bad = await t.raw(
      'customers.create',
      customer('Bad Mails', {
        emails: [
          { email: 'a@x.example', billing: true },
          { email: 'b@x', billing: false },
        ],
      }),
    );
    expect(bad).toMatchObject({ ok: false, error: { field: 'emails.1.email' } });
  });

  it('a customer with documents is archived, not deleted; a new one can be deleted', async () => {
    await t.call('documents.create', invoiceInput(seed));
    expect(await t.raw('customers.delete', { id: seed.customer.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/archived/) },
    });
    await t.call('customers.setArchived', { id: seed.customer.id, archived: true });
    expect((await t.call('customers.list', {})).rows.map((r) => r.name)).toEqual([]);
    expect((await t.call('customers.list', { includeArchived: true })).rows.map((r) => r.archived)).toEqual([
      true,
    ]);
    expect(await t.raw('documents.create', invoiceInput(seed))).toMatchObject({
      ok: false,
      error: { field: 'customerId', message: expect.stringMatching(/archived/) },
    });
    const { customer: fresh } = await t.call('customers.create', customer('Short-lived'));
    expect(await t.call('customers.delete', { id: fresh.id })).toEqual({ deleted: true });
  });

  it('shows balance, overdue and credit on the customer page', async () => {
    const a = await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed, { issueDate: '2026-10-01' }))).id,
    });
    await t.call('documents.issue', {
      id: (await t.call('documents.create', invoiceInput(seed, { issueDate: '2026-11-15' }))).id,
    });
    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-19',
      amount: 30000,
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: a.id, amount: 20910 }],
    });
    const page = await t.call('customers.get', { id: seed.customer.id });
    expect(page.balances).toEqual([{ currency: 'EUR', amount: 20910, overdue: 0 }]);
    expect(page.credit).toEqual([{ currency: 'EUR', amount: 9090 }]);
    const list = await t.call('customers.list', { search: 'bright' });
    expect(list.rows[0]).toMatchObject({
      name: 'Brightside Cafés Ltd',
      balances: [{ currency: 'EUR', amount: 20910 }],
      billingEmail: 'accounts@brightside.example',
    });
  });
});

describe('document lists', () => {
  it('search, filters, sorting and the totals of the filtered set', async () => {
    const { customer: other } = await t.call(
      'customers.create',
      customer('Zoë Müller Design', { currency: 'USD' }),
    );
    const mk = async (overrides: Parameters<typeof invoiceInput>[1], issue = true) => {
      const d = await t.call('documents.create', invoiceInput(seed, overrides));
      return issue ? t.call('documents.issue', { id: d.id }) : d;
    };
    const a = await mk({ issueDate: '2026-09-01', reference: 'PO-7781' });
    const b = await mk({ issueDate: '2026-11-10' });
    const c = await mk({
      customerId: other.id,
      currency: 'USD',
      exchangeRate: '0.92',
      issueDate: '2026-11-12',
    });
    const draft = await mk({ issueDate: '2026-11-15' }, false);

    const all = await t.call('documents.list', { type: 'invoice' });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.id)).toEqual([draft.id, c.id, b.id, a.id]);
    expect(
      (await t.call('documents.list', { type: 'invoice', sort: 'customer', direction: 'asc' })).rows.at(-1)!
        .id,
    ).toBe(c.id);

    // Full-text: accents do not matter, prefixes match, numbers and references are found.
    expect(
      (await t.call('documents.list', { type: 'invoice', search: 'zoe mull' })).rows.map((r) => r.id),
    ).toEqual([c.id]);
    expect(
      (await t.call('documents.list', { type: 'invoice', search: 'INV-2026-0002' })).rows.map((r) => r.id),
    ).toEqual([b.id]);
    expect(
      (await t.call('documents.list', { type: 'invoice', search: 'PO-7781' })).rows.map((r) => r.id),
    ).toEqual([a.id]);

    expect(
      (await t.call('documents.list', { type: 'invoice', statuses: ['overdue'] })).rows.map((r) => r.id),
    ).toEqual([a.id]);
    expect(
      (await t.call('documents.list', { type: 'invoice', statuses: ['draft'] })).rows.map((r) => r.id),
    ).toEqual([draft.id]);
    expect(
      (await t.call('documents.list', { type: 'invoice', from: '2026-11-01', to: '2026-11-12' })).total,
    ).toBe(2);
    expect(
      (await t.call('documents.list', { type: 'invoice', customerId: other.id })).rows.map((r) => r.id),
    ).toEqual([c.id]);

    // Totals per currency, from the summary table (no filters) and from a filtered query alike.
    expect(await t.call('documents.totals', { type: 'invoice' })).toEqual([
      { currency: 'EUR', count: 3, total: 3 * 20910, balance: 2 * 20910 },
      { currency: 'USD', count: 1, total: 20910, balance: 20910 },
    ]);
    expect(await t.call('documents.totals', { type: 'invoice', statuses: ['overdue', 'issued'] })).toEqual([
      { currency: 'EUR', count: 2, total: 2 * 20910, balance: 2 * 20910 },
      { currency: 'USD', count: 1, total: 20910, balance: 20910 },
    ]);
    expect(await t.call('documents.totals', { type: 'invoice', statuses: ['draft'] })).toEqual([
      { currency: 'EUR', count: 1, total: 20910, balance: 0 },
    ]);
  });
});
