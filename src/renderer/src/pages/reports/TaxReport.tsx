import { Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { TaxReport as TaxReportData } from '../../../../shared/api/reports';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { taxLabel } from '../../../../shared/domain/tax';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { PeriodPicker, usePresets } from './PeriodPicker';
import { ReportFrame } from './ReportFrame';
import { useTranslation } from 'react-i18next';

function Lines({
  title,
  lines,
  total,
  currency,
}: {
  title: string;
  lines: TaxReportData['collected'];
  total: number;
  currency: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        {title}
      </Title>
      <Table withTableBorder aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.tax.rate')}</Table.Th>
            <Table.Th className="num">{t('reports.tax.base')}</Table.Th>
            <Table.Th className="num">{t('common.tax')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text size="sm" c="dimmed">
                  {t('reports.tax.none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            lines.map((l) => (
              <Table.Tr key={`${l.name}|${l.percent}`}>
                <Table.Td>
                  {l.percent ? taxLabel({ name: l.name, percent: l.percent, compound: false }) : l.name}
                </Table.Td>
                <Table.Td className="num">{fmt(l.base, currency)}</Table.Td>
                <Table.Td className="num">{fmt(l.amount, currency)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={2}>{t('common.total')}</Table.Th>
            <Table.Th className="num">{fmt(total, currency)}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Stack>
  );
}

/** Tax collected on invoices against tax paid on bills, per rate, on the basis chosen. */
export function TaxReport() {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const presets = usePresets();
  const [params, setParams] = useSearchParams();
  const period = {
    from: params.get('from') ?? presets[2]!.period.from,
    to: params.get('to') ?? presets[2]!.period.to,
  };
  const r = useApi('reports.taxSummary', { ...period, basis: null }).data;
  const setBasis = useApiMutation('reports.setTaxBasis', { invalidates: ['reports'] });
  const c = r?.currency ?? preferences.baseCurrency;
  return (
    <ReportFrame
      title={t('reports.tax.title')}
      description={t('reports.tax.description')}
      // eslint-disable-next-line i18next/no-literal-string -- the report's id for the export, not text
      csv={{ report: 'taxSummary', ...period }}
      controls={
        <Group align="flex-end">
          <PeriodPicker
            value={period}
            onChange={(p) => setParams(p as unknown as Record<string, string>, { replace: true })}
          />
          <SegmentedControl
            aria-label={t('reports.tax.basis')}
            data={[
              { value: 'accrual', label: t('reports.tax.accrual') },
              { value: 'cash', label: t('reports.tax.cash') },
            ]}
            value={r?.basis ?? 'accrual'}
            onChange={(v) => setBasis.mutate({ basis: v as 'accrual' }, { onError: notifyError })}
          />
        </Group>
      }
    >
      {r && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Lines
              title={t('reports.tax.collected')}
              lines={r.collected}
              total={r.totalCollected}
              currency={c}
            />
            <Lines title={t('reports.tax.paid')} lines={r.paid} total={r.totalPaid} currency={c} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Text fw={700} size="lg" aria-label={t('reports.tax.netLabel')}>
              {r.net >= 0 ? t('reports.tax.owed') : t('reports.tax.reclaim')}:{' '}
              <span className="amount">{fmt(Math.abs(r.net), c)}</span>
            </Text>
          </Group>
        </>
      )}
    </ReportFrame>
  );
}
