import { msg } from '../../../shared/i18n';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInput } from '../../../shared/api/contract';
import type { OutboxEntry } from '../../../shared/api/mail';
import { renderTemplate } from '../../../shared/domain/templates';
import { daysOverdue } from '../../../shared/domain/reminders';
import { AppError, fieldError, notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import type { OutboxTable } from '../../db/schema';
import type { OutgoingMessage } from '../../mail/smtp';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { handoffDir, renderView } from '../printing/pdf';
import { attachmentLabel } from '../einvoice/preflight';
import { loadSubject, logoOf, type PrintRef, type Subject } from '../printing/views';
import { getMailSettings, getTemplates, isAccountReady, smtpAccount, storedAccountOf } from './settings';
import { safeUserFileName } from '../../../shared/domain/file-names';

/**
 * The outbox: Send renders the PDF, stores the message with its attachment and tries to
 * deliver it at once. A message that could not go out (offline, server down) stays queued;
 * the sender tries again with backoff (30 s, 1, 2, 4 … minutes, at most hourly) from a timer
 * and whenever something new is sent. One delivery pass runs at a time per open data folder,
 * and a message is marked "sending" in the database before it is handed to the server, so
 * it is delivered once. The rows that were sent are the document's sent log.
 *
 * Shared books: every machine runs a sender over the same outbox. A message is claimed by
 * the update that marks it "sending" only while it is still queued, so of two senders
 * reaching it at the same moment one sends it and the other moves on; and while "sending",
 * its next_attempt_at says until when the claim holds (SENDING_LEASE_MS), so another
 * machine starting up does not take a message that is on its way from here.
 */

export const BACKOFF_BASE_MS = 30_000;
/**
 * How long a claim to send a message holds: far longer than a delivery can take (the SMTP
 * timeouts add up to under a minute). Only on shared books does it matter: a machine that
 * stopped while sending leaves its message to be sent by another one once this has passed.
 */
export const SENDING_LEASE_MS = 10 * 60_000;
export const BACKOFF_MAX_MS = 3_600_000;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

interface SenderState {
  running: Promise<void> | null;
  again: boolean;
}
const senders = new WeakMap<ServiceContext, SenderState>();

function senderOf(ctx: ServiceContext): SenderState {
  let s = senders.get(ctx);
  if (!s) {
    s = { running: null, again: false };
    senders.set(ctx, s);
  }
  return s;
}

// --- Reading -----------------------------------------------------------------------------

type Row = OutboxTable & { id: number };

async function entryOf(ctx: ServiceContext, row: Row): Promise<OutboxEntry> {
  const attachments = (await storeOf(ctx)
    .prepare(
      'SELECT file_name, length(content) AS bytes FROM outbox_attachments WHERE outbox_id = ? ORDER BY position',
    )
    .all(row.id)) as { file_name: string; bytes: number }[];
  return {
    id: row.id,
    kind: row.kind,
    documentId: row.document_id,
    paymentId: row.payment_id,
    customerId: row.customer_id,
    about: row.about,
    to: JSON.parse(row.to_addresses) as string[],
    cc: JSON.parse(row.cc_addresses) as string[],
    bcc: JSON.parse(row.bcc_addresses) as string[],
    subject: row.subject,
    attachments: attachments.map((a) => ({ fileName: safeUserFileName(a.file_name), bytes: a.bytes })),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    messageId: row.message_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

async function rowOf(ctx: ServiceContext, id: number): Promise<Row> {
  const row = await storeOf(ctx).first(qb.selectFrom('outbox').selectAll().where('id', '=', id));
  if (!row) throw notFound(msg('errors.notFound.message'));
  return row as Row;
}

export async function getEntry(ctx: ServiceContext, id: number): Promise<OutboxEntry> {
  return await entryOf(ctx, await rowOf(ctx, id));
}

export async function listOutbox(ctx: ServiceContext, input: ParsedInput<'outbox.list'>) {
  let q = qb.selectFrom('outbox');
  if (input.status === 'pending') q = q.where('status', 'in', ['queued', 'sending', 'failed']);
  if (input.status === 'sent') q = q.where('status', '=', 'sent');
  const store = storeOf(ctx);
  const total = Number((await store.first(q.select((eb) => eb.fn.countAll<number>().as('n'))))?.n ?? 0);
  const rows = (await store.all(
    q.selectAll().orderBy('id', 'desc').limit(input.limit).offset(input.offset),
  )) as Row[];
  const counts = (await store
    .prepare(
      `SELECT count(*) FILTER (WHERE status IN ('queued', 'sending')) AS queued,
         count(*) FILTER (WHERE status = 'failed') AS failed FROM outbox`,
    )
    .get()) as { queued: number | null; failed: number | null };
  return {
    rows: await Promise.all(rows.map((r) => entryOf(ctx, r))),
    total,
    counts: { queued: counts.queued ?? 0, failed: counts.failed ?? 0 },
  };
}

export async function mailHistory(ctx: ServiceContext, input: ParsedInput<'mail.history'>) {
  let q = qb.selectFrom('outbox').selectAll();
  if (input.documentId) q = q.where('document_id', '=', input.documentId);
  else if (input.paymentId) q = q.where('payment_id', '=', input.paymentId);
  else q = q.where('customer_id', '=', input.customerId!).where('kind', '=', 'statement');
  const rows = (await storeOf(ctx).all(
    q.where('status', '!=', 'cancelled').orderBy('id', 'desc').limit(200),
  )) as Row[];
  let lastReminder = null;
  if (input.documentId) {
    const r = await storeOf(ctx).first(
      qb
        .selectFrom('invoice_reminders')
        .select(['level', 'sent_at', 'outbox_id'])
        .where('document_id', '=', input.documentId)
        .where('status', '=', 'sent')
        .orderBy('sent_at', 'desc')
        .limit(1),
    );
    if (r?.sent_at && r.outbox_id) {
      const levels = (await getMailSettings(ctx)).reminderLevels;
      lastReminder = {
        level: r.level,
        levelName: levels.find((l) => l.level === r.level)?.name ?? `Level ${r.level}`,
        sentAt: r.sent_at,
        outboxId: r.outbox_id,
      };
    }
  }
  return { entries: await Promise.all(rows.map((r) => entryOf(ctx, r))), lastReminder };
}

// --- Composing ---------------------------------------------------------------------------

export async function composeMessage(ctx: ServiceContext, input: { ref: PrintRef }) {
  const subject = await loadSubject(ctx, input.ref);
  const template = (await getTemplates(ctx, subject.language))[subject.templateKind];
  const account = await storedAccountOf(ctx);
  return {
    to: subject.recipients,
    cc: [],
    bcc: account.bccSelf && account.fromEmail ? [account.fromEmail] : [],
    subject: renderTemplate(template.subject, subject.values),
    body: renderTemplate(template.body, subject.values),
    attachmentName:
      subject.link.documentId !== null && (subject.kind === 'invoice' || subject.kind === 'credit_note')
        ? await attachmentLabel(ctx, subject.link.documentId, subject.view.fileName)
        : subject.view.fileName,
    blockers: subject.blockers,
    accountReady: isAccountReady(account),
  };
}

interface Attachment {
  fileName: string;
  bytes: Buffer;
  contentType?: string;
}

/**
 * The files a message carries: the document, or a reminder letter with a copy of its invoice.
 * An issued invoice or credit note to a customer with a preferred e-invoice format carries it:
 * Factur-X in place of the plain PDF, an XML format beside it.
 */
export async function attachmentsFor(ctx: ServiceContext, subject: Subject): Promise<Attachment[]> {
  const logo = subject.view.showLogo ? await logoOf(ctx) : null;
  const documentId = subject.link.documentId;
  if (documentId !== null && (subject.kind === 'invoice' || subject.kind === 'credit_note')) {
    const { preferredEinvoiceFiles } = await import('../einvoice/export');
    const files = await preferredEinvoiceFiles(ctx, documentId, subject.view.fileName);
    if (files) {
      if (files.replacesPdf) return files.files;
      const pdf = await renderView(subject.view, logo);
      return [{ fileName: pdf.fileName, bytes: pdf.bytes }, ...files.files];
    }
  }
  const views = subject.companion ? [subject.view, subject.companion] : [subject.view];
  const out: Attachment[] = [];
  for (const view of views) {
    const pdf = await renderView(view, logo);
    out.push({ fileName: pdf.fileName, bytes: pdf.bytes });
  }
  return out;
}

function messageIdFor(fromEmail: string): string {
  const domain = fromEmail.split('@')[1] || 'folio.invalid';
  return `<${crypto.randomUUID()}@${domain}>`;
}

async function fromAddress(ctx: ServiceContext): Promise<{ name: string; address: string }> {
  const a = await storedAccountOf(ctx);
  const profile = await storeOf(ctx).first(
    qb.selectFrom('business_profile').select(['name', 'email']).where('id', '=', 1),
  );
  return { name: a.fromName || profile?.name || '', address: a.fromEmail || profile?.email || '' };
}

export interface NewMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
}

/** Inserts a queued message; call inside a transaction. */
export async function queueMessage(
  ctx: ServiceContext,
  subject: Subject,
  message: NewMessage,
  attachments: Attachment[],
): Promise<number> {
  const store = storeOf(ctx);
  const from = await fromAddress(ctx);
  const now = ctx.clock.now().toISOString();
  const { lastInsertRowid: id } = await store.run(
    qb.insertInto('outbox').values({
      kind: subject.kind,
      document_id: subject.link.documentId,
      payment_id: subject.link.paymentId,
      customer_id: subject.link.customerId,
      about: subject.about,
      from_address: JSON.stringify(from),
      reply_to: (await storedAccountOf(ctx)).replyTo,
      to_addresses: JSON.stringify(message.to),
      cc_addresses: JSON.stringify(message.cc),
      bcc_addresses: JSON.stringify(message.bcc),
      subject: message.subject,
      body: message.body,
      message_id: messageIdFor(from.address),
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      failure_kind: null,
      server_response: null,
      created_at: now,
      sent_at: null,
    }),
  );
  for (const [position, a] of attachments.entries()) {
    await store.run(
      qb.insertInto('outbox_attachments').values({
        outbox_id: id,
        position,
        file_name: a.fileName,
        content_type: a.contentType ?? 'application/pdf',
        content: a.bytes,
      }),
    );
  }
  await recordAudit(ctx, {
    entity: 'email',
    entityId: id,
    action: 'queue',
    details: {
      about: subject.about,
      documentId: subject.link.documentId,
      to: message.to,
      cc: message.cc,
      bcc: message.bcc,
      subject: message.subject,
      attachments: attachments.map((a) => a.fileName),
    },
  });
  return id;
}

/** Send: render, queue, and try to deliver at once (waiting at most a few seconds for it). */
export async function sendMessage(
  ctx: ServiceContext,
  input: ParsedInput<'mail.send'>,
): Promise<OutboxEntry> {
  const subject = await loadSubject(ctx, input.ref);
  if (subject.blockers.length) throw new AppError('CONFLICT', subject.blockers[0]!);
  await smtpAccount(ctx);
  const attachments = await attachmentsFor(ctx, subject);
  const id = await storeOf(ctx).tx(async () => {
    const outboxId = await queueMessage(ctx, subject, input, attachments);
    if (subject.reminderLevel && subject.link.documentId) {
      await markReminderQueued(ctx, subject.link.documentId, subject.reminderLevel, outboxId);
    }
    return outboxId;
  });
  await deliverSoon(ctx);
  return await getEntry(ctx, id);
}

/** A reminder sent by hand from the Send dialog counts like an approved proposal. */
async function markReminderQueued(
  ctx: ServiceContext,
  documentId: number,
  level: number,
  outboxId: number,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const existing = await storeOf(ctx).first(
    qb
      .selectFrom('invoice_reminders')
      .select(['id'])
      .where('document_id', '=', documentId)
      .where('level', '=', level),
  );
  if (existing) {
    await storeOf(ctx).run(
      qb
        .updateTable('invoice_reminders')
        .set({ status: 'queued', decided_at: now, outbox_id: outboxId })
        .where('id', '=', existing.id),
    );
  } else {
    const doc = await storeOf(ctx).first(
      qb.selectFrom('documents').select('due_date').where('id', '=', documentId),
    );
    const days = doc?.due_date ? daysOverdue(doc.due_date, ctx.clock.today()) : 0;
    await storeOf(ctx).run(
      qb.insertInto('invoice_reminders').values({
        document_id: documentId,
        level,
        status: 'queued',
        days_overdue: days,
        proposed_at: now,
        decided_at: now,
        outbox_id: outboxId,
        sent_at: null,
      }),
    );
  }
}

// --- Delivering --------------------------------------------------------------------------

async function outgoing(ctx: ServiceContext, row: Row): Promise<OutgoingMessage> {
  const attachments = await storeOf(ctx).all(
    qb
      .selectFrom('outbox_attachments')
      .select(['file_name', 'content_type', 'content'])
      .where('outbox_id', '=', row.id)
      .orderBy('position'),
  );
  return {
    from: JSON.parse(row.from_address) as { name: string; address: string },
    replyTo: row.reply_to,
    to: JSON.parse(row.to_addresses) as string[],
    cc: JSON.parse(row.cc_addresses) as string[],
    bcc: JSON.parse(row.bcc_addresses) as string[],
    subject: row.subject,
    text: row.body,
    messageId: row.message_id,
    date: new Date(row.created_at),
    attachments: attachments.map((a) => ({
      // Queued before names were sanitised, a stored name may still hold a bidi override.
      filename: safeUserFileName(a.file_name),
      content: Buffer.from(a.content),
      contentType: a.content_type,
    })),
  };
}

async function finishSent(ctx: ServiceContext, row: Row, response: string): Promise<void> {
  const store = storeOf(ctx);
  const now = ctx.clock.now().toISOString();
  await store.tx(async () => {
    await store.run(
      qb
        .updateTable('outbox')
        .set({
          status: 'sent',
          sent_at: now,
          server_response: response.slice(0, 500),
          last_error: null,
          failure_kind: null,
          next_attempt_at: null,
        })
        .where('id', '=', row.id),
    );
    if (row.document_id && row.kind !== 'reminder') {
      await store.run(
        qb
          .updateTable('documents')
          .set({ sent_at: now })
          .where('id', '=', row.document_id)
          .where('sent_at', 'is', null),
      );
    }
    await store.run(
      qb
        .updateTable('invoice_reminders')
        .set({ status: 'sent', sent_at: now })
        .where('outbox_id', '=', row.id),
    );
    await recordAudit(ctx, {
      entity: 'email',
      entityId: row.id,
      action: 'sent',
      details: {
        about: row.about,
        documentId: row.document_id,
        messageId: row.message_id,
        attempt: row.attempts,
      },
    });
  });
  ctx.log.info('email sent', { outboxId: row.id, messageId: row.message_id, attempt: row.attempts });
}

async function finishFailed(
  ctx: ServiceContext,
  row: Row,
  kind: string,
  message: string,
  retry: boolean,
): Promise<void> {
  const store = storeOf(ctx);
  const next = retry ? new Date(ctx.clock.now().getTime() + backoffMs(row.attempts)).toISOString() : null;
  await store.tx(async () => {
    await store.run(
      qb
        .updateTable('outbox')
        .set({
          status: retry ? 'queued' : 'failed',
          next_attempt_at: next,
          last_error: message,
          failure_kind: kind,
        })
        .where('id', '=', row.id),
    );
    if (!retry)
      await store.run(
        qb.updateTable('invoice_reminders').set({ status: 'failed' }).where('outbox_id', '=', row.id),
      );
  });
  ctx.log.error('email not sent', {
    outboxId: row.id,
    attempt: row.attempts,
    kind,
    retry,
    nextAttemptAt: next,
  });
}

async function deliverOne(ctx: ServiceContext, id: number): Promise<void> {
  const store = storeOf(ctx);
  const row = await store.tx(async () => {
    // Claimed only while still queued: another machine's sender at the same moment waits
    // for this update (shared books), then finds the message no longer queued and moves on.
    const lease = new Date(ctx.clock.now().getTime() + SENDING_LEASE_MS).toISOString();
    const claimed = await store.run(
      qb
        .updateTable('outbox')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: lease }))
        .where('id', '=', id)
        .where('status', '=', 'queued'),
    );
    return claimed.changes === 1 ? await rowOf(ctx, id) : null;
  });
  if (!row) return;
  let account;
  try {
    account = await smtpAccount(ctx);
  } catch (error) {
    await finishFailed(ctx, row, 'auth', error instanceof Error ? error.message : String(error), false);
    return;
  }
  const { sendMail, describeFailure } = await import('../../mail/smtp');
  try {
    const result = await sendMail(account, await outgoing(ctx, row));
    await finishSent(ctx, row, result.response);
  } catch (error) {
    const f = describeFailure(error, account);
    await finishFailed(ctx, row, f.kind, f.message, f.retry);
  }
}

