import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { seedBusiness, type Seed } from '../helpers/seed';
import { issuedInvoice, setupDocuments } from '../helpers/documents';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { invoiceRemindersJob } from '../../src/main/jobs';
import { formatDate } from '../../src/shared/domain/dates';
import { formatMoney } from '../../src/shared/domain/money';

/**
 * Reminders escalate from the last one actually given, respect a promise to pay, and can go
 * out as one letter per customer listing every overdue invoice. Mail goes through a real SMTP
 * server on loopback; letters are read back with mupdf.
 */
const clock = fixedClock('2026-11-20T10:00:00Z');
let t: TestFolio;
let seed: Seed;
let smtp: TestSmtp;
const eur = (minor: number) => formatMoney(minor, 'EUR', 'en-IE');
const date = (iso: string) => formatDate(iso, 'en-IE');

async function dueOn(due: string, unitPrice = 8500) {
  const issue = new Date(Date.parse(due) - 14 * 86_400_000).toISOString().slice(0, 10);
  return issuedInvoice(t, seed, {
    issueDate: issue,
    due: { kind: 'date', date: due },
    lines: [{ description: 'Design', quantity: '1', unitPrice, taxIds: [seed.vat23.id] }],
  });
}

async function pdfLines(pdf: Buffer): Promise<string[]> {
  const mupdf = await import('mupdf');
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const lines: string[] = [];
  for (let i = 0; i < doc.countPages(); i++)
    lines.push(...doc.loadPage(i).toStructuredText('preserve-whitespace').asText().split('\n'));
  return lines.map((l) => l.trim()).filter(Boolean);
}

const proposals = async () =>
  (await t.call('invoiceReminders.list', { status: 'proposed' }))
    .map((r) => [r.number, r.level] as const)
    .sort();

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

describe('reminder escalation', () => {
  it('a customer’s first reminder is the first level, however late; the next follows the one sent', async () => {
    const a = await dueOn('2026-10-11'); // 40 days overdue
    const b = await dueOn('2026-11-06'); // 14 days
    const c = await dueOn('2026-10-21'); // 30 days
    expect(await t.call('invoiceReminders.refresh', {})).toHaveLength(3);
    expect(await proposals()).toEqual(
      [
        [a.number, 1],
        [b.number, 1],
        [c.number, 1],
      ].sort(),
    );

    const ids = (await t.call('invoiceReminders.list', { status: 'proposed' })).find(
      (r) => r.documentId === a.id,
    )!;
    await t.call('invoiceReminders.approve', { ids: [ids.id] });
    expect(smtp.received).toHaveLength(1);
    const letter = await pdfLines(smtp.received[0]!.attachments[0]!.content);
    expect(letter).toContain('Payment reminder');
    expect(letter).not.toContain('Second payment reminder');

    // Unapproved proposals stay at their level; the sent one is not escalated the next day.
    clock.set('2026-11-21T10:00:00Z');
    await invoiceRemindersJob.run(t.folio.ctx);
    expect(await proposals()).toEqual(
      [
        [b.number, 1],
        [c.number, 1],
      ].sort(),
    );
    // 11 days (14 − 3) after the first was sent, the second level is proposed for that invoice.
    clock.set('2026-11-30T10:00:00Z');
    await invoiceRemindersJob.run(t.folio.ctx);
    expect(await proposals()).toEqual(
      [
        [b.number, 1],
        [c.number, 1],
      ].sort(),
    );
    clock.set('2026-12-01T10:00:00Z');
    await invoiceRemindersJob.run(t.folio.ctx);
    expect(await proposals()).toEqual(
      [
        [a.number, 2],
        [b.number, 1],
        [c.number, 1],
      ].sort(),
    );
  });

  it('no reminder while a promise to pay holds; proposed again the day after it is broken', async () => {
    const a = await dueOn('2026-11-10');
    expect(await proposals()).toEqual([]);
    await t.call('invoiceReminders.refresh', {});
    expect(await proposals()).toEqual([[a.number, 1]]);

    await t.call('collections.recordPromise', {
      customerId: seed.customer.id,
      date: '2026-11-25',
      note: 'Paying Tuesday',
    });
    await t.call('invoiceReminders.refresh', {});
    expect(await proposals()).toEqual([]);
    clock.set('2026-11-25T18:00:00Z');
    await invoiceRemindersJob.run(t.folio.ctx);
    expect(await proposals()).toEqual([]);
    clock.set('2026-11-26T08:00:00Z');
    await invoiceRemindersJob.run(t.folio.ctx);
    expect(await proposals()).toEqual([[a.number, 1]]);
    expect(smtp.received).toHaveLength(0);
  });
});

describe('one reminder per customer', () => {
  it('sends one email and one letter listing every overdue invoice with its figures', async () => {
    const a = await dueOn('2026-10-11', 10000);
    const b = await dueOn('2026-11-06', 20000);
    const c = await dueOn('2026-11-10', 30000);
    await t.call('payments.record', {
      customerId: seed.customer.id,
      date: '2026-11-15',
      amount: 5000,
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId: b.id, amount: 5000 }],
    });
    const list = await t.call('invoiceReminders.refresh', {});
    expect(list).toHaveLength(3);
    const done = await t.call('invoiceReminders.approveByCustomer', { ids: list.map((r) => r.id) });
    expect(done.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(done.map((r) => r.outboxId)).size).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(JSON.stringify(mail.to)).toContain('accounts@brightside.example');
    expect(mail.subject).toBe(`Payment reminder: invoices ${a.number}, ${b.number}, ${c.number}`);
    const open = { [a.id]: a.total, [b.id]: b.total - 5000, [c.id]: c.total };
    for (const d of [a, b, c])
      expect(mail.text).toContain(
        `${d.number} of ${date(d.issueDate)}, due ${date(d.dueDate!)}: ${eur(open[d.id]!)} open of ${eur(d.total)}`,
      );
    const due = a.total + b.total - 5000 + c.total;
    expect(mail.text).toContain(`Amount due: ${eur(due)}`);
    expect(mail.text).toContain('Dear Niamh Kelly');

    expect(mail.attachments).toHaveLength(1);
    const letter = (await pdfLines(mail.attachments[0]!.content)).map((l) => l.replace(/\u00a0/g, ' '));
    expect(letter).toContain('Payment reminder');
    const text = letter.join('\n');
    for (const d of [a, b, c]) {
      expect(text).toContain(d.number!);
      expect(text).toContain(date(d.issueDate));
      expect(text).toContain(date(d.dueDate!));
      expect(text).toContain(eur(d.total).replace(/\u00a0/g, ' '));
    }
    expect(text).toContain(eur(b.total - 5000).replace(/\u00a0/g, ' '));
    expect(text).toContain(eur(due).replace(/\u00a0/g, ' '));

    // Each invoice counts the reminder as given: no proposal comes back for them.
    await t.call('invoiceReminders.refresh', {});
    expect(await proposals()).toEqual([]);
  });
});
