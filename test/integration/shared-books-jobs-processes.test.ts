/**
 * "Recurring invoices and bills, reminders and the outbox run once across all machines"
 * (issue 14): two people's Folio — two browser-mode server processes, each with its own data
 * folder — on one shared book run the same work at the same moment, and every occurrence,
 * bill, reminder proposal and email exists or arrives once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday } from '../../src/shared/domain/dates';
import { startBridgeProcess, startOnSharedBooks, type BridgeProcess } from '../helpers/bridge-process';
import { createSharedBooks, setupInput, sharedSettings, TEST_ENGINE } from '../helpers/folio';
import { testCluster } from '../helpers/pg';
import { EMPTY_ADDRESS } from '../helpers/seed';
import { startSmtp, waitFor, type TestSmtp } from '../helpers/smtp';
import { tempDir } from '../helpers/tmp';

/** Templates of each kind made due at once; each has three occurrences due (weekly, 14 days). */
const TEMPLATES = 6;
const FAR = '2099-01-04';

async function call(bridge: BridgeProcess, method: string, input: unknown = {}): Promise<any> {
  const r = await bridge.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe.skipIf(!testCluster() || TEST_ENGINE !== 'sqlite')('background runs across two processes', () => {
  const folders = [tempDir(), tempDir(), tempDir(), tempDir()];
  let people: [BridgeProcess, BridgeProcess];
  let sql: pg.Client;
  /** Starts a server process on a new data folder connected to the shared book. */
  let person: (dir: string) => Promise<BridgeProcess>;
  let customerId = 0;
  let vendorId = 0;
  const today = localToday();
  const start = addDays(today, -14);

  const both = async <T>(fn: (p: BridgeProcess, who: 'ann' | 'ben') => Promise<T>) =>
    await Promise.all([fn(people[0], 'ann'), fn(people[1], 'ben')]);
  const count = async (query: string) => Number((await sql.query(query)).rows[0].n);

  beforeAll(async () => {
    const books = await createSharedBooks(folders[0]!.dir);
    const settings = sharedSettings(books.database, books.owner);
    person = async (dir: string) => await startOnSharedBooks(dir, settings);
    const ann = await person(folders[1]!.dir);
    people = [ann, await person(folders[2]!.dir)];
    const cluster = testCluster()!;
    sql = new pg.Client({ ...cluster, database: books.database });
    await sql.connect();
    await call(
      ann,
      'settings.completeSetup',
      setupInput({
        name: 'Acme Studio Ltd',
        address: { ...EMPTY_ADDRESS, line1: '1 Main Street', city: 'Dublin', country: 'Ireland' },
        email: 'billing@acme.example',
      }),
    );
    customerId = (
      await call(ann, 'customers.create', {
        name: 'Harbour Lights Ltd',
        emails: [{ email: 'accounts@harbour.example', billing: true }],
        billingAddress: { ...EMPTY_ADDRESS, line1: '2 Quay', city: 'Cork', country: 'Ireland' },
        shippingAddress: EMPTY_ADDRESS,
        currency: 'EUR',
        paymentTerms: { kind: 'net', days: 14 },
      })
    ).customer.id;
    vendorId = (
      await call(ann, 'vendors.create', {
        name: 'Office Landlord Ltd',
        currency: 'EUR',
        paymentTerms: { kind: 'net', days: 30 },
      })
    ).id;
  }, 240_000);
  afterAll(async () => {
    await sql?.end();
    for (const p of people ?? []) await p.stop();
    for (const f of folders) f.cleanup();
  });

  it(`${TEMPLATES} recurring invoice schedules resumed by both at once: each occurrence is made once`, async () => {
    const [ann] = people;
    const ids: number[] = [];
    for (let i = 0; i < TEMPLATES; i++) {
      const r = await call(ann, 'recurring.create', {
        name: `Retainer ${i}`,
        template: {
          customerId,
          due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
          currency: 'EUR',
          lines: [{ description: `Retainer ${i}`, quantity: '1', unitPrice: 1000 + i, taxIds: [] }],
        },
        schedule: { frequency: 'weekly', interval: 1, startDate: FAR },
        mode: 'issue',
      });
      ids.push(r.id);
    }
    // The schedules started two weeks ago (as if made then): three occurrences each are due.
    await sql.query(`UPDATE recurring_invoices SET schedule = replace(schedule, $1, $2), next_index = 0`, [
      FAR,
      start,
    ]);
    // Both people resume every schedule at the same moment: each resume runs the catch-up.
    await both(async (p) => {
      await Promise.all(ids.map(async (id) => await call(p, 'recurring.setPaused', { id, paused: false })));
    });
    expect(await count(`SELECT count(*) AS n FROM recurring_occurrences`)).toBe(3 * TEMPLATES);
    expect(await count(`SELECT count(*) AS n FROM documents WHERE recurring_id IS NOT NULL`)).toBe(
      3 * TEMPLATES,
    );
    expect(
      await count(`SELECT count(*) AS n FROM (SELECT recurring_id, issue_date FROM documents
        WHERE recurring_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d`),
    ).toBe(0);
  });

  it(`${TEMPLATES} recurring bill templates caught up by both at once: each bill is made once`, async () => {
    const [ann] = people;
    for (let i = 0; i < TEMPLATES; i++)
      await call(ann, 'bills.recurring.create', {
        vendorId,
        name: `Rent ${i}`,
        frequency: 'weekly',
        interval: 1,
        startDate: FAR,
        lines: [{ description: `Rent ${i}`, unitPrice: 500_00 + i }],
      });
    await sql.query(`UPDATE recurring_bills SET start_date = $1, next_index = 0`, [start]);
    // Both run "make the bills due now" at the same moment, twice each.
    const runs = await both(
      async (p) => await Promise.all([1, 2].map(async () => await p.call('bills.recurring.catchUp', {}))),
    );
    expect(runs.flat().filter((r) => !r.ok)).toEqual([]);
    expect(runs.flat().reduce((s, r) => s + (r.value.created as number), 0)).toBe(3 * TEMPLATES);
    expect(await count(`SELECT count(*) AS n FROM bills WHERE recurring_id IS NOT NULL`)).toBe(3 * TEMPLATES);
    expect(await count(`SELECT count(DISTINCT (recurring_id, recurring_index)) AS n FROM bills`)).toBe(
      3 * TEMPLATES,
    );
  });

  it('both restart at the same moment with work due: the runs at opening make everything once', async () => {
    // Every schedule started a week earlier than thought, and is read again from its start: one
    // more occurrence of each is due when both start (the others are made already).
    await sql.query(`UPDATE recurring_invoices SET schedule = replace(schedule, $1, $2), next_index = 0`, [
      start,
      addDays(start, -7),
    ]);
    await sql.query(`UPDATE recurring_bills SET start_date = $1, next_index = 0`, [addDays(start, -7)]);
    await both(async (p) => await p.stop());
    people = (await Promise.all([folders[1]!, folders[2]!].map((f) => startBridgeProcess(f.dir)))) as never;
    expect(await count(`SELECT count(*) AS n FROM recurring_occurrences`)).toBe(4 * TEMPLATES);
    expect(await count(`SELECT count(*) AS n FROM documents WHERE recurring_id IS NOT NULL`)).toBe(
      4 * TEMPLATES,
    );
    expect(await count(`SELECT count(*) AS n FROM bills WHERE recurring_id IS NOT NULL`)).toBe(4 * TEMPLATES);
    expect(await count(`SELECT count(DISTINCT (recurring_id, recurring_index)) AS n FROM bills`)).toBe(
      4 * TEMPLATES,
    );
  });

  it('reminder proposals refreshed by both at the same moment: one per overdue invoice', async () => {
    const OVERDUE = 8;
    const [ann] = people;
    for (let i = 0; i < OVERDUE; i++) {
      const draft = await call(ann, 'documents.create', {
        type: 'invoice',
        customerId,
        issueDate: addDays(today, -60 + i),
        due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
        currency: 'EUR',
        lines: [{ description: `Late work ${i}`, quantity: '1', unitPrice: 100_00, taxIds: [] }],
      });
      await call(ann, 'documents.issue', { id: draft.id });
    }
    await sql.query(`DELETE FROM invoice_reminders`);
    const runs = await both(
      async (p) => await Promise.all([1, 2].map(async () => await p.call('invoiceReminders.refresh', {}))),
    );
    expect(runs.flat().filter((r) => !r.ok)).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM invoice_reminders`)).toBe(OVERDUE);
    expect(await count(`SELECT count(DISTINCT document_id) AS n FROM invoice_reminders`)).toBe(OVERDUE);
  });

  describe('the outbox', () => {
    let smtp: TestSmtp;
    /** The issued invoice the messages are about. */
    let invoiceId = 0;
    beforeAll(async () => {
      smtp = await startSmtp({ user: 'folio', password: 'correct horse battery staple' });
    });
    afterAll(async () => await smtp?.stop());

    it('emails sent by both at the same moment are each delivered once', async () => {
      const EACH = 8;
      await call(people[0], 'mail.updateAccount', {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: 'folio',
        password: 'correct horse battery staple',
        fromName: 'Acme Studio',
        fromEmail: 'billing@acme.example',
        replyTo: '',
      });
      // The mail password is each computer's own (kept in its data folder): the second
      // machine enters it too, so both people's senders can deliver.
      await call(people[1], 'mail.setPasswordHere', { password: 'correct horse battery staple' });
      const [ann] = people;
      const invoice = await call(ann, 'documents.issue', {
        id: (
          await call(ann, 'documents.create', {
            type: 'invoice',
            customerId,
            issueDate: today,
            due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
            currency: 'EUR',
            lines: [{ description: 'Design work', quantity: '1', unitPrice: 850_00, taxIds: [] }],
          })
        ).id,
      });
      expect(invoice.number).toBeTruthy();
      invoiceId = invoice.id;
      // Each send delivers what is queued — the other person's messages too — at once.
      await both(async (p, who) => {
        await Promise.all(
          Array.from({ length: EACH }, async (_, i) => {
            await call(p, 'mail.send', {
              ref: { kind: 'document', id: invoice.id },
              to: ['accounts@harbour.example'],
              subject: `${who} ${i}`,
              body: 'Please find the invoice attached.',
            });
          }),
        );
      });
      await waitFor(
        async () =>
          (await count(`SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')`)) === 0,
        'every message to leave the outbox',
      );
      // A second delivery would be in flight from the other process by now: give it time to land.
      await new Promise((r) => setTimeout(r, 1500));
      const subjects = smtp.received.map((m) => m.subject).sort();
      const expected = ['ann', 'ben']
        .flatMap((w) => Array.from({ length: EACH }, (_, i) => `${w} ${i}`))
        .sort();
      expect(subjects).toEqual(expected);
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE status = 'sent'`)).toBe(2 * EACH);
    });

    it('a backlog (the server was down) delivered by both at the same moment: each message once', async () => {
      const EACH = 6;
      const before = smtp.received.length;
      await smtp.stop();
      const invoice = invoiceId;
      const send = async (p: BridgeProcess, subject: string) =>
        await call(p, 'mail.send', {
          ref: { kind: 'document', id: invoice },
          to: ['accounts@harbour.example'],
          subject,
          body: 'Please find the invoice attached.',
        });
      await both(async (p, who) => {
        for (let i = 0; i < EACH; i++) await send(p, `backlog ${who} ${i}`);
      });
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE status = 'queued'`)).toBe(2 * EACH);
      // The server is back and every retry is due: both send one more at the same moment, and
      // each sender goes through the whole backlog, the same messages in the same order.
      await smtp.start();
      await sql.query(
        `UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE status = 'queued'`,
      );
      await both(async (p, who) => await send(p, `backlog ${who} last`));
      await waitFor(
        async () =>
          (await count(`SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')`)) === 0,
        'every message to leave the outbox',
      );
      await new Promise((r) => setTimeout(r, 1500));
      const subjects = smtp.received
        .slice(before)
        .map((m) => m.subject)
        .sort();
      const expected = ['ann', 'ben']
        .flatMap((w) => [...Array.from({ length: EACH }, (_, i) => `backlog ${w} ${i}`), `backlog ${w} last`])
        .sort();
      expect(subjects).toEqual(expected);
    });

    it('a message in flight on one machine is not sent again by the other when it starts', async () => {
      const before = smtp.received.length;
      const [ann, ben] = people;
      const invoice = invoiceId;
      // A slow server: the message stays "sending" on Ann's machine for a few seconds…
      smtp.delayMs = 6000;
      try {
        const sending = ann.call('mail.send', {
          ref: { kind: 'document', id: invoice },
          to: ['accounts@harbour.example'],
          subject: 'in flight',
          body: 'Please find the invoice attached.',
        });
        await waitFor(
          async () => (await count(`SELECT count(*) AS n FROM outbox WHERE status = 'sending'`)) === 1,
          'the message to be on its way',
        );
        // …while Ben's Folio starts: its outbox run at opening must leave Ann's message alone.
        await ben.stop();
        people[1] = await startBridgeProcess(folders[2]!.dir);
        expect((await sending).ok).toBe(true);
        await waitFor(
          async () =>
            (await count(`SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')`)) === 0,
          'the message to be sent',
        );
        await new Promise((r) => setTimeout(r, 8000));
      } finally {
        smtp.delayMs = 0;
      }
      expect(smtp.received.slice(before).map((m) => m.subject)).toEqual(['in flight']);
    });

    it('a machine without the mail password leaves the messages to one that can', async () => {
      const before = smtp.received.length;
      const [ann] = people;
      const send = async (subject: string) =>
        await call(ann, 'mail.send', {
          ref: { kind: 'document', id: invoiceId },
          to: ['accounts@harbour.example'],
          subject,
          body: 'Please find the invoice attached.',
        });
      await smtp.stop();
      for (let i = 0; i < 3; i++) await send(`waiting ${i}`);
      await smtp.start();
      await sql.query(
        `UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE status = 'queued'`,
      );
      // Cy's Folio (a computer where nobody entered the mail password) starts, and its sender
      // looks at the outbox a second later.
      const cy = await person(folders[3]!.dir);
      try {
        await new Promise((r) => setTimeout(r, 4000));
        // (Ann's or Ben's sender, on its timer, may have sent them meanwhile: that is fine.)
        expect(await count(`SELECT count(*) AS n FROM outbox WHERE status = 'failed'`)).toBe(0);
      } finally {
        await cy.stop();
      }
      await send('waiting last');
      await waitFor(
        async () =>
          (await count(`SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')`)) === 0,
        'every message to leave the outbox',
      );
      expect(
        smtp.received
          .slice(before)
          .map((m) => m.subject)
          .sort(),
      ).toEqual(['waiting 0', 'waiting 1', 'waiting 2', 'waiting last']);
    });
  });
});
