import { describe, expect, it } from 'vitest';
import { CATALOGS, type Catalog } from '../../src/shared/i18n/catalogs';
import { LANGUAGES, translator } from '../../src/shared/i18n';
import {
  documentLocale,
  documentTranslator,
  documentWordingKeys,
  messageArguments,
} from '../../src/shared/domain/document-language';
import { describeTerms } from '../../src/shared/domain/terms';
import { defaultTemplates, renderTemplate } from '../../src/shared/domain/templates';

function flatten(catalog: Catalog, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );
}

describe('the document’s t', () => {
  it('gives exactly what i18next gives, for every document message in every language', () => {
    const keys = flatten(CATALOGS.en!).filter(([k]) => /^(doc|terms|email|letters|files)\./.test(k));
    expect(keys.length).toBeGreaterThan(150);
    for (const language of LANGUAGES) {
      const fast = documentTranslator(language);
      const slow = translator(language);
      for (const [key, text] of keys) {
        const params = Object.fromEntries(
          messageArguments(text).map((a) => [a, a === 'count' ? 2 : `<${a}>`]),
        );
        // Twice: the first call fills the cache, the second reads it.
        expect(fast(key, params), `${language} ${key}`).toBe(slow(key, params));
        expect(fast(key, params), `${language} ${key}`).toBe(slow(key, params));
        expect(fast(key), `${language} ${key}`).toBe(slow(key));
      }
    }
  });

  it('lays the business’s own words over one language only, filling their {arguments}', () => {
    const wording = { de: { 'doc.title.invoice': 'Honorarrechnung', 'doc.page': '{page}/{count}' } };
    const de = documentTranslator('de', wording);
    expect(de('doc.title.invoice')).toBe('Honorarrechnung');
    expect(de('doc.page', { page: 1, count: 3 })).toBe('1/3');
    expect(de('doc.total.amountDue')).toBe('Zu zahlen');
    expect(documentTranslator('fr', wording)('doc.title.invoice')).toBe('Facture');
    expect(documentWordingKeys().has('doc.title.invoice')).toBe(true);
    expect(documentWordingKeys().has('doc.ui.language')).toBe(false);
  });

  it('writes terms and email templates in the language', () => {
    expect(describeTerms({ kind: 'net', days: 30 }, documentTranslator('de'))).toBe('30 Tage netto');
    expect(describeTerms({ kind: 'net', days: 30 })).toBe('Net 30');
    expect(describeTerms({ kind: 'eom', days: 10 }, documentTranslator('fr'))).toBe('Fin de mois + 10 jours');
    const fr = defaultTemplates('fr').reminder_1;
    expect(renderTemplate(fr.subject, { document_number: 'INV-1' })).toBe('Rappel : facture INV-1');
    expect(defaultTemplates('en').invoice.subject).toBe('Invoice {document_number} from {business_name}');
  });

  it('formats like the business, or like the customer’s language and country', () => {
    expect(documentLocale('business', 'de', 'Germany', 'en-IE')).toBe('en-IE');
    expect(documentLocale('customer', 'de', 'Germany', 'en-IE')).toBe('de-DE');
    expect(documentLocale('customer', 'de', 'AT', 'en-IE')).toBe('de-AT');
    expect(documentLocale('customer', 'fr', '', 'en-IE')).toBe('fr');
  });
});
