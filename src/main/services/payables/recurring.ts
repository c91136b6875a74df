import { msg } from '../../../shared/i18n';
import { z } from 'zod';
import type { ParsedInput } from '../../../shared/api/contract';
import type { RecurringBill } from '../../../shared/api/payables';
import { earlyPaymentSchema } from '../../../shared/api/payables-fields';
import { paymentTermsSchema } from '../../../shared/api/common';
import { billTotals, quantityToMilli } from '../../../shared/domain/bill-amounts';
import {
  describeSchedule,
  occurrencesUntil,
  upcomingOccurrences,
  type Occurrence,
  type Schedule,
} from '../../../shared/domain/schedule';
import { notFound } from '../../../shared/api/errors';
import type { Selectable } from 'kysely';
import type { RecurringBillsTable } from '../../db/schema';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { nowIso, parseTerms, requireVendor } from './common';
import { toBase } from '../../../shared/domain/fx';
import { dueDateFor } from '../../../shared/domain/terms';
import { getPreferences } from '../settings';
import { insertBill } from './bills';
import { prepareBill, prepareLines } from './prepare';
import { rateFor } from './balances';
import { dialectOf } from '../../db/dialect';
import { assertVersion } from '../versions';

/**
 * Recurring bills (rent, subscriptions). A template has a schedule (shared with recurring
 * invoices) and the content of each bill. Catching up makes every occurrence due up to today
 * exactly once: each occurrence is one transaction that inserts the bill, tagged with the
 * template and occurrence index (a unique index refuses a second one), and advances the
 * template's next_index. A crash between two occurrences leaves the next one to do on the
 * next run; a crash inside one rolls it back whole.
 */

const templateSchema = z.object({
  currency: z.string(),
  exchangeRate: z.string(),
  terms: paymentTermsSchema.nullable(),
  earlyPayment: earlyPaymentSchema.nullable().optional(),
  notes: z.string(),
  lines: z.array(
    z.object({
      description: z.string(),
      categoryId: z.number().nullable(),
      quantity: z.number(),
      unitPrice: z.number(),
      tax: z.number(),
    }),
  ),
});
type Template = z.infer<typeof templateSchema>;

export function parseTemplate(json: string): Template {
  return templateSchema.parse(JSON.parse(json));
}

/** What each bill a template makes comes to, in its currency. */
export function templateTotal(t: Template): number {
  return billTotals(
    t.lines.map((l) => ({
      quantityMilli: quantityToMilli(l.quantity) ?? 0,
      unitPrice: l.unitPrice,
      tax: l.tax,
    })),
  ).total;
}

/**
 * The bills a template will still make from `from` to `to` (bill dates), each with its due
 * date and total in the base currency: what the dashboard and the cash-flow forecast expect.
 */
