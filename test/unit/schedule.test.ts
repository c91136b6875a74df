import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  occurrenceDate,
  occurrencesUntil,
  upcomingOccurrences,
  type Schedule,
} from '../../src/shared/domain/schedule';
import { addDays, daysBetween } from '../../src/shared/domain/dates';

const base: Schedule = {
  frequency: 'monthly',
  interval: 1,
  dayOfMonth: null,
  startDate: '2026-01-31',
  endDate: null,
  count: null,
};

describe('recurring schedules', () => {
  it('monthly on the 31st falls on the last day of short months and returns to the 31st', () => {
    expect(upcomingOccurrences(base, 0, 4).map((o) => o.date)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
  });

  it('monthly on the last day, and on a day before the start date begins the next month', () => {
    expect(
      upcomingOccurrences({ ...base, startDate: '2026-02-10', dayOfMonth: 'last' }, 0, 3).map((o) => o.date),
    ).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(
      upcomingOccurrences({ ...base, startDate: '2026-02-10', dayOfMonth: 5 }, 0, 2).map((o) => o.date),
    ).toEqual(['2026-03-05', '2026-04-05']);
  });

  it('weekly, every N weeks, quarterly and yearly', () => {
    const weekly: Schedule = { ...base, frequency: 'weekly', interval: 2, startDate: '2026-11-02' };
    expect(upcomingOccurrences(weekly, 0, 3).map((o) => o.date)).toEqual([
      '2026-11-02',
      '2026-11-16',
      '2026-11-30',
    ]);
    const quarterly: Schedule = { ...base, frequency: 'quarterly', startDate: '2026-01-15', dayOfMonth: 15 };
    expect(upcomingOccurrences(quarterly, 0, 3).map((o) => o.date)).toEqual([
      '2026-01-15',
      '2026-04-15',
      '2026-07-15',
    ]);
    const yearly: Schedule = { ...base, frequency: 'yearly', startDate: '2028-02-29' };
    expect(upcomingOccurrences(yearly, 0, 2).map((o) => o.date)).toEqual(['2028-02-29', '2029-02-28']);
  });

  it('stops at the end date or after the count', () => {
    expect(occurrencesUntil({ ...base, count: 2 }, '2027-01-01').map((o) => o.index)).toEqual([0, 1]);
    expect(occurrencesUntil({ ...base, endDate: '2026-03-30' }, '2027-01-01').map((o) => o.date)).toEqual([
      '2026-01-31',
      '2026-02-28',
    ]);
  });

  it('a start 75 days ago has exactly 3 monthly occurrences up to today', () => {
    const today = '2026-11-23';
    const start = addDays(today, -75);
    const due = occurrencesUntil({ ...base, startDate: start }, today);
    expect(due.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(due[0]!.date).toBe(start);
  });

  it('occurrences are strictly increasing and start on or after the start date', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('weekly', 'monthly', 'quarterly', 'yearly' as const),
        fc.integer({ min: 1, max: 4 }),
        fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('last' as const)),
        fc.integer({ min: 0, max: 3000 }),
        (frequency, interval, dayOfMonth, offset) => {
          const s: Schedule = {
            frequency,
            interval,
            dayOfMonth,
            startDate: addDays('2024-01-01', offset),
            endDate: null,
            count: null,
          };
          let previous = '';
          for (let i = 0; i < 30; i++) {
            const d = occurrenceDate(s, i);
            if (i === 0 && (d < s.startDate || daysBetween(s.startDate, d) > 366 * interval)) return false;
            if (d <= previous) return false;
            previous = d;
          }
          return true;
        },
      ),
    );
  });
});
