import { msg } from '../i18n';
import { z } from 'zod';
import {
  editVersion,
  id,
  labelInSentence,
  labelText,
  multilineText,
  requiredText,
  searchText,
  text,
} from './fields';
import { isValidPercent } from '../domain/tax';
import { isVatexCode, VAT_CATEGORIES } from '../domain/einvoice/codes';

/** Taxes and items: what documents are made of. */

export const percentText = (label: string) =>
  z
    .string({ error: () => msg('validation.text.required', { label: labelInSentence(label) }) })
    .trim()
    .refine((v) => isValidPercent(v), {
      error: () => msg('validation.percent.range', { label: labelText(label) }),
    });

export const moneyAmount = (label: string) =>
  z
    .number({ error: () => msg('validation.amount.notAmount', { label: labelText(label) }) })
    .int({ error: () => msg('validation.amount.notAmount', { label: labelText(label) }) })
    .min(-1e13, { error: () => msg('validation.amount.tooLarge', { label: labelText(label) }) })
    .max(1e13, { error: () => msg('validation.amount.tooLarge', { label: labelText(label) }) });

export const taxInput = z.strictObject({
  name: requiredText('fields.taxName', 60),
  percent: percentText('fields.rate'),
  compound: z.boolean().default(false),
  kind: z.enum(['standard', 'zero_rated', 'exempt']).default('standard'),
  /** Printed on every line that carries this tax, e.g. "Reverse charge: VAT to be paid by the recipient". */
  reason: text('fields.reason', 300).default(''),
  /** EN 16931 VAT category; empty input takes the one that fits the kind (S, Z or E). */
  vatCategory: z
    .enum(VAT_CATEGORIES, { error: () => msg('validation.catalog.chooseAVatCategory') })
    .nullable()
    .default(null),
  vatexCode: text('fields.vatexCode', 30)
    .toUpperCase()
    .default('')
    .refine((v) => v === '' || isVatexCode(v), {
      error: () => msg('validation.catalog.aVatexCodeLooksLike'),
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
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),
});
export type Tax = z.infer<typeof taxOutput>;

export const itemInput = z.strictObject({
  name: requiredText('fields.itemName'),
  description: multilineText('fields.description', 5000).default(''),
  unit: text('fields.unit', 30).default(''),
  unitPrice: moneyAmount('fields.unitPrice'),
  taxIds: z
    .array(id('fields.tax'))
    .max(5, { error: () => msg('validation.catalog.atMost5Taxes') })
    .default([]),
  sku: text('fields.sku', 60).default(''),
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
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),
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
  'taxes.update': {
    input: taxInput.extend({ id: id('fields.tax'), version: editVersion.optional() }),
    output: taxOutput,
  },
  'taxes.setArchived': {
    input: z.strictObject({ id: id('fields.tax'), archived: z.boolean() }),
    output: taxOutput,
  },

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
  'items.get': { input: z.strictObject({ id: id('fields.item') }), output: itemOutput },
  'items.create': { input: itemInput, output: itemOutput },
  'items.update': {
    input: itemInput.extend({ id: id('fields.item'), version: editVersion.optional() }),
    output: itemOutput,
  },
  'items.setArchived': {
    input: z.strictObject({ id: id('fields.item'), archived: z.boolean() }),
    output: itemOutput,
  },
} as const;
