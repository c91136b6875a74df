import { z } from 'zod';
import { id, isoDate } from './fields';

/**
 * Vendor credits applied to bills (issue 12): a credit (a credit note imported as a vendor
 * credit) lowers the balance of one or more open bills of the same vendor and currency, never
 * by more than the credit has left or the bill still owes; each application can be reversed.
 */
export const creditApplicationSchema = z.object({
  id: z.number(),
  vendorCreditId: z.number(),
  creditNumber: z.string(),
  billId: z.number(),
  billNumber: z.string(),
  amount: z.number(),
  currency: z.string(),
  appliedOn: z.string(),
});
export type CreditApplication = z.infer<typeof creditApplicationSchema>;

const availableCredit = z.object({
  id: z.number(),
  number: z.string(),
  creditDate: z.string(),
  currency: z.string(),
  total: z.number(),
  remaining: z.number(),
});

const openBill = z.object({
  id: z.number(),
  number: z.string(),
  billDate: z.string(),
  dueDate: z.string(),
  total: z.number(),
  balance: z.number(),
});

const amount = z
  .number({ error: 'Enter an amount' })
  .int()
  .positive({ error: 'Enter an amount above zero' })
  .max(Number.MAX_SAFE_INTEGER);

export const vendorCreditsApi = {
  /** A bill's prepaid amount, the credits applied to it and the vendor's credits that could be. */
  'vendorCredits.forBill': {
    input: z.strictObject({ billId: id('Bill') }),
    output: z.object({
      prepaid: z.number(),
      credited: z.number(),
      applications: z.array(creditApplicationSchema),
      available: z.array(availableCredit),
    }),
  },
  /** One credit with what is left of it, where it was applied, and the bills it could go to. */
  'vendorCredits.get': {
    input: z.strictObject({ vendorCreditId: id('Vendor credit') }),
    output: z.object({
      credit: availableCredit.extend({ vendorId: z.number(), vendorName: z.string() }),
      applications: z.array(creditApplicationSchema),
      openBills: z.array(openBill),
    }),
  },
  'vendorCredits.apply': {
    input: z.strictObject({
      vendorCreditId: id('Vendor credit'),
      allocations: z
        .array(z.strictObject({ billId: id('Bill'), amount }))
        .min(1, { error: 'Choose at least one bill' })
        .max(500),
      appliedOn: isoDate('Date').optional(),
    }),
    output: z.object({ applications: z.array(creditApplicationSchema) }),
  },
  /** Reverses one application: the bill owes that amount again and the credit has it back. */
  'vendorCredits.unapply': {
    input: z.strictObject({ applicationId: id('Credit application') }),
    output: z.object({ ok: z.literal(true) }),
  },
} as const;
