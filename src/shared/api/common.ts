import { msg } from '../i18n';
import { z } from 'zod';
import { text } from './fields';

/** A postal address, structured so it can be placed in an envelope window and sorted by city. */
export const addressSchema = z.strictObject({
  line1: text('fields.addressLine1'),
  line2: text('fields.addressLine2'),
  city: text('fields.city', 100),
  region: text('fields.regionOrState', 100),
  postalCode: text('fields.postalCode', 20),
  country: text('fields.country', 100),
});
export type Address = z.infer<typeof addressSchema>;

export const EMPTY_ADDRESS: Address = {
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
};

export const paymentTermsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('on_receipt') }),
  z.strictObject({
    kind: z.literal('net'),
    days: z
      .number()
      .int({ error: () => msg('validation.common.daysMustBeAWhole') })
      .min(0, { error: () => msg('validation.common.daysCannotBeNegative') })
      .max(365, { error: () => msg('validation.common.atMost365Days') }),
  }),
  z.strictObject({
    kind: z.literal('eom'),
    days: z
      .number()
      .int({ error: () => msg('validation.common.daysMustBeAWhole') })
      .min(0, { error: () => msg('validation.common.daysCannotBeNegative') })
      .max(365, { error: () => msg('validation.common.atMost365Days') }),
  }),
]);

export const emptyInput = z.strictObject({}).optional().default({});
export const okOutput = z.strictObject({ ok: z.literal(true) });
