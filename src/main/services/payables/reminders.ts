import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ReminderItem } from '../../../shared/api/payables';
import { reminderSettingsSchema } from '../../../shared/api/payables-fields';
import {
  DEFAULT_REMINDER_SETTINGS,
  activeReminders,
  isSnoozed,
  reminderFor,
  reminderHorizon,
  remindersToNotify,
  type Reminder,
  type ReminderCandidate,
  type ReminderSettings,
} from '../../../shared/domain/bill-reminders';
import { describeDue, isOpen } from '../../../shared/domain/bill-status';
import { earlyPaymentOffer } from '../../../shared/domain/early-payment';
import { conflict, fieldError } from '../../../shared/api/errors';
import type { Selectable } from 'kysely';
import type { BillsTable } from '../../db/schema';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { readSetting, writeSetting } from '../kv';
import { OPEN_SQL, billExists, dateFormatter, earlyFromColumns, moneyFormatter } from './common';
import { dialectOf } from '../../db/dialect';

/**
 * Bill reminders. Which bills remind, and when, is decided by the pure rules in
 * shared/domain/bill-reminders; this module feeds them from the database (open bills up to
 * the reminder horizon, plus open bills whose early-payment discount ends within it) and
 * keeps snoozes and the day of each bill's last desktop notification.
 */
const SETTINGS_KEY = 'payables.reminders';
/** The reminder centre lists this many; the count covers all of them. */
const MAX_ITEMS = 200;

export async function getReminderSettings(ctx: ServiceContext): Promise<ReminderSettings> {
  return await readSetting(ctx, SETTINGS_KEY, reminderSettingsSchema, DEFAULT_REMINDER_SETTINGS);
}

export async function updateReminderSettings(
  ctx: ServiceContext,
  input: ReminderSettings,
): Promise<ReminderSettings> {
  await storeOf(ctx).tx(async () => {
    const before = await getReminderSettings(ctx);
    await writeSetting(ctx, SETTINGS_KEY, input);
    await recordAudit(ctx, {
      entity: 'reminder_settings',
      entityId: 'reminders',
      action: 'update',
      before: { ...before },
      after: { ...input },
    });
  });
  return await getReminderSettings(ctx);
}

type CandidateRow = Pick<
  Selectable<BillsTable>,
  'status' | 'bill_date' | 'due_date' | 'balance' | 'discount_taken' | 'discount_bp' | 'discount_days'
> & { id: number; snoozed_until: string | null; notified_on: string | null };

/** Only what the rules need: a few columns per open bill, read along the open-bills index. */
const CANDIDATE_SQL = `
  SELECT b.id, b.status, b.bill_date, b.due_date, b.balance, b.discount_taken, b.discount_bp, b.discount_days,
    r.snoozed_until, r.notified_on
  FROM bills b INDEXED BY bills_open_by_due
  LEFT JOIN bill_reminders r ON r.bill_id = b.id`;

/** Open bills up to the horizon, plus open bills whose discount ends within it. */
async function candidates(
  ctx: ServiceContext,
  today: string,
  settings: ReminderSettings,
  from?: string,
): Promise<CandidateRow[]> {
  const store = storeOf(ctx);
  const horizon = reminderHorizon(today, settings);
  const due = (
    from === undefined
      ? await store.prepare(`${CANDIDATE_SQL} WHERE ${OPEN_SQL} AND due_date <= ?`).all(horizon)
      : await store
          .prepare(`${CANDIDATE_SQL} WHERE ${OPEN_SQL} AND due_date BETWEEN ? AND ?`)
          .all(from, horizon)
  ) as CandidateRow[];
  // Bills due later whose early-payment discount ends within the horizon.
  const discounts = (await store
    .prepare(
      `${CANDIDATE_SQL} WHERE ${OPEN_SQL} AND due_date > ? AND b.discount_bp IS NOT NULL AND b.discount_taken = 0
         AND ${dialectOf(store).addDays('b.bill_date', 'b.discount_days')} BETWEEN ? AND ?`,
    )
    .all(horizon, today, horizon)) as CandidateRow[];
  return [...due, ...discounts];
}

