import { z } from 'zod';
import { id, multilineText, requiredText, searchText, text } from './fields';
import { isValidPercent } from '../domain/tax';
import { isVatexCode, VAT_CATEGORIES } from '../domain/einvoice/codes';

/** Taxes and items: what documents are made of. */

export const percentText = (label: string) =>
  z
    .string({ error: `Enter the ${label.toLowerCase()}` })
    .trim()
    .refine((v) => isValidPercent(v), {
      error: `${label} must be a percentage from 0 to 100, like 19 or 9.975`,
    });

export const moneyAmount = (label: string) =>
  z
    .number({ error: `${label} must be an amount` })
    .int(`${label} must be an amount`)
    .min(-1e13, `${label} is too large`)
    .max(1e13, `${label} is too large`);

export const taxInput = z.strictObject({
  name: requiredText('Tax name', 60),
  percent: percentText('Rate'),
  compound: z.boolean().default(false),
  kind: z.enum(['standard', 'zero_rated', 'exempt']).default('standard'),
  /** Printed on every line that carries this tax, e.g. "Reverse charge: VAT to be paid by the recipient". */
  reason: text('Reason', 300).default(''),
  /** EN 16931 VAT category; empty input takes the one that fits the kind (S, Z or E). */
  vatCategory: z.enum(VAT_CATEGORIES, { error: 'Choose a VAT category' }).nullable().default(null),
  vatexCode: text('VATEX code', 30)
    .toUpperCase()
    .default('')
    .refine((v) => v === '' || isVatexCode(v), {
      error: 'A VATEX code looks like VATEX-EU-AE or VATEX-EU-132',
    }),
});

export const taxOutput = z.object({
  id: z.number(),
  name: z.string(),
  percent: z.string(),
  compound: z.boolean(),
  kind: z.enum(['standard', 'zero_rated', 'exempt']),
  reason: z.string(),
  vatCategory: z.enum(VAT_CATEGORIES),
  vatexCode: z.string(),
  archived: z.boolean(),
  inUse: z.boolean(),
});
export type Tax = z.infer<typeof taxOutput>;

export const itemInput = z.strictObject({
  name: requiredText('Item name'),
  description: multilineText('Description', 5000).default(''),
  unit: text('Unit', 30).default(''),
  unitPrice: moneyAmount('Unit price'),
  taxIds: z.array(id('Tax')).max(5, 'At most 5 taxes').default([]),
  sku: text('SKU', 60).default(''),
});

export const itemOutput = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  unit: z.string(),
  unitPrice: z.number(),
  taxIds: z.array(z.number()),
  sku: z.string(),
  archived: z.boolean(),
});
export type Item = z.infer<typeof itemOutput>;

export const catalogApi = {
  'taxes.list': {
    input: z
      .strictObject({ includeArchived: z.boolean().default(false) })
      .optional()
      .default({ includeArchived: false }),
    output: z.array(taxOutput),
  },
  'taxes.create': { input: taxInput, output: taxOutput },
  'taxes.update': { input: taxInput.extend({ id: id('Tax') }), output: taxOutput },
  'taxes.setArchived': { input: z.strictObject({ id: id('Tax'), archived: z.boolean() }), output: taxOutput },

  'items.list': {
    input: z
      .strictObject({
        search: searchText().default(''),
        includeArchived: z.boolean().default(false),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .optional()
      .default({ search: '', includeArchived: false, limit: 200 }),
    output: z.array(itemOutput),
  },
  'items.get': { input: z.strictObject({ id: id('Item') }), output: itemOutput },
  'items.create': { input: itemInput, output: itemOutput },
  'items.update': { input: itemInput.extend({ id: id('Item') }), output: itemOutput },
  'items.setArchived': {
    input: z.strictObject({ id: id('Item'), archived: z.boolean() }),
    output: itemOutput,
  },
} as const;