/**
 * Shared books: each computer keeps its own copy of the mail password (password-here.ts). A
 * computer without it leaves the outbox to the ones that have it, instead of taking every
 * message and marking it failed (on a local book, the failure tells the user to enter it again).
 */
async function cannotReadPasswordHere(ctx: ServiceContext): Promise<boolean> {
  if (ctx.host.engine !== 'postgres') return false;
  try {
    await smtpAccount(ctx);
    return false;
  } catch (error) {
    return error instanceof AppError && error.field === 'password';
  }
}

/** Delivers every due message, one at a time. */
async function deliveryPass(ctx: ServiceContext, state: SenderState): Promise<void> {
  if (await cannotReadPasswordHere(ctx)) return;
  do {
    state.again = false;
    const tried = new Set<number>();
    for (;;) {
      if (!ctx.host.isOpen) return;
      const now = ctx.clock.now().toISOString();
      const due = (
        await storeOf(ctx).all(
          qb
            .selectFrom('outbox')
            .select('id')
            .where('status', '=', 'queued')
            .where('next_attempt_at', '<=', now)
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(20),
        )
      ).filter((r) => !tried.has(r.id));
      if (!due.length) break;
      for (const { id } of due) {
        tried.add(id);
        await deliverOne(ctx, id);
      }
    }
  } while (state.again);
}

