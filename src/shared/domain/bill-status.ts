import { msg } from '../i18n';
import { daysBetween, type IsoDate } from './dates';

/**
 * A bill's life: draft (being entered, not yet owed), awaiting payment, partially paid,
 * paid, or void (kept, never counted). "Overdue" is not stored: it is an open bill whose due
 * date has passed, worked out against today.
 */
export const BILL_STATUSES = ['draft', 'awaiting_payment', 'partially_paid', 'paid', 'void'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export type BillDisplayStatus = BillStatus | 'overdue';

/** Open bills are owed: they count in the due-date views, reminders and payment runs. */
export const OPEN_BILL_STATUSES = ['awaiting_payment', 'partially_paid'] as const;

export function isOpen(status: BillStatus): boolean {
  return status === 'awaiting_payment' || status === 'partially_paid';
}

export function displayStatus(status: BillStatus, dueDate: IsoDate, today: IsoDate): BillDisplayStatus {
  return isOpen(status) && dueDate < today ? 'overdue' : status;
}

/** The status that follows from what has been paid; drafts and void bills keep theirs. */
export function statusFromBalance(
  status: BillStatus,
  total: number,
  settled: number,
): 'awaiting_payment' | 'partially_paid' | 'paid' | 'draft' | 'void' {
  if (status === 'draft' || status === 'void') return status;
  if (settled >= total) return 'paid';
  return settled > 0 ? 'partially_paid' : 'awaiting_payment';
}

export const BILL_STATUS_LABELS: Record<BillDisplayStatus, string> = {
  draft: 'Draft',
  awaiting_payment: 'Awaiting payment',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
  overdue: 'Overdue',
};

/** Mantine colour names: draft grey, awaiting blue, partially paid amber, paid green, overdue red. */
export const BILL_STATUS_COLORS: Record<BillDisplayStatus, string> = {
  draft: 'gray',
  awaiting_payment: 'blue',
  partially_paid: 'yellow',
  paid: 'green',
  void: 'gray',
  overdue: 'red',
};

/** "Due today", "Due tomorrow", "Due in 3 days", "1 day overdue", "12 days overdue". */
export function describeDue(dueDate: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, dueDate);
  if (days === 0) return msg('notifications.due.today');
  if (days === 1) return msg('notifications.due.tomorrow');
  if (days > 1) return msg('notifications.due.inDays', { days });
  return msg('notifications.due.overdue', { days: -days });
}

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'direct_debit', 'cheque', 'cash', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  bank_transfer: 'Bank transfer',
  card: 'Card',
  direct_debit: 'Direct debit',
  cheque: 'Cheque',
  cash: 'Cash',
  other: 'Other',
};
