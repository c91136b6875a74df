/**
 * Two people (or two windows) editing the same customer or draft: the second save, made from
 * the version both started with, is refused with who changed it and when — never a silent
 * overwrite — and nothing of it is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';
import { billInput, vendorInput } from '../helpers/payables';

let t: TestFolio;
let seed: Seed;

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T10:00:00Z') });
  seed = await seedBusiness(t);
});
afterAll(async () => t.close());

const editable = <T extends object>(record: T, drop: string[]) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => !drop.includes(k)));

describe('editing the same record twice from the same version', () => {
  it('a customer: the second save is refused with the first editor’s name and time', async () => {
    const { customer } = await t.call('customers.get', { id: seed.customer.id });
    expect(customer.version).toBe(1);
    const fields = editable(customer, ['archived', 'hasDocuments', 'createdAt', 'version']);
    const first = await t.call('customers.update', {
      ...fields,
      name: 'First Name Ltd',
      version: 1,
    } as never);
    expect(first.customer.version).toBe(2);
    const second = await t.raw('customers.update', { ...fields, name: 'Second Name Ltd', version: 1 });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('CONFLICT');
    expect(second.error.message).toMatch(new RegExp(`^Changed by ${t.folio.ctx.user} at .*2026.* — reload`));
    expect((await t.call('customers.get', { id: seed.customer.id })).customer).toMatchObject({
      name: 'First Name Ltd',
      version: 2,
    });
    // Saved again from the version now shown, it goes through.
    const third = await t.call('customers.update', {
      ...fields,
      name: 'Third Name Ltd',
      version: 2,
    } as never);
    expect(third.customer).toMatchObject({ name: 'Third Name Ltd', version: 3 });
  });

  it('a draft invoice: the stale save changes nothing, in the caller’s language', async () => {
    const draft = await t.call('documents.create', invoiceInput(seed));
    expect(draft.version).toBe(1);
    await t.call('documents.update', { ...invoiceInput(seed), id: draft.id, notes: 'first', version: 1 });
    const stale = await t.raw(
      'documents.update',
      { ...invoiceInput(seed), id: draft.id, notes: 'second', version: 1 },
      'de',
    );
    expect(stale.ok ? '' : stale.error.message).toMatch(/^Geändert von .* am .*2026/);
    const now = await t.call('documents.get', { id: draft.id });
    expect(now).toMatchObject({ notes: 'first', version: 2 });
  });
  it('two saves of a customer from the same version at the same moment: one is kept, one refused', async () => {
    const { customer } = await t.call('customers.get', { id: seed.customer.id });
    const fields = editable(customer, ['archived', 'hasDocuments', 'createdAt', 'version']);
    const results = await Promise.all(
      ['Left Ltd', 'Right Ltd'].map((name) =>
        t.raw('customers.update', { ...fields, name, version: customer.version }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONFLICT']);
    const after = (await t.call('customers.get', { id: seed.customer.id })).customer;
    expect(after.version).toBe(customer.version + 1);
  });
});

/**
 * Every other record a second person could edit in a form (migration more-edit-versions):
 * the same rules as for customers and drafts.
 */
interface Kind {
  name: string;
  /** Makes a record; its id. */
  create(i: number): Promise<number>;
  /** Saves the record with `marker` in a free-text field, from `version`. */
  update(id: number, marker: string, version: number): ReturnType<TestFolio['raw']>;
  /** The record's version and the free-text field. */
  read(id: number): Promise<{ version: number; marker: string }>;
}

const FUTURE = '2027-01-01';
let vendorId = 0;
const template = () => {
  const { type: _t, issueDate: _i, relatedId: _r, ...rest } = invoiceInput(seed);
  return rest;
};
const order = (notes: string) => ({
  vendorId,
  orderDate: '2026-11-01',
  tolerancePercent: 5,
  notes,
  lines: [{ description: 'Widgets', quantity: 10, unitPrice: 2_00 }],
});
const recurringBill = (notes: string) => ({
  vendorId,
  name: 'Office rent',
  frequency: 'monthly' as const,
  interval: 1,
  startDate: FUTURE,
  notes,
  lines: [{ description: 'Rent', unitPrice: 1500_00 }],
});
const recurringInvoice = (notes: string) => ({
  name: 'Monthly retainer',
  template: { ...template(), notes },
  schedule: { frequency: 'monthly' as const, interval: 1, startDate: FUTURE },
  mode: 'draft' as const,
});

