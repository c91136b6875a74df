import { Anchor, Card, Drawer, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { DateField } from '../../components/DateField';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/domain/aging';
import { useTranslation } from 'react-i18next';
import { fromChart, toChart } from '../../lib/chart';
import { localToday } from '../../../../shared/domain/dates';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { formatDate } from '../../lib/format';
import { ReportFrame } from './ReportFrame';
import type { AgingItem } from '../../../../shared/api/reports';

/** The aging buckets' column headings. */
export const BUCKET_LABELS = {
  current: 'reports.aging.buckets.current',
  d1_30: 'reports.aging.buckets.d1to30',
  d31_60: 'reports.aging.buckets.d31to60',
  d61_90: 'reports.aging.buckets.d61to90',
  d90plus: 'reports.aging.buckets.d90plus',
} as const satisfies Record<AgingBucket, string>;

/** What differs between the two sides of aging: the calls, the words (catalogue keys) and the links. */
const SIDES = {
  receivables: {
    report: 'reports.receivablesAging',
    items: 'reports.receivablesAgingItems',
    csv: 'receivablesAging',
    title: 'reports.aging.receivables.title',
    description: 'reports.aging.receivables.description',
    party: 'reports.aging.receivables.party',
    parties: 'reports.aging.receivables.parties',
    partyLink: (id: number) => `/customers/${id}`,
    item: 'reports.aging.receivables.item',
    itemsLabel: 'reports.aging.receivables.itemsLabel',
    itemLink: (id: number) => `/invoices/${id}`,
    unnumbered: 'reports.aging.receivables.unnumbered',
    chartLabel: 'reports.aging.receivables.chartLabel',
    tableLabel: 'reports.aging.receivables.tableLabel',
    empty: 'reports.aging.receivables.empty',
  },
  payables: {
    report: 'reports.payablesAging',
    items: 'reports.payablesAgingItems',
    csv: 'payablesAging',
    title: 'reports.aging.payables.title',
    description: 'reports.aging.payables.description',
    party: 'reports.aging.payables.party',
    parties: 'reports.aging.payables.parties',
    partyLink: (id: number) => `/vendors/${id}`,
    item: 'reports.aging.payables.item',
    itemsLabel: 'reports.aging.payables.itemsLabel',
    itemLink: (id: number) => `/bills/${id}`,
    unnumbered: 'reports.aging.payables.unnumbered',
    chartLabel: 'reports.aging.payables.chartLabel',
    tableLabel: 'reports.aging.payables.tableLabel',
    empty: 'reports.aging.payables.empty',
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
  const { t } = useTranslation();
  const bucketLabel = (b: AgingBucket) => t(BUCKET_LABELS[b]);
  const itemName = (i: AgingItem) => i.number ?? t(s.unnumbered, { id: i.id });
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
        aria-label={t('reports.aging.figureLabel', { title, amount: fmt(value, c) })}
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
      title={t(s.title)}
      description={t(s.description, { date: formatDate(asOf, preferences.locale), currency: c })}
      csv={{ report: s.csv, asOf }}
      controls={
        <DateField
          label={t('reports.aging.asOf')}
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
                bucket: bucketLabel(b),
                owed: toChart(r.totals[b], c),
              }))}
              dataKey="bucket"
              series={[{ name: 'owed', label: t('reports.aging.owed'), color: 'indigo.6' }]}
              valueFormatter={(v) => fmt(fromChart(v, c), c)}
              aria-label={t(s.chartLabel)}
              role="img"
            />
          </Card>
          {r.rows.length === 0 ? (
            <Text>{t(s.empty)}</Text>
          ) : (
            <Table withTableBorder striped aria-label={t(s.tableLabel)}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(s.party)}</Table.Th>
                  {AGING_BUCKETS.map((b) => (
                    <Table.Th key={b} className="num">
                      {bucketLabel(b)}
                    </Table.Th>
                  ))}
                  <Table.Th className="num">{t('common.total')}</Table.Th>
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
                        {figure(
                          row[b],
                          row.id,
                          b,
                          t('reports.aging.cellTitle', { party: row.name, bucket: bucketLabel(b) }),
                        )}
                      </Table.Td>
                    ))}
                    <Table.Td fw={600}>
                      {figure(row.total, row.id, null, t('reports.aging.cellAll', { party: row.name }))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('common.total')}</Table.Th>
                  {AGING_BUCKETS.map((b) => (
                    <Table.Th key={b}>
                      {figure(
                        r.totals[b],
                        null,
                        b,
                        t('reports.aging.cellTitle', { party: t(s.parties), bucket: bucketLabel(b) }),
                      )}
                    </Table.Th>
                  ))}
                  <Table.Th>{figure(r.totals.total, null, null, t(s.parties))}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          )}
        </>
      )}
      <Drawer opened={!!cell} onClose={() => setCell(null)} position="right" size="lg" title={cell?.title}>
        <Table aria-label={t(s.itemsLabel)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(s.item)}</Table.Th>
              <Table.Th>{t(s.party)}</Table.Th>
              <Table.Th>{t('common.dueDate')}</Table.Th>
              <Table.Th className="num">{t('reports.aging.daysLate')}</Table.Th>
              <Table.Th className="num">{t('reports.aging.owedThen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(items.data ?? []).map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={s.itemLink(i.id)} size="sm">
                    {itemName(i)}
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
            {t('reports.aging.drawerNote', { date: formatDate(asOf, preferences.locale) })}
          </Text>
        </Group>
      </Drawer>
    </ReportFrame>
  );
}
