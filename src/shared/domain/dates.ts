/**
 * Calendar dates are 'YYYY-MM-DD' strings everywhere (storage, API, UI state). They are
 * civil dates with no time zone: arithmetic is done on UTC midnights so that daylight
 * saving never shifts a due date by a day.
 */
import { messageLanguage, msg } from '../i18n';

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

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant (ISO timestamp) as the locale writes a date and time of day, in local time ("2 Nov 2026, 14:05"). */
export function formatDateTime(instant: string, locale: string): string {
  let f = dateTimeFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormatters.set(locale, f);
  }
  return f.format(new Date(instant));
}

/** How a locale writes a short numeric date: field order and separator ("DD.MM.YYYY" in de). */
export interface DatePattern {
  order: ('day' | 'month' | 'year')[];
  separator: string;
  /** The pattern in dayjs tokens, for date pickers ("DD.MM.YYYY", "MM/DD/YYYY"). */
  tokens: string;
  /** 31 December 2026 written that way, for messages. */
  example: string;
}

const patterns = new Map<string, DatePattern>();

export function datePatternOf(locale: string): DatePattern {
  let p = patterns.get(locale);
  if (p) return p;
  const parts = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(Date.UTC(2026, 11, 31));
  const order: DatePattern['order'] = [];
  let separator = '';
  for (const part of parts) {
    if (part.type === 'day' || part.type === 'month' || part.type === 'year') order.push(part.type);
    else if (part.type === 'literal' && !separator) separator = part.value.trim() || part.value;
  }
  if (order.length !== 3) order.splice(0, order.length, 'year', 'month', 'day');
  if (!separator) separator = '-';
  const token = { day: 'DD', month: 'MM', year: 'YYYY' };
  const sample = { day: '31', month: '12', year: '2026' };
  p = {
    order,
    separator,
    tokens: order.map((o) => token[o]).join(separator),
    example: order.map((o) => sample[o]).join(separator),
  };
  patterns.set(locale, p);
  return p;
}

export type DateTextResult = { ok: true; date: IsoDate } | { ok: false; message: string };

/** A month's name in the language of the messages ("February", "Februar", "février"). */
function monthName(month: number): string {
  return new Intl.DateTimeFormat(messageLanguage(), { month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2026, month - 1, 1),
  );
}

/**
 * A date typed by a person: ISO (2026-12-31) or the locale's short form (31.12.2026 in de,
 * 12/31/2026 in en-US; any of . / - as separator; a two-digit year is 20xx). A date that does
 * not exist (30 February) is refused with a message, never rolled over into the next month.
 */
export function parseDateText(text: string, locale: string): DateTextResult {
  const t = text.trim();
  const p = datePatternOf(locale);
  const wrong: DateTextResult = { ok: false, message: msg('format.date.invalid', { example: p.example }) };
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const m = /^(\d{1,4})[./\-\s]+(\d{1,2})[./\-\s]+(\d{1,4})\.?$/.exec(t);
    if (!m) return wrong;
    const got: Record<string, string> = {};
    p.order.forEach((o, i) => (got[o] = m[i + 1]!));
    if (got.year!.length !== 4 && got.year!.length !== 2) return wrong;
    if (got.day!.length > 2 || got.month!.length > 2) return wrong;
    year = got.year!.length === 2 ? 2000 + Number(got.year) : Number(got.year);
    month = Number(got.month);
    day = Number(got.day);
  }
  if (year < 1900 || year > 2999)
    return { ok: false, message: msg('format.date.badYear', { year: String(year) }) };
  if (month < 1 || month > 12)
    return {
      ok: false,
      message: msg('format.date.badMonth', { month: String(month), example: p.example }),
    };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last)
    return {
      ok: false,
      message: msg('format.date.badDay', {
        day: String(day),
        month: monthName(month),
        year: String(year),
        last,
      }),
    };
  return { ok: true, date: toIsoDate(year, month, day) };
}