export async function upcomingRecurringBills(ctx: ServiceContext, from: string, to: string) {
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT r.*, v.payment_terms FROM recurring_bills r JOIN vendors v ON v.id = r.vendor_id
       WHERE r.active = 1 AND v.archived_at IS NULL`,
    )
    .all()) as (Row & { payment_terms: string })[];
  const base = (await getPreferences(ctx)).baseCurrency;
  return rows.flatMap((r) => {
    const t = parseTemplate(r.template);
    const amount = toBase(templateTotal(t), t.currency, t.exchangeRate, base);
    const terms = t.terms ?? parseTerms(r.payment_terms);
    const out: { id: number; name: string; billDate: string; dueDate: string; amount: number }[] = [];
    for (const o of upcomingOccurrences(scheduleOf(r), r.next_index, 60)) {
      if (o.date > to) break;
      if (o.date < from) continue;
      out.push({ id: r.id, name: r.name, billDate: o.date, dueDate: dueDateFor(o.date, terms), amount });
    }
    return out;
  });
}

type Row = Selectable<RecurringBillsTable>;

export function scheduleOf(
  row: Pick<Row, 'frequency' | 'every' | 'day_of_month' | 'start_date' | 'end_date' | 'max_count'>,
): Schedule {
  return {
    frequency: row.frequency,
    interval: row.every,
    dayOfMonth: row.day_of_month === -1 ? 'last' : row.day_of_month,
    startDate: row.start_date,
    endDate: row.end_date,
    count: row.max_count,
  };
}

function toRecurring(row: Row & { vendor_name: string; bills_created: number }): RecurringBill {
  const t = parseTemplate(row.template);
  const schedule = scheduleOf(row);
  return {
    id: row.id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    name: row.name,
    frequency: row.frequency,
    interval: row.every,
    dayOfMonth: schedule.dayOfMonth,
    startDate: row.start_date,
    endDate: row.end_date,
    count: row.max_count,
    createAs: row.create_as,
    currency: t.currency,
    exchangeRate: t.exchangeRate,
    terms: t.terms,
    earlyPayment: t.earlyPayment ?? null,
    lines: t.lines,
    notes: t.notes,
    total: templateTotal(t),
    active: row.active === 1,
    version: row.version,
    scheduleLabel: describeSchedule(schedule),
    billsCreated: row.bills_created,
    nextDates: row.active === 1 ? upcomingOccurrences(schedule, row.next_index, 3).map((o) => o.date) : [],
  };
}

const SELECT_SQL = `
  SELECT r.*, v.name AS vendor_name,
    (SELECT count(*) FROM bills b WHERE b.recurring_id = r.id) AS bills_created
  FROM recurring_bills r JOIN vendors v ON v.id = r.vendor_id`;

export async function listRecurring(ctx: ServiceContext): Promise<RecurringBill[]> {
  const rows = (await storeOf(ctx).prepare(`${SELECT_SQL} ORDER BY r.active DESC, r.name`).all()) as (Row & {
    vendor_name: string;
    bills_created: number;
  })[];
  return rows.map((r) => toRecurring(r));
}

export async function getRecurring(ctx: ServiceContext, input: { id: number }): Promise<RecurringBill> {
  const row = (await storeOf(ctx).prepare(`${SELECT_SQL} WHERE r.id = ?`).get(input.id)) as
    (Row & { vendor_name: string; bills_created: number }) | undefined;
  if (!row) throw notFound(msg('errors.notFound.recurringBill'));
  return toRecurring(row);
}

async function columns(
  ctx: ServiceContext,
  input: ParsedInput<'bills.recurring.create'>,
  allowArchived: boolean,
) {
  const vendor = await requireVendor(ctx, input.vendorId, 'vendorId', allowArchived);
  await prepareLines(
    ctx,
    input.lines.map((l) => ({ ...l })),
  );
  const currency = input.currency ?? vendor.currency;
  const template: Template = {
    currency,
    exchangeRate: await rateFor(ctx, currency, input.exchangeRate),
    terms: input.terms,
    ...(input.earlyPayment !== undefined ? { earlyPayment: input.earlyPayment } : {}),
    notes: input.notes,
    lines: input.lines.map((l) => ({
      description: l.description,
      categoryId: l.categoryId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      tax: l.tax,
    })),
  };
  return {
    vendor_id: vendor.id,
    name: input.name,
    frequency: input.frequency,
    every: input.interval,
    day_of_month: input.dayOfMonth === 'last' ? -1 : input.dayOfMonth,
    start_date: input.startDate,
    end_date: input.endDate,
    max_count: input.count,
    template: JSON.stringify(template),
    create_as: input.createAs,
  };
}

export async function createRecurring(ctx: ServiceContext, input: ParsedInput<'bills.recurring.create'>) {
  const id = await storeOf(ctx).tx(async () => {
    const c = await columns(ctx, input, false);
    const now = nowIso(ctx);
    const { lastInsertRowid } = await storeOf(ctx).run(
      qb.insertInto('recurring_bills').values({ ...c, created_at: now, updated_at: now }),
    );
    await recordAudit(ctx, {
      entity: 'recurring_bill',
      entityId: lastInsertRowid,
      action: 'create',
      after: c,
    });
    return lastInsertRowid;
  });
  // Bills already due (a start date in the past) are made at once, as the job would.
  await catchUpRecurringBills(ctx, { only: id });
  return await getRecurring(ctx, { id });
}

/** Changes apply to the bills not made yet; bills already made are not touched. */
export async function updateRecurring(ctx: ServiceContext, input: ParsedInput<'bills.recurring.update'>) {
  await storeOf(ctx).tx(async () => {
    const store = storeOf(ctx);
    // Locked until the transaction ends (shared books): a second save from the same version
    // waits, then sees the new version and is refused.
    const before = await store.first(
      qb
        .selectFrom('recurring_bills')
        .selectAll()
        .where('id', '=', input.id)
        .modifyEnd(dialectOf(store).forUpdate),
    );
    if (!before) throw notFound(msg('errors.notFound.recurringBill'));
    await assertVersion(ctx, before, input.version);
    const c = await columns(ctx, input.template, before.vendor_id === input.template.vendorId);
    await storeOf(ctx).run(
      qb
        .updateTable('recurring_bills')
        .set({ ...c, updated_at: nowIso(ctx), updated_by: ctx.user, version: before.version + 1 })
        .where('id', '=', input.id),
    );
    const {
      id: _i,
      created_at: _c,
      updated_at: _u,
      next_index: _n,
      active: _a,
      version: _v,
      updated_by: _ub,
      ...old
    } = before;
    await recordAudit(ctx, {
      entity: 'recurring_bill',
      entityId: input.id,
      action: 'update',
      before: old,
      after: c,
    });
  });
  await catchUpRecurringBills(ctx, { only: input.id });
  return await getRecurring(ctx, { id: input.id });
}

export async function setRecurringActive(
  ctx: ServiceContext,
  input: ParsedInput<'bills.recurring.setActive'>,
) {
  await storeOf(ctx).tx(async () => {
    const before = await storeOf(ctx).first(
      qb.selectFrom('recurring_bills').selectAll().where('id', '=', input.id),
    );
    if (!before) throw notFound(msg('errors.notFound.recurringBill'));
    await storeOf(ctx).run(
      qb
        .updateTable('recurring_bills')
        .set({ active: input.active ? 1 : 0, updated_at: nowIso(ctx) })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'recurring_bill',
      entityId: input.id,
      action: input.active ? 'resume' : 'pause',
      before: { active: before.active === 1 },
      after: { active: input.active },
    });
  });
  // A resumed template catches up on what fell due while it was paused.
  if (input.active) await catchUpRecurringBills(ctx, { only: input.id });
  return await getRecurring(ctx, { id: input.id });
}

export interface CatchUpOptions {
  /** Only this template. */
  only?: number;
  /** Called after each bill's transaction has committed (progress, and crash tests). */
  onCommitted?: (made: { recurringId: number; index: number; billId: number; date: string }) => void;
}

/**
 * Makes every bill due up to today that has not been made yet, each in its own transaction.
 * Idempotent: a second run, or a run after a crash half-way, makes only what is missing.
 */
export async function catchUpRecurringBills(
  ctx: ServiceContext,
  options: CatchUpOptions = {},
): Promise<{ created: number }> {
  const store = storeOf(ctx);
  const today = ctx.clock.today();
  let created = 0;
  const templates = await store.all(
    qb
      .selectFrom('recurring_bills')
      .select('id')
      .where('active', '=', 1)
      .$if(options.only !== undefined, (q) => q.where('id', '=', options.only!)),
  );
  for (const { id } of templates) {
    for (;;) {
      const made = await store.tx(async () => await makeNext(ctx, id, today));
      if (!made) break;
      created++;
      options.onCommitted?.(made);
    }
  }
  return { created };
}

/** Makes the next due occurrence of one template, or returns null when none is due. */
async function makeNext(ctx: ServiceContext, id: number, today: string) {
  const store = storeOf(ctx);
  // Read inside the transaction: another run may have advanced it. Locked (shared books): a run
  // on another machine at the same moment waits here, then finds this bill made and moves on,
  // instead of making it too and failing on the "once per occurrence" index.
  const row = (await store.first(
    qb.selectFrom('recurring_bills').selectAll().where('id', '=', id).modifyEnd(dialectOf(store).forUpdate),
  )) as Row | undefined;
  if (!row || row.active !== 1) return null;
  const [next]: Occurrence[] = occurrencesUntil(scheduleOf(row), today, row.next_index).slice(0, 1);
  if (!next) return null;
  const vendor = (await store.first(
    qb.selectFrom('vendors').select(['archived_at', 'name']).where('id', '=', row.vendor_id),
  ))!;
  if (vendor.archived_at) {
    ctx.log.info('recurring bill skipped: vendor archived', { recurringId: id, vendor: vendor.name });
    return null;
  }
  const already = await store.first(
    qb
      .selectFrom('bills')
      .select('id')
      .where('recurring_id', '=', id)
      .where('recurring_index', '=', next.index),
  );
  let billId: number;
  if (already) {
    billId = already.id;
  } else {
    const t = parseTemplate(row.template);
    const prepared = await prepareBill(ctx, {
      vendorId: row.vendor_id,
      vendorInvoiceNumber: '',
      billDate: next.date,
      dueDate: null,
      terms: t.terms,
      currency: t.currency,
      exchangeRate: t.exchangeRate,
      ...(t.earlyPayment !== undefined ? { earlyPayment: t.earlyPayment } : {}),
      purchaseOrderId: null,
      lines: t.lines.map((l) => ({ ...l, purchaseOrderLineId: null })),
      notes: t.notes,
      attachments: [],
      status: row.create_as,
    });
    billId = await insertBill(ctx, prepared, { source: 'recurring', recurring: { id, index: next.index } });
  }
  await store.run(
    qb
      .updateTable('recurring_bills')
      .set({ next_index: next.index + 1, updated_at: nowIso(ctx) })
      .where('id', '=', id),
  );
  return { recurringId: id, index: next.index, billId, date: next.date };
}

export async function catchUpNow(ctx: ServiceContext) {
  return await catchUpRecurringBills(ctx);
}