/**
 * Overdue bills are the bulk when many are left unpaid, and their reminder needs no
 * arithmetic: every open bill with a balance, due before today and not snoozed, reminds as
 * overdue (the first rule of reminderFor). So the reminder centre counts them along the
 * open-bills index and reads only the first page of them; the other reminders go through the
 * rules one by one. The integration tests check both paths agree.
 */
const OVERDUE_SQL = `FROM bills b INDEXED BY bills_open_by_due LEFT JOIN bill_reminders r ON r.bill_id = b.id
  WHERE ${OPEN_SQL} AND due_date < ? AND b.balance > 0 AND (r.snoozed_until IS NULL OR r.snoozed_until <= ?)`;

const toCandidate = (r: CandidateRow): ReminderCandidate => ({
  billId: r.id,
  status: r.status,
  billDate: r.bill_date,
  dueDate: r.due_date,
  balance: r.balance,
  discountTaken: r.discount_taken,
  earlyPayment: earlyFromColumns(r.discount_bp, r.discount_days),
  snoozedUntil: r.snoozed_until,
  notifiedOn: r.notified_on,
});

type DetailRow = {
  id: number;
  bill_date: string;
  due_date: string;
  total: number;
  balance: number;
  discount_taken: number;
  discount_bp: number | null;
  discount_days: number | null;
  currency: string;
  vendor_invoice_number: string;
  vendor_name: string;
  snoozed_until: string | null;
};

