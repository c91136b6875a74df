import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { seedBusiness, EMPTY_ADDRESS, type Seed } from '../helpers/seed';
import { issuedInvoice, setupDocuments } from '../helpers/documents';
import { pdfText } from '../helpers/pdf';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { invoiceRemindersJob } from '../../src/main/jobs';

const clock = fixedClock('2026-11-20T10:00:00Z');
let t: TestFolio;
let seed: Seed;
let smtp: TestSmtp;

/** An issued invoice due on `due` (issued 14 days before). */
async function dueOn(due: string, overrides: Record<string, unknown> = {}) {
  const issue = new Date(Date.parse(due) - 14 * 86_400_000).toISOString().slice(0, 10);
  return issuedInvoice(t, seed, { issueDate: issue, due: { kind: 'date', date: due }, ...overrides });
}

const proposals = async () =>
  (await t.call('invoiceReminders.list', { status: 'proposed' })).map((r) => [
    r.number,
    r.level,
    r.daysOverdue,
  ]);

beforeEach(async () => {
  clock.set('2026-11-20T10:00:00Z');
  smtp = await startSmtp({ user: 'folio', password: 'pw' });
  t = await openTestFolio({ clock });
  seed = await seedBusiness(t);
  await setupDocuments(t);
  await t.call('mail.updateAccount', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'folio',
    password: 'pw',
    fromName: 'Acme',
    fromEmail: 'billing@acme.example',
    replyTo: '',
  });
});
afterEach(async () => {
  await t.close();
  await smtp.stop();
});

