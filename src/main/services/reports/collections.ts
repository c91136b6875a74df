import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { CollectionRow } from '../../../shared/api/reports';
import { daysBetween } from '../../../shared/domain/dates';
import { notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { getReminderLevels } from '../mail/reminder-levels';

/**
 * The collections workbench: every customer with overdue invoices, how much and how late, the
 * last reminder and note, any promise to pay, and a flag for accounts being chased.
 */
export async function listCollections(ctx: ServiceContext): Promise<CollectionRow[]> {
  const today = ctx.clock.today();
  const store = storeOf(ctx);
  const rows = (await store
    .prepare(
      `SELECT d.customer_id, c.name, sum(d.balance_base) AS overdue, count(*) AS invoices, min(d.due_date) AS oldest,
              col.flagged, col.promise_date, col.promise_amount, col.promise_note
       FROM documents d INDEXED BY documents_open_by_due JOIN customers c ON c.id = d.customer_id LEFT JOIN collections col ON col.customer_id = d.customer_id
       WHERE d.type = 'invoice' AND d.status IN ('issued', 'partially_paid') AND d.balance > 0 AND d.due_date < ?
       GROUP BY d.customer_id, c.name, col.flagged, col.promise_date, col.promise_amount, col.promise_note
       ORDER BY overdue DESC`,
    )
    .all(today)) as {
    customer_id: number;
    name: string;
    overdue: number;
    invoices: number;
    oldest: string;
    flagged: number | null;
    promise_date: string | null;
    promise_amount: number | null;
    promise_note: string | null;
  }[];
  const lastNote = store.prepare(
    `SELECT at, kind, text FROM collection_notes WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT 1`,
  );
  // Reminders are sent through the documents' reminder flow (approved in the outbox).
  const lastReminder = store.prepare(
    `SELECT r.sent_at AS at, r.level FROM invoice_reminders r JOIN documents d ON d.id = r.document_id
     WHERE d.customer_id = ? AND r.status = 'sent' ORDER BY r.sent_at DESC LIMIT 1`,
  );
  const proposed = store.prepare(
    `SELECT count(*) AS n FROM invoice_reminders r JOIN documents d ON d.id = r.document_id
     WHERE d.customer_id = ? AND r.status = 'proposed'`,
  );
  const levelNames = new Map<number, string>((await getReminderLevels(ctx)).map((l) => [l.level, l.name]));
  const out = [];
  for (const r of rows) {
    const note = (await lastNote.get(r.customer_id)) as
      { at: string; kind: string; text: string } | undefined;
    const reminder = (await lastReminder.get(r.customer_id)) as { at: string; level: number } | undefined;
    out.push({
      customerId: r.customer_id,
      name: r.name,
      overdue: r.overdue,
      invoices: r.invoices,
      oldestDueDate: r.oldest,
      daysOverdue: daysBetween(r.oldest, today),
      lastReminder: reminder
        ? {
            date: reminder.at.slice(0, 10),
            level: levelNames.get(reminder.level) ?? `Level ${reminder.level}`,
          }
        : null,
      proposedReminders: ((await proposed.get(r.customer_id)) as { n: number }).n,
      promise: r.promise_date
        ? { date: r.promise_date, amount: r.promise_amount, note: r.promise_note ?? '' }
        : null,
      flagged: r.flagged === 1,
      lastNote: note ?? null,
    });
  }
  return out;
}

export async function collectionNotes(ctx: ServiceContext, input: { customerId: number }) {
  return await storeOf(ctx).all(
    qb
      .selectFrom('collection_notes')
      .select(['id', 'at', 'kind', 'text', 'user'])
      .where('customer_id', '=', input.customerId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc'),
  );
}

async function ensureCustomer(ctx: ServiceContext, id: number): Promise<void> {
  if (!(await storeOf(ctx).first(qb.selectFrom('customers').select('id').where('id', '=', id))))
    throw notFound(msg('errors.notFound.customer'));
}

/** A note in the collections log (a call or a promise), audit-logged with it. */
async function addCollectionNote(
  ctx: ServiceContext,
  customerId: number,
  kind: 'call' | 'note' | 'promise',
  text: string,
): Promise<void> {
  await ensureCustomer(ctx, customerId);
  const { lastInsertRowid } = await storeOf(ctx).run(
    qb
      .insertInto('collection_notes')
      .values({ customer_id: customerId, at: ctx.clock.now().toISOString(), kind, text, user: ctx.user }),
  );
  await recordAudit(ctx, {
    entity: 'collection_note',
    entityId: lastInsertRowid,
    action: kind,
    details: { customerId, text },
  });
}

async function upsert(
  ctx: ServiceContext,
  customerId: number,
  change: {
    flagged?: number;
    promise_date?: string | null;
    promise_amount?: number | null;
    promise_note?: string;
  },
) {
  const now = ctx.clock.now().toISOString();
  await storeOf(ctx).run(
    qb
      .insertInto('collections')
      .values({
        customer_id: customerId,
        flagged: 0,
        promise_date: null,
        promise_amount: null,
        promise_note: '',
        ...change,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ ...change, updated_at: now })),
  );
}

export async function logCall(
  ctx: ServiceContext,
  input: ParsedInput<'collections.logCall'>,
): Promise<{ ok: true }> {
  await storeOf(ctx).tx(async () => await addCollectionNote(ctx, input.customerId, 'call', input.text));
  return { ok: true };
}

export async function recordPromise(
  ctx: ServiceContext,
  input: ParsedInput<'collections.recordPromise'>,
): Promise<{ ok: true }> {
  await storeOf(ctx).tx(async () => {
    await ensureCustomer(ctx, input.customerId);
    await upsert(ctx, input.customerId, {
      promise_date: input.date,
      promise_amount: input.amount,
      promise_note: input.note,
    });
    await addCollectionNote(
      ctx,
      input.customerId,
      'promise',
      `Promised to pay by ${input.date}${input.note ? `: ${input.note}` : ''}`,
    );
  });
  return { ok: true };
}

export async function setCollectionFlag(
  ctx: ServiceContext,
  input: ParsedInput<'collections.setFlag'>,
): Promise<{ ok: true }> {
  await storeOf(ctx).tx(async () => {
    await ensureCustomer(ctx, input.customerId);
    await upsert(ctx, input.customerId, { flagged: input.flagged ? 1 : 0 });
    await recordAudit(ctx, {
      entity: 'collections',
      entityId: input.customerId,
      action: input.flagged ? 'flag' : 'unflag',
    });
  });
  return { ok: true };
}
