import { z } from 'zod';
import { DEFAULT_REMINDER_LEVELS, type ReminderLevel } from '../../../shared/domain/reminders';
import type { ServiceContext } from '../context';
import { readSetting } from '../kv';

/**
 * The reminder levels (friendly, firm, final) as set in Settings → Mail. Kept apart from the
 * mail settings so that reports can name a level without loading the mail machinery, which
 * is imported only when mail is used.
 */
export const LEVELS_KEY = 'reminders.levels';

const storedLevels = z.array(
  z.object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    name: z.string(),
    days: z.number(),
    enabled: z.boolean(),
  }),
);

export async function getReminderLevels(ctx: ServiceContext): Promise<ReminderLevel[]> {
  return await readSetting(ctx, LEVELS_KEY, storedLevels, DEFAULT_REMINDER_LEVELS);
}
