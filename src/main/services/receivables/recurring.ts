import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ParsedDocumentInput } from '../../../shared/api/documents';
import type { CatchUpChoice, Recurring } from '../../../shared/api/recurring';
import {
  describeSchedule,
  occurrencesUntil,
  upcomingOccurrences,
  type Schedule,
} from '../../../shared/domain/schedule';
import { AppError, fieldError, notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import type { Job } from '../job';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { insertDraft, prepareDocument } from './document-save';
import { issueInTransaction } from './document-lifecycle';
import { dialectOf } from '../../db/dialect';
import { assertVersion } from '../versions';

type Template = Omit<ParsedDocumentInput, 'issueDate' | 'type' | 'relatedId'>;

async function record(ctx: ServiceContext, id: number) {
  const r = await storeOf(ctx).first(
    qb
      .selectFrom('recurring_invoices as r')
      .innerJoin('customers as c', 'c.id', 'r.customer_id')
      .selectAll('r')
      .select('c.name as customer_name')
      .where('r.id', '=', id),
  );
  if (!r) throw notFound(msg('errors.notFound.recurringInvoice'));
  return r;
}

/**
 * Checks, inside the transaction about to change it, that a template is still at the version
 * an edit started from. The row stays locked (shared books) until the transaction ends, so a
 * second save from the same version waits, then sees the new version and is refused.
 */
async function lockVersion(ctx: ServiceContext, id: number, expected: number | undefined) {
  const store = storeOf(ctx);
  const row = await store.first(
    qb
      .selectFrom('recurring_invoices')
      .select(['version', 'updated_by', 'updated_at'])
      .where('id', '=', id)
      .modifyEnd(dialectOf(store).forUpdate),
  );
  if (!row) throw notFound(msg('errors.notFound.recurringInvoice'));
  await assertVersion(ctx, row, expected);
  return row;
}

async function toOutput(ctx: ServiceContext, r: Awaited<ReturnType<typeof record>>): Promise<Recurring> {
  const schedule = JSON.parse(r.schedule) as Schedule;
  const template = JSON.parse(r.template) as Template;
  const documents = await storeOf(ctx).all(
    qb
      .selectFrom('recurring_occurrences as o')
      .leftJoin('documents as d', 'd.id', 'o.document_id')
      .select(['o.document_id', 'o.occurrence_date', 'd.number', 'd.status'])
      .where('o.recurring_id', '=', r.id)
      .orderBy('o.occurrence_date', 'desc')
      .limit(50),
  );
  const generated = Number(
    (
      await storeOf(ctx).first(
        qb
          .selectFrom('recurring_occurrences')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('recurring_id', '=', r.id),
      )
    )?.n ?? 0,
  );
  const preview = await prepareDocument(
    ctx,
    { ...template, type: 'invoice', issueDate: schedule.startDate, relatedId: null },
    { allowArchivedCustomer: true, checkExemption: false },
  );
  return {
    id: r.id,
    name: r.name,
    customerId: r.customer_id,
    customerName: r.customer_name,
    template: template as unknown as Record<string, unknown>,
    schedule,
    description: describeSchedule(schedule),
    mode: r.mode,
    paused: r.paused_at !== null,
    version: r.version,
    generated,
    total: preview.doc.total,
    currency: template.currency,
    upcoming: r.paused_at ? [] : upcomingOccurrences(schedule, r.next_index, 6),
    documents: documents
      .filter((d) => d.document_id !== null)
      .map((d) => ({
        id: d.document_id!,
        number: d.number,
        date: d.occurrence_date,
        status: d.status ?? 'deleted',
      })),
  };
}

export async function getRecurring(ctx: ServiceContext, input: { id: number }): Promise<Recurring> {
  return await toOutput(ctx, await record(ctx, input.id));
}

export async function listRecurring(ctx: ServiceContext): Promise<Recurring[]> {
  const ids = await storeOf(ctx).all(qb.selectFrom('recurring_invoices').select('id').orderBy('name'));
  return await Promise.all(ids.map((r) => getRecurring(ctx, r)));
}

/**
 * Catching up: a schedule whose start lies in the past has occurrences due at once. One due
 * occurrence is made as the schedule says (issued or draft), as on any normal day. More than
 * one is never made without asking: saving the schedule is refused at `catchUp` with what would
 * be made, and the user chooses to issue them (numbered in date order), make drafts, or skip
 * them. The background job, which cannot ask, makes drafts when more than one is due (after the
 * app was closed for weeks, say): nothing is numbered or locked behind the user's back.
 */
async function askCatchUp(
  ctx: ServiceContext,
  schedule: Schedule,
  fromIndex: number,
  choice: CatchUpChoice | undefined,
) {
  const due = occurrencesUntil(schedule, ctx.clock.today(), fromIndex);
  if (due.length <= 1 || choice) return;
  const first = due[0]!.date;
  const last = due.at(-1)!.date;
  const later = await storeOf(ctx).first(
    qb
      .selectFrom('documents')
      .select('issue_date')
      .where('type', '=', 'invoice')
      .where('number', 'is not', null)
      .where('issue_date', '>', first)
      .orderBy('issue_date', 'desc')
      .limit(1),
  );
  throw fieldError(
    'catchUp',
    msg('errors.recurring.dueInvoicesAreAlready', { due: due.length, first, last }) +
      (later ? ` ${msg('errors.recurring.laterNumbered', { date: later.issue_date })}` : ''),
  );
}

async function validate(ctx: ServiceContext, input: ParsedInput<'recurring.create'>): Promise<void> {
  // The template must make a valid invoice; its dates come from each occurrence.
  await prepareDocument(ctx, {
    ...input.template,
    type: 'invoice',
    issueDate: input.schedule.startDate,
    relatedId: null,
  });
}

export async function createRecurring(
  ctx: ServiceContext,
  input: ParsedInput<'recurring.create'>,
): Promise<Recurring> {
  const id = await storeOf(ctx).tx(async () => {
    await validate(ctx, input);
    await askCatchUp(ctx, input.schedule, 0, input.catchUp);
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = await storeOf(ctx).run(
      qb.insertInto('recurring_invoices').values({
        name: input.name,
        customer_id: input.template.customerId,
        template: JSON.stringify(input.template),
        schedule: JSON.stringify(input.schedule),
        mode: input.mode,
        next_index: 0,
        paused_at: null,
        created_at: now,
        updated_at: now,
      }),
    );
    await recordAudit(ctx, {
      entity: 'recurring_invoice',
      entityId: lastInsertRowid,
      action: 'create',
      after: { name: input.name, schedule: JSON.stringify(input.schedule), mode: input.mode },
    });
    return lastInsertRowid;
  });
  await catchUpOne(ctx, id, input.catchUp);
  return await getRecurring(ctx, { id });
}

/**
 * A schedule edit applies from today: the next occurrence is the new schedule's first date on
 * or after today, so nothing in the past is made up, and a date already invoiced is never
 * invoiced twice (occurrences are keyed by date).
 */
export async function updateRecurring(
  ctx: ServiceContext,
  input: ParsedInput<'recurring.update'>,
): Promise<Recurring> {
  await storeOf(ctx).tx(async () => {
    const { version } = await lockVersion(ctx, input.id, input.version);
    const before = await record(ctx, input.id);
    await validate(ctx, input);
    const scheduleChanged = before.schedule !== JSON.stringify(input.schedule);
    const firstUpcoming = upcomingOccurrences(input.schedule, 0, 10_000).find(
      (o) => o.date >= ctx.clock.today(),
    );
    const hasGenerated = !!(await storeOf(ctx).first(
      qb
        .selectFrom('recurring_occurrences')
        .select('recurring_id')
        .where('recurring_id', '=', input.id)
        .limit(1),
    ));
    await storeOf(ctx).run(
      qb
        .updateTable('recurring_invoices')
        .set({
          name: input.name,
          customer_id: input.template.customerId,
          template: JSON.stringify(input.template),
          schedule: JSON.stringify(input.schedule),
          mode: input.mode,
          updated_at: ctx.clock.now().toISOString(),
          updated_by: ctx.user,
          version: version + 1,
          ...(scheduleChanged && hasGenerated ? { next_index: firstUpcoming?.index ?? 10_000 } : {}),
        })
        .where('id', '=', input.id),
    );
    await askCatchUp(ctx, input.schedule, (await record(ctx, input.id)).next_index, input.catchUp);
    await recordAudit(ctx, {
      entity: 'recurring_invoice',
      entityId: input.id,
      action: 'update',
      before: { name: before.name, schedule: before.schedule, mode: before.mode, template: before.template },
      after: {
        name: input.name,
        schedule: JSON.stringify(input.schedule),
        mode: input.mode,
        template: JSON.stringify(input.template),
      },
    });
  });
  await catchUpOne(ctx, input.id, input.catchUp);
  return await getRecurring(ctx, input);
}

/** Pausing stops generation; on resume, occurrences dated while paused are skipped. */
export async function setRecurringPaused(
  ctx: ServiceContext,
  input: ParsedInput<'recurring.setPaused'>,
): Promise<Recurring> {
  await storeOf(ctx).tx(async () => {
    const r = await record(ctx, input.id);
    if (input.paused === (r.paused_at !== null)) return;
    const schedule = JSON.parse(r.schedule) as Schedule;
    const skipTo = input.paused
      ? r.next_index
      : (upcomingOccurrences(schedule, r.next_index, 10_000).find((o) => o.date >= ctx.clock.today())
          ?.index ?? r.next_index + 10_000);
    await storeOf(ctx).run(
      qb
        .updateTable('recurring_invoices')
        .set({
          paused_at: input.paused ? ctx.clock.now().toISOString() : null,
          next_index: skipTo,
          updated_at: ctx.clock.now().toISOString(),
        })
        .where('id', '=', r.id),
    );
    await recordAudit(ctx, {
      entity: 'recurring_invoice',
      entityId: r.id,
      action: input.paused ? 'pause' : 'resume',
      details: { skippedTo: skipTo },
    });
  });
  if (!input.paused) await catchUpOne(ctx, input.id);
  return await getRecurring(ctx, input);
}

export async function deleteRecurring(
  ctx: ServiceContext,
  input: { id: number },
): Promise<{ deleted: true }> {
  await storeOf(ctx).tx(async () => {
    const r = await record(ctx, input.id);
    await storeOf(ctx).run(qb.deleteFrom('recurring_invoices').where('id', '=', input.id));
    await recordAudit(ctx, {
      entity: 'recurring_invoice',
      entityId: input.id,
      action: 'delete',
      before: { name: r.name },
    });
  });
  return { deleted: true };
}

/**
 * Generates every occurrence of one schedule that is due (dated today or earlier) and not yet
 * made, oldest first, so issued ones are numbered in date order. Each occurrence is its own
 * transaction: the occurrence row (primary key: schedule + date), the invoice, its number if
 * issued, and the schedule's next index commit together. So a crash half-way loses nothing and
 * repeats nothing, and a second run finds the rows and makes nothing. With more than one due,
 * `choice` says what to make (see askCatchUp); without one (the background job), drafts.
 * Returns how many invoices were made.
 */
export async function catchUpOne(ctx: ServiceContext, id: number, choice?: CatchUpChoice): Promise<number> {
  const store = storeOf(ctx);
  const r = await record(ctx, id);
  if (r.paused_at) return 0;
  const schedule = JSON.parse(r.schedule) as Schedule;
  const template = JSON.parse(r.template) as Template;
  const due = occurrencesUntil(schedule, ctx.clock.today(), r.next_index);
  const mode: CatchUpChoice = due.length > 1 ? (choice ?? 'draft') : r.mode;
  if (mode === 'skip') {
    await store.tx(async () => {
      await store.run(
        qb
          .updateTable('recurring_invoices')
          .set({ next_index: due.at(-1)!.index + 1 })
          .where('id', '=', id),
      );
      await recordAudit(ctx, {
        entity: 'recurring_invoice',
        entityId: id,
        action: 'skip_catch_up',
        details: { skipped: due.length, from: due[0]!.date, to: due.at(-1)!.date },
      });
    });
    return 0;
  }
  let made = 0;
  for (const o of due) {
    await store.tx(async () => {
      // The schedule's row, locked: a catch-up run at the same moment (another person's app,
      // shared books) waits here, then finds this occurrence made and makes nothing.
      await store.first(
        qb
          .selectFrom('recurring_invoices')
          .select('id')
          .where('id', '=', id)
          .modifyEnd(dialectOf(store).forUpdate),
      );
      const done = await store.first(
        qb
          .selectFrom('recurring_occurrences')
          .select('document_id')
          .where('recurring_id', '=', id)
          .where('occurrence_date', '=', o.date),
      );
      if (!done) {
        const prepared = await prepareDocument(
          ctx,
          { ...template, type: 'invoice', issueDate: o.date, relatedId: null },
          { allowArchivedCustomer: true },
        );
        const documentId = await insertDraft(ctx, prepared, { recurring_id: id });
        await store.run(
          qb.insertInto('recurring_occurrences').values({
            recurring_id: id,
            occurrence_index: o.index,
            occurrence_date: o.date,
            document_id: documentId,
          }),
        );
        if (mode === 'issue') await issueInTransaction(ctx, documentId);
        await recordAudit(ctx, {
          entity: 'invoice',
          entityId: documentId,
          action: 'create_recurring',
          details: { recurringId: id, occurrence: o.index, date: o.date },
        });
        made++;
      }
      await store.run(
        qb
          .updateTable('recurring_invoices')
          .set({ next_index: o.index + 1 })
          .where('id', '=', id),
      );
    });
  }
  return made;
}

export async function catchUpAll(ctx: ServiceContext): Promise<number> {
  const active = await storeOf(ctx).all(
    qb.selectFrom('recurring_invoices').select('id').where('paused_at', 'is', null).orderBy('id'),
  );
  let n = 0;
  for (const r of active) {
    try {
      n += await catchUpOne(ctx, r.id);
    } catch (error) {
      // One broken template (say, a tax deleted since) must not stop the others.
      ctx.log.error('recurring invoice failed', { recurringId: r.id, error });
      if (!(error instanceof AppError)) throw error;
    }
  }
  return n;
}

export const recurringInvoicesJob: Job = {
  name: 'recurring-invoices',
  everyMs: 60 * 60 * 1000,
  run: async (ctx) => {
    await catchUpAll(ctx);
  },
};