/** Starts a delivery pass (or asks the running one to look again) and returns when it ends. */
export function kickSender(ctx: ServiceContext): Promise<void> {
  const state = senderOf(ctx);
  if (state.running) {
    state.again = true;
    return state.running;
  }
  state.running = deliveryPass(ctx, state)
    .catch((error: unknown) => ctx.log.error('email sender failed', { error }))
    .finally(() => {
      state.running = null;
    });
  return state.running;
}

/** Kicks the sender and waits for it, but not longer than `waitMs`: the answer must not hang. */
export async function deliverSoon(ctx: ServiceContext, waitMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    kickSender(ctx),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    }),
  ]);
  clearTimeout(timer);
}

export async function retryMessage(ctx: ServiceContext, input: { id: number }): Promise<OutboxEntry> {
  await storeOf(ctx).tx(async () => {
    const row = await rowOf(ctx, input.id);
    if (row.status === 'sent') throw new AppError('CONFLICT', msg('errors.outbox.messageHasAlreadyBeen'));
    if (row.status === 'sending') throw new AppError('CONFLICT', msg('errors.outbox.messageBeingSentRight'));
    await storeOf(ctx).run(
      qb
        .updateTable('outbox')
        .set({ status: 'queued', next_attempt_at: ctx.clock.now().toISOString() })
        .where('id', '=', row.id),
    );
    await recordAudit(ctx, {
      entity: 'email',
      entityId: row.id,
      action: 'retry',
      before: { status: row.status },
      after: { status: 'queued' },
    });
  });
  return deliverSoon(ctx).then(async () => await getEntry(ctx, input.id));
}

