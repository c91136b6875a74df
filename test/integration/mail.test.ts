import { localSqlite } from '../helpers/folio';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/main/log';
import { openFolio } from '../../src/main/app';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { seedBusiness, type Seed } from '../helpers/seed';
import { issuedInvoice, renderPdf, setupDocuments } from '../helpers/documents';
import { startSmtp, waitFor, type TestSmtp } from '../helpers/smtp';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'correct horse battery staple';
const clock = fixedClock('2026-11-20T10:00:00Z');

let t: TestFolio;
let seed: Seed;
let smtp: TestSmtp;

async function useAccount(password = PASSWORD) {
  return t.call('mail.updateAccount', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'folio',
    password,
    fromName: 'Acme Studio',
    fromEmail: 'billing@acme.example',
    replyTo: 'hello@acme.example',
  });
}

async function sendInvoice(id: number, overrides: { subject?: string } = {}) {
  const draft = await t.call('mail.compose', { ref: { kind: 'document', id } });
  return t.call('mail.send', {
    ref: { kind: 'document', id },
    to: draft.to,
    subject: overrides.subject ?? draft.subject,
    body: draft.body,
  });
}

beforeEach(async () => {
  clock.set('2026-11-20T10:00:00Z');
  smtp = await startSmtp({ user: 'folio', password: PASSWORD });
  t = await openTestFolio({ clock });
  seed = await seedBusiness(t);
  await setupDocuments(t);
});
afterEach(async () => {
  await t.close();
  await smtp.stop();
});

