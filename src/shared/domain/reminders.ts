import { daysBetween, type IsoDate } from './dates';

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

/** The title of the reminder letter at each level. */
export const REMINDER_TITLES: Record<ReminderLevelNumber, string> = {
  1: 'Payment reminder',
  2: 'Second payment reminder',
  3: 'Final notice',
};

export function daysOverdue(dueDate: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(dueDate, today));
}

/**
 * The level to propose for an invoice `overdue` days past due, or null. It is the highest
 * enabled level reached; nothing is proposed when that level, or a higher one, was already
 * proposed for the invoice (whatever became of it: sent, queued or dismissed), so a
 * dismissed reminder is not proposed again and levels never go backwards.
 */
export function reminderLevelToPropose(
  overdue: number,
  levels: readonly ReminderLevel[],
  alreadyProposed: readonly number[],
): ReminderLevelNumber | null {
  const reached = levels
    .filter((l) => l.enabled && overdue >= l.days && overdue > 0)
    .sort((a, b) => b.level - a.level)[0];
  if (!reached) return null;
  if (alreadyProposed.some((l) => l >= reached.level)) return null;
  return reached.level;
}