export async function cancelMessage(ctx: ServiceContext, input: { id: number }): Promise<OutboxEntry> {
  await storeOf(ctx).tx(async () => {
    const row = await rowOf(ctx, input.id);
    if (row.status === 'sent') throw new AppError('CONFLICT', msg('errors.outbox.messageHasAlreadyBeen'));
    if (row.status === 'sending') throw new AppError('CONFLICT', msg('errors.outbox.messageBeingSentRight2'));
    await storeOf(ctx).run(
      qb.updateTable('outbox').set({ status: 'cancelled', next_attempt_at: null }).where('id', '=', row.id),
    );
    await storeOf(ctx).run(
      qb
        .updateTable('invoice_reminders')
        .set({ status: 'proposed', outbox_id: null, decided_at: null })
        .where('outbox_id', '=', row.id),
    );
    await recordAudit(ctx, {
      entity: 'email',
      entityId: row.id,
      action: 'cancel',
      before: { status: row.status },
      after: { status: 'cancelled' },
    });
  });
  return await getEntry(ctx, input.id);
}

/**
 * The background job: after a crash a message may be left "sending" (no pass is running
 * now, so none is really in flight): it is queued again — on shared books only once its
 * claim has run out, as it may be on its way from another machine. Then due messages are delivered.
 * It does not wait for the network, so opening the data folder is never slowed by it.
 */
