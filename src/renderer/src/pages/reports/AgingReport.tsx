import { Anchor, Card, Drawer, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { DateField } from '../../components/DateField';
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
import type { AgingItem } from '../../../../shared/api/reports';

/** What differs between the two sides of aging: the calls, the words and the links. */
const SIDES = {
  receivables: {
    report: 'reports.receivablesAging',
    items: 'reports.receivablesAgingItems',
    csv: 'receivablesAging',
    title: 'Receivables aging',
    description: (date: string, c: string) =>
      `What customers owed on ${date}, by how late it was. Amounts in ${c} at each invoice's rate.`,
    party: 'Customer',
    parties: 'All customers',
    partyLink: (id: number) => `/customers/${id}`,
    item: 'Invoice',
    itemsLabel: 'Invoices behind the figure',
    itemLink: (id: number) => `/invoices/${id}`,
    itemName: (i: AgingItem) => i.number ?? `#${i.id}`,
    series: 'Owed',
    chartLabel: 'Receivables by age',
    tableLabel: 'Aging by customer',
    empty: 'Nothing was owed on that date.',
  },
  payables: {
    report: 'reports.payablesAging',
    items: 'reports.payablesAgingItems',
    csv: 'payablesAging',
    title: 'Payables aging',
    description: (date: string, c: string) =>
      `What you owed vendors on ${date}, by how late it was. Amounts in ${c} at each bill's rate.`,
    party: 'Vendor',
    parties: 'All vendors',
    partyLink: (id: number) => `/vendors/${id}`,
    item: 'Bill',
    itemsLabel: 'Bills behind the figure',
    itemLink: (id: number) => `/bills/${id}`,
    itemName: (i: AgingItem) => i.number ?? `Bill #${i.id}`,
    series: 'Owed',
    chartLabel: 'Payables by age',
    tableLabel: 'Aging by vendor',
    empty: 'You owed nothing on that date.',
  },
} as const;

export const ReceivablesAgingReport = () => <AgingReport side="receivables" />;
export const PayablesAgingReport = () => <AgingReport side="payables" />;

/**
 * Aging by customer (receivables) or vendor (payables) as of any date, rebuilt from the
 * invoices or bills and the payments dated on or before it. Every figure opens the invoices or
 * bills behind it.
 */
function AgingReport({ side }: { side: keyof typeof SIDES }) {
  const s = SIDES[side];
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? localToday();
  const [cell, setCell] = useState<{
    partyId: number | null;
    bucket: AgingBucket | null;
    title: string;
  } | null>(null);
  const report = useApi(s.report, { asOf });
  const items = useApi(
    s.items,
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
      title={s.title}
      description={s.description(formatDate(asOf, preferences.locale), c)}
      csv={{ report: s.csv, asOf }}
      controls={
        <DateField
          label="As of"
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
              data={AGING_BUCKETS.map((b) => ({
                bucket: AGING_LABELS[b],
                [s.series]: toChart(r.totals[b], c),
              }))}
              dataKey="bucket"
              series={[{ name: s.series, color: 'indigo.6' }]}
              valueFormatter={(v) => fmt(fromChart(v, c), c)}
              aria-label={s.chartLabel}
              role="img"
            />
          </Card>
          {r.rows.length === 0 ? (
            <Text>{s.empty}</Text>
          ) : (
            <Table withTableBorder striped aria-label={s.tableLabel}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{s.party}</Table.Th>
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
                      <Anchor component={Link} to={s.partyLink(row.id)} size="sm">
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
                      {figure(r.totals[b], null, b, `${s.parties}, ${AGING_LABELS[b]}`)}
                    </Table.Th>
                  ))}
                  <Table.Th>{figure(r.totals.total, null, null, s.parties)}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          )}
        </>
      )}
      <Drawer opened={!!cell} onClose={() => setCell(null)} position="right" size="lg" title={cell?.title}>
        <Table aria-label={s.itemsLabel}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{s.item}</Table.Th>
              <Table.Th>{s.party}</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th className="num">Days late</Table.Th>
              <Table.Th className="num">Owed then</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(items.data ?? []).map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={s.itemLink(i.id)} size="sm">
                    {s.itemName(i)}
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
