import { daysBetween, type IsoDate } from './dates';
import { documentTranslator, type DocT } from './document-language';

/**
 * Payment reminders go out by level: friendly a few days after the due date, firm after two
 * weeks, final after a month (all configurable). Folio only proposes them; a person approves
 * every one before it is sent.
 */
export const REMINDER_LEVELS = [1, 2, 3] as const;
export type ReminderLevelNumber = (typeof REMINDER_LEVELS)[number];

export interface ReminderLevel {
  level: ReminderLevelNumber;
  name: string;
  /** Days after the due date from which this level is proposed. */
  days: number;
  enabled: boolean;
}

export const DEFAULT_REMINDER_LEVELS: ReminderLevel[] = [
  { level: 1, name: 'Friendly', days: 3, enabled: true },
  { level: 2, name: 'Firm', days: 14, enabled: true },
  { level: 3, name: 'Final', days: 30, enabled: true },
];

export function daysOverdue(dueDate: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(dueDate, today));
}

/** What became of a reminder of one invoice at one level. */
export interface ReminderRecord {
  level: number;
  status: 'proposed' | 'queued' | 'sent' | 'failed' | 'dismissed';
  /** The day it was approved (queued) or sent; null while proposed. */
  givenOn: IsoDate | null;
}

/**
 * The level to propose for an invoice `overdue` days past due, or null.
 *
 * Escalation starts from the last reminder actually given (approved and queued, or sent), not
 * from how late the invoice is: the first reminder a customer gets is the first level, even
 * for an invoice 40 days late, and a proposal nobody approved never turns into a higher one.
 * The next level is the lowest enabled level above the last given, skipping levels the user
 * dismissed (or whose email failed: retry those from the Outbox). It is proposed once the
 * invoice is at least that level's days overdue and, after an earlier reminder, at least the
 * gap between the two levels' days has passed since it was given (a first reminder sent late
 * is not followed by the second the next day). Nothing is proposed while a proposal waits.
 */
export function reminderLevelToPropose(
  overdue: number,
  levels: readonly ReminderLevel[],
  history: readonly ReminderRecord[],
  today: IsoDate,
): ReminderLevelNumber | null {
  if (overdue <= 0) return null;
  if (history.some((h) => h.status === 'proposed')) return null;
  const given = history
    .filter((h) => h.status === 'queued' || h.status === 'sent')
    .sort((a, b) => b.level - a.level)[0];
  const taken = new Set(history.map((h) => h.level));
  const next = levels
    .filter((l) => l.enabled && l.level > (given?.level ?? 0) && !taken.has(l.level))
    .sort((a, b) => a.level - b.level)[0];
  if (!next || overdue < next.days) return null;
  if (given) {
    const previousDays = levels.find((l) => l.level === given.level)?.days ?? 0;
    const since = given.givenOn ? daysBetween(given.givenOn, today) : Infinity;
    if (since < next.days - previousDays) return null;
  }
  return next.level;
}

/** A promise to pay holds reminders back up to and including its date; the day after, they resume. */
export function promiseHolds(promiseDate: IsoDate | null, today: IsoDate): boolean {
  return promiseDate !== null && today <= promiseDate;
}

const INTRO_KEYS = { 1: 'letters.intro1', 2: 'letters.intro2', 3: 'letters.intro3' } as const;

/**
 * The letter's opening for one reminder listing all of a customer's overdue invoices, by level,
 * in the language of `t` (the customer's document language; English by default). `total` is
 * the formatted amount due of them all.
 */
export function customerReminderIntro(
  level: ReminderLevelNumber,
  total: string,
  count: number,
  t: DocT = documentTranslator('en'),
): string {
  return t(INTRO_KEYS[level], { total, count });
}
