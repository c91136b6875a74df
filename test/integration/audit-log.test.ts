import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';
import { auditChanges } from '../../src/shared/domain/audit-view';
import { formatMoney } from '../../src/shared/domain/money';

/** Issue 10: the audit log names records and says what changed in words, and exports to CSV. */
let t: TestFolio;
let seed: Seed;
let invoiceId: number;
let number: string;

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T12:00:00Z') });
  seed = await seedBusiness(t);
  const draft = await t.call('documents.create', invoiceInput(seed));
  await t.call('documents.update', { ...invoiceInput(seed, { reference: 'PO-778' }), id: draft.id });
  const issued = await t.call('documents.issue', { id: draft.id });
  invoiceId = issued.id;
  number = issued.number!;
});
afterAll(async () => t.close());

describe('audit log in words', () => {
  it('names the record by its number and the customer by name, not by internal ids', async () => {
    const { entries } = await t.call('audit.list', { entity: 'invoice', entityId: String(invoiceId) });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const e of entries) expect(e.record).toBe(`Invoice ${number}`);
    const created = entries.find((e) => e.action === 'create')!;
    expect(created.refs[`customerId:${seed.customer.id}`]).toBe('Brightside Cafés Ltd');
    const changes = auditChanges(created.changes, {
      locale: 'en-IE',
      baseCurrency: 'EUR',
      money: (m, c) => formatMoney(m, c, 'en-IE'),
      refs: created.refs,
    });
    expect(changes).toContainEqual({ field: 'Customer', from: '—', to: 'Brightside Cafés Ltd' });
    expect(changes).toContainEqual({ field: 'Issue date', from: '—', to: '2 Nov 2026' });
    const total = changes.find((c) => c.field === 'Total')!;
    expect(total.to).toMatch(/^€\d{1,3}(,\d{3})*\.\d\d$/);
  });

  it('exports what the screen shows to CSV, one row per changed field, amounts as decimals', async () => {
    const { entries } = await t.call('audit.list', { entity: 'invoice' });
    const user = entries[0]!.user;
    const file = await t.call('reports.exportCsv', { report: 'auditLog', entity: 'invoice' });
    expect(file.fileName).toBe('Audit log.csv');
    const lines = file.csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('When (UTC),Who,Record,Action,Field,From,To');
    expect(lines).toContain(`2026-11-20T12:00:00.000Z,${user},Invoice ${number},Edited,Reference,—,PO-778`);
    expect(lines.some((l) => /,Invoice [^,]+,Created,Total,—,\d+\.\d\d EUR$/.test(l))).toBe(true);
    expect(file.csv).not.toMatch(/customerId|"from"|\{/);
  });
});
