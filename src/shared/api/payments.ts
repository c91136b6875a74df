import { msg } from '../i18n';
import { z } from 'zod';
import { moneyAmount } from './catalog';
import { currencyCode, id, isoDate, multilineText, plainString, text } from './fields';
import { isValidRate } from '../domain/fx';

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'cheque', 'other'] as const;
export const PAYMENT_METHOD_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = {
  bank_transfer: 'Bank transfer',
  card: 'Card',
  cash: 'Cash',
  cheque: 'Cheque',
  other: 'Other',
};

export const paymentInput = z.strictObject({
  customerId: z
    .number({ error: () => msg('validation.payments.chooseACustomer') })
    .int()
    .positive({ error: () => msg('validation.payments.chooseACustomer') }),
  date: isoDate('fields.paymentDate'),
  amount: moneyAmount('fields.amount').min(1, {
    error: () => msg('validation.payments.enterTheAmountReceived'),
  }),
  currency: currencyCode('fields.currency'),
  /** Base-currency value of one unit of the payment currency, when they differ. */
  exchangeRate: plainString('fields.exchangeRate')
    .default('1')
    .refine(isValidRate, { error: () => msg('validation.payments.exchangeRateMustBeA') }),
  method: z.enum(PAYMENT_METHODS, { error: () => msg('validation.payments.chooseHowYouWerePaid') }),
  reference: text('fields.reference', 100).default(''),
  notes: multilineText('fields.notes', 2000).default(''),
  /** How the money is split over the customer's invoices; what is left becomes customer credit. */
  allocations: z
    .array(
      z.strictObject({
        invoiceId: id('fields.invoice'),
        amount: moneyAmount('fields.amount').min(1, {
          error: () => msg('validation.payments.enterAnAmountAboveZero'),
        }),
      }),
    )
    .max(500)
    .default([]),
});
export type PaymentInput = z.input<typeof paymentInput>;

export const paymentOutput = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  date: z.string(),
  amount: z.number(),
  currency: z.string(),
  exchangeRate: z.string(),
  amountBase: z.number(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string(),
  notes: z.string(),
  /** Left over after the allocations: customer credit. */
  unapplied: z.number(),
  allocations: z.array(
    z.object({ invoiceId: z.number(), invoiceNumber: z.string().nullable(), amount: z.number() }),
  ),
  undone: z.boolean(),
  undoReason: z.string().nullable(),
});
export type Payment = z.infer<typeof paymentOutput>;

export const paymentsApi = {
  'payments.list': {
    input: z
      .strictObject({
        customerId: z.number().int().positive().nullable().default(null),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .optional()
      .default({ customerId: null, offset: 0, limit: 100 }),
    output: z.object({ rows: z.array(paymentOutput), total: z.number() }),
  },
  'payments.get': { input: z.strictObject({ id: id('fields.payment') }), output: paymentOutput },
  'payments.record': { input: paymentInput, output: paymentOutput },
  /** Applies a payment's unapplied amount (customer credit) to an open invoice. */
  'payments.applyCredit': {
    input: z.strictObject({
      paymentId: id('fields.payment'),
      invoiceId: id('fields.invoice'),
      amount: moneyAmount('fields.amount').min(1, {
        error: () => msg('validation.payments.enterAnAmountAboveZero'),
      }),
      date: isoDate('fields.date'),
    }),
    output: paymentOutput,
  },
  /** The customer credit from overpayments that could go to this invoice (same customer, currency). */
  'payments.creditFor': {
    input: z.strictObject({ invoiceId: id('fields.invoice') }),
    output: z.object({
      currency: z.string(),
      /** All of the customer's payment credit in the invoice's currency. */
      available: z.number(),
      /** What applying it would take off the invoice: the credit, at most the balance. */
      toApply: z.number(),
    }),
  },
  /** Spends the customer's payment credit on this invoice, oldest payment first, up to its balance. */
  'payments.useCredit': {
    input: z.strictObject({ invoiceId: id('fields.invoice'), date: isoDate('fields.date').optional() }),
    output: z.object({ applied: z.number(), payments: z.array(z.number()) }),
  },
  /** Reverses a payment: invoices get their balance back. Kept in the history, struck through. */
  'payments.undo': {
    input: z.strictObject({
      id: id('fields.payment'),
      reason: multilineText('fields.reason', 500).default(''),
    }),
    output: paymentOutput,
  },
} as const;
