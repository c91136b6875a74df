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

/** Thirteen weeks of money in and out, and the balance they leave, from the cash in the bank today. */
export function CashflowReport() {
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const report = useApi('reports.cashflow', {});
  const [opening, setOpening] = useState<number | null>(null);
  const save = useApiMutation('reports.setOpeningBalance', {
    invalidates: ['reports', 'dashboard'],
    success: 'Opening balance saved.',
  });
  const r = report.data;
  const c = r?.currency ?? preferences.baseCurrency;
  const date = (d: string) => formatDate(d, preferences.locale);
  const negative = r?.weeks.filter((w) => w.balance < 0) ?? [];

  return (
    <ReportFrame
      title="Cash-flow forecast"
      description="Open invoices are expected on their due date moved by how many days late (or early) each customer has paid on average; bills on their due dates (overdue ones this week); recurring invoices and bills on their next dates."
      csv={{ report: 'cashflow' }}
      controls={
        r?.openingSource === 'bank' ? (
          <Text size="sm" c="dimmed">
            Starts from your bank accounts&apos; balance, {fmt(r.openingBalance, c)} on {date(r.openingDate!)}
            .
          </Text>
        ) : (
          <Group align="flex-end">
            <MoneyInput
              label={`Cash in the bank today (${c})`}
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
              Save balance
            </Button>
            {r?.openingDate && (
              <Text size="xs" c="dimmed" mb={8}>
                Entered {date(r.openingDate)}
              </Text>
            )}
          </Group>
        )
      }
    >
      {r && (
        <>
          {negative.length > 0 && (
            <Alert color="red" title="Cash runs short">
              The balance goes below zero in the week of {date(negative[0]!.start)}. Chase the overdue
              invoices or move a bill.
            </Alert>
          )}
          <Card withBorder>
            <CashflowChart weeks={r.weeks} currency={c} height={300} />
          </Card>
          <Table withTableBorder aria-label="Cash flow by week">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Week</Table.Th>
                <Table.Th className="num">Invoices due</Table.Th>
                <Table.Th className="num">Recurring invoices</Table.Th>
                <Table.Th className="num">Bills due</Table.Th>
                <Table.Th className="num">Recurring bills</Table.Th>
                <Table.Th className="num">Net</Table.Th>
                <Table.Th className="num">Balance</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.weeks.map((w) => (
                <Table.Tr
                  key={w.start}
                  bg={w.balance < 0 ? 'var(--mantine-color-red-light)' : undefined}
                  aria-label={w.balance < 0 ? 'Below zero' : undefined}
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
          <Text size="sm" c="dimmed">
            After these 13 weeks: {fmt(r.later.receipts, c)} more expected in, {fmt(r.later.bills, c)} of
            bills due. The forecast starts from {fmt(r.openingBalance, c)}
            {r.openingSource === 'bank'
              ? ` (your bank accounts' balance on ${date(r.openingDate!)}, from the imported statements)`
              : r.openingDate
                ? ` (entered ${date(r.openingDate)})`
                : ', since no bank balance was entered yet'}
            .
          </Text>
        </>
      )}
    </ReportFrame>
  );
}
