import { Alert, Button, Card, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { localToday } from '../../../../shared/domain/dates';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { MoneyInput } from '../../components/MoneyInput';
import { formatDate } from '../../lib/format';
import { CashflowChart } from './CashflowChart';
import { ReportFrame } from './ReportFrame';
import { useTranslation } from 'react-i18next';

/** Thirteen weeks of money in and out, and the balance they leave, from the cash in the bank today. */
export function CashflowReport() {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const report = useApi('reports.cashflow', {});
  const [opening, setOpening] = useState<number | null>(null);
  const save = useApiMutation('reports.setOpeningBalance', {
    invalidates: ['reports', 'dashboard'],
    success: t('reports.cashflow.openingSaved'),
  });
  const r = report.data;
  const c = r?.currency ?? preferences.baseCurrency;
  const date = (d: string) => formatDate(d, preferences.locale);
  const negative = r?.weeks.filter((w) => w.balance < 0) ?? [];

  return (
    <ReportFrame
      title={t('reports.cashflow.title')}
      description={t('reports.cashflow.description')}
      csv={{ report: 'cashflow' }}
      controls={
        r?.openingSource === 'bank' ? (
          <Text size="sm" c="dimmed">
            {t('reports.cashflow.startsFromBank', {
              amount: fmt(r.openingBalance, c),
              date: date(r.openingDate!),
            })}
          </Text>
        ) : (
          <Group align="flex-end">
            <MoneyInput
              label={t('reports.cashflow.cashToday', { currency: c })}
              currency={c}
              value={opening ?? r?.openingBalance ?? null}
              onChange={setOpening}
              w={220}
            />
            <Button
              variant="light"
              disabled={opening === null}
              onClick={() =>
                opening !== null &&
                save.mutate(
                  { amount: opening, date: localToday() },
                  { onSuccess: () => setOpening(null), onError: notifyError },
                )
              }
            >
              {t('reports.cashflow.saveBalance')}
            </Button>
            {r?.openingDate && (
              <Text size="xs" c="dimmed" mb={8}>
                {t('reports.cashflow.entered', { date: date(r.openingDate) })}
              </Text>
            )}
          </Group>
        )
      }
    >
      {r && (
        <>
          {negative.length > 0 && (
            <Alert color="red" title={t('reports.cashflow.shortTitle')}>
              {t('reports.cashflow.shortText', { date: date(negative[0]!.start) })}
            </Alert>
          )}
          <Card withBorder>
            <CashflowChart weeks={r.weeks} currency={c} height={300} />
          </Card>
          <Table.ScrollContainer minWidth={860}>
            <Table withTableBorder aria-label={t('reports.cashflow.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.cashflow.week')}</Table.Th>
                  <Table.Th className="num">{t('reports.cashflow.invoicesDue')}</Table.Th>
                  <Table.Th className="num">{t('reports.cashflow.recurringInvoices')}</Table.Th>
                  <Table.Th className="num">{t('reports.cashflow.billsDue')}</Table.Th>
                  <Table.Th className="num">{t('reports.cashflow.recurringBills')}</Table.Th>
                  <Table.Th className="num">{t('reports.cashflow.net')}</Table.Th>
                  <Table.Th className="num">{t('reports.cashflow.balance')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.weeks.map((w) => (
                  <Table.Tr
                    key={w.start}
                    bg={w.balance < 0 ? 'var(--mantine-color-red-light)' : undefined}
                    aria-label={w.balance < 0 ? t('reports.cashflow.belowZero') : undefined}
                  >
                    <Table.Td>
                      {date(w.start)} – {date(w.end)}
                    </Table.Td>
                    <Table.Td className="num">{fmt(w.receipts, c)}</Table.Td>
                    <Table.Td className="num">{fmt(w.recurringReceipts, c)}</Table.Td>
                    <Table.Td className="num">{fmt(-w.bills, c)}</Table.Td>
                    <Table.Td className="num">{fmt(-w.recurringBills, c)}</Table.Td>
                    <Table.Td className={w.net < 0 ? 'num negative' : 'num'}>{fmt(w.net, c)}</Table.Td>
                    <Table.Td className={w.balance < 0 ? 'num negative' : 'num'} fw={600}>
                      {fmt(w.balance, c)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" c="dimmed">
            {t('reports.cashflow.later', { moneyIn: fmt(r.later.receipts, c), bills: fmt(r.later.bills, c) })}{' '}
            {r.openingSource === 'bank'
              ? t('reports.cashflow.fromBank', {
                  amount: fmt(r.openingBalance, c),
                  date: date(r.openingDate!),
                })
              : r.openingDate
                ? t('reports.cashflow.fromEntered', {
                    amount: fmt(r.openingBalance, c),
                    date: date(r.openingDate),
                  })
                : t('reports.cashflow.fromNothing', { amount: fmt(r.openingBalance, c) })}
          </Text>
        </>
      )}
    </ReportFrame>
  );
}
