/**
 * Issue 6 budgets at 1M invoices and 1M bills in one data file: the dashboard, receivables
 * aging as of today and as of a past date, payables aging, and the cash-flow forecast.
 * Data from the two seeded generators (bench/receivables-data.ts via buildDataset, and
 * bench/payables.ts), through the app's own tables and triggers.
 */
import { performance } from 'node:perf_hooks';
import { openFolio } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { dashboardSummary } from '../src/main/services/reports/dashboard';
import { receivablesAging } from '../src/main/services/reports/receivables-aging';
import { payablesAging } from '../src/main/services/reports/payables-aging';
import { cashflowForecast } from '../src/main/services/reports/cashflow';
import { addDays } from '../src/shared/domain/dates';
import { fixedClock } from '../test/helpers/folio';
import { tempDir } from '../test/helpers/tmp';
import { generateBills } from './payables';
import { buildDataset } from './receivables';
import { TODAY } from './receivables-data';
import { median, note, record, timeSync } from './report';

const SUITE = 'reports';
const INVOICES = Number(process.env.REPORTS_BENCH_INVOICES ?? 1_000_000);
const RUNS = 9;

export async function runReports(): Promise<void> {
  console.log(`\nReports (${INVOICES.toLocaleString('en')} invoices + 1,000,000 bills)`);
  const tmp = tempDir('folio-bench-reports-');
  try {
    let t0 = performance.now();
    await buildDataset(tmp.dir, INVOICES);
    note(SUITE, 'generate the invoices', `${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    const folio = await openFolio({
      dataDir: tmp.dir,
      mode: 'browser',
      version: 'bench',
      clock: fixedClock(`${TODAY}T12:00:00.000Z`),
      log: silentLogger,
    });
    note(
      SUITE,
      'open the file (integrity check included)',
      `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    try {
      const ctx = folio.ctx;
      generateBills(ctx);
      const past = addDays(TODAY, -180);
      const measure = (name: string, fn: () => unknown, budget: number) =>
        record(SUITE, `${name} (median of ${RUNS})`, median(timeSync(fn, RUNS, 1)), budget);
      measure('dashboard', async () => await dashboardSummary(ctx), 300);
      measure('receivables aging as of today', async () => await receivablesAging(ctx, { asOf: TODAY }), 300);
      measure(
        `receivables aging as of ${past}`,
        async () => await receivablesAging(ctx, { asOf: past }),
        1500,
      );
      measure('payables aging as of today', async () => await payablesAging(ctx, { asOf: TODAY }), 300);
      measure(`payables aging as of ${past}`, async () => await payablesAging(ctx, { asOf: past }), 1500);
      measure('cash-flow forecast', async () => await cashflowForecast(ctx), 300);
      const aging = await receivablesAging(ctx, { asOf: TODAY });
      note(
        SUITE,
        'receivables aging today: customers / total',
        `${aging.rows.length} / ${aging.totals.total}`,
      );
    } finally {
      await folio.close();
    }
  } finally {
    tmp.cleanup();
  }
}
