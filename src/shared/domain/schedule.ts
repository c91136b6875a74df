import { msg } from '../i18n';
import { addDays, daysInMonth, parseIsoDate, toIsoDate, type IsoDate } from './dates';

/**
 * Repeating schedules for recurring invoices and bills.
 *
 *  - weekly: every `interval` weeks on the weekday of the start date;
 *  - monthly / quarterly / yearly: every `interval` months (×3, ×12) on `dayOfMonth`, or on
 *    the last day of the month. A day past the end of a short month falls on its last day
 *    (the 31st in February is the 28th or 29th), and the next month goes back to the 31st.
 *
 * Occurrences are numbered from 0. The first is the first matching date on or after the
 * start date. The schedule ends after `count` occurrences or after `endDate`, whichever is
 * first. Each occurrence's date is computed from its index alone, never from the previous
 * date, so a clamped February does not drag every later month to the 28th.
 */
export const FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface Schedule {
  frequency: Frequency;
  /** Every N weeks, months, quarters or years; 1 or more. */
  interval: number;
  /** For month-based schedules: 1–31, or 'last'. Ignored for weekly schedules. */
  dayOfMonth: number | 'last' | null;
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** The most occurrences there will ever be; null for no limit. */
  count: number | null;
}

export interface Occurrence {
  index: number;
  date: IsoDate;
}

const MONTHS_PER_STEP: Record<Exclude<Frequency, 'weekly'>, number> = {
  monthly: 1,
  quarterly: 3,
  yearly: 12,
};

function dayIn(year: number, month: number, day: number | 'last' | null, fallback: number): IsoDate {
  const last = daysInMonth(year, month);
  const d = day === 'last' ? last : Math.min(day ?? fallback, last);
  return toIsoDate(year, month, d);
}

/** The date of occurrence `index`, ignoring the end conditions. */
export function occurrenceDate(s: Schedule, index: number): IsoDate {
  if (s.frequency === 'weekly') return addDays(s.startDate, index * 7 * s.interval);
  const step = MONTHS_PER_STEP[s.frequency] * s.interval;
  const start = parseIsoDate(s.startDate);
  const at = (k: number) => {
    const m = start.year * 12 + (start.month - 1) + k * step;
    return dayIn(Math.floor(m / 12), (m % 12) + 1, s.dayOfMonth, start.day);
  };
  // If the chosen day is earlier in the start month than the start date, begin a period later.
  const offset = at(0) < s.startDate ? 1 : 0;
  return at(index + offset);
}

function withinEnd(s: Schedule, o: Occurrence): boolean {
  return (s.count === null || o.index < s.count) && (s.endDate === null || o.date <= s.endDate);
}

/** Occurrences from `fromIndex` whose date is on or before `until`, in order. */
export function occurrencesUntil(s: Schedule, until: IsoDate, fromIndex = 0): Occurrence[] {
  const out: Occurrence[] = [];
  for (let index = fromIndex; ; index++) {
    const o = { index, date: occurrenceDate(s, index) };
    if (o.date > until || !withinEnd(s, o)) return out;
    out.push(o);
  }
}

/** The next `n` occurrences from `fromIndex`, stopping where the schedule ends. */
export function upcomingOccurrences(s: Schedule, fromIndex: number, n: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (let index = fromIndex; out.length < n; index++) {
    const o = { index, date: occurrenceDate(s, index) };
    if (!withinEnd(s, o)) break;
    out.push(o);
  }
  return out;
}

/** "Every month on day 1", "Alle 2 Wochen": in the current message language (see msg). */
export function describeSchedule(s: Schedule): string {
  const every = msg(SCHEDULE_KEYS[s.frequency], { interval: s.interval });
  if (s.frequency === 'weekly') return every;
  const day =
    s.dayOfMonth === 'last'
      ? msg('schedule.onLastDay')
      : s.dayOfMonth
        ? msg('schedule.onDay', { day: s.dayOfMonth })
        : '';
  return day ? msg('schedule.everyOn', { every, day }) : every;
}

const SCHEDULE_KEYS = {
  weekly: 'schedule.weekly',
  monthly: 'schedule.monthly',
  quarterly: 'schedule.quarterly',
  yearly: 'schedule.yearly',
} as const;
