import { addDays, type IsoDate } from './dates';
import { discountDeadline, type EarlyPaymentTerms } from './early-payment';
import { isOpen, type BillStatus } from './bill-status';

/**
 * Which bills need a reminder today, and which of those still need a desktop notification.
 *
 *  - overdue: an open bill whose due date has passed;
 *  - due: an open bill due today or within the next `dueSoonDays` days;
 *  - discount: an open bill whose early-payment discount ends within `dueSoonDays` days
 *    (today included) and has not been taken: the money saved is lost after that day.
 *
 * A snoozed bill is left out until its snooze date (it is back on that day). A bill is
 * notified on the desktop at most once per calendar day, whatever the number of checks.
 * Drafts, paid and void bills never remind.
 */
export interface ReminderSettings {
  /** Remind this many days ahead of the due date (0 = only on the day and after). */
  dueSoonDays: number;
  /** Show desktop notifications (the in-app reminder centre always lists reminders). */
  desktopNotifications: boolean;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { dueSoonDays: 3, desktopNotifications: true };

export interface ReminderCandidate {
  billId: number;
  status: BillStatus;
  billDate: IsoDate;
  dueDate: IsoDate;
  balance: number;
  discountTaken: number;
  earlyPayment: EarlyPaymentTerms | null;
  /** Hidden until this date (the reminder is back on it). */
  snoozedUntil: IsoDate | null;
  /** The last day a desktop notification was shown for this bill. */
  notifiedOn: IsoDate | null;
}

export type ReminderKind = 'overdue' | 'due' | 'discount';

export interface Reminder {
  billId: number;
  kind: ReminderKind;
  /** The date the reminder is about: the due date, or the last discount day. */
  date: IsoDate;
  /** Days from today to `date` (negative when overdue). */
  days: number;
}

/** The latest due date (or discount day) that reminds today: candidates are open bills up to it. */
export function reminderHorizon(today: IsoDate, settings: ReminderSettings): IsoDate {
  return addDays(today, settings.dueSoonDays);
}

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, without re-validating it (hot loop). */
const dayNumber = (iso: IsoDate) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

interface Today {
  date: IsoDate;
  day: number;
  horizon: IsoDate;
}

const todayOf = (today: IsoDate, settings: ReminderSettings): Today => ({
  date: today,
  day: dayNumber(today),
  horizon: reminderHorizon(today, settings),
});

function reminderAt(bill: ReminderCandidate, t: Today): Reminder | null {
  if (!isOpen(bill.status) || bill.balance <= 0) return null;
  const days = (date: IsoDate) => dayNumber(date) - t.day;
  if (bill.dueDate < t.date)
    return { billId: bill.billId, kind: 'overdue', date: bill.dueDate, days: days(bill.dueDate) };
  if (bill.earlyPayment && bill.discountTaken === 0) {
    const last = discountDeadline(bill.billDate, bill.earlyPayment);
    if (last >= t.date && last <= t.horizon && last < bill.dueDate)
      return { billId: bill.billId, kind: 'discount', date: last, days: days(last) };
  }
  if (bill.dueDate <= t.horizon)
    return { billId: bill.billId, kind: 'due', date: bill.dueDate, days: days(bill.dueDate) };
  return null;
}

/** The reminder a bill gives today, ignoring snoozes, or null. An overdue bill outranks a discount. */
export function reminderFor(
  bill: ReminderCandidate,
  today: IsoDate,
  settings: ReminderSettings,
): Reminder | null {
  return reminderAt(bill, todayOf(today, settings));
}

export function isSnoozed(bill: Pick<ReminderCandidate, 'snoozedUntil'>, today: IsoDate): boolean {
  return bill.snoozedUntil !== null && today < bill.snoozedUntil;
}

/** Reminders shown in the reminder centre today: not snoozed, soonest first. */
export function activeReminders(
  bills: readonly ReminderCandidate[],
  today: IsoDate,
  settings: ReminderSettings,
): Reminder[] {
  const t = todayOf(today, settings);
  const out: Reminder[] = [];
  for (const b of bills) {
    if (isSnoozed(b, today)) continue;
    const r = reminderAt(b, t);
    if (r) out.push(r);
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.billId - b.billId));
}

/** Reminders that still need a desktop notification today: never a second one for a bill on one day. */
export function remindersToNotify(
  bills: readonly ReminderCandidate[],
  today: IsoDate,
  settings: ReminderSettings,
): Reminder[] {
  if (!settings.desktopNotifications) return [];
  const notified = new Set(bills.filter((b) => b.notifiedOn === today).map((b) => b.billId));
  return activeReminders(bills, today, settings).filter((r) => !notified.has(r.billId));
}
