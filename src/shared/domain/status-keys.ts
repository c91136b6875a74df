import type { DisplayStatus } from './status';
import type { BillDisplayStatus } from './bill-status';

/**
 * The catalogue key of each status's label (src/shared/i18n/locales, namespace `status`), for
 * badges, filters and messages in the screen's or the customer's language:
 * `t(STATUS_KEYS[s])` in the renderer, `msg(STATUS_KEYS[s])` in the main process.
 */
export const STATUS_KEYS: Record<DisplayStatus, string> = {
  draft: 'status.document.draft',
  issued: 'status.document.issued',
  partially_paid: 'status.document.partiallyPaid',
  paid: 'status.document.paid',
  void: 'status.document.void',
  sent: 'status.document.sent',
  accepted: 'status.document.accepted',
  declined: 'status.document.declined',
  applied: 'status.document.applied',
  overdue: 'status.document.overdue',
  expired: 'status.document.expired',
};

export const BILL_STATUS_KEYS: Record<BillDisplayStatus, string> = {
  draft: 'status.bill.draft',
  awaiting_payment: 'status.bill.awaitingPayment',
  partially_paid: 'status.bill.partiallyPaid',
  paid: 'status.bill.paid',
  void: 'status.bill.void',
  overdue: 'status.bill.overdue',
};
