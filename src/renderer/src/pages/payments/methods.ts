import type { PAYMENT_METHODS } from '../../../../shared/api/payments';

/** The catalogue key of each way of being paid: `t(PAYMENT_METHOD_KEYS[method])`. */
export const PAYMENT_METHOD_KEYS = {
  bank_transfer: 'payments.method.bankTransfer',
  card: 'payments.method.card',
  cash: 'payments.method.cash',
  cheque: 'payments.method.cheque',
  other: 'payments.method.other',
} as const satisfies Record<(typeof PAYMENT_METHODS)[number], string>;
