/**
 * Two machines on the same shared books (issue 14): two Folios, each with its own data folder
 * and its own pool of connections to the run's PostgreSQL cluster, signed in as two people,
 * working on one database at the same time. What one does, the other sees; what both do at
 * once happens once. Runs whatever FOLIO_TEST_ENGINE says (a person signing in opens shared
 * books); skipped where PostgreSQL is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/main/db/pg/roles';
import { storeOf } from '../../src/main/services/context';
import { catchUpAll, recurringInvoicesJob } from '../../src/main/services/receivables/recurring';
import { runJob } from '../../src/main/jobs';
import { silentLogger } from '../../src/main/log';
import {
  fixedClock,
  addSharedPerson,
  openNewSharedBooks,
  openOnOwnMachine,
  type SharedPerson,
  type TestFolio,
} from '../helpers/folio';
import { testCluster } from '../helpers/pg';
import { EMPTY_ADDRESS, invoiceInput, seedBusiness, type Seed } from '../helpers/seed';
import { b64, camt053 } from '../helpers/bank';

const cleanups: (() => void | Promise<void>)[] = [];
const clock = fixedClock('2026-03-02T09:00:00Z');
let books: { database: string; owner: SharedPerson };
/** Ann (owner) on one machine, Ben (bookkeeper) on another. */
let ann: TestFolio;
let ben: TestFolio;
let seed: Seed;

/** A new person in the books, as the server's administrator adds them. */
const person = (name: string, role: Role) => addSharedPerson(books.database, name, role);

/** Folio on a machine of its own (a data folder of its own) signed in to the books as `who`. */
const machine = (who: SharedPerson) => openOnOwnMachine(books, who, { clock, cleanups });

const invoices = async (t: TestFolio) =>
  (await t.call('documents.list', { type: 'invoice', sort: 'issueDate', direction: 'asc', limit: 500 })).rows;