describe('payment reminders', () => {
  it('propose overdue invoices from 3 days late, each starting at the first level', async () => {
    const notYet = await dueOn('2026-11-18'); // 2 days overdue
    const friendly = await dueOn('2026-11-17'); // 3 days
    const stillFriendly = await dueOn('2026-11-07'); // 13 days
    const firm = await dueOn('2026-11-06'); // 14 days
    const final = await dueOn('2026-10-21'); // 30 days
    const paid = await dueOn('2026-10-01');
    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-01',
      amount: paid.total,
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId: paid.id, amount: paid.total }],
    });
    const voided = await dueOn('2026-10-01');
    await t.call('documents.void', { id: voided.id, reason: 'Issued by mistake' });
    await t.call('documents.create', {
      type: 'invoice',
      customerId: seed.customer.id,
      issueDate: '2026-09-01',
      due: { kind: 'date', date: '2026-09-15' },
      currency: 'EUR',
      lines: [{ description: 'A draft', quantity: '1', unitPrice: 100 }],
    });

    const list = await t.call('invoiceReminders.refresh', {});
    expect(list.map((r) => [r.number, r.levelName, r.daysOverdue]).sort()).toEqual(
      [
        [friendly.number, 'Friendly', 3],
        [stillFriendly.number, 'Friendly', 13],
        // However late, no reminder was given yet: the first one is the friendly one.
        [firm.number, 'Friendly', 14],
        [final.number, 'Friendly', 30],
      ].sort(),
    );
    expect(list.map((r) => r.number)).not.toContain(notYet.number);
    expect(list.find((r) => r.number === firm.number)).toMatchObject({
      email: 'accounts@brightside.example',
      balance: firm.total,
      currency: 'EUR',
      customerName: 'Brightside Cafés Ltd',
    });

    // Running the job again proposes nothing new; nothing was queued or sent.
    await invoiceRemindersJob.run(t.folio.ctx);
    expect(await t.call('invoiceReminders.list', { status: 'proposed' })).toHaveLength(4);
    expect((await t.call('outbox.list', {})).total).toBe(0);
    expect(smtp.received).toHaveLength(0);

    // A day later the 2-day one becomes friendly; proposals nobody acted on stay friendly
    // (escalation follows the reminders actually sent).
    clock.set('2026-11-21T10:00:00Z');
    await invoiceRemindersJob.run(t.folio.ctx);
    expect((await proposals()).sort()).toEqual(
      [
        [notYet.number, 1, 3],
        [friendly.number, 1, 4],
        [stillFriendly.number, 1, 14],
        [firm.number, 1, 15],
        [final.number, 1, 31],
      ].sort(),
    );
    expect(smtp.received).toHaveLength(0);
  });

  it('levels are configurable; a disabled level is skipped', async () => {
    const late = await dueOn('2026-11-10'); // 10 days
    await t.call('mail.updateReminderLevels', {
      levels: [
        { level: 1, name: 'Gentle', days: 7, enabled: false },
        { level: 2, name: 'Firm', days: 10, enabled: true },
        { level: 3, name: 'Final', days: 45, enabled: true },
      ],
    });
    expect(await proposals()).toEqual([]);
    expect(await t.call('invoiceReminders.refresh', {})).toMatchObject([
      { number: late.number, level: 2, levelName: 'Firm' },
    ]);
    const bad = await t.raw('mail.updateReminderLevels', {
      levels: [
        { level: 1, name: 'A', days: 10, enabled: true },
        { level: 2, name: 'B', days: 10, enabled: true },
        { level: 3, name: 'C', days: 30, enabled: true },
      ],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { field: 'levels.1.days', message: 'Must be more days than the level before it (10)' },
    });
  });

  it('nothing is sent until approved; approval sends the letter and the invoice, and shows on the invoice', async () => {
    const late = await dueOn('2026-11-06', { reference: 'PO-55' }); // 14 days, first reminder
    const other = await dueOn('2026-11-10');
    const [firm, friendly] = await t.call('invoiceReminders.refresh', {});
    expect(firm).toMatchObject({ number: late.number, level: 1 });
    expect(smtp.received).toHaveLength(0);

    const approved = await t.call('invoiceReminders.approve', { ids: [firm!.id] });
    expect(approved).toMatchObject([{ id: firm!.id, status: 'sent' }]);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe(`Friendly reminder: invoice ${late.number}`);
    expect(mail.text).toContain('Dear Niamh Kelly');
    expect(mail.attachments.map((a) => a.filename)).toEqual([
      `Payment reminder ${late.number} Brightside Cafés Ltd.pdf`,
      `${late.number} Brightside Cafés Ltd.pdf`,
    ]);
    const letter = pdfText(mail.attachments[0]!.content);
    for (const s of [
      'Payment reminder',
      late.number!,
      'Days overdue',
      '14',
      'PO-55',
      'Amount due',
      '€209.10',
      'IE29 AIBK 9311 5212 3456 78',
    ])
      expect(letter, s).toContain(s);
    expect(letter).toContain('This is a friendly reminder');

    // The other proposal is still waiting; dismissing it sends nothing and it does not come back.
    expect(await proposals()).toEqual([[other.number, friendly!.level, 10]]);
    await t.call('invoiceReminders.dismiss', { ids: [friendly!.id] });
    await t.call('invoiceReminders.refresh', {});
    expect(await proposals()).toEqual([]);
    expect(smtp.received).toHaveLength(1);

    const history = await t.call('mail.history', { documentId: late.id });
    expect(history.lastReminder).toMatchObject({
      level: 1,
      levelName: 'Friendly',
      sentAt: '2026-11-20T10:00:00.000Z',
    });
    expect(history.entries[0]).toMatchObject({ kind: 'reminder', status: 'sent' });
    // A reminder is not the invoice being sent.
    expect((await t.call('documents.get', { id: late.id })).sentAt).toBeNull();

    // Approving twice does nothing twice.
    expect(await t.raw('invoiceReminders.approve', { ids: [firm!.id] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(smtp.received).toHaveLength(1);
  });

  it('a customer without an email address cannot be reminded by email; a paid invoice drops out', async () => {
    const { customer } = await t.call('customers.create', {
      name: 'No Mail Ltd',
      billingAddress: { ...EMPTY_ADDRESS, line1: '1 Road' },
      shippingAddress: EMPTY_ADDRESS,
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 14 },
    });
    const noMail = await dueOn('2026-11-10', { customerId: customer.id });
    const paidLater = await dueOn('2026-11-10');
    const list = await t.call('invoiceReminders.refresh', {});
    const target = list.find((r) => r.documentId === noMail.id)!;
    expect(target.email).toBe('');
    const refused = await t.raw('invoiceReminders.approve', { ids: [target.id] });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/No Mail Ltd has no email address/) },
    });
    expect(smtp.received).toHaveLength(0);
    // The letter can still be printed.
    const letter = await t.call('printing.render', {
      ref: { kind: 'reminder', documentId: noMail.id, level: 1 },
    });
    expect(pdfText(Buffer.from(letter.dataBase64, 'base64'))).toContain('No Mail Ltd');

    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-20',
      amount: paidLater.total,
      currency: 'EUR',
      method: 'card',
      allocations: [{ invoiceId: paidLater.id, amount: paidLater.total }],
    });
    expect((await t.call('invoiceReminders.refresh', {})).map((r) => r.documentId)).toEqual([noMail.id]);
  });
});
