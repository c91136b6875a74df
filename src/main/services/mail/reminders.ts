import { msg } from '../../../shared/i18n';
import type { ReminderProposal } from '../../../shared/api/mail';
import {
  reminderLevelToPropose,
  daysOverdue,
  promiseHolds,
  type ReminderLevelNumber,
  type ReminderRecord,
} from '../../../shared/domain/reminders';
import { renderTemplate } from '../../../shared/domain/templates';
import { AppError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { customerInfo, loadSubject } from '../printing/views';
import { attachmentsFor, deliverSoon, queueMessage, type NewMessage } from './outbox';
import { getTemplates, smtpAccount } from './settings';
import { getReminderLevels } from './reminder-levels';

/**
 * Payment reminders. A job looks at open invoices past their due date (at start and every
 * hour) and proposes the next reminder (see shared/domain/reminders.ts: escalation follows
 * the reminders actually given, and a promise to pay holds them back). It
 * only ever writes proposals: a reminder is queued for sending when, and only when, a person
 * approves it. A proposal whose invoice is paid or void before anyone acts on it goes away.
 */
/**
 * Open overdue invoices, oldest due first, read from the covering partial index of open
 * invoices alone. Left to itself, SQLite walked documents_by_due_date over every invoice ever
 * due and read each row to test its status: 3.8 s at 1M invoices, on the main thread, a
 * second after every start (issue 9 §5).
 */
export const OVERDUE_INVOICES_SQL = `SELECT id, due_date, customer_id FROM documents INDEXED BY documents_open_by_due
  WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND balance > 0 AND due_date < ?
  ORDER BY due_date`;

export async function proposeReminders(ctx: ServiceContext): Promise<number> {
  const store = storeOf(ctx);
  const today = ctx.clock.today();
  const levels = await getReminderLevels(ctx);
  let proposed = 0;
  await store.tx(async () => {
    // Proposals about invoices that are no longer open and overdue are withdrawn.
    await store
      .prepare(
        `DELETE FROM invoice_reminders WHERE status = 'proposed' AND document_id NOT IN (
           SELECT id FROM documents WHERE type = 'invoice' AND status IN ('issued', 'partially_paid')
             AND balance > 0 AND due_date < ?)`,
      )
      .run(today);
    // A promise to pay (Reports → Collections) holds the customer's reminders back until the
    // day after its date; proposals made before it are withdrawn, and come back if it is broken.
    const held = new Set(
      (await store.all(qb.selectFrom('collections').select(['customer_id', 'promise_date'])))
        .filter((c) => promiseHolds(c.promise_date, today))
        .map((c) => c.customer_id),
    );
    if (held.size)
      await store.run(
        qb
          .deleteFrom('invoice_reminders')
          .where('status', '=', 'proposed')
          .where('document_id', 'in', (eb) =>
            eb
              .selectFrom('documents')
              .select('id')
              .where('customer_id', 'in', [...held]),
          ),
      );
    const overdue = (await store.prepare(OVERDUE_INVOICES_SQL).all(today)) as {
      id: number;
      due_date: string;
      customer_id: number;
    }[];
    const history = new Map<number, ReminderRecord[]>();
    for (const r of await store.all(
      qb.selectFrom('invoice_reminders').select(['document_id', 'level', 'status', 'decided_at', 'sent_at']),
    )) {
      const list = history.get(r.document_id) ?? [];
      const at = r.sent_at ?? r.decided_at;
      list.push({
        level: r.level,
        status: r.status as ReminderRecord['status'],
        givenOn: at ? at.slice(0, 10) : null,
      });
      history.set(r.document_id, list);
    }
    const now = ctx.clock.now().toISOString();
    // Prepared once (not compiled per invoice): a large book's first run proposes tens of
    // thousands of reminders in this transaction, which blocks every other call meanwhile.
    // Shared books: another machine's run at the same moment (a refresh) may propose the same
    // reminder first; this one then waits for it and leaves it be, instead of failing.
    const propose = store.prepare(
      `INSERT INTO invoice_reminders
         (document_id, level, status, days_overdue, proposed_at, decided_at, outbox_id, sent_at)
       VALUES (?, ?, 'proposed', ?, ?, NULL, NULL, NULL)
       ON CONFLICT (document_id, level) DO NOTHING`,
    );
    for (const doc of overdue) {
      if (held.has(doc.customer_id)) continue;
      const days = daysOverdue(doc.due_date!, today);
      const level = reminderLevelToPropose(days, levels, history.get(doc.id) ?? [], today);
      if (!level) continue;
      proposed += (await propose.run(doc.id, level, days, now)).changes;
    }
  });
  return proposed;
}

export async function listReminders(
  ctx: ServiceContext,
  input: { status: 'proposed' | 'all' },
): Promise<ReminderProposal[]> {
  let q = qb
    .selectFrom('invoice_reminders as r')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .select([
      'r.id',
      'r.document_id',
      'r.level',
      'r.status',
      'r.proposed_at',
      'r.outbox_id',
      'd.number',
      'd.customer_id',
      'd.customer_name',
      'd.due_date',
      'd.balance',
      'd.currency',
    ]);
  if (input.status === 'proposed') q = q.where('r.status', '=', 'proposed');
  const rows = await storeOf(ctx).all(
    q.orderBy('r.level', 'desc').orderBy('d.due_date').orderBy('r.id').limit(1000),
  );
  const levels = await getReminderLevels(ctx);
  const today = ctx.clock.today();
  const emails = new Map<number, string>();
  const out = [];
  for (const r of rows) {
    if (!emails.has(r.customer_id))
      emails.set(r.customer_id, (await customerInfo(ctx, r.customer_id)).emails.join(', '));
    out.push({
      id: r.id,
      documentId: r.document_id,
      number: r.number ?? '',
      customerId: r.customer_id,
      customerName: r.customer_name,
      email: emails.get(r.customer_id) ?? '',
      dueDate: r.due_date ?? '',
      daysOverdue: r.due_date ? daysOverdue(r.due_date, today) : 0,
      balance: r.balance,
      currency: r.currency,
      level: r.level,
      levelName: levels.find((l) => l.level === r.level)?.name ?? `Level ${r.level}`,
      status: r.status,
      proposedAt: r.proposed_at,
      outboxId: r.outbox_id,
    });
  }
  return out;
}

export async function refreshReminders(ctx: ServiceContext): Promise<ReminderProposal[]> {
  await proposeReminders(ctx);
  return await listReminders(ctx, { status: 'proposed' });
}

async function proposalsById(ctx: ServiceContext, ids: number[]) {
  const rows = await storeOf(ctx).all(qb.selectFrom('invoice_reminders').selectAll().where('id', 'in', ids));
  if (rows.length !== new Set(ids).size)
    throw new AppError('NOT_FOUND', msg('errors.reminders.oneThoseRemindersNo'));
  return rows;
}

/** Queues each approved reminder: its level's email, the letter and a copy of the invoice. */
export async function approveReminders(
  ctx: ServiceContext,
  input: { ids: number[] },
): Promise<ReminderProposal[]> {
  await smtpAccount(ctx);
  const rows = await proposalsById(ctx, input.ids);
  const prepared: {
    row: (typeof rows)[number];
    subject: Awaited<ReturnType<typeof loadSubject>>;
    message: NewMessage;
    attachments: Awaited<ReturnType<typeof attachmentsFor>>;
  }[] = [];
  for (const r of rows) {
    if (r.status !== 'proposed')
      throw new AppError('CONFLICT', msg('errors.reminders.oneThoseRemindersAlready'));
    const subject = await loadSubject(ctx, {
      kind: 'reminder',
      documentId: r.document_id,
      level: r.level as ReminderLevelNumber,
    });
    if (subject.blockers.length) throw new AppError('CONFLICT', subject.blockers[0]!);
    if (!subject.recipients.length)
      throw new AppError(
        'VALIDATION',
        msg('errors.reminders.nameHasNoEmail', {
          name: subject.view.recipient.name,
          document_number: subject.values.document_number,
        }),
      );
    const template = (await getTemplates(ctx, subject.language))[subject.templateKind];
    prepared.push({
      row: r,
      subject,
      message: {
        to: subject.recipients,
        cc: [],
        bcc: [],
        subject: renderTemplate(template.subject, subject.values),
        body: renderTemplate(template.body, subject.values),
      },
      attachments: await attachmentsFor(ctx, subject),
    });
  }
  const now = ctx.clock.now().toISOString();
  await storeOf(ctx).tx(async () => {
    for (const p of prepared) {
      const current = await storeOf(ctx).first(
        qb.selectFrom('invoice_reminders').select('status').where('id', '=', p.row.id),
      );
      if (current?.status !== 'proposed')
        throw new AppError('CONFLICT', msg('errors.reminders.oneThoseRemindersAlready'));
      const outboxId = await queueMessage(ctx, p.subject, p.message, p.attachments);
      await storeOf(ctx).run(
        qb
          .updateTable('invoice_reminders')
          .set({ status: 'queued', decided_at: now, outbox_id: outboxId })
          .where('id', '=', p.row.id),
      );
      await recordAudit(ctx, {
        entity: 'reminder',
        entityId: p.row.id,
        action: 'approve',
        details: { documentId: p.row.document_id, level: p.row.level, outboxId },
      });
    }
  });
  await deliverSoon(ctx);
  return (await listReminders(ctx, { status: 'all' })).filter((r) => input.ids.includes(r.id));
}

/**
 * One reminder per customer: the chosen proposals are grouped by customer and currency, and
 * each group gets one email with one letter listing every overdue invoice of that customer
 * (not only the proposed ones), at the highest level among its proposals. Each proposal is
 * then queued with that one message, so it counts as given for its invoice.
 */
export async function approveRemindersByCustomer(
  ctx: ServiceContext,
  input: { ids: number[] },
): Promise<ReminderProposal[]> {
  await smtpAccount(ctx);
  const store = storeOf(ctx);
  const rows = await proposalsById(ctx, input.ids);
  for (const r of rows)
    if (r.status !== 'proposed')
      throw new AppError('CONFLICT', msg('errors.reminders.oneThoseRemindersAlready'));
  const docs = new Map(
    (
      await store.all(
        qb
          .selectFrom('documents')
          .select(['id', 'customer_id', 'currency'])
          .where(
            'id',
            'in',
            rows.map((r) => r.document_id),
          ),
      )
    ).map((d) => [d.id, d]),
  );
  const groups = new Map<string, { customerId: number; currency: string; rows: typeof rows }>();
  for (const r of rows) {
    const d = docs.get(r.document_id)!;
    const key = `${d.customer_id}:${d.currency}`;
    const group = groups.get(key) ?? { customerId: d.customer_id, currency: d.currency, rows: [] };
    group.rows.push(r);
    groups.set(key, group);
  }
  const prepared: {
    rows: typeof rows;
    subject: Awaited<ReturnType<typeof loadSubject>>;
    message: NewMessage;
    attachments: Awaited<ReturnType<typeof attachmentsFor>>;
  }[] = [];
  for (const g of groups.values()) {
    const level = Math.max(...g.rows.map((r) => r.level)) as ReminderLevelNumber;
    const subject = await loadSubject(ctx, {
      kind: 'customer_reminder',
      customerId: g.customerId,
      level,
      currency: g.currency,
    });
    if (subject.blockers.length) throw new AppError('CONFLICT', subject.blockers[0]!);
    if (!subject.recipients.length)
      throw new AppError(
        'VALIDATION',
        msg('errors.reminders.nameHasNoEmail2', { name: subject.view.recipient.name }),
      );
    prepared.push({
      rows: g.rows,
      subject,
      message: { to: subject.recipients, cc: [], bcc: [], ...subject.letter! },
      attachments: await attachmentsFor(ctx, subject),
    });
  }
  const now = ctx.clock.now().toISOString();
  await store.tx(async () => {
    for (const p of prepared) {
      for (const r of p.rows) {
        const current = await store.first(
          qb.selectFrom('invoice_reminders').select('status').where('id', '=', r.id),
        );
        if (current?.status !== 'proposed')
          throw new AppError('CONFLICT', msg('errors.reminders.oneThoseRemindersAlready'));
      }
      const outboxId = await queueMessage(ctx, p.subject, p.message, p.attachments);
      for (const r of p.rows) {
        await store.run(
          qb
            .updateTable('invoice_reminders')
            .set({ status: 'queued', decided_at: now, outbox_id: outboxId })
            .where('id', '=', r.id),
        );
        await recordAudit(ctx, {
          entity: 'reminder',
          entityId: r.id,
          action: 'approve',
          details: { documentId: r.document_id, level: r.level, outboxId, oneLetterPerCustomer: true },
        });
      }
    }
  });
  await deliverSoon(ctx);
  return (await listReminders(ctx, { status: 'all' })).filter((r) => input.ids.includes(r.id));
}

export async function dismissReminders(
  ctx: ServiceContext,
  input: { ids: number[] },
): Promise<ReminderProposal[]> {
  const now = ctx.clock.now().toISOString();
  await storeOf(ctx).tx(async () => {
    for (const r of await proposalsById(ctx, input.ids)) {
      if (r.status !== 'proposed')
        throw new AppError('CONFLICT', msg('errors.reminders.oneThoseRemindersAlready'));
      await storeOf(ctx).run(
        qb
          .updateTable('invoice_reminders')
          .set({ status: 'dismissed', decided_at: now })
          .where('id', '=', r.id),
      );
      await recordAudit(ctx, {
        entity: 'reminder',
        entityId: r.id,
        action: 'dismiss',
        details: { documentId: r.document_id, level: r.level },
      });
    }
  });
  return (await listReminders(ctx, { status: 'all' })).filter((r) => input.ids.includes(r.id));
}