describe('email', () => {
  it('Send delivers the message with the PDF attached, byte for byte, and logs it on the invoice', async () => {
    await useAccount();
    const doc = await issuedInvoice(t, seed);
    const compose = await t.call('mail.compose', { ref: { kind: 'document', id: doc.id } });
    expect(compose).toMatchObject({
      to: ['accounts@brightside.example'],
      subject: `Invoice ${doc.number} from Acme Studio Ltd`,
      attachmentName: `${doc.number} Brightside Cafés Ltd.pdf`,
      blockers: [],
      accountReady: true,
    });
    expect(compose.body).toContain('Dear Niamh Kelly');
    expect(compose.body).toContain('€209.10');
    expect(compose.body).toContain('16 Nov 2026');

    const entry = await t.call('mail.send', {
      ref: { kind: 'document', id: doc.id },
      to: compose.to,
      cc: ['boss@brightside.example'],
      bcc: ['archive@acme.example'],
      subject: compose.subject,
      body: compose.body,
    });
    expect(entry.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe(compose.subject);
    expect(mail.from?.text).toBe('"Acme Studio" <billing@acme.example>');
    expect(mail.replyTo?.text).toBe('hello@acme.example');
    expect(mail.text?.trim()).toBe(compose.body);
    expect(mail.messageId).toBe(entry.messageId);
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.filename).toBe(compose.attachmentName);
    expect(attachment.contentType).toBe('application/pdf');
    // The attachment is the PDF the preview shows, byte for byte.
    const { pdf } = await renderPdf(t, { kind: 'document', id: doc.id });
    expect(Buffer.compare(attachment.content, pdf)).toBe(0);
    // Bcc recipients get the message without a Bcc header.
    expect(smtp.raw[0]!.toString('latin1')).not.toMatch(/^Bcc:/im);

    const history = await t.call('mail.history', { documentId: doc.id });
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]).toMatchObject({
      status: 'sent',
      sentAt: '2026-11-20T10:00:00.000Z',
      messageId: mail.messageId,
      to: ['accounts@brightside.example'],
      cc: ['boss@brightside.example'],
    });
    expect((await t.call('documents.get', { id: doc.id })).sentAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('offline: the message stays queued, retries with backoff, and goes out exactly once when the server is back', async () => {
    await useAccount();
    const doc = await issuedInvoice(t, seed);
    await smtp.stop();

    const queued = await sendInvoice(doc.id);
    expect(queued.status).toBe('queued');
    expect(queued.attempts).toBe(1);
    expect(queued.lastError).toMatch(/Could not reach the mail server 127\.0\.0\.1:\d+.*try again by itself/);
    expect(queued.nextAttemptAt).toBe('2026-11-20T10:00:30.000Z');
    expect((await t.call('documents.get', { id: doc.id })).sentAt).toBeNull();

    // The sender's timer comes round before the next attempt is due: nothing happens.
    const job = (await import('../../src/main/services/mail/outbox')).outboxJob;
    await job.run(t.folio.ctx);
    await job.stop(t.folio.ctx);
    expect((await t.call('outbox.list', {})).rows[0]).toMatchObject({ status: 'queued', attempts: 1 });

    // Due, still offline: a second attempt, twice the wait.
    clock.set('2026-11-20T10:00:31Z');
    await job.run(t.folio.ctx);
    await job.stop(t.folio.ctx);
    const second = (await t.call('outbox.list', {})).rows[0]!;
    expect(second).toMatchObject({
      status: 'queued',
      attempts: 2,
      nextAttemptAt: '2026-11-20T10:01:31.000Z',
    });
    expect(smtp.received).toHaveLength(0);

    // Back online: the next timer round delivers it, once, however often the job runs.
    await smtp.start();
    clock.set('2026-11-20T10:02:00Z');
    await job.run(t.folio.ctx);
    await job.run(t.folio.ctx);
    await job.stop(t.folio.ctx);
    await job.run(t.folio.ctx);
    await job.stop(t.folio.ctx);
    await waitFor(() => smtp.received.length > 0, 'the queued message');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.messageId).toBe(queued.messageId);
    const sent = (await t.call('outbox.list', {})).rows[0]!;
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 3,
      sentAt: '2026-11-20T10:02:00.000Z',
      lastError: null,
    });
    expect((await t.call('documents.get', { id: doc.id })).sentAt).toBe('2026-11-20T10:02:00.000Z');
    expect((await t.call('outbox.list', { status: 'pending' })).total).toBe(0);
  });

  it('a message queued while offline goes out after a restart', async () => {
    const dir = tempDir();
    await t.close();
    const first = await openTestFolio({ dataDir: dir.dir, clock, keep: true });
    t = first;
    seed = await seedBusiness(t);
    await setupDocuments(t);
    await useAccount();
    const doc = await issuedInvoice(t, seed);
    await smtp.stop();
    expect((await sendInvoice(doc.id)).status).toBe('queued');
    await t.close();

    await smtp.start();
    clock.set('2026-11-20T10:05:00Z');
    t = await openTestFolio({ dataDir: dir.dir, clock, keep: true });
    // Opening the data folder runs the sender once, without waiting for it.
    await waitFor(() => smtp.received.length === 1, 'delivery after the restart');
    await waitFor(
      async () => (await t.call('outbox.list', {})).rows[0]?.status === 'sent',
      'the outbox to record it',
    );
    expect(smtp.received).toHaveLength(1);
    await t.close();
    t = await openTestFolio();
    dir.cleanup();
  });

  it('a wrong password fails with a clear message, in the answer and in the outbox, and is not retried by itself', async () => {
    await useAccount('wrong password');
    const doc = await issuedInvoice(t, seed);
    const failed = await sendInvoice(doc.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(
      /^The mail server rejected the user name or password\. Check them in Settings → Mail\./,
    );
    expect(smtp.logins).toEqual([{ user: 'folio', ok: false }]);

    clock.set('2026-11-20T12:00:00Z');
    const job = (await import('../../src/main/services/mail/outbox')).outboxJob;
    await job.run(t.folio.ctx);
    await job.stop(t.folio.ctx);
    expect(smtp.logins).toHaveLength(1);

    const test = await t.raw('mail.sendTest', { to: 'me@acme.example' });
    expect(test).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'password',
        message: expect.stringMatching(/rejected the user name or password/),
      },
    });

    // Fixing the password puts the failed message back in the queue; it goes out once.
    await useAccount();
    await job.run(t.folio.ctx);
    await job.stop(t.folio.ctx);
    expect(smtp.received).toHaveLength(1);
    expect((await t.call('outbox.list', {})).rows[0]).toMatchObject({ status: 'sent' });
    expect((await t.call('mail.sendTest', { to: 'me@acme.example' })).messageId).toMatch(/@acme\.example>$/);
  });

  it('cannot send a draft, or without an account; Open in my mail app gives an .eml draft with the PDF', async () => {
    const draft = await t.call('documents.create', {
      type: 'invoice',
      customerId: seed.customer.id,
      issueDate: '2026-11-02',
      due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
      currency: 'EUR',
      lines: [{ description: 'Work', quantity: '1', unitPrice: 1000 }],
    });
    const compose = await t.call('mail.compose', { ref: { kind: 'document', id: draft.id } });
    expect(compose.blockers[0]).toMatch(/draft\. Issue it/);
    expect(compose.accountReady).toBe(false);
    const blocked = await t.raw('mail.send', {
      ref: { kind: 'document', id: draft.id },
      to: ['a@b.example'],
      subject: 'x',
      body: 'y',
    });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const doc = await t.call('documents.issue', { id: draft.id });
    const noAccount = await t.raw('mail.send', {
      ref: { kind: 'document', id: doc.id },
      to: ['a@b.example'],
      subject: 'x',
      body: 'y',
    });
    expect(noAccount).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Settings → Mail/) },
    });
    const badAddress = await t.raw('mail.send', {
      ref: { kind: 'document', id: doc.id },
      to: ['not an address'],
      subject: 'x',
      body: 'y',
    });
    expect(badAddress).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'to.0' } });

    const eml = await t.call('mail.draft', {
      ref: { kind: 'document', id: doc.id },
      to: ['accounts@brightside.example'],
      bcc: ['archive@acme.example'],
      subject: 'Your invoice',
      body: 'Attached.',
    });
    expect(eml.opened).toBe(false);
    expect(eml.fileName).toBe(`${doc.number} Brightside Cafés Ltd.eml`);
    const text = Buffer.from(eml.dataBase64, 'base64');
    expect(text.toString('latin1')).toMatch(/^X-Unsent: 1\r?$/m);
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(text);
    expect(parsed.subject).toBe('Your invoice');
    expect((parsed.bcc as { text: string }).text).toBe('archive@acme.example');
    const { pdf } = await renderPdf(t, { kind: 'document', id: doc.id });
    expect(Buffer.compare(parsed.attachments[0]!.content, pdf)).toBe(0);
    // A draft is not a sent message: nothing in the outbox, the invoice is not marked sent.
    expect((await t.call('outbox.list', {})).total).toBe(0);
  });

  it('the SMTP password never appears in plain text: not in the log, the audit log, settings, the database or a backup', async () => {
    const dir = tempDir();
    const secret = 'Sup3r-Secret-Pässword-4711';
    const logsDir = path.join(dir.dir, 'logs');
    const folio = await openFolio({
      dataDir: dir.dir,
      mode: 'browser',
      version: 'test',
      clock,
      log: createLogger(logsDir),
    });
    const call = async (method: string, input: unknown) => {
      const r = await folio.dispatch(method, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
    try {
      const local = await startSmtp({ user: 'folio', password: secret });
      await call('mail.updateAccount', {
        host: '127.0.0.1',
        port: local.port,
        security: 'none',
        user: 'folio',
        password: secret,
        fromName: 'Acme',
        fromEmail: 'billing@acme.example',
        replyTo: '',
      });
      // Use it (so the password is read and sent), fail once on purpose, and back up.
      await call('mail.sendTest', { to: 'me@acme.example' });
      expect(local.logins).toEqual([{ user: 'folio', ok: true }]);
      await local.stop();
      await folio.dispatch('mail.sendTest', { to: 'me@acme.example' });
      const settings = await call('mail.getSettings', {});
      expect(settings.account).toMatchObject({ hasPassword: true, passwordStorage: 'key-file' });
      expect(settings.account.passwordStorageNote).toMatch(/secret\.key/);
      const audit = await call('audit.list', { limit: 500 });
      await call('backups.create', {});

      const needles = [
        secret,
        Buffer.from(secret).toString('base64'),
        Buffer.from(`\0folio\0${secret}`).toString('base64'),
      ];
      const haystacks: [string, string][] = [
        ['mail.getSettings', JSON.stringify(settings)],
        ['audit log', JSON.stringify(audit)],
      ];
      localSqlite(folio.ctx).pragma('wal_checkpoint(TRUNCATE)');
      const files = (d: string): string[] =>
        fs
          .readdirSync(d, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
      for (const file of files(dir.dir)) {
        if (file.endsWith('secret.key')) continue;
        haystacks.push([path.relative(dir.dir, file), fs.readFileSync(file).toString('latin1')]);
        haystacks.push([`${path.relative(dir.dir, file)} (utf8)`, fs.readFileSync(file).toString('utf8')]);
      }
      expect(haystacks.some(([name]) => name.startsWith('backups'))).toBe(true);
      expect(haystacks.some(([name]) => name.startsWith('logs'))).toBe(true);
      for (const [name, text] of haystacks)
        for (const n of needles) expect(text.includes(n), name).toBe(false);
      // The key file stays out of backups; the stored form is sealed.
      const row = localSqlite(folio.ctx)
        .prepare("SELECT value FROM settings WHERE key = 'mail.account'")
        .get() as { value: string };
      expect(JSON.parse(row.value).passwordSealed).toMatch(/^kf1:/);
      expect(fs.readdirSync(path.join(dir.dir, 'backups')).some((f) => f.includes('secret'))).toBe(false);
      expect(fs.statSync(path.join(dir.dir, 'secret.key')).mode & 0o077).toBe(0);
    } finally {
      await folio.close();
      dir.cleanup();
    }
  });
});
