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
  approve: 'audit.actions.approve',
  restore: 'audit.actions.restore',
  import: 'audit.actions.import',
  unsnooze_reminder: 'audit.actions.unsnoozeReminder',
  snooze_reminder: 'audit.actions.snoozeReminder',
  unmatch: 'audit.actions.unmatch',
  undo: 'audit.actions.undo',
  skip_catch_up: 'audit.actions.skipCatchUp',
  sepa_file: 'audit.actions.sepaFile',
  sent: 'audit.actions.sent',
  run: 'audit.actions.run',
  retry: 'audit.actions.retry',
  reset: 'audit.actions.reset',
  record: 'audit.actions.record',
  reconcile: 'audit.actions.reconcile',
  queue: 'audit.actions.queue',
  payment: 'audit.actions.payment',
  match: 'audit.actions.match',
  import_einvoice: 'audit.actions.importEinvoice',
  export_pdfs: 'audit.actions.exportPdfs',
  export: 'audit.actions.export',
  draft: 'audit.actions.draft',
  dismiss_warning: 'audit.actions.dismissWarning',
  dismiss: 'audit.actions.dismiss',
  deny: 'audit.actions.deny',
  complete_setup: 'audit.actions.completeSetup',
  categorize: 'audit.actions.categorize',
  cancel: 'audit.actions.cancel',
  apply_credit: 'audit.actions.applyCredit',
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
