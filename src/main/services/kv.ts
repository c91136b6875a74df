import type { z } from 'zod';
import { qb } from '../db/store';
import { storeOf, type ServiceContext } from './context';

/**
 * Typed access to the settings table: each key is read through its zod schema, so a value
 * written by an older Folio that no longer fits falls back to the default instead of
 * crashing a screen.
 */
export async function readSetting<S extends z.ZodType>(
  ctx: ServiceContext,
  key: string,
  schema: S,
  fallback: z.output<S>,
): Promise<z.output<S>> {
  const row = await storeOf(ctx).first(qb.selectFrom('settings').select('value').where('key', '=', key));
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : fallback;
}

export async function writeSetting(ctx: ServiceContext, key: string, value: unknown): Promise<void> {
  await storeOf(ctx).run(
    qb
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) })),
  );
}
