import { z } from 'zod';
import { text } from './fields';

/** A postal address, structured so it can be placed in an envelope window and sorted by city. */
export const addressSchema = z.strictObject({
  line1: text('Address line 1'),
  line2: text('Address line 2'),
  city: text('City', 100),
  region: text('Region or state', 100),
  postalCode: text('Postal code', 20),
  country: text('Country', 100),
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
      .int('Days must be a whole number')
      .min(0, 'Days cannot be negative')
      .max(365, 'At most 365 days'),
  }),
  z.strictObject({
    kind: z.literal('eom'),
    days: z
      .number()
      .int('Days must be a whole number')
      .min(0, 'Days cannot be negative')
      .max(365, 'At most 365 days'),
  }),
]);

export const emptyInput = z.strictObject({}).optional().default({});
export const okOutput = z.strictObject({ ok: z.literal(true) });
