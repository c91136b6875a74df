import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { Link } from 'react-router';
import { PAYMENT_METHOD_LABELS, type Payment } from '../../../../shared/api/payments';
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
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const [recording, setRecording] = useState(false);
  const undo = useApiMutation('payments.undo', {
    invalidates: ['payments', 'documents', 'customers', 'audit'],
    success: 'Payment undone.',
  });
  useListShortcuts({ onNew: () => setRecording(true) });

  const columns: Column<Payment>[] = [
    {
      key: 'date',
      header: 'Date',
      width: 120,
      render: (p) => (
        <span className={p.undone ? 'void' : undefined}>{formatDate(p.date, preferences.locale)}</span>
      ),
    },
    {
      key: 'customer',
      header: 'Customer',
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
    { key: 'method', header: 'Method', width: 130, render: (p) => PAYMENT_METHOD_LABELS[p.method] },
    { key: 'reference', header: 'Reference', width: 140, render: (p) => p.reference },
    {
      key: 'invoices',
      header: 'Applied to',
      render: (p) =>
        p.allocations.length === 0
          ? 'Customer credit'
          : p.allocations.map((a) => a.invoiceNumber).join(', ') +
            (p.unapplied > 0 ? ` + ${fmt(p.unapplied, p.currency)} credit` : ''),
    },
    {
      key: 'amount',
      header: 'Amount',
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
            Undone
          </Text>
        ) : (
          <Group gap={4} wrap="nowrap">
            <ReceiptButton paymentId={p.id} label={`${p.customerName}, ${fmt(p.amount, p.currency)}`} />
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              aria-label={`Undo payment from ${p.customerName} of ${fmt(p.amount, p.currency)}`}
              onClick={(e) => {
                e.stopPropagation();
                modals.openConfirmModal({
                  title: 'Undo this payment?',
                  children: (
                    <Text size="sm">
                      Invoices it paid become open again; credit it left is removed. It stays listed, struck
                      through.
                    </Text>
                  ),
                  labels: { confirm: 'Undo payment', cancel: 'Keep it' },
                  confirmProps: { color: 'red' },
                  onConfirm: () => undo.mutate({ id: p.id, reason: '' }, { onError: notifyError }),
                });
              }}
            >
              Undo
            </Button>
          </Group>
        ),
    },
  ];

  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setRecording(true)}>Record payment</Button>
      </Group>
      <DataTable
        label="Payments received"
        queryKey={['payments', 'list', customerId ?? null]}
        fetchPage={(offset, limit) =>
          call('payments.list', { customerId: customerId ?? null, offset, limit })
        }
        columns={columns}
        rowKey={(p) => p.id}
        onOpen={(p) => p.allocations[0] && window.location.assign(`#/invoices/${p.allocations[0].invoiceId}`)}
        empty={
          <Paper withBorder p="xl" ta="center">
            <Text>No payments recorded yet. Record one here or from an invoice.</Text>
          </Paper>
        }
        height={customerId ? 300 : undefined}
      />
      {recording && <RecordPaymentModal opened onClose={() => setRecording(false)} customerId={customerId} />}
    </Stack>
  );
}
