import { afterEach, describe, expect, it } from 'vitest';
import { setLanguageSource, SOURCE_LANGUAGE } from '../../src/shared/i18n';
import { describeSchedule } from '../../src/shared/domain/schedule';
import { describeTerms } from '../../src/shared/domain/terms';
import { describeEarlyPaymentTerms } from '../../src/shared/domain/early-payment';

const speak = (language: string) => setLanguageSource(() => language);
afterEach(() => speak(SOURCE_LANGUAGE));

describe('schedules and payment terms on screens speak the current language', () => {
  it('in English, as before', () => {
    expect(describeSchedule({ frequency: 'monthly', interval: 1, dayOfMonth: 1 } as never)).toBe(
      'Every month on day 1',
    );
    expect(describeSchedule({ frequency: 'weekly', interval: 2 } as never)).toBe('Every 2 weeks');
    expect(describeTerms({ kind: 'net', days: 30 })).toBe('Net 30');
  });

  it('in German and French, with plurals', () => {
    speak('de');
    expect(describeSchedule({ frequency: 'quarterly', interval: 2, dayOfMonth: 'last' } as never)).toBe(
      'Alle 2 Quartale am letzten Tag',
    );
    expect(describeTerms({ kind: 'net', days: 14 })).toBe('14 Tage netto');
    expect(describeEarlyPaymentTerms({ kind: 'net', days: 30 }, { discountBp: 200, days: 10 })).toContain(
      '30 tage netto',
    );
    speak('fr');
    expect(describeSchedule({ frequency: 'monthly', interval: 1, dayOfMonth: 15 } as never)).toBe(
      'Chaque mois, le 15 du mois',
    );
  });
});
