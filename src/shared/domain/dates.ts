/**
 * Calendar dates are 'YYYY-MM-DD' strings everywhere (storage, API, UI state). They are
 * civil dates with no time zone: arithmetic is done on UTC midnights so that daylight
 * saving never shifts a due date by a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(value);
  if (!m || !isIsoDate(value)) throw new Error(`Not a YYYY-MM-DD date: ${value}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function toIsoDate(year: number, month: number, day: number): IsoDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

function toUtcMs(value: IsoDate): number {
  const { year, month, day } = parseIsoDate(value);
  return Date.UTC(year, month - 1, day);
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return new Date(toUtcMs(value) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Adds months, clamping to the last day of the target month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(value);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return toIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function endOfMonth(value: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(value);
  return toIsoDate(year, month, daysInMonth(year, month));
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / 86_400_000);
}

/** Today's civil date in the machine's local time zone, the one the user lives in. */
export function localToday(now: Date = new Date()): IsoDate {
  return toIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date in the locale's medium form ("2 Nov 2026", "Nov 2, 2026"): the same text
 * on screen and on paper. Formatted at UTC midnight so no time zone can shift the day.
 */
export function formatDate(iso: IsoDate, locale: string): string {
  let f = dateFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormatters.set(locale, f);
  }
  return f.format(toUtcMs(iso));
}
