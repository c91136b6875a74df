import type { DocType } from '../../../../shared/api/documents';
import type { DisplayStatus } from '../../../../shared/domain/status';

/**
 * Routes per document type, so one set of screens serves all three. The names on screen come
 * from the catalogue: messages under `documents.*` take the type as an ICU `select` argument
 * (`t('documents.name.one', { type })`), so each language can make its words agree (Neue
 * Rechnung, Neues Angebot; nouvelle facture, nouvel avoir).
 */
export const DOC = {
  invoice: {
    // English names, kept for screens outside this area (customers) until they use `documents.name.*`.
    one: 'Invoice',
    many: 'Invoices',
    base: '/invoices',
    list: '/invoices',
  },
  quote: {
    one: 'Quote',
    many: 'Quotes',
    base: '/quotes',
    list: '/quotes',
  },
  credit_note: {
    one: 'Credit note',
    many: 'Credit notes',
    base: '/credit-notes',
    list: '/invoices/credit-notes',
  },
} as const satisfies Record<DocType, { one: string; many: string; base: string; list: string }>;

export const STATUS_FILTERS: Record<DocType, DisplayStatus[]> = {
  invoice: ['draft', 'issued', 'partially_paid', 'overdue', 'paid', 'void'],
  quote: ['draft', 'sent', 'expired', 'accepted', 'declined', 'void'],
  credit_note: ['draft', 'issued', 'applied', 'void'],
};

export function docPath(type: DocType, id: number): string {
  return `${DOC[type].base}/${id}`;
}