describe.skipIf(!testCluster())('two machines on the same shared books', () => {
  beforeAll(async () => {
    ({ books, owner: ann } = await openNewSharedBooks({ clock, cleanups }));
    ben = await machine(await person('Ben Bookkeeper', 'bookkeeper'));
    seed = await seedBusiness(ann);
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('an invoice made on one machine is in the other’s list, with its number', async () => {
    const draft = await ann.call('documents.create', invoiceInput(seed, { issueDate: '2026-03-02' }));
    const issued = await ann.call('documents.issue', { id: draft.id });
    const seen = (await invoices(ben)).find((r) => r.id === issued.id);
    expect(seen).toMatchObject({ number: issued.number, total: issued.totals.total, status: 'issued' });
    // And the other way: Ben's customer is in Ann's list.
    await ben.call('customers.create', {
      name: 'Harbour Books',
      emails: [],
      billingAddress: EMPTY_ADDRESS,
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
    });
    expect((await ann.call('customers.list', {})).rows.map((r) => r.name)).toContain('Harbour Books');
  });

  it('the same payment posted on both machines at once is recorded once; the invoice is not overpaid', async () => {
    for (let round = 0; round < 3; round++) {
      const draft = await ann.call('documents.create', invoiceInput(seed, { issueDate: '2026-03-02' }));
      const invoice = await ann.call('documents.issue', { id: draft.id });
      const pay = (t: TestFolio) =>
        t.raw('payments.record', {
          customerId: invoice.customerId,
          date: '2026-03-02',
          amount: invoice.balance,
          currency: invoice.currency,
          method: 'bank_transfer',
          reference: `transfer ${round}`,
          notes: '',
          allocations: [{ invoiceId: invoice.id, amount: invoice.balance }],
        });
      const results = await Promise.all([pay(ann), pay(ben)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // The second is told the invoice no longer owes that much.
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      for (const t of [ann, ben])
        expect(await t.call('documents.get', { id: invoice.id })).toMatchObject({
          balance: 0,
          paid: invoice.balance,
          status: 'paid',
        });
      const applied = (await storeOf(ann.folio.ctx)
        .prepare(
          `SELECT count(*) AS n, sum(amount) AS total FROM allocations WHERE invoice_id = ? AND undone_at IS NULL`,
        )
        .get(invoice.id)) as { n: number; total: number };
      expect(applied).toEqual({ n: 1, total: invoice.balance });
    }
  });

  it('one bank line matched on both machines at once pays once', async () => {
    const draft = await ann.call('documents.create', invoiceInput(seed, { issueDate: '2026-03-02' }));
    const invoice = await ann.call('documents.issue', { id: draft.id });
    const account = await ann.call('bank.accounts.create', {
      name: 'Business current account',
      iban: 'DE89 3704 0044 0532 0130 00',
      currency: 'EUR',
      openingBalance: 0,
      openingDate: '2026-03-01',
    });
    // A part payment: the invoice's balance alone would allow it twice.
    const part = Math.floor(invoice.balance / 2);
    await ben.call('bank.import.commit', {
      accountId: account.id,
      dataBase64: b64(
        camt053({
          iban: 'DE89370400440532013000',
          opening: 0,
          openingDate: '2026-03-01',
          lines: [{ date: '2026-03-02', amount: part, name: 'Brightside Cafes', reference: invoice.number! }],
        }),
      ),
    });
    const [line] = (await ann.call('bank.lines.list', { accountId: account.id })).rows;
    const confirm = (t: TestFolio) =>
      t.raw('bank.lines.confirm', {
        lineId: line!.id,
        kind: 'invoices',
        partyId: invoice.customerId,
        allocations: [{ documentId: invoice.id, amount: part }],
      });
    const results = await Promise.all([confirm(ann), confirm(ben)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await ben.call('documents.get', { id: invoice.id })).toMatchObject({
      balance: invoice.balance - part,
      status: 'partially_paid',
    });
    const matches = (await storeOf(ben.folio.ctx)
      .prepare(`SELECT count(*) AS n FROM bank_matches WHERE line_id = ? AND undone_at IS NULL`)
      .get(line!.id)) as { n: number };
    expect(matches.n).toBe(1);
  });

  it('the recurring invoices run on both machines at once makes each occurrence once', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const { type: _t, issueDate: _i, relatedId: _r, ...template } = invoiceInput(seed);
    const r = await ann.call('recurring.create', {
      name: 'Weekly cleaning',
      template,
      schedule: { frequency: 'weekly', interval: 1, startDate: '2026-03-02' },
      mode: 'issue',
    });
    expect(r.generated).toBe(1);

    // A week on, both machines' background job wakes at once: the server-wide lock lets one run.
    clock.set('2026-03-09T09:00:00Z');
    await Promise.all([ann, ben].map((t) => runJob(recurringInvoicesJob, t.folio.ctx, silentLogger)));
    // Three weeks on, both run the catch-up itself at once (no lock): each date still once.
    clock.set('2026-03-30T09:00:00Z');
    await Promise.all([catchUpAll(ann.folio.ctx), catchUpAll(ben.folio.ctx)]);

    const occurrences = (await storeOf(ann.folio.ctx)
      .prepare(
        `SELECT o.occurrence_date AS date, o.document_id AS id, d.status, d.number FROM recurring_occurrences o
           JOIN documents d ON d.id = o.document_id WHERE o.recurring_id = ? ORDER BY o.occurrence_date`,
      )
      .all(r.id)) as { date: string; id: number; status: string; number: string | null }[];
    expect(occurrences.map((o) => o.date)).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    // One due at a time is issued (numbered in turn); a catch-up of several makes drafts.
    expect(occurrences.map((o) => o.status)).toEqual(['issued', 'issued', 'draft', 'draft', 'draft']);
    // No other invoice was made for those dates (a loser's half-made draft is rolled back).
    const ids = new Set(occurrences.map((o) => o.id));
    const listed = (await invoices(ben)).filter((i) => i.issueDate > '2026-03-02');
    expect(listed.map((i) => [i.issueDate, ids.has(i.id)])).toEqual(
      occurrences.slice(1).map((o) => [o.date, true]),
    );
    const numbers = occurrences.slice(0, 2).map((o) => Number(o.number!.slice(-4)));
    expect(numbers[1]! - numbers[0]!).toBe(1);
  });

  it('a viewer reads the books but may not change them: the server refuses', async () => {
    const vera = await machine(await person('Vera Viewer', 'viewer'));
    const names = (await vera.call('customers.list', {})).rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Brightside Cafés Ltd', 'Harbour Books']));
    const refused = await vera.raw('customers.create', {
      name: 'Not Allowed Ltd',
      emails: [],
      billingAddress: EMPTY_ADDRESS,
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect((await ann.call('customers.list', {})).rows.map((r) => r.name)).not.toContain('Not Allowed Ltd');
  });
});
