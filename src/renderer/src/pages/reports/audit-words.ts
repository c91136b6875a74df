import type { TFunction } from 'i18next';
import { auditLabel } from '../../lib/audit-labels';

/**
 * The audit log's words in the screen's language: what an action means and the kinds of
 * record. An action the catalogue does not know falls back to the shared English words
 * (src/shared/domain/audit-view.ts), which the CSV export uses too.
 */
const ACTIONS = {
  create: 'audit.actions.create',
  update: 'audit.actions.update',
  delete: 'audit.actions.delete',
  issue: 'audit.actions.issue',
  void: 'audit.actions.void',
  duplicate: 'audit.actions.duplicate',
  convert_from_quote: 'audit.actions.convertFromQuote',
  credit_invoice: 'audit.actions.creditInvoice',
  create_recurring: 'audit.actions.createRecurring',
  mark_sent: 'audit.actions.markSent',
  mark_accepted: 'audit.actions.markAccepted',
  mark_declined: 'audit.actions.markDeclined',
  apply: 'audit.actions.apply',
  archive: 'audit.actions.archive',
  unarchive: 'audit.actions.unarchive',
} as const;

/** The kinds of record the log's filter offers, in the order shown. */
export const AUDIT_ENTITIES = {
  invoice: 'audit.entities.invoice',
  quote: 'audit.entities.quote',
  credit_note: 'audit.entities.creditNote',
  payment: 'audit.entities.payment',
  customer: 'audit.entities.customer',
  item: 'audit.entities.item',
  tax: 'audit.entities.tax',
  recurring_invoice: 'audit.entities.recurringInvoice',
  business_profile: 'audit.entities.businessProfile',
  preferences: 'audit.entities.preferences',
  number_series: 'audit.entities.numberSeries',
  backup: 'audit.entities.backup',
  collection_note: 'audit.entities.collectionNote',
  collections: 'audit.entities.collections',
} as const;

export function auditActionLabel(t: TFunction, action: string): string {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action)
    ? t(ACTIONS[action as keyof typeof ACTIONS])
    : auditLabel(action);
}
