import { z } from 'zod';
import type { ServiceContext } from '../context';
import { readSetting, writeSetting } from '../kv';
import { recordAudit } from '../audit';
import { storeOf } from '../context';

const reportSettings = z.object({
  openingBalance: z.object({ amount: z.number().int(), date: z.string() }).nullable(),
  taxBasis: z.enum(['accrual', 'cash']),
});
export type ReportSettings = z.infer<typeof reportSettings>;

const DEFAULTS: ReportSettings = { openingBalance: null, taxBasis: 'accrual' };

export async function getReportSettings(ctx: ServiceContext): Promise<ReportSettings> {
  return await readSetting(ctx, 'reports', reportSettings, DEFAULTS);
}

export async function updateReportSettings(
  ctx: ServiceContext,
  change: Partial<ReportSettings>,
): Promise<ReportSettings> {
  const before = await getReportSettings(ctx);
  const after = { ...before, ...change };
  await storeOf(ctx).tx(async () => {
    await writeSetting(ctx, 'reports', after);
    await recordAudit(ctx, {
      entity: 'report_settings',
      entityId: 'reports',
      action: 'update',
      before: { openingBalance: JSON.stringify(before.openingBalance), taxBasis: before.taxBasis },
      after: { openingBalance: JSON.stringify(after.openingBalance), taxBasis: after.taxBasis },
    });
  });
  return after;
}
