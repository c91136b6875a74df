/** What an audit action means, in words, for history panels. */
const LABELS: Record<string, string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  issue: 'Issued',
  void: 'Voided',
  duplicate: 'Created as a copy',
  convert_from_quote: 'Created from a quote',
  credit_invoice: 'Created to credit an invoice',
  create_recurring: 'Made by a recurring schedule',
  mark_sent: 'Marked sent',
  mark_accepted: 'Marked accepted',
  mark_declined: 'Marked declined',
  apply: 'Credit applied',
  archive: 'Archived',
  unarchive: 'Restored',
};

export function auditLabel(action: string): string {
  return LABELS[action] ?? action.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
