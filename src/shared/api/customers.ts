import { msg } from '../i18n';
import { z } from 'zod';
import { addressSchema, paymentTermsSchema } from './common';
import {
  currencyCode,
  editVersion,
  id,
  languageCode,
  multilineText,
  optionalBic,
  optionalEmail,
  optionalIban,
  requiredText,
  searchText,
  text,
} from './fields';
import { buyerReferenceProblem, EINVOICE_FORMATS, electronicAddressProblem } from '../domain/einvoice/codes';

const customerFields = z.strictObject({
  name: requiredText('fields.customerName'),
  contactPerson: text('fields.contactPerson', 200).default(''),
  emails: z
    .array(
      z.strictObject({
        email: optionalEmail('fields.email').refine((v) => v !== '', {
          error: () => msg('validation.customers.enterAnEmailAddressOr'),
        }),
        billing: z.boolean(),
      }),
    )
    .max(10, { error: () => msg('validation.customers.atMost10EmailAddresses') })
    .default([]),
  phone: text('fields.phone', 50).default(''),
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  taxNumber: text('fields.taxOrVatNumber', 50).default(''),
  /** The account the customer pays from: bank matching recognises their transfers by it. */
  iban: optionalIban().default(''),
  bic: optionalBic().default(''),
  currency: currencyCode('fields.currency'),
  paymentTerms: paymentTermsSchema,
  defaultTaxId: id('fields.defaultTax').nullable().default(null),
  notes: multilineText('fields.notes', 5000).default(''),
  /** E-invoices: BT-49 electronic address and its EAS scheme, BT-10 default, preferred format ('' = none). */
  electronicAddress: text('fields.electronicAddress', 100).default(''),
  electronicAddressScheme: text('fields.scheme', 4).default(''),
  buyerReference: text('fields.buyerReferenceOrLeitwegId', 100)
    .default('')
    .refine((v) => buyerReferenceProblem(v) === null, {
      error: (i) =>
        buyerReferenceProblem(i.input as string) ?? msg('validation.customers.checkTheBuyerReference'),
    }),
  einvoiceFormat: z
    .enum(['', ...EINVOICE_FORMATS], { error: () => msg('validation.customers.chooseAnEInvoiceFormat') })
    .default(''),
  /** The language of the customer's documents and emails; null: the business's document language. */
  documentLanguage: languageCode('fields.documentLanguage').nullable().default(null),
});

function checkElectronicAddress(
  v: { electronicAddress: string; electronicAddressScheme: string },
  ctx: z.RefinementCtx,
): void {
  const problem = electronicAddressProblem(v.electronicAddressScheme, v.electronicAddress);
  if (problem)
    ctx.addIssue({
      code: 'custom',
      message: problem,
      path: [
        v.electronicAddressScheme === '' && v.electronicAddress !== ''
          ? 'electronicAddressScheme'
          : 'electronicAddress',
      ],
    });
}

export const customerInput = customerFields.superRefine(checkElectronicAddress);
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
  electronicAddress: z.string(),
  electronicAddressScheme: z.string(),
  buyerReference: z.string(),
  einvoiceFormat: z.enum(['', ...EINVOICE_FORMATS]),
  documentLanguage: z.string().nullable(),
  archived: z.boolean(),
  hasDocuments: z.boolean(),
  createdAt: z.string(),
  /** Counts the saves; an update names the version it started from (see 'customers.update'). */
  version: z.number(),
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
        search: searchText().default(''),
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
    input: z.strictObject({ id: id('fields.customer') }),
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
    input: customerFields
      .extend({ id: id('fields.customer'), version: editVersion.optional() })
      .superRefine(checkElectronicAddress),
    output: z.object({ customer: customerOutput, warnings: z.array(duplicateWarning) }),
  },
  /** Live check while typing a new customer: same name, email or tax number as an existing one. */
  'customers.checkDuplicates': {
    input: z.strictObject({
      name: text('fields.name', 200).default(''),
      emails: z.array(text('fields.email', 254)).max(10).default([]),
      taxNumber: text('fields.taxNumber', 50).default(''),
      excludeId: z.number().int().positive().nullable().default(null),
    }),
    output: z.array(duplicateWarning),
  },
  'customers.setArchived': {
    input: z.strictObject({ id: id('fields.customer'), archived: z.boolean() }),
    output: customerOutput,
  },
  /** Only a customer with no documents can be deleted; others are archived. */
  'customers.delete': {
    input: z.strictObject({ id: id('fields.customer') }),
    output: z.object({ deleted: z.literal(true) }),
  },
} as const;
