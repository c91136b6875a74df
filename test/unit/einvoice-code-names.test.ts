import { describe, expect, it } from 'vitest';
import { translator } from '../../src/shared/i18n';
import { VAT_CATEGORIES } from '../../src/shared/domain/einvoice/codes';
import {
  documentTypeLabel,
  paymentMeansLabel,
  unitLabel,
  vatCategoryLabel,
} from '../../src/shared/domain/einvoice-in/code-names';

/**
 * The readable e-invoice names codes in the screen's language: the code lists stay as they are
 * (src/shared/domain/einvoice*), only their names are looked up in the catalogue.
 */
describe('e-invoice code names on screen', () => {
  const de = translator('de');
  const es = translator('es');
  const fr = translator('fr');
  const en = translator('en');

  it('names VAT categories, payment means, document types and units in the language', () => {
    expect(vatCategoryLabel(de, 'AE')).toMatch(/Reverse Charge/);
    expect(vatCategoryLabel(es, 'ae')).toBe('Inversión del sujeto pasivo');
    expect(vatCategoryLabel(fr, 'S')).toBe('Taux normal');
    expect(paymentMeansLabel(de, '58')).toBe('SEPA-Überweisung');
    expect(paymentMeansLabel(es, '59')).toBe('Adeudo directo SEPA');
    expect(documentTypeLabel(fr, '381')).toBe('Avoir');
    expect(documentTypeLabel(es, '381')).toBe('Factura rectificativa');
    expect(unitLabel(de, 'C62')).toBe('Stk.');
    expect(unitLabel(es, 'DAY')).toBe('días');
  });

  it('keeps symbols and unknown codes as the code list writes them', () => {
    expect(unitLabel(de, 'KGM')).toBe('kg');
    expect(unitLabel(de, 'XYZ')).toBe('XYZ');
    expect(vatCategoryLabel(de, 'Q')).toBe('USt.-Kategorie Q');
    expect(vatCategoryLabel(fr, '')).toBe('Aucune catégorie de TVA');
    expect(paymentMeansLabel(es, '99')).toBe('Medio de pago 99');
    expect(paymentMeansLabel(es, '')).toBe('');
    expect(documentTypeLabel(de, '')).toBe('Rechnung');
  });

  it('has a name of its own for every VAT category Folio writes, in every language', () => {
    for (const t of [en, de, fr, es])
      for (const code of VAT_CATEGORIES) {
        const name = vatCategoryLabel(t, code);
        expect(name).not.toBe(t('einvoiceIn.vatCategories.other', { code }));
        expect(name).not.toBe('');
      }
  });
});
