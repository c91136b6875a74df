import { afterEach, describe, expect, it } from 'vitest';
import { parseDateText } from '../../src/shared/domain/dates';
import { setLanguageSource, SOURCE_LANGUAGE } from '../../src/shared/i18n';

/** The date field's messages speak the screen's language, with the month named in it. */
describe('date text messages in the user’s language', () => {
  afterEach(() => setLanguageSource(() => SOURCE_LANGUAGE));

  it('says in German that 30 February does not exist', () => {
    setLanguageSource(() => 'de');
    expect(parseDateText('30.02.2026', 'de-DE')).toEqual({
      ok: false,
      message: 'Den 30. Februar 2026 gibt es nicht: Der Februar hat 28 Tage',
    });
    expect(parseDateText('morgen', 'de-DE')).toEqual({
      ok: false,
      message: 'Geben Sie ein Datum wie 31.12.2026 ein',
    });
  });

  it('names the month in French and Spanish, and keeps the year unformatted', () => {
    setLanguageSource(() => 'fr');
    expect(parseDateText('31/04/2026', 'fr-FR')).toMatchObject({
      message: 'Le 31 avril 2026 n’existe pas : avril compte 30 jours',
    });
    setLanguageSource(() => 'es');
    expect(parseDateText('2026-13-01', 'es-ES')).toMatchObject({
      message: 'No existe el mes 13: introduzca una fecha como 31/12/2026',
    });
    expect(parseDateText('01/01/3000', 'es-ES')).toMatchObject({
      message: '3000 no es un año que Folio pueda usar',
    });
  });
});
