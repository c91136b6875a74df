import { z } from 'zod';
import { addressSchema, paymentTermsSchema } from './common';
import { currencyCode, id, optionalBic, optionalEmail, optionalIban, requiredText, text } from './fields';

export const customerInput = z.strictObject({
  name: requiredText('Customer name'),
  contactPerson: text('Contact person', 200).default(''),
  emails: z
    .array(
      z.strictObject({
        email: optionalEmail('Email').refine((v) => v !== '', {
          error: 'Enter an email address or remove the row',
        }),
        billing: z.boolean(),
      }),
    )
    .max(10, 'At most 10 email addresses')
    .default([]),
  phone: text('Phone', 50).default(''),
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  taxNumber: text('Tax or VAT number', 50).default(''),
  /** The account the customer pays from: bank matching recognises their transfers by it. */
  iban: optionalIban().default(''),
  bic: optionalBic().default(''),
  currency: currencyCode('Currency'),
  paymentTerms: paymentTermsSchema,
  defaultTaxId: id('Default tax').nullable().default(null),
  notes: text('Notes', 5000).default(''),
});
export type CustomerInput = z.input<typeof customerInput>;

const addressOut = z.object({
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
});

export const customerOutput = z.object({
  id: z.number(),
  name: z.string(),
  contactPerson: z.string(),
  emails: z.array(z.object({ email: z.string(), billing: z.boolean() })),
  phone: z.string(),
  billingAddress: addressOut,
  shippingAddress: addressOut,
  taxNumber: z.string(),
  iban: z.string(),
  bic: z.string(),
  currency: z.string(),
  paymentTerms: paymentTermsSchema,
  defaultTaxId: z.number().nullable(),
  notes: z.string(),
  archived: z.boolean(),
  hasDocuments: z.boolean(),
  createdAt: z.string(),
});
export type Customer = z.infer<typeof customerOutput>;

/** Why a new customer may be one you already have. */
export const duplicateWarning = z.object({
  customerId: z.number(),
  customerName: z.string(),
  field: z.enum(['name', 'email', 'taxNumber']),
  message: z.string(),
});
export type DuplicateWarning = z.infer<typeof duplicateWarning>;

export const customerSummary = z.object({
  id: z.number(),
  name: z.string(),
  contactPerson: z.string(),
  billingEmail: z.string(),
  currency: z.string(),
  archived: z.boolean(),
  /** Open invoices' balance, by currency. */
  balances: z.array(z.object({ currency: z.string(), amount: z.number() })),
  overdue: z.number(),
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const customerSort = z.enum(['name', 'balance', 'created']);

export const customersApi = {
  'customers.list': {
    input: z
      .strictObject({
        search: z.string().max(200).default(''),
        includeArchived: z.boolean().default(false),
        sort: customerSort.default('name'),
        direction: z.enum(['asc', 'desc']).default('asc'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .optional()
      .default({ search: '', includeArchived: false, sort: 'name', direction: 'asc', offset: 0, limit: 100 }),
    output: z.object({ rows: z.array(customerSummary), total: z.number() }),
  },
  'customers.get': {
    input: z.strictObject({ id: id('Customer') }),
    output: z.object({
      customer: customerOutput,
      balances: z.array(z.object({ currency: z.string(), amount: z.number(), overdue: z.number() })),
      /** Unapplied payments and unused credit notes, by currency. */
      credit: z.array(z.object({ currency: z.string(), amount: z.number() })),
    }),
  },
  'customers.create': {
    input: customerInput,
    output: z.object({ customer: customerOutput, warnings: z.array(duplicateWarning) }),
  },
  'customers.update': {
    input: customerInput.extend({ id: id('Customer') }),
    output: z.object({ customer: customerOutput, warnings: z.array(duplicateWarning) }),
  },
  /** Live check while typing a new customer: same name, email or tax number as an existing one. */
  'customers.checkDuplicates': {
    input: z.strictObject({
      name: z.string().max(200).default(''),
      emails: z.array(z.string().max(254)).max(10).default([]),
      taxNumber: z.string().max(50).default(''),
      excludeId: z.number().int().positive().nullable().default(null),
    }),
    output: z.array(duplicateWarning),
  },
  'customers.setArchived': {
    input: z.strictObject({ id: id('Customer'), archived: z.boolean() }),
    output: customerOutput,
  },
  /** Only a customer with no documents can be deleted; others are archived. */
  'customers.delete': {
    input: z.strictObject({ id: id('Customer') }),
    output: z.object({ deleted: z.literal(true) }),
  },
} as const;
