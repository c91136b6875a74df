import type { BillDisplayStatus, PaymentMethod } from '../../../../../shared/domain/bill-status';
import type { BILL_LIST_FILTERS } from '../../../../../shared/api/payables';
import type { Frequency } from '../../../../../shared/domain/schedule';

/** Catalogue keys of the payables' enum labels: `t(BILL_STATUS[s])`. */
export const BILL_STATUS = {
  draft: 'bills.status.draft',
  awaiting_payment: 'bills.status.awaitingPayment',
  partially_paid: 'bills.status.partiallyPaid',
  paid: 'bills.status.paid',
  void: 'bills.status.void',
  overdue: 'bills.status.overdue',
} as const satisfies Record<BillDisplayStatus, string>;

export const BILL_FILTER = {
  all: 'bills.filter.all',
  open: 'bills.filter.open',
  ...BILL_STATUS,
} as const satisfies Record<(typeof BILL_LIST_FILTERS)[number], string>;

export const PAYMENT_METHOD = {
  bank_transfer: 'payables.method.bankTransfer',
  card: 'payables.method.card',
  direct_debit: 'payables.method.directDebit',
  cheque: 'payables.method.cheque',
  cash: 'payables.method.cash',
  other: 'payables.method.other',
} as const satisfies Record<PaymentMethod, string>;

export const FREQUENCY = {
  weekly: 'recurringBills.frequency.weekly',
  monthly: 'recurringBills.frequency.monthly',
  quarterly: 'recurringBills.frequency.quarterly',
  yearly: 'recurringBills.frequency.yearly',
} as const satisfies Record<Frequency, string>;
