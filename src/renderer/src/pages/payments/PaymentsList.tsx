import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../../../shared/api/payments';
import { PAYMENT_METHOD_KEYS } from './methods';
import { call } from '../../api/client';
import { useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { DataTable, type Column } from '../../components/DataTable';
import { useMoneyFormat } from '../../components/Money';
import { formatDate } from '../../lib/format';
import { useListShortcuts } from '../../lib/useListShortcuts';
import { RecordPaymentModal } from './RecordPaymentModal';
import { ReceiptButton } from '../document-output/Mounts';

/** Every payment received, newest first; each can be undone (it stays listed, struck through). */
export function PaymentsList({ customerId }: { customerId?: number }) {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const [recording, setRecording] = useState(false);
  const undo = useApiMutation('payments.undo', {
    invalidates: ['payments', 'documents', 'customers', 'audit'],
    success: () => t('payments.undone'),
  });
  useListShortcuts({ onNew: () => setRecording(true) });

  const columns: Column<Payment>[] = [
    {
      key: 'date',
      header: t('common.date'),
      width: 120,
      render: (p) => (
        <span className={p.undone ? 'void' : undefined}>{formatDate(p.date, preferences.locale)}</span>
      ),
    },
    {
      key: 'customer',
      header: t('common.customer'),
      render: (p) => (
        <Anchor
          component={Link}
          to={`/customers/${p.customerId}`}
          size="sm"
          onClick={(e) => e.stopPropagation()}
        >
          {p.customerName}
        </Anchor>
      ),
    },
    {
      key: 'method',
      header: t('payments.list.method'),
      width: 130,
      render: (p) => t(PAYMENT_METHOD_KEYS[p.method]),
    },
    { key: 'reference', header: t('common.reference'), width: 140, render: (p) => p.reference },
    {
      key: 'invoices',
      header: t('payments.list.appliedTo'),
      render: (p) =>
        p.allocations.length === 0
          ? t('payments.list.customerCredit')
          : p.allocations.map((a) => a.invoiceNumber).join(', ') +
            (p.unapplied > 0
              ? ` ${t('payments.list.plusCredit', { amount: fmt(p.unapplied, p.currency) })}`
              : ''),
    },
    {
      key: 'amount',
      header: t('common.amount'),
      width: 140,
      align: 'right',
      render: (p) => <span className={p.undone ? 'void' : undefined}>{fmt(p.amount, p.currency)}</span>,
    },
    {
      key: 'undo',
      header: '',
      width: 170,
      render: (p) =>
        p.undone ? (
          <Text size="xs" c="dimmed">
            {t('payments.list.undone')}
          </Text>
        ) : (
          <Group gap={4} wrap="nowrap">
            <ReceiptButton paymentId={p.id} label={`${p.customerName}, ${fmt(p.amount, p.currency)}`} />
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              aria-label={t('payments.undo.label', {
                customer: p.customerName,
                amount: fmt(p.amount, p.currency),
              })}
              onClick={(e) => {
                e.stopPropagation();
                modals.openConfirmModal({
                  title: t('payments.undo.title'),
                  children: <Text size="sm">{t('payments.undo.body')}</Text>,
                  labels: { confirm: t('payments.undo.confirm'), cancel: t('payments.undo.keep') },
                  confirmProps: { color: 'red' },
                  onConfirm: () => undo.mutate({ id: p.id, reason: '' }, { onError: notifyError }),
                });
              }}
            >
              {t('payments.undo.button')}
            </Button>
          </Group>
        ),
    },
  ];

  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setRecording(true)}>{t('payments.record.button')}</Button>
      </Group>
      <DataTable
        label={t('documents.tabs.payments')}
        queryKey={['payments', 'list', customerId ?? null]}
        fetchPage={(offset, limit) =>
          call('payments.list', { customerId: customerId ?? null, offset, limit })
        }
        columns={columns}
        rowKey={(p) => p.id}
        onOpen={(p) => p.allocations[0] && window.location.assign(`#/invoices/${p.allocations[0].invoiceId}`)}
        empty={
          <Paper withBorder p="xl" ta="center">
            <Text>{t('payments.list.empty')}</Text>
          </Paper>
        }
        height={customerId ? 300 : undefined}
      />
      {recording && <RecordPaymentModal opened onClose={() => setRecording(false)} customerId={customerId} />}
    </Stack>
  );
}
