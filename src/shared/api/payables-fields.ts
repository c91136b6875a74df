import { z } from 'zod';
import { msg } from '../i18n';
import { labelInSentence, labelText } from './fields';
import { percentToBp } from '../domain/bill-amounts';

/**
 * The payables schemas that services need when the app opens (catching up recurring bills,
 * reading the reminder settings), apart from the rest of the payables contract
 * (./payables.ts, which re-exports them): the contract's schemas are built on the first
 * payables call, not at start-up (see src/main/api/specs.ts).
 */

export const percent = (label: string, min: number, max: number) =>
  z
    .number({ error: () => msg('validation.text.required', { label: labelInSentence(label) }) })
    .min(min, { error: () => msg('validation.percent.min', { label: labelText(label), min }) })
    .max(max, { error: () => msg('validation.percent.max', { label: labelText(label), max }) })
    .refine((p) => percentToBp(p) !== null, {
      error: () => msg('validation.number.decimals', { label: labelText(label), count: 2 }),
    });

export const earlyPaymentSchema = z.strictObject({
  discountPercent: percent('fields.earlyPaymentDiscount', 0.01, 50),
  days: z
    .number({ error: () => msg('validation.payables.enterTheNumberOfDays') })
    .int({ error: () => msg('validation.payables.discountDaysMustBeA') })
    .min(0, { error: () => msg('validation.payables.discountDaysCannotBeNegative') })
    .max(365, { error: () => msg('validation.payables.atMost365Days') }),
});
export const reminderSettingsSchema = z.strictObject({
  dueSoonDays: z
    .number({ error: () => msg('validation.payables.enterANumberOfDays') })
    .int({ error: () => msg('validation.payables.wholeDays') })
    .min(0, { error: () => msg('validation.payables.cannotBeNegative') })
    .max(60, { error: () => msg('validation.payables.atMost60Days') }),
  desktopNotifications: z.boolean(),
});
