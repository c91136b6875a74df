import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  datePatternOf,
  daysBetween,
  endOfMonth,
  isIsoDate,
  parseDateText,
} from '../../src/shared/domain/dates';
import { dueDateFor } from '../../src/shared/domain/terms';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });

  it('adds months clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('does not drift across daylight-saving changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        (n) => daysBetween('2026-06-15', addDays('2026-06-15', n)) === n,
      ),
    );
  });

  it('computes due dates from payment terms', () => {
    expect(dueDateFor('2026-01-15', { kind: 'on_receipt' })).toBe('2026-01-15');
    expect(dueDateFor('2026-01-15', { kind: 'net', days: 30 })).toBe('2026-02-14');
    expect(dueDateFor('2026-01-15', { kind: 'eom', days: 10 })).toBe('2026-02-10');
    expect(endOfMonth('2026-02-10')).toBe('2026-02-28');
  });
});

describe('dates typed by a person (the one date field)', () => {
  it('knows each locale’s short form', () => {
    expect(datePatternOf('de-DE')).toMatchObject({ tokens: 'DD.MM.YYYY', example: '31.12.2026' });
    expect(datePatternOf('en-US')).toMatchObject({ tokens: 'MM/DD/YYYY', example: '12/31/2026' });
    expect(datePatternOf('en-GB')).toMatchObject({ tokens: 'DD/MM/YYYY', example: '31/12/2026' });
  });

  it('reads the short form and ISO', () => {
    expect(parseDateText('02.11.2026', 'de-DE')).toEqual({ ok: true, date: '2026-11-02' });
    expect(parseDateText('2.11.26', 'de-DE')).toEqual({ ok: true, date: '2026-11-02' });
    expect(parseDateText('11/02/2026', 'en-US')).toEqual({ ok: true, date: '2026-11-02' });
    expect(parseDateText('02/11/2026', 'en-GB')).toEqual({ ok: true, date: '2026-11-02' });
    expect(parseDateText(' 2026-11-02 ', 'de-DE')).toEqual({ ok: true, date: '2026-11-02' });
    expect(parseDateText('2024-02-29', 'en-US')).toEqual({ ok: true, date: '2024-02-29' });
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    // new Date(2026, 1, 30) is 2 March: the field must say so, not move the date.
    expect(parseDateText('2026-02-30', 'de-DE')).toEqual({
      ok: false,
      message: 'There is no 30 February 2026: February has 28 days',
    });
    expect(parseDateText('30.02.2026', 'de-DE')).toMatchObject({ ok: false });
    expect(parseDateText('02/30/2026', 'en-US')).toMatchObject({ ok: false });
    expect(parseDateText('31.04.2026', 'de-DE')).toMatchObject({ ok: false, message: /April has 30 days/ });
    expect(parseDateText('2026-13-01', 'de-DE')).toMatchObject({ ok: false, message: /no month 13/ });
    expect(parseDateText('2026-02-00', 'de-DE')).toMatchObject({ ok: false });
  });

  it('says how to write a date when the text is not one', () => {
    expect(parseDateText('morgen', 'de-DE')).toEqual({ ok: false, message: 'Enter a date like 31.12.2026' });
    expect(parseDateText('1.2', 'en-US')).toEqual({ ok: false, message: 'Enter a date like 12/31/2026' });
  });
});