export const outboxJob = {
  name: 'outbox',
  everyMs: 30_000,
  async run(ctx: ServiceContext): Promise<void> {
    const state = senderOf(ctx);
    if (!state.running) {
      const now = ctx.clock.now().toISOString();
      await storeOf(ctx).run(
        qb
          .updateTable('outbox')
          .set({ status: 'queued', next_attempt_at: now })
          .where('status', '=', 'sending')
          // Shared books: another machine may be sending it right now; it is taken over only
          // once that machine's claim has run out.
          .$if(ctx.host.engine === 'postgres', (q) => q.where('next_attempt_at', '<=', now)),
      );
    }
    void kickSender(ctx);
  },
  async stop(ctx: ServiceContext): Promise<void> {
    await senderOf(ctx).running;
  },
};

// --- Test email and drafts -----------------------------------------------------------------

export async function sendTestEmail(ctx: ServiceContext, input: { to: string }) {
  const account = await smtpAccount(ctx);
  const from = await fromAddress(ctx);
  const { sendMail, describeFailure } = await import('../../mail/smtp');
  try {
    const result = await sendMail(account, {
      from,
      replyTo: account.replyTo,
      to: [input.to],
      cc: [],
      bcc: [],
      subject: 'Folio test email',
      text: `This is a test email from Folio, sent through ${account.host}:${account.port}.\n\nIf you can read it, invoices will go out the same way.`,
      messageId: messageIdFor(from.address),
      date: ctx.clock.now(),
      attachments: [],
    });
    ctx.log.info('test email sent', { messageId: result.messageId });
    return { messageId: result.messageId, response: result.response };
  } catch (error) {
    const f = describeFailure(error, account);
    ctx.log.error('test email failed', { kind: f.kind });
    const field = f.kind === 'auth' ? 'password' : f.kind === 'rejected' ? 'to' : 'host';
    throw new AppError('VALIDATION', f.message, field);
  }
}

