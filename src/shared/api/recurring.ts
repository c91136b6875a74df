import { msg } from '../i18n';
import { z } from 'zod';
import { documentInput } from './documents';
import { editVersion, id, isoDate, requiredText } from './fields';
import { FREQUENCIES } from '../domain/schedule';

export const scheduleInput = z
  .strictObject({
    frequency: z.enum(FREQUENCIES),
    interval: z
      .number()
      .int()
      .min(1, { error: () => msg('validation.recurring.repeatAtLeastEvery1') })
      .max(52, { error: () => msg('validation.recurring.atMostEvery52') }),
    dayOfMonth: z
      .union([z.number().int().min(1).max(31), z.literal('last')])
      .nullable()
      .default(null),
    startDate: isoDate('fields.firstDate'),
    endDate: isoDate('fields.endDate').nullable().default(null),
    count: z
      .number()
      .int()
      .min(1, { error: () => msg('validation.recurring.atLeast1Invoice') })
      .max(1000)
      .nullable()
      .default(null),
  })
  .refine((s) => !s.endDate || s.endDate >= s.startDate, {
    error: () => msg('validation.recurring.theEndDateMustBe'),
    path: ['endDate'],
  });

export const CATCH_UP_CHOICES = ['issue', 'draft', 'skip'] as const;
export type CatchUpChoice = (typeof CATCH_UP_CHOICES)[number];

export const recurringInput = z.strictObject({
  name: requiredText('fields.name', 120),
  /** The invoice to repeat; its dates are set per occurrence. */
  template: documentInput.omit({ issueDate: true, type: true, relatedId: true }),
  schedule: scheduleInput,
  /** issue: each occurrence is issued (numbered) at once; draft: it waits for review. */
  mode: z.enum(['draft', 'issue']),
  /**
   * When more than one occurrence is already due (a start date in the past): make them issued,
   * as drafts, or skip them. Required then (the answer says what would be made); ignored else.
   */
  catchUp: z.enum(CATCH_UP_CHOICES).optional(),
});
export type RecurringInput = z.input<typeof recurringInput>;

export const recurringOutput = z.object({
  id: z.number(),
  /** Counts the saves; an update names the version it started from (services/versions.ts). */
  version: z.number(),

  name: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  template: z.record(z.string(), z.unknown()),
  schedule: z.object({
    frequency: z.enum(FREQUENCIES),
    interval: z.number(),
    dayOfMonth: z.union([z.number(), z.literal('last')]).nullable(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    count: z.number().nullable(),
  }),
  description: z.string(),
  mode: z.enum(['draft', 'issue']),
  paused: z.boolean(),
  generated: z.number(),
  total: z.number(),
  currency: z.string(),
  upcoming: z.array(z.object({ index: z.number(), date: z.string() })),
  documents: z.array(
    z.object({ id: z.number(), number: z.string().nullable(), date: z.string(), status: z.string() }),
  ),
});
export type Recurring = z.infer<typeof recurringOutput>;

export const recurringApi = {
  'recurring.list': { input: z.strictObject({}).optional().default({}), output: z.array(recurringOutput) },
  'recurring.get': { input: z.strictObject({ id: id('fields.recurringInvoice') }), output: recurringOutput },
  'recurring.create': { input: recurringInput, output: recurringOutput },
  'recurring.update': {
    input: recurringInput.extend({ id: id('fields.recurringInvoice'), version: editVersion.optional() }),
    output: recurringOutput,
  },
  /** Paused schedules make nothing; occurrences that fall while paused are skipped, not caught up. */
  'recurring.setPaused': {
    input: z.strictObject({ id: id('fields.recurringInvoice'), paused: z.boolean() }),
    output: recurringOutput,
  },
  'recurring.delete': {
    input: z.strictObject({ id: id('fields.recurringInvoice') }),
    output: z.object({ deleted: z.literal(true) }),
  },
} as const;
