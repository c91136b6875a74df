/**
 * Two people (or two windows) editing the same customer or draft: the second save, made from
 * the version both started with, is refused with who changed it and when — never a silent
 * overwrite — and nothing of it is saved.
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
