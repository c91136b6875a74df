import { addDays, endOfMonth, type IsoDate } from './dates';
import { messageLanguage } from '../i18n';
import { documentTranslator, type DocT } from './document-language';

/**
 * Payment terms: how a due date follows from an issue date.
 *  - on_receipt: due the day it is issued;
 *  - net: due N days after issue (net 30);
 *  - eom: due N days after the end of the issue month (end of month + 10).
 * A fixed due date is not a term: documents store the date itself.
 */
export type PaymentTerms =
  { kind: 'on_receipt' } | { kind: 'net'; days: number } | { kind: 'eom'; days: number };

export function dueDateFor(issueDate: IsoDate, terms: PaymentTerms): IsoDate {
  switch (terms.kind) {
    case 'on_receipt':
      return issueDate;
    case 'net':
      return addDays(issueDate, terms.days);
    case 'eom':
      return addDays(endOfMonth(issueDate), terms.days);
  }
}

/**
 * "Net 30", "30 Tage netto": in the language of `t` (a document's), by default in the current
 * message language (the screen's, or the calling user's in the main process).
 */
export function describeTerms(terms: PaymentTerms, t: DocT = documentTranslator(messageLanguage())): string {
  switch (terms.kind) {
    case 'on_receipt':
      return t('terms.onReceipt');
    case 'net':
      return t('terms.net', { days: terms.days });
    case 'eom':
      return terms.days === 0 ? t('terms.endOfMonth') : t('terms.endOfMonthPlus', { days: terms.days });
  }
}
