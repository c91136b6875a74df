import { CompositeChart } from '@mantine/charts';
import type { CashflowWeek } from '../../../../shared/api/reports';
import { fromChart, toChart } from '../../lib/chart';
import { useSettings } from '../../app/useSettings';
import { formatMoney } from '../../lib/format';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const short = new Intl.DateTimeFormat(preferences.locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const units = (minor: number) => toChart(minor, currency);
  const data = weeks.map((w) => ({
    week: short.format(new Date(`${w.start}T00:00:00Z`)),
    moneyIn: units(w.receipts + w.recurringReceipts),
    moneyOut: -units(w.bills + w.recurringBills),
    balance: units(w.balance),
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
        { name: 'moneyIn', label: t('reports.cashflow.in'), color: 'teal.6', type: 'bar' },
        { name: 'moneyOut', label: t('reports.cashflow.out'), color: 'red.5', type: 'bar' },
        { name: 'balance', label: t('reports.cashflow.balance'), color: 'indigo.6', type: 'line' },
      ]}
      aria-label={t('reports.cashflow.chartLabel')}
      role="img"
    />
  );
}