/** "Open in my mail app": an .eml draft with the PDF attached. */
export async function draftMessage(ctx: ServiceContext, input: ParsedInput<'mail.draft'>) {
  const subject = await loadSubject(ctx, input.ref);
  if (subject.blockers.length) throw new AppError('CONFLICT', subject.blockers[0]!);
  const attachments = await attachmentsFor(ctx, subject);
  const from = await fromAddress(ctx);
  if (!from.address) throw fieldError('from', msg('errors.outbox.addYourBusinessEmail'));
  const { buildEml } = await import('../../mail/smtp');
  const eml = await buildEml({
    from,
    replyTo: (await storedAccountOf(ctx)).replyTo,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: input.subject,
    text: input.body,
    messageId: messageIdFor(from.address),
    date: ctx.clock.now(),
    attachments: attachments.map((a) => ({
      filename: a.fileName,
      content: a.bytes,
      contentType: a.contentType ?? 'application/pdf',
    })),
  });
  const fileName = subject.view.fileName.replace(/\.pdf$/, '.eml');
  await recordAudit(ctx, {
    entity: 'email',
    entityId: subject.link.documentId ?? subject.link.paymentId ?? subject.link.customerId ?? 0,
    action: 'draft',
    details: { about: subject.about, to: input.to, subject: input.subject },
  });
  if (ctx.desktop) {
    const file = path.join(handoffDir(), fileName);
    fs.writeFileSync(file, eml, { mode: 0o600 });
    await ctx.desktop.openPath(file);
    return { opened: true, fileName, dataBase64: '' };
  }
  return { opened: false, fileName, dataBase64: eml.toString('base64') };
}