/** A stale save is refused and changes nothing; two saves from one version at once keep one. */
function versionedSaves(kinds: Kind[]): void {
  it.each(kinds.map((k, i) => [k.name, k, i] as const))(
    '%s: the second save from the same version is refused and changes nothing',
    async (_name, kind, i) => {
      const id = await kind.create(i);
      expect((await kind.read(id)).version).toBe(1);
      const first = await kind.update(id, 'first', 1);
      expect(first.ok ? null : first.error).toBeNull();
      expect(await kind.read(id)).toEqual({ version: 2, marker: 'first' });
      const stale = await kind.update(id, 'second', 1);
      expect(stale.ok).toBe(false);
      if (stale.ok) return;
      expect(stale.error.code).toBe('CONFLICT');
      expect(stale.error.message).toMatch(new RegExp(`^Changed by ${t.folio.ctx.user} at .*2026.* — reload`));
      expect(await kind.read(id)).toEqual({ version: 2, marker: 'first' });
      // From the version now shown it goes through; without a version (an API caller) too.
      expect((await kind.update(id, 'third', 2)).ok).toBe(true);
      expect((await kind.update(id, 'fourth', undefined as never)).ok).toBe(true);
      expect(await kind.read(id)).toEqual({ version: 4, marker: 'fourth' });
    },
  );

  it.each(kinds.map((k, i) => [k.name, k, i] as const))(
    '%s: two saves from the same version at the same moment: one is kept, one refused',
    async (_name, kind, i) => {
      const id = await kind.create(100 + i);
      const results = await Promise.all(['left', 'right'].map((m) => kind.update(id, m, 1)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONFLICT']);
      const kept = results.findIndex((r) => r.ok);
      expect(await kind.read(id)).toEqual({ version: 2, marker: ['left', 'right'][kept] });
    },
  );
}

const KINDS: Kind[] = [
  {
    name: 'a vendor',
    create: async (i) => (await t.call('vendors.create', vendorInput({ name: `Vendor ${i}` }))).id,
    update: (id, notes, version) =>
      t.raw('vendors.update', { ...vendorInput({ name: 'Vendor', notes }), id, version }),
    read: async (id) => {
      const v = await t.call('vendors.get', { id });
      return { version: v.version, marker: v.notes };
    },
  },
  {
    name: 'an item',
    create: async (i) => (await t.call('items.create', { name: `Widget ${i}`, unitPrice: 1_00 })).id,
    update: (id, description, version) =>
      t.raw('items.update', { name: 'Widget', unitPrice: 1_00, description, id, version }),
    read: async (id) => {
      const v = await t.call('items.get', { id });
      return { version: v.version, marker: v.description };
    },
  },
  {
    name: 'a bill',
    create: async (i) =>
      (await t.call('bills.create', billInput(vendorId, { vendorInvoiceNumber: `V-${i}` }))).bill.id,
    update: (id, notes, version) =>
      t.raw('bills.update', {
        ...billInput(vendorId, { vendorInvoiceNumber: `V-${id}`, notes }),
        id,
        version,
      }),
    read: async (id) => {
      const v = await t.call('bills.get', { id });
      return { version: v.version, marker: v.notes };
    },
  },
  {
    name: 'a purchase order',
    create: async () => (await t.call('purchaseOrders.create', order(''))).id,
    update: (id, notes, version) => t.raw('purchaseOrders.update', { ...order(notes), id, version }),
    read: async (id) => {
      const v = await t.call('purchaseOrders.get', { id });
      return { version: v.version, marker: v.notes };
    },
  },
  {
    name: 'a recurring bill template',
    create: async () => (await t.call('bills.recurring.create', recurringBill(''))).id,
    update: (id, notes, version) =>
      t.raw('bills.recurring.update', { id, version, template: recurringBill(notes) }),
    read: async (id) => {
      const v = await t.call('bills.recurring.get', { id });
      return { version: v.version, marker: v.notes };
    },
  },
  {
    name: 'a recurring invoice template',
    create: async () => (await t.call('recurring.create', recurringInvoice(''))).id,
    update: (id, notes, version) => t.raw('recurring.update', { ...recurringInvoice(notes), id, version }),
    read: async (id) => {
      const v = await t.call('recurring.get', { id });
      return { version: v.version, marker: String(v.template.notes) };
    },
  },
];

describe('vendors, items, bills, orders and templates carry edit versions too', () => {
  beforeAll(async () => {
    vendorId = (await t.call('vendors.create', vendorInput({ name: 'Versioned Supplies' }))).id;
  });

  versionedSaves(KINDS);

  it('what the recurring run makes, and payments, are not edits: the version stays', async () => {
    const rent = await t.call('bills.recurring.create', { ...recurringBill(''), startDate: '2026-11-20' });
    expect(rent).toMatchObject({ billsCreated: 1, version: 1 });
    const bill = (await t.call('bills.list', { limit: 500 })).rows.find(
      (r) => r.vendorName === 'Versioned Supplies' && r.total === 1500_00,
    );
    expect(bill).toBeDefined();
    await t.call('billPayments.create', {
      paymentDate: '2026-11-20',
      method: 'bank_transfer',
      reference: 'TRX-1',
      allocations: [{ billId: bill!.id, amount: 100_00 }],
    });
    expect((await t.call('bills.get', { id: bill!.id })).version).toBe(1);
    expect((await t.call('bills.recurring.get', { id: rent.id })).version).toBe(1);
  });
});

/**
 * Tax rates, expense categories and bank accounts (migration edit-versions-settings): edited in
 * Settings → Taxes, Bills → Categories and Bank by whoever keeps the books, so two people can
 * have the same one open at once.
 */
const account = (name: string) => ({
  name,
  accountNumber: 'ACC-1',
  currency: 'EUR',
  openingBalance: 100_00,
  openingDate: '2026-01-01',
});
/** A category's name holds its id, so that the markers of several categories never clash. */
const categoryName = (id: number | string, marker: string) => `Category ${id} ${marker}`.trim();

const SETTINGS_KINDS: Kind[] = [
  {
    name: 'a tax rate',
    create: async (i) => (await t.call('taxes.create', { name: `Tax ${i}`, percent: '7' })).id,
    update: (id, name, version) => t.raw('taxes.update', { name, percent: '7', id, version }),
    read: async (id) => {
      const tax = (await t.call('taxes.list', { includeArchived: true })).find((x) => x.id === id)!;
      return { version: tax.version, marker: tax.name };
    },
  },
  {
    name: 'an expense category',
    create: async (i) =>
      (await t.call('expenseCategories.create', { name: categoryName(`new ${i}`, '') })).id,
    update: (id, marker, version) =>
      t.raw('expenseCategories.update', { id, name: categoryName(id, marker), archived: false, version }),
    read: async (id) => {
      const c = (await t.call('expenseCategories.list', {})).find((x) => x.id === id)!;
      return { version: c.version, marker: c.name.replace(`Category ${id} `, '') };
    },
  },
  {
    name: 'a bank account',
    create: async (i) => (await t.call('bank.accounts.create', account(`Account ${i}`))).id,
    update: (id, name, version) => t.raw('bank.accounts.update', { ...account(name), id, version }),
    read: async (id) => {
      const a = await t.call('bank.accounts.get', { id });
      return { version: a.version, marker: a.name };
    },
  },
];

describe('tax rates, expense categories and bank accounts carry edit versions too', () => {
  versionedSaves(SETTINGS_KINDS);

  it('the refusal names the time of the save it lost to, in the caller’s language', async () => {
    const id = await SETTINGS_KINDS[2]!.create(200);
    await t.call('bank.accounts.update', { ...account('Giro'), id, version: 1 });
    const stale = await t.raw('bank.accounts.update', { ...account('Savings'), id, version: 1 }, 'de');
    expect(stale.ok ? '' : stale.error.message).toMatch(/^Geändert von .* am .*2026/);
  });

  it('archiving a tax or an account and reconciling an account are not edits: the version stays', async () => {
    const tax = await t.call('taxes.create', { name: 'Archived tax', percent: '5' });
    expect((await t.call('taxes.setArchived', { id: tax.id, archived: true })).version).toBe(1);
    const a = await t.call('bank.accounts.create', account('Reconciled'));
    expect((await t.call('bank.reconcile.mark', { accountId: a.id, date: '2026-02-01' })).version).toBe(1);
    expect((await t.call('bank.accounts.archive', { id: a.id, archived: true })).version).toBe(1);
    // The form opened before, saved afterwards, still goes through.
    const saved = await t.call('bank.accounts.update', { ...account('Reconciled 2'), id: a.id, version: 1 });
    expect(saved).toMatchObject({ name: 'Reconciled 2', version: 2, reconciledTo: '2026-02-01' });
  });
});