/** Display details of the reminders shown, fetched for those only. */
async function toItems(
  ctx: ServiceContext,
  reminders: readonly Reminder[],
  today: string,
): Promise<ReminderItem[]> {
  if (reminders.length === 0) return [];
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT b.id, b.bill_date, b.due_date, b.total, b.balance, b.discount_taken, b.discount_bp, b.discount_days,
         b.currency, b.vendor_invoice_number, v.name AS vendor_name, r.snoozed_until
       FROM bills b JOIN vendors v ON v.id = b.vendor_id LEFT JOIN bill_reminders r ON r.bill_id = b.id
       WHERE b.id IN ${dialectOf(storeOf(ctx)).jsonValues('integer')}`,
    )
    .all(JSON.stringify(reminders.map((r) => r.billId)))) as DetailRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const date = await dateFormatter(ctx);
  const out = [];
  for (const reminder of reminders) {
    const r = byId.get(reminder.billId)!;
    const money = await moneyFormatter(ctx, r.currency);
    let message = describeDue(r.due_date, today);
    if (reminder.kind === 'discount') {
      const offer = earlyPaymentOffer(
        {
          billDate: r.bill_date,
          total: r.total,
          balance: r.balance,
          discountTaken: r.discount_taken,
          earlyPayment: earlyFromColumns(r.discount_bp, r.discount_days),
        },
        today,
      );
      if (offer)
        message = msg('notifications.discountOffer', {
          pay: money(offer.pay),
          date: date(offer.payBy),
          save: money(offer.save),
        });
    }
    out.push({
      billId: r.id,
      vendorName: r.vendor_name,
      vendorInvoiceNumber: r.vendor_invoice_number,
      kind: reminder.kind,
      date: reminder.date,
      days: reminder.days,
      dueDate: r.due_date,
      currency: r.currency,
      balance: r.balance,
      message,
      snoozedUntil: r.snoozed_until,
    });
  }
  return out;
}

export async function listReminders(ctx: ServiceContext) {
  const today = ctx.clock.today();
  const settings = await getReminderSettings(ctx);
  const store = storeOf(ctx);
  const overdueCount = (
    (await store.prepare(`SELECT count(*) AS n ${OVERDUE_SQL}`).get(today, today)) as { n: number }
  ).n;
  const overdue = (
    (await store
      .prepare(
        `SELECT b.id, b.status, b.bill_date, b.due_date, b.balance, b.discount_taken, b.discount_bp, b.discount_days,
           r.snoozed_until, r.notified_on ${OVERDUE_SQL} ORDER BY b.due_date, b.id LIMIT ?`,
      )
      .all(today, today, MAX_ITEMS)) as CandidateRow[]
  ).map(toCandidate);
  // Due today or soon, and discounts ending soon (snoozed ones too, for the snoozed list).
  const upcoming = (await candidates(ctx, today, settings, today)).map(toCandidate);
  const active = [
    ...activeReminders(overdue, today, settings),
    ...activeReminders(upcoming, today, settings),
  ];
  const snoozedOverdue = (
    (await store
      .prepare(
        `SELECT b.id, b.status, b.bill_date, b.due_date, b.balance, b.discount_taken, b.discount_bp, b.discount_days,
           r.snoozed_until, r.notified_on
         FROM bill_reminders r JOIN bills b ON b.id = r.bill_id
         WHERE r.snoozed_until > ? AND b.${OPEN_SQL} AND b.due_date < ? ORDER BY b.due_date LIMIT ?`,
      )
      .all(today, today, MAX_ITEMS)) as CandidateRow[]
  ).map(toCandidate);
  const snoozed = [...snoozedOverdue, ...upcoming]
    .filter((c) => isSnoozed(c, today))
    .flatMap((c) => {
      const r = reminderFor(c, today, settings);
      return r ? [r] : [];
    });
  return {
    today,
    count: overdueCount + active.length - overdue.length,
    items: await toItems(ctx, active.slice(0, MAX_ITEMS), today),
    snoozed: await toItems(ctx, snoozed.slice(0, MAX_ITEMS), today),
  };
}

/**
 * The reminders that still need a desktop notification today, marked as notified in the same
 * transaction: however often the shell asks, a bill is notified at most once a day.
 */
export async function takeDesktopNotifications(ctx: ServiceContext) {
  return await storeOf(ctx).tx(async () => {
    const today = ctx.clock.today();
    const settings = await getReminderSettings(ctx);
    const due = remindersToNotify((await candidates(ctx, today, settings)).map(toCandidate), today, settings);
    const mark = storeOf(ctx).prepare(
      `INSERT INTO bill_reminders (bill_id, notified_on) VALUES (?, ?)
       ON CONFLICT (bill_id) DO UPDATE SET notified_on = excluded.notified_on`,
    );
    for (const r of due) await mark.run(r.billId, today);
    return { items: await toItems(ctx, due, today) };
  });
}

export async function snooze(ctx: ServiceContext, input: ParsedInput<'reminders.snooze'>) {
  const today = ctx.clock.today();
  if (input.until <= today)
    throw fieldError('until', msg('errors.reminders.chooseDateAfterToday', { today }));
  await storeOf(ctx).tx(async () => {
    const bill = await billExists(ctx, input.billId);
    if (!isOpen(bill.status)) throw conflict(msg('errors.reminders.onlyBillsAreStill'));
    const before = await storeOf(ctx).first(
      qb.selectFrom('bill_reminders').selectAll().where('bill_id', '=', input.billId),
    );
    await storeOf(ctx)
      .prepare(
        `INSERT INTO bill_reminders (bill_id, snoozed_until) VALUES (?, ?)
         ON CONFLICT (bill_id) DO UPDATE SET snoozed_until = excluded.snoozed_until`,
      )
      .run(input.billId, input.until);
    await recordAudit(ctx, {
      entity: 'bill',
      entityId: input.billId,
      action: 'snooze_reminder',
      before: { snoozedUntil: before?.snoozed_until ?? null },
      after: { snoozedUntil: input.until },
    });
  });
  return { ok: true as const };
}

export async function unsnooze(ctx: ServiceContext, input: ParsedInput<'reminders.unsnooze'>) {
  await storeOf(ctx).tx(async () => {
    await billExists(ctx, input.billId);
    const before = await storeOf(ctx).first(
      qb.selectFrom('bill_reminders').selectAll().where('bill_id', '=', input.billId),
    );
    if (!before?.snoozed_until) return;
    await storeOf(ctx).run(
      qb.updateTable('bill_reminders').set({ snoozed_until: null }).where('bill_id', '=', input.billId),
    );
    await recordAudit(ctx, {
      entity: 'bill',
      entityId: input.billId,
      action: 'unsnooze_reminder',
      before: { snoozedUntil: before.snoozed_until },
      after: { snoozedUntil: null },
    });
  });
  return { ok: true as const };
}
