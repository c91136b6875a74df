import { Anchor, Card, Drawer, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AGING_BUCKETS, AGING_LABELS, type AgingBucket } from '../../../../shared/domain/aging';
import { fromChart, toChart } from '../../lib/chart';
import { localToday } from '../../../../shared/domain/dates';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { formatDate } from '../../lib/format';
import { ReportFrame } from './ReportFrame';

/**
 * Receivables aging by customer as of any date, rebuilt from the documents and the payments
 * dated on or before it. Every figure opens the invoices behind it.
 */
export function ReceivablesAgingReport() {
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? localToday();
  const [cell, setCell] = useState<{
    partyId: number | null;
    bucket: AgingBucket | null;
    title: string;
  } | null>(null);
  const report = useApi('reports.receivablesAging', { asOf });
  const items = useApi(
    'reports.receivablesAgingItems',
    { asOf, partyId: cell?.partyId ?? null, bucket: cell?.bucket ?? null },
    { enabled: !!cell },
  );
  const r = report.data;
  const c = r?.currency ?? preferences.baseCurrency;
  const open = (partyId: number | null, bucket: AgingBucket | null, title: string) =>
    setCell({ partyId, bucket, title });
  const figure = (value: number, partyId: number | null, bucket: AgingBucket | null, title: string) =>
    value === 0 ? (
      <Text size="sm" c="dimmed" className="num">
        —
      </Text>
    ) : (
      <UnstyledButton
        onClick={() => open(partyId, bucket, title)}
        aria-label={`${title}: ${fmt(value, c)}`}
        className="num"
        style={{ width: '100%' }}
      >
        <Text
          size="sm"
          td="underline"
          className="num"
          c={bucket && bucket !== 'current' ? 'red.8' : undefined}
        >
          {fmt(value, c)}
        </Text>
      </UnstyledButton>
    );

  return (
    <ReportFrame
      title="Receivables aging"
      description={`What customers owed on ${formatDate(asOf, preferences.locale)}, by how late it was. Amounts in ${c} at each invoice's rate.`}
      csv={{ report: 'receivablesAging', asOf }}
      controls={
        <DateInput
          label="As of"
          valueFormat="YYYY-MM-DD"
          value={asOf}
          onChange={(d) => setParams(d ? { asOf: String(d).slice(0, 10) } : {}, { replace: true })}
          w={160}
        />
      }
    >
      {r && (
        <>
          <Card withBorder>
            <BarChart
              h={180}
              data={AGING_BUCKETS.map((b) => ({ bucket: AGING_LABELS[b], Owed: toChart(r.totals[b], c) }))}
              dataKey="bucket"
              series={[{ name: 'Owed', color: 'indigo.6' }]}
              valueFormatter={(v) => fmt(fromChart(v, c), c)}
              aria-label="Receivables by age"
              role="img"
            />
          </Card>
          {r.rows.length === 0 ? (
            <Text>Nothing was owed on that date.</Text>
          ) : (
            <Table withTableBorder striped aria-label="Aging by customer">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Customer</Table.Th>
                  {AGING_BUCKETS.map((b) => (
                    <Table.Th key={b} className="num">
                      {AGING_LABELS[b]}
                    </Table.Th>
                  ))}
                  <Table.Th className="num">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.rows.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${row.id}`} size="sm">
                        {row.name}
                      </Anchor>
                    </Table.Td>
                    {AGING_BUCKETS.map((b) => (
                      <Table.Td key={b}>
                        {figure(row[b], row.id, b, `${row.name}, ${AGING_LABELS[b]}`)}
                      </Table.Td>
                    ))}
                    <Table.Td fw={600}>{figure(row.total, row.id, null, `${row.name}, all`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>Total</Table.Th>
                  {AGING_BUCKETS.map((b) => (
                    <Table.Th key={b}>
                      {figure(r.totals[b], null, b, `All customers, ${AGING_LABELS[b]}`)}
                    </Table.Th>
                  ))}
                  <Table.Th>{figure(r.totals.total, null, null, 'All customers')}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          )}
        </>
      )}
      <Drawer opened={!!cell} onClose={() => setCell(null)} position="right" size="lg" title={cell?.title}>
        <Table aria-label="Invoices behind the figure">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Invoice</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th className="num">Days late</Table.Th>
              <Table.Th className="num">Owed then</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(items.data ?? []).map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/invoices/${i.id}`} size="sm">
                    {i.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{i.partyName}</Table.Td>
                <Table.Td>{i.dueDate ? formatDate(i.dueDate, preferences.locale) : '—'}</Table.Td>
                <Table.Td className="num">{Math.max(i.daysOverdue, 0)}</Table.Td>
                <Table.Td className="num">
                  {fmt(i.outstanding, i.currency)}
                  {i.currency !== c && (
                    <Text size="xs" c="dimmed">
                      {fmt(i.outstandingBase, c)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group mt="sm">
          <Text size="xs" c="dimmed">
            Amounts are what was still owed on {formatDate(asOf, preferences.locale)}.
          </Text>
        </Group>
      </Drawer>
    </ReportFrame>
  );
}
