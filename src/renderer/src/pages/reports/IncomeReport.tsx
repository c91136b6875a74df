import { Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { fromChart, toChart } from '../../lib/chart';
import { PeriodPicker, usePresets } from './PeriodPicker';
import { ReportFrame } from './ReportFrame';
import { useTranslation } from 'react-i18next';

/** Invoiced against received and billed against paid, by month, customer and category. */
export function IncomeReport() {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const presets = usePresets();
  const [params, setParams] = useSearchParams();
  const period = {
    from: params.get('from') ?? presets[5]!.period.from,
    to: params.get('to') ?? presets[5]!.period.to,
  };
  const r = useApi('reports.incomeExpenses', period).data;
  const c = r?.currency ?? preferences.baseCurrency;
  const monthName = new Intl.DateTimeFormat(preferences.locale, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
  return (
    <ReportFrame
      title={t('reports.income.title')}
      description={t('reports.income.description', { currency: c })}
      // eslint-disable-next-line i18next/no-literal-string -- the report's id for the export, not text
      csv={{ report: 'incomeExpenses', ...period }}
      controls={
        <PeriodPicker
          value={period}
          onChange={(p) => setParams(p as unknown as Record<string, string>, { replace: true })}
        />
      }
    >
      {r && (
        <>
          <Card withBorder>
            <BarChart
              h={260}
              data={r.months.map((m) => ({
                month: monthName.format(new Date(`${m.month}-01T00:00:00Z`)),
                invoiced: toChart(m.invoiced, c),
                received: toChart(m.received, c),
                billed: toChart(m.billed, c),
                paid: toChart(m.paid, c),
              }))}
              dataKey="month"
              withLegend
              valueFormatter={(v) => fmt(fromChart(v, c), c)}
              series={[
                { name: 'invoiced', label: t('reports.income.invoiced'), color: 'indigo.4' },
                { name: 'received', label: t('reports.income.received'), color: 'teal.6' },
                { name: 'billed', label: t('reports.income.billed'), color: 'orange.4' },
                { name: 'paid', label: t('reports.income.paid'), color: 'red.6' },
              ]}
              aria-label={t('reports.income.chartLabel')}
              role="img"
            />
          </Card>
          <Table withTableBorder aria-label={t('reports.income.byMonth')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.income.month')}</Table.Th>
                <Table.Th className="num">{t('reports.income.invoiced')}</Table.Th>
                <Table.Th className="num">{t('reports.income.received')}</Table.Th>
                <Table.Th className="num">{t('reports.income.billed')}</Table.Th>
                <Table.Th className="num">{t('reports.income.paid')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.months.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Td>{monthName.format(new Date(`${m.month}-01T00:00:00Z`))}</Table.Td>
                  <Table.Td className="num">{fmt(m.invoiced, c)}</Table.Td>
                  <Table.Td className="num">{fmt(m.received, c)}</Table.Td>
                  <Table.Td className="num">{fmt(m.billed, c)}</Table.Td>
                  <Table.Td className="num">{fmt(m.paid, c)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h5" mb="xs">
                {t('reports.income.byCustomer')}
              </Title>
              {r.byCustomer.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('reports.income.noCustomers')}
                </Text>
              ) : (
                <Table aria-label={t('reports.income.byCustomer')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('common.customer')}</Table.Th>
                      <Table.Th className="num">{t('reports.income.invoiced')}</Table.Th>
                      <Table.Th className="num">{t('reports.income.received')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.byCustomer.map((x) => (
                      <Table.Tr key={x.id}>
                        <Table.Td>{x.name}</Table.Td>
                        <Table.Td className="num">{fmt(x.invoiced, c)}</Table.Td>
                        <Table.Td className="num">{fmt(x.received, c)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h5" mb="xs">
                {t('reports.income.byCategory')}
              </Title>
              {r.byCategory.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('reports.income.noBills')}
                </Text>
              ) : (
                <Table aria-label={t('reports.income.byCategory')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('reports.income.category')}</Table.Th>
                      <Table.Th className="num">{t('reports.income.billed')}</Table.Th>
                      <Table.Th className="num">{t('reports.income.paid')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.byCategory.map((x) => (
                      <Table.Tr key={x.id ?? 'none'}>
                        <Table.Td>{x.id === null ? t('reports.income.uncategorised') : x.name}</Table.Td>
                        <Table.Td className="num">{fmt(x.billed, c)}</Table.Td>
                        <Table.Td className="num">{fmt(x.paid, c)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </SimpleGrid>
        </>
      )}
    </ReportFrame>
  );
}
