import type { IsoDate } from './dates';

/**
 * Stored statuses, per document type, and the status people see, which adds what is derived
 * from dates: an unpaid invoice past its due date is overdue; a sent quote past its
 * valid-until date is expired.
 */
export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'void'] as const;
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'void'] as const;
export const CREDIT_NOTE_STATUSES = ['draft', 'issued', 'applied', 'void'] as const;
export const STORED_STATUSES = [
  'draft',
  'issued',
  'partially_paid',
  'paid',
  'sent',
  'accepted',
  'declined',
  'applied',
  'void',
] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export const DISPLAY_STATUSES = [...STORED_STATUSES, 'overdue', 'expired'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const OPEN_INVOICE_STATUSES: readonly StoredStatus[] = ['issued', 'partially_paid'];

export function displayStatus(
  doc: {
    type: 'invoice' | 'quote' | 'credit_note';
    status: StoredStatus;
    dueDate: IsoDate | null;
    balance: number;
  },
  today: IsoDate,
): DisplayStatus {
  if (
    doc.type === 'invoice' &&
    OPEN_INVOICE_STATUSES.includes(doc.status) &&
    doc.balance > 0 &&
    doc.dueDate &&
    doc.dueDate < today
  )
    return 'overdue';
  if (doc.type === 'quote' && doc.status === 'sent' && doc.dueDate && doc.dueDate < today) return 'expired';
  return doc.status;
}

export const STATUS_LABELS: Record<DisplayStatus, string> = {
  draft: 'Draft',
  issued: 'Issued',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  applied: 'Applied',
  overdue: 'Overdue',
  expired: 'Expired',
};
