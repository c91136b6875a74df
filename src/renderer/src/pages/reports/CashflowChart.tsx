import { CompositeChart } from '@mantine/charts';
import type { CashflowWeek } from '../../../../shared/api/reports';
import { fromChart, toChart } from '../../lib/chart';
import { useSettings } from '../../app/useSettings';
import { formatMoney } from '../../lib/format';

/** Weekly money in (green) and out (red) as bars, the running balance as a line, zero marked. */
export function CashflowChart({
  weeks,
  currency,
  height = 260,
}: {
  weeks: CashflowWeek[];
  currency: string;
  height?: number;
}) {
  const { preferences } = useSettings();
  const short = new Intl.DateTimeFormat(preferences.locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const units = (minor: number) => toChart(minor, currency);
  const data = weeks.map((w) => ({
    week: short.format(new Date(`${w.start}T00:00:00Z`)),
    In: units(w.receipts + w.recurringReceipts),
    Out: -units(w.bills + w.recurringBills),
    Balance: units(w.balance),
  }));
  const compact = new Intl.NumberFormat(preferences.locale, {
    style: 'currency',
    currency,
    notation: 'compact',
  });
  const fmt = (value: number) => formatMoney(fromChart(value, currency), currency, preferences.locale);
  return (
    <CompositeChart
      h={height}
      data={data}
      dataKey="week"
      withLegend
      valueFormatter={fmt}
      yAxisProps={{ width: 80, tickFormatter: (v: number) => compact.format(v) }}
      referenceLines={[{ y: 0, color: 'gray.5' }]}
      series={[
        { name: 'In', color: 'teal.6', type: 'bar' },
        { name: 'Out', color: 'red.5', type: 'bar' },
        { name: 'Balance', color: 'indigo.6', type: 'line' },
      ]}
      aria-label="Cash-flow forecast chart"
      role="img"
    />
  );
}
