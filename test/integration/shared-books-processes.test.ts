/**
 * Two people's Folio — two browser-mode server processes, each with its own data folder — on
 * one shared book: 2 × 500 invoices issued at the same time get 1,000 consecutive numbers, no
 * gap and none twice (the number series row is locked inside each issuing transaction); the
 * same payment posted by both at the same moment is recorded once and never overpays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnSharedBooks, type BridgeProcess } from '../helpers/bridge-process';
import { createSharedBooks, setupInput, sharedSettings, TEST_ENGINE } from '../helpers/folio';
import { testCluster } from '../helpers/pg';
import { oneLineInvoice, plainCustomer } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';

const EACH = 500;

async function call(bridge: BridgeProcess, method: string, input: unknown = {}): Promise<any> {
  const r = await bridge.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe.skipIf(!testCluster() || TEST_ENGINE !== 'sqlite')('two processes on one shared book', () => {
  const folders = [tempDir(), tempDir(), tempDir()];
  const people: BridgeProcess[] = [];

  beforeAll(async () => {
    const books = await createSharedBooks(folders[0]!.dir);
    const settings = sharedSettings(books.database, books.owner);
    people.push(
      await startOnSharedBooks(folders[1]!.dir, settings),
      await startOnSharedBooks(folders[2]!.dir, settings),
    );
  });
  afterAll(async () => {
    for (const p of people) await p.stop();
    for (const f of folders) f.cleanup();
  });

  it(`2 × ${EACH} invoices issued at once get ${2 * EACH} consecutive numbers`, async () => {
    const [ann, ben] = people as [BridgeProcess, BridgeProcess];
    expect((await call(ann, 'sharedBooks.status')).open).toBe(true);
    await call(ann, 'settings.completeSetup', setupInput({ name: 'Acme Studio Ltd' }));
    const { customer } = await call(ben, 'customers.create', plainCustomer('Harbour Lights Ltd'));
    const draft = oneLineInvoice(customer.id, { description: 'Work', unitPrice: 1000 });
    const drafts = async (p: BridgeProcess) => {
      const ids: number[] = [];
      for (let i = 0; i < EACH; i++) ids.push((await call(p, 'documents.create', draft)).id);
      return ids;
    };
    const [annDrafts, benDrafts] = await Promise.all([drafts(ann), drafts(ben)]);
    // Both issue at the same time, four calls in flight each.
    const issue = async (p: BridgeProcess, ids: number[]) => {
      const numbers: string[] = [];
      const queue = [...ids];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let id = queue.shift(); id !== undefined; id = queue.shift())
            numbers.push((await call(p, 'documents.issue', { id })).number);
        }),
      );
      return numbers;
    };
    const [fromAnn, fromBen] = await Promise.all([issue(ann, annDrafts), issue(ben, benDrafts)]);
    const all = [...fromAnn, ...fromBen].map((n) => Number(/(\d+)$/.exec(n)![1]));
    expect(new Set(all).size).toBe(2 * EACH);
    expect(Math.min(...all)).toBe(1);
    expect(Math.max(...all)).toBe(2 * EACH);
    // Each person issued some of them: the two really ran at the same time on one series.
    expect(fromAnn.length).toBe(EACH);
    expect(fromBen.length).toBe(EACH);
  });

  it('the same payment posted by both processes at the same moment is recorded once; the invoice is not overpaid', async () => {
    const [ann, ben] = people as [BridgeProcess, BridgeProcess];
    const { customer } = await call(ann, 'customers.create', plainCustomer('Brightside Cafes'));
    for (let round = 0; round < 5; round++) {
      const draft = await call(
        ann,
        'documents.create',
        oneLineInvoice(customer.id, { description: 'Consulting', unitPrice: 12345 }),
      );
      const invoice = await call(ann, 'documents.issue', { id: draft.id });
      const pay = async (p: BridgeProcess) =>
        await p.call('payments.record', {
          customerId: customer.id,
          date: invoice.issueDate,
          amount: invoice.balance,
          currency: invoice.currency,
          method: 'bank_transfer',
          reference: `transfer ${round}`,
          notes: '',
          allocations: [{ invoiceId: invoice.id, amount: invoice.balance }],
        });
      const results = await Promise.all([pay(ann), pay(ben)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // The other is told the invoice no longer owes that much; nothing of it is kept.
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      for (const p of [ann, ben])
        expect(await call(p, 'documents.get', { id: invoice.id })).toMatchObject({
          balance: 0,
          paid: invoice.balance,
          status: 'paid',
        });
      const payments = await call(ben, 'payments.list', { customerId: customer.id });
      const rows = payments.rows as { reference: string; undone: boolean }[];
      expect(rows.filter((r) => r.reference === `transfer ${round}` && !r.undone)).toHaveLength(1);
    }
  });
});
