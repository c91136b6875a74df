import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, daysBetween, endOfMonth, isIsoDate } from '../../src/shared/domain/dates';
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
