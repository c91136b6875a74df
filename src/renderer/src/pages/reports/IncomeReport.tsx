import { Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { fromChart, toChart } from '../../lib/chart';
import { PeriodPicker, usePresets } from './PeriodPicker';
import { ReportFrame } from './ReportFrame';

/** Invoiced against received and billed against paid, by month, customer and category. */
export function IncomeReport() {
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
      title="Income and expenses"
      description={`Invoiced (by issue date, less credit notes) against received, and billed against paid, in ${c}.`}
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
                Invoiced: toChart(m.invoiced, c),
                Received: toChart(m.received, c),
                Billed: toChart(m.billed, c),
                Paid: toChart(m.paid, c),
              }))}
              dataKey="month"
              withLegend
              valueFormatter={(v) => fmt(fromChart(v, c), c)}
              series={[
                { name: 'Invoiced', color: 'indigo.4' },
                { name: 'Received', color: 'teal.6' },
                { name: 'Billed', color: 'orange.4' },
                { name: 'Paid', color: 'red.6' },
              ]}
              aria-label="Income and expenses by month"
              role="img"
            />
          </Card>
          <Table withTableBorder aria-label="By month">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Month</Table.Th>
                <Table.Th className="num">Invoiced</Table.Th>
                <Table.Th className="num">Received</Table.Th>
                <Table.Th className="num">Billed</Table.Th>
                <Table.Th className="num">Paid</Table.Th>
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
                By customer
              </Title>
              {r.byCustomer.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing invoiced or received in this period.
                </Text>
              ) : (
                <Table aria-label="By customer">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Customer</Table.Th>
                      <Table.Th className="num">Invoiced</Table.Th>
                      <Table.Th className="num">Received</Table.Th>
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
                By expense category
              </Title>
              {r.byCategory.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No bills in this period.
                </Text>
              ) : (
                <Table aria-label="By expense category">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Category</Table.Th>
                      <Table.Th className="num">Billed</Table.Th>
                      <Table.Th className="num">Paid</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.byCategory.map((x) => (
                      <Table.Tr key={x.id ?? 'none'}>
                        <Table.Td>{x.name}</Table.Td>
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
